"""Checks of one page open in Chromium; each returns a list of problems naming the page and what is wrong."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sitebrowser.static import raw_math

VIEWPORT = {"width": 1280, "height": 900}
SCHEMES = {"light": "default", "dark": "slate"}  # emulated prefers-color-scheme -> Material's scheme name
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_IMPACTS = {"serious", "critical"}
# The two schemes share one DOM: Material swaps a data attribute and CSS custom properties. So the
# dark pass re-runs only the rules whose outcome depends on colour or on which image is shown.
AXE_SCHEME_RULES = ["color-contrast", "link-in-text-block", "image-alt", "svg-img-alt", "role-img-alt", "input-image-alt"]





@dataclass
class Recorder:
    """Every request, failure and console error of one browser page, for the page being looked at."""

    origin: str
    label: str = ""
    requests: list[tuple[str, str]] = field(default_factory=list)  # (page, url)
    problems: dict[str, list[str]] = field(default_factory=lambda: {"foreign": [], "failed": [], "console": []})

    def attach(self, page) -> None:
        page.on("request", self._on_request)
        page.on("requestfailed", self._on_failed)
        page.on("response", self._on_response)
        page.on("console", self._on_console)
        page.on("pageerror", self._on_pageerror)

    def _add(self, kind: str, message: str) -> None:
        self.problems[kind].append(f"{self.label}: {message}")

    def _on_request(self, request) -> None:
        self.requests.append((self.label, request.url))
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if f"{parts.scheme}://{parts.netloc}/" != self.origin:
            self._add("foreign", f"request to another host: {request.url}")

    def _on_failed(self, request) -> None:
        if urlsplit(request.url).scheme in ("data", "blob"):
            return
        self._add("failed", f"request failed ({request.failure}): {request.url}")

    def _on_response(self, response) -> None:
        if response.status >= 400:
            self._add("failed", f"HTTP {response.status}: {response.url}")

    def _on_console(self, message) -> None:
        if message.type == "error":
            self._add("console", f"console error: {message.text} ({message.location.get('url', '')})")

    def _on_pageerror(self, error) -> None:
        self._add("console", f"uncaught exception: {error}")


def block_foreign_hosts(context, origin: str) -> None:
    """Abort anything that would leave 127.0.0.1 (the Recorder still reports it): tests stay offline and fast."""

    def handle(route):
        if route.request.url.startswith(origin):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    context.route("**/*", handle)


_VISIBLE_TEXT_JS = """() => {
  const skip = 'pre, code, script, style, noscript, textarea, .katex, .katex-mathml, svg';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const parts = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!parent || parent.closest(skip)) continue;
    if (!parent.checkVisibility({visibilityProperty: true, opacityProperty: false})) continue;
    parts.push(node.nodeValue);
  }
  return parts.join('');
}"""


def visible_text(page) -> str:
    """The text a reader sees, code blocks and rendered math left out."""
    return page.evaluate(_VISIBLE_TEXT_JS)


def math_problems(page, label: str, expect_math: bool) -> list[str]:
    problems = [f"{label}: raw TeX in the visible text: {snippet!r}" for snippet in raw_math(visible_text(page))]
    if expect_math and page.locator(".katex").count() == 0:
        problems.append(f"{label}: the source writes math but the page has no .katex element (math not rendered at build time)")
    return problems


_SCHEME_IMAGES_JS = """async () => {
  const imgs = [...document.querySelectorAll('img[src*="#only-light"], img[src*="#only-dark"]')];
  await Promise.all(imgs.map(img => { img.loading = 'eager'; return img.decode().catch(() => null); }));
  return imgs.map(img => {
    const box = img.getBoundingClientRect();
    return {src: img.getAttribute('src'), width: box.width, height: box.height,
            natural: img.naturalWidth, shown: img.checkVisibility({visibilityProperty: true})};
  });
}"""


def scheme_image_problems(page, label: str, scheme: str) -> list[str]:
    """Under `scheme` ('default' or 'slate') the matching #only- image is shown and loaded, the other hidden."""
    want = "#only-light" if scheme == "default" else "#only-dark"
    problems = []
    for img in page.evaluate(_SCHEME_IMAGES_JS):
        shown = img["shown"] and img["width"] > 0 and img["height"] > 0
        if want in img["src"]:
            if not shown:
                problems.append(f"{label}: {img['src']} is hidden under the {scheme} scheme")
            elif img["natural"] == 0:
                problems.append(f"{label}: {img['src']} did not load (naturalWidth 0) under the {scheme} scheme")
        elif shown:
            problems.append(f"{label}: {img['src']} is visible under the {scheme} scheme, where it should be hidden")
    return problems


_AXE_SCRIPT: str | None = None

