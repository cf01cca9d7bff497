"""sitebuild.reading and sitebuild.headings: the page changes for readers, and the one-H1 guard on a bad page."""

from __future__ import annotations

import html as html_module
import re
from pathlib import Path

from conftest import ROOT, mkdocs_build, one_page_site

from sitebuild.front_matter import front_matter_problem
from sitebuild.headings import extra_titles
from sitebuild.markdown_lines import text_lines
from sitebuild.reading import first_paragraph, focusable_display_math, keep_punctuation_with_math

BAD_SITES = ROOT / "tests" / "bad_sites"
INLINE = '<span class="arithmatex"><span class="katex"><span>x</span><span>A</span></span></span>'


def test_display_math_takes_focus_and_has_a_name():
    out = focusable_display_math('<p>so</p><div class="arithmatex"><span class="katex-display">y</span></div>')
    assert '<div class="arithmatex" tabindex="0" role="group" aria-label="Formula">' in out


def test_punctuation_after_inline_math_stays_on_its_line():
    out = keep_punctuation_with_math(f"<p>so {INLINE}, and {INLINE} here.</p>")
    assert out == f'<p>so <span class="math-nowrap">{INLINE},</span> and {INLINE} here.</p>'


def test_first_paragraph_is_plain_text_cut_at_a_word():
    assert first_paragraph("<h1>T</h1><p>After this page you <code>x</code> &amp; y.</p><p>no</p>") == "After this page you x & y."
    assert first_paragraph("<p>" + "word " * 100 + "</p>", limit=30) == "word word word word word…"


def test_a_list_item_opening_with_a_number_sign_is_a_second_title():
    markdown = (BAD_SITES / "two_titles.md").read_text(encoding="utf-8")
    html = '<h1 id="one-title">One title</h1><ul><li><h1 id="15314">15314 (2018) asked "why gain = sqrt(5)".</h1></li></ul>'
    (extra,) = extra_titles(html, markdown)
    assert extra.line == 5 and extra.text.startswith("15314 (2018)")
    assert extra_titles('<h1>One</h1><h2>Two</h2>', "# One\n\n## Two\n") == []


def test_a_fence_line_with_an_info_string_is_code_not_the_close():
    """In a ``` fence, a ```python line is shown code (superfences closes a fence only on a bare fence line)."""
    markdown = (BAD_SITES / "two_titles.md").read_text(encoding="utf-8")
    assert [n for n, _ in text_lines(markdown) if n >= 10] == [14, 15]
    html = '<h1>One title</h1><ul><li><h1 id="19526">19526 (2019) changed it back.</h1></li></ul>'
    (extra,) = extra_titles(html, markdown)
    assert extra.line == 15, "the - #19526 line after the fence, not line 0 (lost in a fence opened by its closer)"
    assert list(text_lines("~~~\n~~~ text\n~~~~  \nafter\n")) == [(4, "after")]


def test_a_page_with_two_h1_headings_fails_the_build(tmp_path):
    result = mkdocs_build(one_page_site(tmp_path, BAD_SITES / "two_titles.md"), tmp_path / "site", cwd=tmp_path)
    assert result.returncode != 0
    assert "docs/index.md:5: a second H1 heading, '15314 (2018) asked \"why gain = sqrt(5)\".'; a page has one # title" in result.stderr
    assert "docs/index.md:15: a second H1 heading, '19526 (2019) changed it back.'" in result.stderr, result.stderr[-2000:]


def test_a_second_title_is_named_by_its_line_in_the_file_front_matter_included(tmp_path):
    """The line counts the front matter's lines, as an editor shows them (a YAML comment that reads like a title is not one)."""
    result = mkdocs_build(one_page_site(tmp_path, BAD_SITES / "two_titles_front_matter.md"), tmp_path / "site", cwd=tmp_path)
    assert result.returncode != 0
    assert "docs/index.md:10: a second H1 heading, '15314 (2018)" in result.stderr, result.stderr[-2000:]


# ---------------------------------------------------------------- what the built site carries

_META = re.compile(r'<meta (?:property|name)="(?P<key>og:[a-z_]+|twitter:[a-z_]+|description)" content="(?P<value>[^"]*)"')


def page_meta(html: str) -> dict[str, str]:
    return {m["key"]: html_module.unescape(m["value"]) for m in _META.finditer(html)}


def test_every_page_has_its_own_social_description(built_site: Path):
    pages = [p for p in sorted(built_site.rglob("index.html")) if not p.relative_to(built_site).as_posix().startswith(("assets/", "search/"))]
    assert len(pages) >= 15
    descriptions = {}
    for page in pages:
        meta = page_meta(page.read_text(encoding="utf-8"))
        where = page.relative_to(built_site).as_posix()
        for key in ("og:title", "og:description", "og:url", "twitter:card", "twitter:title", "twitter:description"):
            assert meta.get(key), f"{where}: no {key}"
        assert meta["og:description"] == meta["description"] == meta["twitter:description"], where
        descriptions[where] = meta["og:description"]
    # Within each edition (an untranslated Chinese page shares its English page's description)
    for edition in ("en", "zh"):
        mine = [d for where, d in descriptions.items() if where.startswith("zh/") == (edition == "zh")]
        repeated = {d for d in mine if mine.count(d) > 1}
        assert not repeated, f"{edition} pages share a description: {repeated}"


def test_the_site_has_its_own_favicon_logo_and_404(built_site: Path):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="icon" href="assets/images/favicon.svg">' in home
    assert 'src="assets/images/logo.svg"' in home
    for image in ("favicon.svg", "logo.svg"):
        assert (built_site / "assets" / "images" / image).read_text(encoding="utf-8").startswith("<svg")
    not_found = (built_site / "404.html").read_text(encoding="utf-8")
    assert 'for="__search"' in not_found and "Go to the one-page answer" in not_found
    assert "404 - Not found" not in not_found


def test_front_matter_that_does_not_load_is_named_with_its_line():
    source = (BAD_SITES / "bad_front_matter.md").read_text(encoding="utf-8")
    problem = front_matter_problem(source)
    assert problem is not None and problem.line == 2 and "not valid YAML: mapping values are not allowed" in problem.message
    assert front_matter_problem('---\ndescription: "a: b"\n---\n# T\n') is None
    assert front_matter_problem('---\ndescription: "quoted", then more\n---\n').line == 2
    assert front_matter_problem("---\ndescription: never closed\n\n# T\n").message.startswith("front matter opened")
    assert front_matter_problem("# No front matter\n\n---\n") is None


def test_a_page_whose_front_matter_does_not_load_fails_the_build(tmp_path):
    result = mkdocs_build(one_page_site(tmp_path, BAD_SITES / "bad_front_matter.md"), tmp_path / "site", cwd=tmp_path)
    assert result.returncode != 0
    assert "docs/index.md:2: front matter is not valid YAML: mapping values are not allowed here" in result.stderr
