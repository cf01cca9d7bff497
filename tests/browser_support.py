"""Serve a built site on 127.0.0.1 and look at its pages in Chromium.

Every check here is a plain function that returns a list of problems (strings that
name the page and what is wrong), so the browser tests, the tests that prove each
check on a bad site, and scripts/bench_math.py share one implementation.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import io
import os
import re
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from sitebuild.math_delimiters import page_has_math

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
]
VIEWPORT = {"width": 1280, "height": 900}
SCHEMES = {"light": "default", "dark": "slate"}  # emulated prefers-color-scheme -> Material's scheme name
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_IMPACTS = {"serious", "critical"}
# The two schemes share one DOM: Material swaps a data attribute and CSS custom properties. So the
# dark pass re-runs only the rules whose outcome depends on colour or on which image is shown.
AXE_SCHEME_RULES = ["color-contrast", "link-in-text-block", "image-alt", "svg-img-alt", "role-img-alt", "input-image-alt"]


def chromium_path() -> str:
    return os.environ.get("CHROMIUM") or "/usr/bin/chromium"


class BrowserUnavailable(RuntimeError):
    """Chromium could not be started: the browser tests fail with this message, they never skip."""


def launch_chromium(playwright):
    """One headless Chromium with the flags that keep it off the network."""
    path = chromium_path()
    try:
        return playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
    except Exception as exc:  # noqa: BLE001 - any launch failure becomes one clear message
        raise BrowserUnavailable(
            f"Chromium could not be started from {path!r} ({type(exc).__name__}: {str(exc).splitlines()[0]}). "
            "Install Debian's 'chromium' package (`make browser`) or set CHROMIUM=/path/to/chrome."
        ) from exc


# ---------------------------------------------------------------- serving

GZIP_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, no request log; with gzip=True, text is compressed like a static host does."""

    gzip = False
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "application/javascript",
        ".mjs": "application/javascript",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".woff2": "font/woff2",
        ".ipynb": "application/json",
    }

    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_head(self):
        if not self.gzip or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the base class redirects to the slash form
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if not path.is_file() or not ctype.startswith(GZIP_TYPES):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a browser closing a tab mid-download is fine
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(folder: Path, *, gzip: bool = False) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 on a free port from a background thread; yields the base URL."""
    handler = type("Handler", (_QuietHandler,), {"gzip": gzip})
    server = _Server(("127.0.0.1", 0), partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, name=f"serve {folder}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# ---------------------------------------------------------------- the pages of a built site


def site_pages(site: Path) -> list[str]:
    """Every page of a built site as a URL path relative to its root ('' is the home page); 404.html left out."""
    pages = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel == "404.html" or rel.startswith(("assets/", "search/")):
            continue
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


def page_source(url_path: str, docs: Path = DOCS) -> Path | None:
    """The docs/ file a page was built from (use_directory_urls), or None when there is none."""
    stem = url_path.rstrip("/")
    if stem.endswith(".html"):
        stem = stem[: -len(".html")]
    candidates = [docs / "index.md"] if stem == "" else [docs / f"{stem}.md", docs / stem / "index.md", docs / f"{stem}.ipynb"]
    return next((path for path in candidates if path.is_file()), None)


def source_has_math(path: Path | None) -> bool:
    """True when the page's source writes a formula (the site's one rule: sitebuild.math_delimiters)."""
    return path is not None and page_has_math(path)


# ---------------------------------------------------------------- checks that need no browser

_RAW_MATH = re.compile(
    r"\\\((?:.{0,60}?\\\)|.{0,40})"  # \( ... \)
    r"|\\\[(?:.{0,60}?\\\]|.{0,40})"  # \[ ... \]
    r"|\$\$(?:.{0,60}?\$\$|.{0,40})"  # $$ ... $$
    r"|(?<![\\$\w])\$(?=\S)[^$\n]{1,80}?(?<=\S)\$(?![\w$])",  # $...$, not prices like $5
    re.S,
)


def raw_math(text: str) -> list[str]:
    """TeX delimiters left in text a reader sees: the math was not rendered."""
    return [match.group(0).replace("\n", " ")[:60] for match in _RAW_MATH.finditer(text)]


class _LinkParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.anchors: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag, url)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(key):
                self.anchors.add(attrs[key])
        if tag == "a" and attrs.get("href") is not None:
            self.links.append(("a href", attrs["href"]))
        elif tag in ("img", "script", "source", "iframe") and attrs.get("src"):
            self.links.append((f"{tag} src", attrs["src"]))
        elif tag == "link" and attrs.get("href") and attrs.get("rel") not in ("canonical", "alternate"):
            self.links.append(("link href", attrs["href"]))


def _parse(path: Path) -> _LinkParser:
    parser = _LinkParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser


def _target_file(site: Path, url: str) -> Path:
    path = site / unquote(url).lstrip("/")
    if url.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path


def broken_links(site: Path, site_url: str = "") -> list[str]:
    """Every relative link, src and #anchor in every HTML file of `site` that does not resolve."""
    base_path = urlsplit(site_url).path or "/"
    parsed: dict[Path, _LinkParser] = {}

    def parse(path: Path) -> _LinkParser:
        if path not in parsed:
            parsed[path] = _parse(path)
        return parsed[path]

    problems = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel == "404.html":  # links there are absolute to site_url, for any depth of a missing page
            continue
        page_url = "/" + rel
        for kind, url in parse(html).links:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith("//"):
                continue  # external: leaves the site, not fetched by the page
            if parts.path.startswith("/") and base_path != "/" and parts.path.startswith(base_path):
                target_url = "/" + parts.path[len(base_path) :]
            else:
                target_url = urljoin(page_url, parts.path) if parts.path else page_url
            target = html if not parts.path else _target_file(site, target_url)
            where = f"{rel}: {kind}={url!r}"
            if not target.is_file():
                problems.append(f"{where}: no file {target.relative_to(site).as_posix() if target.is_relative_to(site) else target}")
                continue
            fragment = unquote(parts.fragment)
            if fragment and kind == "a href" and target.suffix == ".html" and fragment not in parse(target).anchors:
                problems.append(f"{where}: no element with id or name {fragment!r} in {target.relative_to(site).as_posix()}")
    return problems


