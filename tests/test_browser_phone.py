"""The site on a phone (412 and 360 px): every page's layout and axe, wide tables, diagram labels, the lightbox, the notebook."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import load_hook, report

from sitebrowser import (
    PHONE,
    VIEWPORT,
    diagram_label_problems,
    diagram_labels,
    page_source,
    serve,
    site_pages,
    source_has_math,
    tour,
)

BAD_SITE = Path(__file__).parent / "bad_sites" / "browser"


@pytest.fixture(scope="module")
def phone_problems(browser, site_server: str, pages: list[str]) -> dict[str, list[str]]:
    """Every page at 412 px, light then dark: layout and axe (the other checks do not depend on the width)."""
    return tour(browser, site_server, pages, lambda path: source_has_math(page_source(path)), viewport=PHONE)


def test_no_page_scrolls_sideways_on_a_phone(phone_problems):
    assert not phone_problems["layout"], report(phone_problems["layout"])


def test_accessibility_on_a_phone(phone_problems):
    """axe-core at 412 px: formulas and tables that scroll take keyboard focus (scrollable-region-focusable)."""
    assert not phone_problems["axe"], report(phone_problems["axe"])


def test_a_wide_table_keeps_its_key_column_in_view_on_a_phone(browser, site_server: str):
    """The frameworks table scrolls inside its wrapper, with its first column (the library) held at the left."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(site_server + "frameworks/other-frameworks/", wait_until="load")
        wrap = page.locator(".md-typeset__scrollwrap").first
        assert wrap.get_attribute("tabindex") == "0" and wrap.get_attribute("aria-label").startswith("Table: Library")
        assert wrap.evaluate("el => el.scrollWidth > el.clientWidth"), "the table fits: the check proves nothing"
        wrap.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
        key = wrap.locator("tbody tr td:first-child").first.bounding_box()
        left = wrap.bounding_box()["x"]
        assert abs(key["x"] - left) < 2, f"the key column scrolled away: its left edge is at {key['x']}, the table's at {left}"
    finally:
        context.close()


def diagram_pages(built_site: Path) -> list[str]:
    return [path for path in site_pages(built_site) if "assets/diagrams/" in (built_site / path / "index.html").read_text()]


def labels_at(browser, site_server: str, built_site: Path, width: int, scheme: str | None = None) -> tuple[list[str], int]:
    """Label problems on every page with diagrams at one width (and colour scheme), and how many diagrams were measured."""
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    found, seen = [], 0
    try:
        for path in diagram_pages(built_site):
            page.goto(site_server + path, wait_until="load")
            seen += len(diagram_labels(page))
            found += diagram_label_problems(page, f"/{path} [{scheme}]" if scheme else f"/{path}", width)
    finally:
        context.close()
    return found, seen


@pytest.mark.parametrize("width", [360, 412, 601, 768, 960, 1280])
def test_diagram_labels_are_at_least_11_px(browser, site_server: str, built_site: Path, width: int):
    """Every label of every diagram on every page, light and dark, as drawn: SVG font-size times the image's scale.
    On phones (the narrow drawings) and at 1280 px, where a drawing wider than the column is shrunk to it."""
    found, seen = [], 0
    for scheme in ("light", "dark"):
        problems, count = labels_at(browser, site_server, built_site, width, scheme)
        found, seen = found + problems, seen + count
    assert seen >= 2 * 6, f"only {seen} diagrams were measured: the check proves nothing"
    assert not found, report(found)


COLUMN_STEPS = [360, 641, 642, 716, 717, 959, 960, 1219, 1220, 1280]  # both sides of each step of Material's layout


def column_model_problems(page, model) -> list[str]:
    """Viewports at which the content column Chromium lays out differs from `model`'s width."""
    found = []
    for width in COLUMN_STEPS:
        page.set_viewport_size({"width": width, "height": 800})
        shown = page.evaluate("() => document.querySelector('.md-content__inner').getBoundingClientRect().width")
        if abs(shown - model(width)) > 0.5:
            found.append(f"at {width} px the column is {shown:g} px, the model says {model(width):g}")
    return found


