"""Highlighted code keeps its look with the spans that change nothing unwrapped (sitebuild/code_spans.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import report

from sitebrowser import PHONE, SCHEMES, block_foreign_hosts
from sitebuild.code_spans import PLAIN_CLASSES, unwrap_plain_spans

BAD_THEME = Path(__file__).parent / "bad_theme"
CODE_PAGE = "frameworks/other-frameworks/"

BLOCK = (
    '<div class="highlight"><pre><span></span><code><span class="kn">import</span><span class="w"> </span>'
    '<span class="nn">torch</span>\n<span class="n">w</span> <span class="o">=</span> <span class="n">layer</span>'
    '<span class="o">.</span><span class="n">weight</span>  <span class="c1"># [out, in]</span>\n</code></pre></div>'
)
NOTEBOOK_CELL = '<div class="highlight-ipynb hl-python"><pre><span class="n">x</span></pre></div>'


def test_names_and_whitespace_are_unwrapped_and_nothing_else():
    out = unwrap_plain_spans(BLOCK)
    assert out == (
        '<div class="highlight"><pre><span></span><code><span class="kn">import</span> '
        '<span class="nn">torch</span>\nw <span class="o">=</span> layer'
        '<span class="o">.</span>weight  <span class="c1"># [out, in]</span>\n</code></pre></div>'
    )
    assert unwrap_plain_spans(out) == out


def test_notebook_cells_and_inline_code_are_left_alone():
    inline = '<p><code class="highlight"><span class="n">layer</span></code></p>'
    assert unwrap_plain_spans(NOTEBOOK_CELL + inline) == NOTEBOOK_CELL + inline


def test_no_built_code_block_keeps_a_plain_span(built_site: Path):
    found = []
    for page in sorted(built_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        if unwrap_plain_spans(html) != html:
            found.append(str(page.relative_to(built_site)))
    assert not found, report(found)


# Each plain class, put back into a real code block, against the code's own text beside it.
LOOKS = """classes => {
  const code = document.querySelector('.md-typeset .highlight pre > code');
  const plain = document.createElement('span');
  plain.textContent = 'layer';
  code.prepend(plain);
  const look = e => { const s = getComputedStyle(e);
                      return [s.color, s.backgroundColor, s.fontWeight, s.fontStyle, s.textDecorationLine].join(' / '); };
  const differences = [];
  for (const name of classes) {
    const span = document.createElement('span');
    span.className = name;
    span.textContent = 'layer';
    code.prepend(span);
    if (look(span) !== look(plain)) differences.push(`.${name}: ${look(span)}, the code's text: ${look(plain)}`);
    span.remove();
  }
  plain.remove();
  return differences;
}"""


def plain_span_differences(browser, site_server: str, scheme: str, extra_css: str = "") -> list[str]:
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    block_foreign_hosts(context, site_server)
    page = context.new_page()
    try:
        page.goto(site_server + CODE_PAGE, wait_until="load")
        assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
        if extra_css:
            page.add_style_tag(content=extra_css)
        return [f"{CODE_PAGE} [{scheme}] {d}" for d in page.evaluate(LOOKS, list(PLAIN_CLASSES))]
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_unwrapped_classes_look_like_the_code_around_them(browser, site_server: str, scheme: str):
    assert not (found := plain_span_differences(browser, site_server, scheme)), report(found)


def test_a_sheet_that_styles_names_is_reported(browser, site_server: str):
    css = (BAD_THEME / "styled-names.css").read_text(encoding="utf-8")
    found = plain_span_differences(browser, site_server, "light", css)
    assert len(found) == 1 and found[0].startswith(f"{CODE_PAGE} [light] .n: rgb(194, 24, 91)"), found
