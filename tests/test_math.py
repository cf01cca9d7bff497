"""Every formula is KaTeX HTML made at build time: no raw TeX, no math JavaScript, local subset fonts."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, load_hook, mkdocs_build
from test_site_build import bad_site

from sitebuild.math_delimiters import page_has_math

KATEX_DIST = ROOT / "node_modules" / "katex" / "dist"



hook = load_hook("katex.py", "site_katex_hook")


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


class VisibleText(HTMLParser):
    """Text a reader sees as prose: no code, scripts, styles, or KaTeX's hidden MathML copy."""

    SKIP = {"script", "style", "pre", "code", "textarea", "kbd", "samp", "math"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []
        self.chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        hidden = (self.stack[-1] if self.stack else False) or tag in self.SKIP or "katex-mathml" in classes
        self.stack.append(hidden)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.chunks.append(data)


def visible_text(page: Path) -> list[str]:
    parser = VisibleText()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.chunks


RAW_TEX = re.compile(r"\\[()\[\]]|\$\$|(?<![\\$\w])\$[^\s$](?:[^$]*?[^\s$\\])?\$(?![\d$])", re.S)


def test_no_raw_tex_in_visible_text(built_site: Path):
    raw = {}
    for page in pages(built_site):
        found = [m.group(0) for chunk in visible_text(page) for m in RAW_TEX.finditer(chunk)]
        if found:
            raw[str(page.relative_to(built_site))] = found[:5]
    assert not raw, f"unrendered TeX in visible text: {raw}"


def _built_page(site: Path, src: Path) -> Path:
    rel = src.relative_to(ROOT / "docs").with_suffix("")
    if rel.suffix == ".zh":  # docs/x.zh.md is the Chinese edition's zh/x/
        site, rel = site / "zh", rel.with_suffix("")
    return site / "index.html" if rel.as_posix() == "index" else site / rel / "index.html"


def test_pages_with_formulas_contain_katex(built_site: Path):
    sources = [p for p in sorted((ROOT / "docs").rglob("*")) if p.suffix in {".md", ".ipynb"} and page_has_math(p)]
    assert ROOT / "docs" / "index.md" in sources, "the home page has inline and display math"
    missing = [str(s.relative_to(ROOT)) for s in sources if 'class="katex"' not in _built_page(built_site, s).read_text()]
    assert not missing, f"pages with formulas but no KaTeX output: {missing}"
    home = (built_site / "index.html").read_text()
    assert 'class="katex-display"' in home and re.search(r'<span class="arithmatex"><span class="katex">', home)


def test_no_math_javascript(built_site: Path):
    for page in pages(built_site):
        for script in re.findall(r"<script\b.*?</script>", page.read_text(encoding="utf-8"), re.S | re.I):
            assert not re.search(r"katex|mathjax", script, re.I), f"{page.relative_to(built_site)}: {script[:200]}"


def test_katex_css_and_fonts_are_served_by_the_site(built_site: Path):
    asset_dir = built_site / hook.ASSET_DIR
    css_file = asset_dir / hook.CSS_NAME
    css = css_file.read_text(encoding="utf-8")
    urls = re.findall(r"url\(([^)]+)\)", css)
    assert urls, "the CSS declares its font faces"
    for url in urls:
        url = url.strip("\"'")
        assert url.endswith(".woff2") and "//" not in url, url
        assert (css_file.parent / url).is_file(), f"{url} is referenced by the CSS but missing"
    shipped = {p.name for p in (asset_dir / "fonts").iterdir()}
    assert shipped == {u.strip("\"'").rsplit("/", 1)[-1] for u in urls}, "every shipped font is declared, and only those"

    linked = 0
    for page in pages(built_site):
        html = page.read_text(encoding="utf-8")
        head = html.split("</head>", 1)[0]
        has_math = 'class="katex"' in html
        hrefs = re.findall(r'<link rel="stylesheet" href="([^"]*katex[^"]*)"', head)
        assert bool(hrefs) == has_math, f"{page.relative_to(built_site)}: KaTeX CSS linked {hrefs}, math {has_math}"
        for href in hrefs + re.findall(r'<link rel="preload" href="([^"]+)" as="font"', head):
            assert not re.match(r"[a-z]+:|//", href), f"{page}: {href} is not on this site"
            assert (page.parent / href).resolve().is_file(), f"{page}: {href} does not exist"
        linked += bool(hrefs)
    assert linked, "some page links the KaTeX CSS"


def test_home_page_preloads_its_font_faces(built_site: Path):
    head = (built_site / "index.html").read_text(encoding="utf-8").split("</head>", 1)[0]
    preloads = re.findall(r'<link rel="preload" href="([^"]+)" as="font" type="font/woff2" crossorigin>', head)
    names = {p.rsplit("/", 1)[-1] for p in preloads}
    assert {"KaTeX_Main-Regular.woff2", "KaTeX_Math-Italic.woff2"} <= names


def test_subset_fonts_are_smaller_than_katex_originals(built_site: Path):
    fonts = sorted((built_site / hook.ASSET_DIR / "fonts").glob("*.woff2"))
    assert fonts
    for font in fonts:
        original = KATEX_DIST / "fonts" / font.name
        assert font.stat().st_size < original.stat().st_size, font.name


def test_search_index_holds_each_formula_once(built_site: Path):
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = "\n".join(doc["text"] for doc in docs)
    # Without data-search-exclude on the MathML copy, its TeX annotation (xA^\top) and its MathML
    # text would be indexed next to the visible formula: each formula three times.
    assert "A^\\top" not in text
    assert "\\top" not in text
    home = "\n".join(doc["text"] for doc in docs if not doc["location"].split("#")[0])
    assert "y=xA⊤+b" in home, "the visible formula is still searchable"
    assert "y=xA⊤+by" not in home and "xA⊤+bxA⊤+b" not in home


def test_no_formula_placeholder_is_left_in_the_site(built_site: Path):
    for page in pages(built_site):
        assert "data-katex-stand-in" not in page.read_text(encoding="utf-8"), page.relative_to(built_site)


def test_bad_tex_fails_the_build_naming_page_and_formula(tmp_path):
    result = mkdocs_build(bad_site(tmp_path, "bad_tex.md"), tmp_path / "site", cwd=tmp_path)
    assert result.returncode != 0
    assert "KaTeX cannot render a formula on page 'index.md': \\(\\frac{1}{\\)" in result.stderr, result.stderr
    assert "Unexpected end of input" in result.stderr


# ----------------------------------------------------------------------------- the hook's parts


def test_one_node_process_serves_many_formulas_and_restarts():
    renderer = hook.KatexRenderer()
    try:
        first = renderer.render("x", False)
        pid = renderer.proc.pid
        assert 'class="katex"' in first
        assert 'class="katex-display"' in renderer.render("y = xA^\\top + b", True)
        assert renderer.proc.pid == pid
        with pytest.raises(hook.KatexError, match="Undefined control sequence"):
            renderer.render("\\nosuchmacro", False)
        renderer.proc.kill()
        renderer.proc.wait()
        assert renderer.render("x", False) == first
        assert renderer.proc.pid != pid
    finally:
        renderer.stop()


def test_notebook_dollar_math_is_rendered_outside_code():
    calls = []

    def render(tex, display):
        calls.append((tex, display))
        return f'<span class="katex"><span class="katex-mathml">{tex}</span>K</span>'

    html = (
        "<!-- Load mathjax --><script>MathJax</script><!-- End of mathjax configuration -->"
        "<p>Inline $x A^\\top$ and $a &lt; b$, a price of $5 and $10.</p>"
        "<p>$$\nY = X W^\\top\n$$</p>"
        "<p><code>$not$</code></p><pre>$not$</pre>"
    )
    out, results = hook.render_dollars(html, render)
    assert calls == [("x A^\\top", False), ("a < b", False), ("Y = X W^\\top", True)]
    assert "MathJax" not in out and "<!--" not in out
    assert "price of $5 and $10." in out
    assert "<code>$not$</code>" in out and "<pre>$not$</pre>" in out
    assert '<div class="arithmatex"><span class="katex">' in out and "<p><div" not in out
    assert out.count('<span class="katex-mathml" data-search-exclude>') == 3
    assert all(error is None for _, _, error in results)


def test_font_faces_follow_katex_css():
    css = hook.KatexCss((KATEX_DIST / hook.CSS_NAME).read_text(encoding="utf-8"))
    renderer = hook.KatexRenderer()
    try:
        glyphs = hook.glyphs_by_face(renderer.render(r"\left(\sum_i x_i\right) \mathbf{W} \text{ so}", True), css)
    finally:
        renderer.stop()
    assert "x" in glyphs["KaTeX_Math-Italic.woff2"] and "i" in glyphs["KaTeX_Math-Italic.woff2"]
    assert "W" in glyphs["KaTeX_Main-Bold.woff2"]
    assert "s" in glyphs["KaTeX_Main-Regular.woff2"]
    assert "∑" in glyphs["KaTeX_Size2-Regular.woff2"]  # display-style large operator
    assert not any("x" in chars for face, chars in glyphs.items() if face != "KaTeX_Math-Italic.woff2")


def test_subsetting_is_deterministic(tmp_path):
    chars = set("xyzAW⊤+=")
    source = KATEX_DIST / "fonts" / "KaTeX_Math-Italic.woff2"
    hook.subset_font(source, tmp_path / "a.woff2", chars)
    hook.subset_font(source, tmp_path / "b.woff2", set(sorted(chars, reverse=True)))
    assert (tmp_path / "a.woff2").read_bytes() == (tmp_path / "b.woff2").read_bytes()


# ----------------------------------------------------------------------------- search sees a stand-in

# Formulas whose KaTeX HTML has the awkward parts: an SVG (\sqrt), a \text{} with spaces (no-break
# spaces, blank text nodes), characters that are escaped in HTML (<, &), and a MathML copy.
STAND_IN_FORMULAS = [
    r"y = xA^\top + b",
    r"\sqrt{d_\text{in}} \text{ and } a < b",
    r"\left(\sum_i x_i\right) \mathbf{W}\ \&\ \frac{1}{n}",
    r"\text{rows, not columns}",
]


def _index(html: str) -> list[tuple[str, str]]:
    """(title, text) per section, as Material's search plugin indexes the HTML."""
    from material.plugins.search.plugin import Parser

    parser = Parser()
    parser.feed(html)
    parser.close()
    return [("".join(s.title).strip(), "".join(s.text).strip()) for s in parser.data]


@pytest.fixture(scope="module")
def katex_render():
    renderer = hook.KatexRenderer()
    yield renderer.render
    renderer.stop()


def _arithmatex_page() -> str:
    parts = ['<h1 id="t">Title with <span class="arithmatex">\\(W x\\)</span></h1>']
    for i, tex in enumerate(STAND_IN_FORMULAS):
        escaped = html.escape(tex, quote=False)
        parts.append(f'<h2 id="s{i}">Section {i}</h2>')
        parts.append(f'<p>Before <span class="arithmatex">\\({escaped}\\)</span> after.</p>')
        parts.append(f'<p> <span class="arithmatex">\\({escaped}\\)</span> </p>')
        parts.append(f'<div class="arithmatex">\\[{escaped}\\]</div>')
        parts.append(f"<ul><li><span class=\"arithmatex\">\\({escaped}\\)</span></li></ul>")
    return "\n".join(parts)


def test_search_indexes_a_stand_in_exactly_as_the_formula(katex_render):
    page = _arithmatex_page()
    full, _ = hook.render_arithmatex(page, katex_render)
    stash: list[str] = []
    short, results = hook.render_arithmatex(page, katex_render, stash)
    assert len(stash) == len(results) == 1 + 4 * len(STAND_IN_FORMULAS)
    assert 'class="katex' not in short and "<math" not in short, "search must not parse KaTeX's HTML"
    assert len(short) * 10 < len(full)

    index = _index(short)
    assert index == _index(full)
    text = "\n".join(t for section in index for t in section)
    assert "\\top" not in text and "mathbf" not in text, "the MathML copy (TeX annotation) is not indexed"
    assert "y=xA⊤+b" in text and "y=xA⊤+by" not in text, "the visible formula is indexed once"
    assert "a&lt;b" in text  # the search plugin escapes text; the stand-in's escaping must not add a layer

    assert hook.restore_formulas(short, stash) == full


def test_search_runs_skip_the_mathml_copy_and_join_neighbours():
    formula = (
        '<span class="katex"><span class="katex-mathml" data-search-exclude><math><mi>x</mi></math></span>'
        '<span class="katex-html"><span>y</span><span>=</span><span> </span><span> </span><span>a&amp;b</span></span></span>'
    )
    assert hook.search_runs(formula) == ["y=", " ", " ", "a&b"]
    assert hook.stand_in(3, ["a<b", " "], display=True) == (
        '<div class="arithmatex" data-katex-stand-in="3"><span>a&lt;b</span><span> </span></div>'
    )


def test_restoring_refuses_a_placeholder_lost_changed_or_unknown(katex_render):
    stash: list[str] = []
    short, _ = hook.render_arithmatex('<p><span class="arithmatex">\\(x\\)</span> and <span class="arithmatex">\\(y\\)</span></p>', katex_render, stash)
    assert short.count("data-katex-stand-in") == 2
    restored = hook.restore_formulas(short, stash)
    assert "data-katex-stand-in" not in restored and restored.count('class="katex"') == 2

    first = re.search(r'<span class="arithmatex" data-katex-stand-in="0">.*?</span></span>', short).group(0)
    with pytest.raises(hook.StandInError, match="expected 0..1"):
        hook.restore_formulas(short.replace(first, ""), stash)  # lost
    with pytest.raises(hook.StandInError, match="changed and left"):
        hook.restore_formulas(short.replace("<span>x</span>", "<span><b>x</b></span>"), stash)  # changed
    with pytest.raises(hook.StandInError, match="only 1 were stashed"):
        hook.restore_formulas(short, stash[:1])  # unknown


def test_a_rebuild_with_only_cached_formulas_starts_no_node(monkeypatch, katex_render):
    from types import SimpleNamespace

    build = hook._Build()
    monkeypatch.setattr(hook, "_build", build)
    build.cache[("x", False, "html")] = katex_render("x", False)  # as an earlier `mkdocs serve` build left it
    hook.on_pre_build(config=None)
    page = SimpleNamespace(file=SimpleNamespace(src_uri="p.md"))
    try:
        page.content = hook.on_page_content('<p><span class="arithmatex">\\(x\\)</span></p>', page=page, config=None, files=None)
        assert build.renderer.proc is None, "every formula was cached: no Node process"
        assert "data-katex-stand-in" in page.content
        hook.on_page_context({}, page=page, config=None, nav=None)
        assert page.content == "<p>" + hook._wrap(build.cache[("x", False, "html")], False) + "</p>"

        hook.on_page_content('<p><span class="arithmatex">\\(y\\)</span></p>', page=page, config=None, files=None)
        assert build.renderer.proc is not None, "a new formula starts Node"
    finally:
        build.renderer.stop()


def test_chinese_inside_a_formula_fails_the_build_naming_the_chinese_page(tmp_path):
    """KaTeX refuses CJK characters in math mode (its strict mode, made an error): write Chinese outside \\( \\)."""
    from conftest import one_page_site

    config = one_page_site(tmp_path, ROOT / "tests" / "bad_sites" / "bad_tex.md")
    (tmp_path / "docs" / "index.md").write_text("# A page\n\nA correct formula: \\(y = xA^\\top + b\\).\n")
    (tmp_path / "docs" / "index.zh.md").write_text((ROOT / "tests" / "bad_sites" / "cjk_tex.zh.md").read_text(encoding="utf-8"))
    result = mkdocs_build(config, tmp_path / "site", cwd=tmp_path)
    assert result.returncode != 0
    assert "KaTeX cannot render a formula on page 'index.zh.md': \\(y = 权重 x + b\\)" in result.stderr, result.stderr
    assert 'Unicode text character "权" used in math mode [unicodeTextInMathMode]' in result.stderr


# ----------------------------------------------------------------------------- formulas shown as text


def test_an_unclosed_formula_and_a_pipe_in_a_table_formula_fail_the_build(tmp_path):
    result = mkdocs_build(bad_site(tmp_path, "unclosed_math.md"), tmp_path / "site", cwd=tmp_path)
    assert result.returncode != 0
    assert (
        "docs/index.md:5: "
        "the formula \\(W x + b is what textbooks write. is never closed, so the page shows its text: "
        "close it with \\) in the same paragraph\n"
        "docs/index.md:10: a | inside the formula \\(|x|\\) ends the table cell, so the page shows the formula as "
        "text: write \\vert (or \\lvert … \\rvert) for |\n"
        "docs/index.md:26: the formula \\(x + 1 is never closed"  # after a fence that shows a ```python line
    ) in result.stderr, result.stderr


def test_every_page_source_has_its_formulas_closed():
    from sitebuild.math_delimiters import formula_problems

    pages = sorted((ROOT / "docs").rglob("*.md"))
    assert pages
    found = {page.name: formula_problems(page.read_text(encoding="utf-8")) for page in pages}
    assert not any(found.values()), found


def test_delimiters_in_code_comments_and_closed_formulas_are_fine():
    from sitebuild.math_delimiters import formula_problems

    source = (
        "Closed \\(x\\) and \\[y\\], across lines \\(a +\nb\\), escaped \\\\(, in code `\\(`.\n\n"
        "<!-- \\( in a comment -->\n\n```text\n\\( in a fence\n```\n\n| a | b |\n| --- | --- |\n| \\(\\lvert x \\rvert\\) | 1 |\n"
    )
    assert formula_problems(source) == []
    assert [line for line, _ in formula_problems("A \\(x\n\nB \\[y\n\nC $$z\n")] == [1, 3, 5]
    # a ```python line inside a ``` fence is shown code, not the fence's close (superfences): line 3 is code
    assert [line for line, _ in formula_problems("```text\n```python\n\\( code\n```\n\nA \\(x\n")] == [6]


def test_a_delimiter_left_in_rendered_text_is_found(built_site: Path):
    from sitebuild.math_delimiters import leftover_delimiters

    assert leftover_delimiters("<p>cost \\(n^2 and more</p><code>\\(</code><pre>\\[</pre>") == ["\\(n^2 and more"]
    for page in pages(built_site):
        assert leftover_delimiters(page.read_text(encoding="utf-8")) == [], page.relative_to(built_site)


def test_a_delimiter_left_as_text_fails_the_build(tmp_path):
    result = mkdocs_build(bad_site(tmp_path, "leftover_delimiter.md"), tmp_path / "site", cwd=tmp_path)
    assert result.returncode != 0
    assert (
        "a formula delimiter is left as text on page 'index.md': '\\\\(n^2, is shown as text.'; "
        "write the formula as \\(…\\), or the characters in a code span"
    ) in result.stderr, result.stderr


# The switch extra.math_output: mathml (MathML alone, drawn by the browser; not the site's default).


def test_mathml_output_is_math_alone_with_unicode_letters(katex_render):
    """MathML Core ignores mathvariant (but "normal"): bold, blackboard and script letters are the Unicode ones."""
    out = katex_render("\\mathbf{W} \\in \\mathbb{R}^{n} \\mathcal{L} + \\texttt{nn}", True, "mathml")
    assert 'class="katex-html"' not in out and '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">' in out
    assert "<mi>𝐖</mi>" in out and "<mi>ℝ</mi>" in out and "<mi>ℒ</mi>" in out, out
    assert 'mathvariant="bold"' not in out and 'mathvariant="double-struck"' not in out
    assert '<mtext mathvariant="monospace">nn</mtext>' in out, "mtext keeps its variant for the site's CSS"


def test_mathml_output_keeps_its_tex_out_of_search(katex_render):
    page = '<h2 id="s">S</h2><p>So <span class="arithmatex">\\(y = xA^\\top + b\\)</span>.</p>'
    build = hook._Build()
    build.output = "mathml"
    wrapped, _ = hook.render_arithmatex(page, build.render)
    build.renderer.stop()
    assert '<span class="arithmatex"><math ' in wrapped and 'class="katex"' not in wrapped
    assert "<annotation data-search-exclude " in wrapped
    text = "\n".join(t for section in _index(wrapped) for t in section)
    assert "y=xA⊤+b" in text and "\\top" not in text, text
    assert build.glyphs_of(wrapped) == {}, "MathML needs no KaTeX font face"


def test_an_unknown_math_output_fails_the_build_naming_the_choices():
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    with pytest.raises(PluginError) as err:
        hook.on_config(SimpleNamespace(extra={"math_output": "svg"}))
    assert str(err.value) == "mkdocs.yml: extra.math_output is 'svg'; write one of html, mathml"