def test_the_column_the_breakpoints_are_computed_from_is_the_one_chromium_lays_out(browser, site_server: str):
    """hooks/diagrams.py column_width, from which each portrait drawing's breakpoint is computed, against the
    real column; a model that forgets the table of contents from 960 px is reported."""
    column_width = load_hook("diagrams.py", "site_diagrams").column_width
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(site_server + "math/gradients/", wait_until="load")
        assert not (found := column_model_problems(page, column_width)), report(found)
        assert column_model_problems(page, lambda width: width - 32.0)[0] == "at 960 px the column is 686 px, the model says 928"
    finally:
        context.close()


def test_diagram_labels_are_at_least_11_px_on_both_sides_of_each_breakpoint(browser, site_server: str, built_site: Path):
    """At each <source media="(max-width: N px)"> the built pages use, N gets the portrait drawing and
    N + 1 the wide one shrunk to the column: both keep 11 px text, so the breakpoint is where it must be."""
    edges = sorted({int(n) for path in diagram_pages(built_site)
                    for n in re.findall(r'<source media="\(max-width: (\d+)px\)"', (built_site / path / "index.html").read_text())})
    assert len(edges) >= 2, f"breakpoints {edges}: one per wide drawing size was expected"
    found, seen = [], 0
    for width in [w for edge in edges for w in (edge, edge + 1)]:
        problems, count = labels_at(browser, site_server, built_site, width)
        found, seen = found + problems, seen + count
    assert seen >= 2 * len(edges) * 6, f"only {seen} diagrams were measured: the check proves nothing"
    assert not found, report(found)