# Leaf spans of highlighted code and of KaTeX output repeat a handful of styles hundreds of times per
# page. A span whose colour, size, weight, opacity and background equal an earlier span's on the same
# page has the same contrast, and no other WCAG A/AA rule applies to a bare text span; such repeats
# are left out of the axe run, which keeps it fast. Every distinct style is still checked on every page.
_MARK_REPEATS_JS = """() => {
  const background = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor;
      if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return c;
    }
    return 'none';
  };
  const seen = new Set();
  let repeats = 0;
  for (const el of document.querySelectorAll('pre code span, .katex-html span')) {
    if (el.childElementCount) continue;
    const s = getComputedStyle(el);
    const key = [s.color, s.fontSize, s.fontWeight, s.opacity, background(el)].join('|');
    if (seen.has(key)) { el.setAttribute('data-axe-repeat', ''); repeats++; } else seen.add(key);
  }
  return repeats;
}"""


def start_axe(page, rules: list[str] | None = None) -> None:
    """Start axe-core (bundled with axe-playwright-python, no network) on `page` without waiting for it.

    Serious and critical WCAG 2.1 A/AA violations are collected by `finish_axe`. `rules` narrows the
    run to those rule ids. Starting on several pages before finishing any lets their renderers work at once.
    """
    global _AXE_SCRIPT
    if _AXE_SCRIPT is None:
        from axe_playwright_python.sync_playwright import Axe

        _AXE_SCRIPT = Axe().axe_script
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"], "iframes": False}
    if rules is not None:
        options["runOnly"] = {"type": "rule", "values": rules}
    page.evaluate(_AXE_SCRIPT)
    page.evaluate(_MARK_REPEATS_JS)
    page.evaluate(
        """options => { window.__axeRun = new Promise(resolve => setTimeout(resolve, 0))  // return before axe starts
             .then(() => axe.run({exclude: [['[data-axe-repeat]']]}, options))
             .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                                targets: v.nodes.map(n => n.target.join(' '))}))); }""",
        options,
    )


def finish_axe(page, label: str) -> list[str]:
    problems = []
    for violation in page.evaluate("() => window.__axeRun"):
        if violation["impact"] not in AXE_IMPACTS:
            continue
        targets = violation["targets"][:5]
        more = len(violation["targets"]) - len(targets)
        problems.append(
            f"{label}: {violation['id']} ({violation['impact']}): {violation['help']}; targets: {' | '.join(targets)}{f' (+{more} more)' if more > 0 else ''}"
        )
    return problems


def axe_problems(page, label: str, rules: list[str] | None = None) -> list[str]:
    """Serious and critical WCAG 2.1 A/AA violations on `page`, as '<label>: <rule> (<impact>): ...; targets: ...'."""
    start_axe(page, rules)
    return finish_axe(page, label)


def settled_screenshot(page) -> bytes:
    """A full-page screenshot taken once the page has stopped changing.

    `networkidle` can come before a web font or an image is drawn on a loaded machine, so two
    screenshots of one page could differ. This waits for every font and image, lets two frames
    pass, and turns off animations and the caret.
    """
    page.evaluate(
        """async () => {
            await document.fonts.ready;
            await Promise.all([...document.images].map((img) => img.decode().catch(() => null)));
            await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        }"""
    )
    return page.screenshot(full_page=True, animations="disabled", caret="hide")


def wait_for_search_ready(page, timeout: float = 15_000) -> None:
    page.wait_for_function(
        """() => { const meta = document.querySelector('.md-search-result__meta');
                   return meta && !/Initializing|正在初始化/i.test(meta.textContent); }""",
        timeout=timeout,
    )


def search_results(page, query: str, timeout: float = 10_000) -> list[str]:
    """Type `query` into Material's search box; the result pages, best first, as paths without #fragment."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    page.wait_for_function("() => !document.querySelector('.md-search-result__item')", timeout=timeout)
    box.fill(query)
    box.press("End")  # Material's search listens to key-up
    page.locator(".md-search-result__item").first.wait_for(timeout=timeout)
    hrefs = page.eval_on_selector_all(  # one item per page; its first link is the page, the rest its sections
        ".md-search-result__list > .md-search-result__item",
        "items => items.map(item => item.querySelector('a.md-search-result__link').href)",
    )
    return [urlsplit(href).path for href in hrefs]


PHONE = {"width": 412, "height": 900}
WIDE_LAYOUT = 1220  # Material's widest layout (76.25em): code lines fit there (sitebuild/code_width.py)

_LAYOUT_JS = """() => {
  const root = document.documentElement;
  const code = [...document.querySelectorAll('.md-content pre > code')];
  return {overflow: root.scrollWidth - root.clientWidth,
          scrolling: code.filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.textContent.split('\\n')[0].slice(0, 50))};
}"""


def layout_problems(page, label: str, width: int) -> list[str]:
    """The page scrolls sideways; in the wide layout, a code block scrolls sideways."""
    found = page.evaluate(_LAYOUT_JS)
    problems = []
    if found["overflow"] > 0:
        problems.append(f"{label}: the page scrolls sideways by {found['overflow']} px at {width} px")
    if width >= WIDE_LAYOUT:
        problems += [f"{label}: a code block scrolls sideways at {width} px: {first!r}" for first in found["scrolling"]]
    return problems