# ---------------------------------------------------------------- checks in the browser


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


# ---------------------------------------------------------------- one tour of every page, per colour scheme

CATEGORIES = ("foreign", "failed", "console", "scheme", "math", "images", "axe", "layout")


def tour(browser, base_url: str, pages: list[str], expect_math, *, schemes=("light", "dark"), axe: bool = True, viewport=VIEWPORT):
    """Open every page once per colour scheme (one context each) and run every per-page check.

    The schemes' tabs visit the same page side by side, so their axe runs overlap.
    `expect_math(path)` says whether the page's source writes math. Returns {category: [problem, ...]}.
    """
    found: dict[str, list[str]] = {category: [] for category in CATEGORIES}
    tabs = []
    for scheme in schemes:
        context = browser.new_context(viewport=viewport, color_scheme=scheme, service_workers="block")
        block_foreign_hosts(context, base_url)
        page = context.new_page()
        recorder = Recorder(origin=base_url)
        recorder.attach(page)
        tabs.append((scheme, context, page, recorder))
    try:
        for path in pages:
            for scheme, _, page, recorder in tabs:
                label = recorder.label = f"/{path} [{scheme}]"
                expected = SCHEMES[scheme]
                page.goto(base_url + path, wait_until="load")
                actual = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
                if actual != expected:
                    found["scheme"].append(f"{label}: body data-md-color-scheme is {actual!r}, expected {expected!r}")
                if scheme == schemes[0]:
                    found["math"] += math_problems(page, label, expect_math(path))
                found["images"] += scheme_image_problems(page, label, expected)
                found["layout"] += layout_problems(page, label, viewport["width"])
                if axe:
                    start_axe(page, None if scheme == schemes[0] else AXE_SCHEME_RULES)
            if axe:
                for _, _, page, recorder in tabs:
                    found["axe"] += finish_axe(page, recorder.label)
        for _, _, page, _ in tabs:
            page.goto("about:blank")  # let the last page finish its requests under its own label
    finally:
        for _, context, _, _ in tabs:
            context.close()
    for _, _, _, recorder in tabs:
        for category, problems in recorder.problems.items():
            found[category] += problems
    return found


# ---------------------------------------------------------------- diagram labels as a reader sees them

_DIAGRAM_LABELS_JS = """async () => {
  const imgs = [...document.querySelectorAll('.md-content img[src*="assets/diagrams/"]')]
    .filter(img => img.checkVisibility({visibilityProperty: true}));
  await Promise.all(imgs.map(img => { img.loading = 'eager'; return img.decode().catch(() => null); }));
  const out = [];
  for (const img of imgs) {
    const svg = new DOMParser().parseFromString(await (await fetch(img.currentSrc)).text(), 'image/svg+xml');
    const root = svg.documentElement;
    const viewBoxWidth = root.viewBox.baseVal.width;
    const shown = img.getBoundingClientRect().width;
    const scale = shown / viewBoxWidth;
    const labels = [...root.querySelectorAll('text')].map(t => ({
      role: t.getAttribute('data-role'), text: t.textContent,
      px: parseFloat(t.getAttribute('font-size')) * scale}));
    out.push({src: img.getAttribute('src'), current: img.currentSrc.split('/').pop(), shown, viewBoxWidth, labels});
  }
  return out;
}"""


def diagram_labels(page) -> list[dict]:
    """Every visible diagram on `page`: the file shown, its rendered width, and each label's size in CSS px.

    A label's size is its font-size in the SVG times the scale the image is drawn at
    (rendered width / viewBox width): the size a reader sees.
    """
    return page.evaluate(_DIAGRAM_LABELS_JS)


MIN_LABEL_PX = 11  # the smallest text a phone reader can read without zooming


def diagram_label_problems(page, label: str, width: int, minimum: float = MIN_LABEL_PX) -> list[str]:
    """Every diagram label on `page` drawn smaller than `minimum` CSS px, one problem per diagram."""
    problems = []
    for diagram in diagram_labels(page):
        small = [f"{t['role']} {t['text']!r} {t['px']:.1f} px" for t in diagram["labels"] if t["px"] < minimum]
        if small:
            problems.append(
                f"{label}: {diagram['current']} is shown {diagram['shown']:.0f} px wide at a {width} px viewport, "
                f"so {len(small)} label(s) are under {minimum} px ({'; '.join(small[:3])}); "
                "give it a narrow drawing (hooks/diagrams.py DIAGRAMS) or larger text"
            )
    return problems