@pytest.mark.parametrize("viewport", [PHONE, {"width": 620, "height": 800}, VIEWPORT], ids=["phone", "620", "desktop"])
def test_the_lightbox_zooms_a_diagram(browser, site_server: str, viewport):
    """Opened, a diagram is wider than on the page: at its intrinsic 2x on a phone (a finger scrolls it),
    and on a desktop first fitted to the window, then at 2x after a click (glightbox's zoom)."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        page.goto(site_server + "math/gradients/", wait_until="load")
        link = page.locator("a.glightbox:visible").first
        inline = link.locator("img").bounding_box()["width"]
        link.click()
        img = page.locator(".gslide.current .gslide-image img")
        img.wait_for(state="visible")
        page.wait_for_function("() => document.querySelector('.gslide.current .gslide-image img').complete")
        page.wait_for_timeout(600)  # glightbox's opening effect
        natural = img.evaluate("i => i.naturalWidth")
        if viewport["width"] < 769:  # glightbox's zoom is off; the page shows the narrow drawing up to 641 px at least
            assert "-narrow-" in img.get_attribute("src"), "the lightbox should open the narrow drawing the page shows"
            assert img.bounding_box()["width"] >= 2 * inline - 1, f"lightbox {img.bounding_box()['width']} px vs inline {inline} px"
            moved = img.evaluate(
                "i => { const box = i.parentElement; box.scrollTop = box.scrollLeft = 100;"
                " return [box.scrollLeft, box.scrollTop, box.scrollWidth - box.clientWidth]; }"
            )
            # 640 px wide, it overflows a 412 px window by more than 100 px, a 620 px one by 20 px
            assert moved[:2] == [min(100, moved[2]), 100] and moved[2] > 0, f"the zoomed drawing does not scroll: {moved}"
        else:
            assert img.bounding_box()["width"] > inline, f"lightbox {img.bounding_box()['width']} px vs inline {inline} px"
            img.click()
            page.wait_for_timeout(600)
            assert natural >= 2 * inline - 1 and abs(img.bounding_box()["width"] - natural) < 1, "a click did not zoom to 2x"
    finally:
        context.close()


def test_bad_site_small_diagram_labels_are_reported(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        with serve(BAD_SITE) as base_url:
            page.goto(base_url + "tiny-labels.html", wait_until="load")
            found = diagram_label_problems(page, "/tiny-labels.html [light]", PHONE["width"])
    finally:
        context.close()
    assert found == [
        "/tiny-labels.html [light]: tiny-labels.svg is shown 300 px wide at a 412 px viewport, so 1 label(s) are "
        "under 11 px (squeezed '[128, 20]' 4.3 px); give it a narrow drawing (hooks/diagrams.py DIAGRAMS) or larger text"
    ]


NOTEBOOK_PAGE = "notebooks/01-shape-by-shape/"


# Where each visual line of every code and output <pre> starts: a line that starts inside a word
# (its first character and the one before it both non-blank) was broken mid-word.
_MID_WORD_BREAKS_JS = """() => {
  const found = [];
  for (const pre of document.querySelectorAll('.jupyter-wrapper pre')) {
    const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
    const chars = [];
    while (walker.nextNode()) {
      const node = walker.currentNode;
      for (let i = 0; i < node.length; i++) chars.push([node, i]);
    }
    let lastTop = null;
    for (let k = 0; k < chars.length; k++) {
      const [node, i] = chars[k];
      const ch = node.data[i];
      if (ch === '\\n') { lastTop = null; continue; }
      const range = document.createRange();
      range.setStart(node, i); range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (!rect) continue;
      if (lastTop !== null && rect.top > lastTop + 2 && k > 0) {
        const prev = chars[k - 1][0].data[chars[k - 1][1]];
        if (!/\\s/.test(prev) && !/\\s/.test(ch)) {
          const line = pre.textContent.split('\\n').find(l => l.includes(prev + ch)) || '';
          found.push(`${JSON.stringify(line.trim().slice(0, 60))} breaks between ${JSON.stringify(prev)} and ${JSON.stringify(ch)}`);
        }
      }
      lastTop = rect.top;
    }
  }
  return found;
}"""


@pytest.fixture(scope="module")
def notebook_on_a_phone(browser, site_server: str):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site_server + NOTEBOOK_PAGE, wait_until="load")
    yield page
    context.close()


def test_notebook_code_uses_the_full_column_on_a_phone(notebook_on_a_phone):
    widths = notebook_on_a_phone.evaluate(
        """() => ({column: document.querySelector('.md-content__inner').getBoundingClientRect().width,
                   code: [...document.querySelectorAll('.jp-CodeCell .highlight-ipynb pre')].map(p => p.getBoundingClientRect().width)})"""
    )
    assert len(widths["code"]) >= 5, widths
    narrow = [w for w in widths["code"] if w < widths["column"] - 1]
    assert not narrow, f"code cells {narrow} px wide in a {widths['column']} px column at 412 px"


def test_notebook_code_wraps_at_spaces_on_a_phone(notebook_on_a_phone):
    assert not (found := notebook_on_a_phone.evaluate(_MID_WORD_BREAKS_JS)), report(found)


def test_notebook_shows_each_result_once(notebook_on_a_phone):
    """Each #> line is on the page once, in its cell's code; no output area repeats it."""
    seen = notebook_on_a_phone.evaluate(
        """() => ({echoes: [...document.querySelectorAll('.jp-CodeCell .highlight-ipynb pre')]
                       .flatMap(p => p.textContent.split('\\n')).filter(l => l.trim().startsWith('#>')).length,
                   outputs: [...document.querySelectorAll('.jp-OutputArea-output')].filter(o => o.checkVisibility())
                       .map(o => o.textContent.trim())})"""
    )
    assert seen["echoes"] >= 10, seen
    assert seen["outputs"] == [], f"outputs shown beside their #> lines: {seen['outputs']}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_notebook_code_has_the_site_code_colours(browser, site_server: str, scheme: str):
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(site_server + NOTEBOOK_PAGE, wait_until="load")
        pairs = page.evaluate(
            """() => {
              const probe = document.createElement('span');
              document.querySelector('.md-content').appendChild(probe);
              const want = v => { probe.style.color = `var(${v})`; return getComputedStyle(probe).color; };
              const got = (sel, prop = 'color') => { const e = document.querySelector(`.jupyter-wrapper .highlight-ipynb ${sel}`);
                                                    return e ? getComputedStyle(e)[prop] : null; };
              const bg = () => { probe.style.backgroundColor = 'var(--md-code-bg-color)'; return getComputedStyle(probe).backgroundColor; };
              return {keyword: [got('.kn'), want('--md-code-hl-keyword-color')],
                      comment: [got('.c1'), want('--md-code-hl-comment-color')],
                      number: [got('.mi'), want('--md-code-hl-number-color')],
                      text: [got('pre'), want('--md-code-fg-color')],
                      background: [got('pre', 'backgroundColor'), bg()]};
            }"""
        )
    finally:
        context.close()
    wrong = {name: pair for name, pair in pairs.items() if pair[0] != pair[1]}
    assert not wrong, f"notebook code colours differ from the site's code blocks ({scheme}): {wrong}"
