"""The site builds with --strict, and the build's own guards reject broken links and missing snippets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, load_hook, mkdocs_build, one_page_site

from docs_harness.collect import markdown_blocks, notebook_blocks
from docs_harness.markdown import PAGE_SUFFIXES, cell_fences, parse_page, read_notebook
from docs_harness.run import PageState
from docs_harness.summary import Ledger
from sitebuild.code_blocks import unseen_blocks, unseen_cells
from sitebuild.list_items import swallowed_items
from sitebuild.start_up import StartUpError, defer_bundle

BAD_SITES = ROOT / "tests" / "bad_sites"
BAD_THEME = ROOT / "tests" / "bad_theme"


def test_site_builds_strict(built_site: Path):
    assert (built_site / "index.html").is_file()
    assert (built_site / "search" / "search_index.json").is_file()


def bad_site(tmp_path: Path, page: str) -> Path:
    """The real mkdocs.yml in a folder whose docs/ holds one bad page from tests/bad_sites/ (see one_page_site)."""
    return one_page_site(tmp_path, BAD_SITES / page)


def failed_build(tmp_path: Path, page: str) -> str:
    """The --strict build of the one-page site holding tests/bad_sites/<page>, which must fail: its stderr."""
    result = mkdocs_build(bad_site(tmp_path, page), tmp_path / "site", cwd=tmp_path)
    assert result.returncode != 0, f"{page} built"
    return result.stderr


def test_broken_link_fails_the_build(tmp_path):
    stderr = failed_build(tmp_path, "broken_link.md")
    assert "contains a link 'no-such-page.md', but the target is not found" in stderr


def test_broken_anchor_fails_the_build(tmp_path):
    stderr = failed_build(tmp_path, "broken_anchor.md")
    assert "there is no such anchor on this page" in stderr


def test_missing_snippet_fails_the_build(tmp_path):
    stderr = failed_build(tmp_path, "missing_snippet.md")
    assert "no_such_snippet.py" in stderr


def test_a_list_item_under_an_indented_paragraph_fails_the_build(tmp_path):
    """The home page's shape: '2.' directly under item 1's continuation paragraph is that paragraph's text."""
    stderr = failed_build(tmp_path, "lazy_ordered.md")
    item = "'2. Second reason. Shown as text of the paragraph above.'"
    assert f"docs/index.md:9: a list item read as paragraph text, {item}; Markdown starts a list only after a blank line: leave one before it" in stderr


def test_bulleted_items_under_a_paragraph_fail_the_build_with_each_line(tmp_path):
    stderr = failed_build(tmp_path, "lazy_bulleted.md")
    for line, item in ((9, "- Dash two"), (16, "* Star two"), (23, "+ Plus two")):
        assert f"docs/index.md:{line}: a list item read as paragraph text, '{item}, shown inline.'" in stderr


def test_a_nested_item_under_a_paragraph_fails_the_build(tmp_path):
    stderr = failed_build(tmp_path, "lazy_nested.md")
    assert "docs/index.md:8: a list item read as paragraph text, '- Inner two, shown inline.'" in stderr


def test_tight_lists_fenced_and_escaped_markers_are_no_swallowed_items(tmp_path):
    """Items directly under items, marker lines in a fence or a comment, and an escaped '2019\\.' pass."""
    result = mkdocs_build(bad_site(tmp_path, "lazy_good.md"), tmp_path / "site", cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "2019. That was the year." in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_the_guard_reads_paragraphs_outside_lists_and_in_quotes():
    """Python-Markdown swallows a list written directly under any paragraph; the guard names the first item."""
    html = "<p>Some text\n- item\n- item two</p><blockquote><p>quoted\n1. one</p></blockquote>"
    found = swallowed_items(html, "Some text\n- item\n- item two\n\n> quoted\n> 1. one\n")
    assert [(item.line, item.text) for item in found] == [(2, "- item"), (6, "1. one")]
    assert swallowed_items("<p>a year:\n2019. That</p>", "a year:\n2019\\. That\n") == []
    assert swallowed_items('<p>x <span class="arithmatex">\\(a\n- b\\)</span></p>', "x \\(a\n- b\\)\n") == []


def test_a_comment_opened_inside_a_fence_hides_nothing():
    """In a fence, '<!--' is code: the marker line after the fence is still found."""
    source = "```html\n<!-- an HTML sample\n```\n\nSome text\n- item\n"
    (item,) = swallowed_items("<pre><code>&lt;!-- an HTML sample</code></pre><p>Some text\n- item</p>", source)
    assert item.line == 6


def test_the_build_publishes_a_notebook_as_stored_and_runs_none_of_it(tmp_path):
    """What is published is what the harness checked: the build shows the stored output and runs no cell.

    The bad input's last cell would raise if a kernel ran it (the harness fails it: test_harness_guards.py).
    """
    config = bad_site(tmp_path, "not_executed.ipynb")
    result = mkdocs_build(config, tmp_path / "site", cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    html = (tmp_path / "site" / "not_executed" / "index.html").read_text(encoding="utf-8")
    assert "stored, not printed by any run of this cell" in html
    assert "mat1 and mat2" not in html and "mat1 and mat2" not in result.stdout + result.stderr


def test_a_page_loading_from_another_host_fails_the_build(tmp_path):
    stderr = failed_build(tmp_path, "cdn_script.md")
    assert "docs/index.md:3: the page would load from another host: https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js" in stderr


def test_notebook_pages_carry_no_cdn_loader(built_site: Path):
    pages = list(built_site.glob("notebooks/*/index.html"))
    assert pages, "the site has a notebook page"
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "cdnjs" not in html and "mermaid.esm" not in html, page


def test_pages_load_the_lightbox_and_explorer_only_where_used(built_site: Path):
    pages = sorted(built_site.rglob("index.html"))
    with_lightbox = [p for p in pages if "glightbox.min.js" in p.read_text(encoding="utf-8")]
    with_explorer = [p for p in pages if "shape-explorer.js" in p.read_text(encoding="utf-8")]
    assert with_lightbox and with_explorer, "the home page uses both"
    for page in with_lightbox:
        assert "<img" in page.read_text(encoding="utf-8"), f"{page}: lightbox without an image"
    for page in with_explorer:
        assert "data-shape-explorer" in page.read_text(encoding="utf-8"), f"{page}: explorer assets without an explorer"
    assert len(with_lightbox) < len(pages) and len(with_explorer) < len(pages)


def test_the_lightbox_script_is_deferred_and_started_after_it(built_site: Path):
    """No page waits for the lightbox's script before its first paint; its start-up script runs after it (a module script)."""
    pages = [p for p in sorted(built_site.rglob("index.html")) if "glightbox.min.js" in p.read_text(encoding="utf-8")]
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert re.search(r'<script defer src="[^"]*glightbox\.min\.js"></script>', html), page
        assert '<script id="init-glightbox" type="module">' in html and '<script id="init-glightbox">' not in html, page


def test_a_changed_lightbox_plugin_is_refused_naming_the_page():
    hook = load_hook("page_weight.py", "page_weight_hook")
    bad = (BAD_THEME / "lightbox-twice.html").read_text(encoding="utf-8")
    with pytest.raises(hook.LightboxError, match=r"^lightbox-twice\.html: expected mkdocs-glightbox's script and its start-up script once each, found 1 and 2"):
        hook.defer_lightbox(bad, "lightbox-twice.html")
    assert hook.defer_lightbox("<p>no lightbox</p>", "x.md") == "<p>no lightbox</p>"


def test_a_chinese_page_loading_from_another_host_fails_the_build(tmp_path):
    """hooks/offline.py checks the Chinese edition's pages too (the build of zh/ runs every hook again)."""
    config = bad_site(tmp_path, "broken_anchor.md")
    (tmp_path / "docs" / "index.md").write_text("# A page\n\nNothing loads from elsewhere.\n")
    (tmp_path / "docs" / "index.zh.md").write_text((BAD_SITES / "cdn_script.zh.md").read_text(encoding="utf-8"))
    result = mkdocs_build(config, tmp_path / "site", cwd=tmp_path)
    assert result.returncode != 0
    assert "docs/index.zh.md:3: the page would load from another host: https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js" in result.stderr


def test_pages_with_code_name_the_torch_that_ran_it(built_site: Path):
    """The footer stamp is the installed torch's version, on every page with Python code and on no other."""
    from importlib import metadata

    stamp = f"Code on this page executed with torch {metadata.version('torch').split('+')[0]}"
    docs = ROOT / "docs"
    with_code = set()
    for source in [*docs.rglob("*.md"), *docs.rglob("*.ipynb")]:
        text = source.read_text(encoding="utf-8")
        if source.suffix == ".ipynb" or "```python" in text or "```{.python" in text or "```pycon" in text:
            with_code.add(source.relative_to(docs).with_suffix("").as_posix())
    assert {"index", "faq", "notebooks/01-shape-by-shape"} <= with_code
    for html in built_site.rglob("index.html"):
        name = html.parent.relative_to(built_site).as_posix()
        name = "index" if name == "." else name
        if name not in with_code and name + "/index" not in with_code and not (docs / f"{name}.md").exists():
            continue
        assert (stamp in html.read_text(encoding="utf-8")) == (name in with_code), f"{html}: stamp should be {'there' if name in with_code else 'absent'}"
    assert stamp not in (built_site / "sources" / "index.html").read_text(encoding="utf-8")


def collected(page: Path, snippets: Path) -> list[tuple[int, str]]:
    """(line, text) of every block the harness finds on the page and the built page shows."""
    fences, _ = parse_page(page, [snippets])
    return [(f.lineno, f.source) for f in fences if f.shown]


def built_page(site: Path, docs: Path, page: Path) -> Path:
    rel = page.relative_to(docs).with_suffix("")
    if rel.suffix == ".zh":  # docs/x.zh.md is the Chinese edition's zh/x/
        site, rel = site / "zh", rel.with_suffix("")
    return site / (rel.parent if rel.name == "index" else rel) / "index.html"


def harness_blocks(page: Path, snippets: Path = ROOT / "snippets") -> list:
    """What the harness runs or knowingly shows, read by the collection its pytest items are built from.

    A Markdown page: (line, text) of each block it runs and each fence it lists as an opt-out. A notebook:
    ((cell, line), text) of each code cell it runs and each fence of a markdown cell it reports no problem for.
    """
    state, book = PageState(page, ROOT, None), Ledger()
    if page.suffix == ".ipynb":
        notebook_blocks(state)
        flagged = {b.lines[0].lineno for b in state.blocks if b.kind == "problem"}
        cells = read_notebook(page)
        found = [((b.lineno, 1), "".join(line.text + "\n" for line in b.lines)) for b in state.blocks if b.kind == "python"]
        for cell in cells:
            rows = cell.source.splitlines()
            found += [((at.cell, at.line), "\n".join(rows[at.line :])) for at, _ in cell_fences(cell) if at not in flagged]
        return sorted(found)
    markdown_blocks(state, [snippets], book)
    found = [(b.lineno, "".join(line.text + "\n" for line in b.lines)) for b in state.blocks if b.kind in ("python", "session")]
    here = re.compile(rf"{re.escape(str(state.rel))}:(\d+): ")
    opted_out = {int(here.match(entry)[1]) for entry in book.collected_opt_outs.get(str(state.rel), [])}
    return sorted(found + [(f.lineno, f.source) for f in parse_page(page, [snippets])[0] if f.lineno in opted_out])


def unseen(page: Path, html: str, where: str, found: list | None = None) -> list[str]:
    """The parity problems of one page: its built HTML against what the harness runs or knowingly shows (``found``)."""
    found = harness_blocks(page) if found is None else found
    if page.suffix == ".ipynb":
        return unseen_cells(where, [(cell.index, cell.source) for cell in read_notebook(page)], found, html)
    return unseen_blocks(where, page.read_text(encoding="utf-8"), found, html)


def test_every_code_block_the_site_shows_is_one_the_harness_runs_or_shows(built_site: Path):
    """Markdown pages and notebooks, both editions: each built page's code blocks are the harness's, in order."""
    docs, problems, blocks, notebooks = ROOT / "docs", [], 0, 0
    for page in sorted(p for p in docs.rglob("*") if p.suffix in (*PAGE_SUFFIXES, ".ipynb")):
        html = built_page(built_site, docs, page).read_text(encoding="utf-8")
        found = harness_blocks(page)
        blocks, notebooks = blocks + len(found), notebooks + (page.suffix == ".ipynb")
        problems += unseen(page, html, str(page.relative_to(ROOT)), found)
    assert blocks >= 100 and notebooks >= 2, (blocks, notebooks)
    assert not problems, "\n".join(problems)


def built_bad_page(tmp_path: Path, page: str) -> tuple[Path, str]:
    """The one-page site of tests/bad_sites/<page>, which must build: the page's copy in docs/ and its built HTML."""
    result = mkdocs_build(bad_site(tmp_path, page), tmp_path / "site", cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    source = tmp_path / "docs" / (page if page.endswith(".ipynb") else "index.md")
    built = tmp_path / "site" / (Path(page).stem if page.endswith(".ipynb") else "") / "index.html"
    return source, built.read_text(encoding="utf-8")


def test_a_code_block_the_harness_never_collected_is_named_with_its_line(tmp_path):
    page, html = built_bad_page(tmp_path, "raw_pre.md")
    assert unseen(page, html, "tests/bad_sites/raw_pre.md") == [
        "tests/bad_sites/raw_pre.md:5: the built page shows a code block the harness never collected ('import torch'): "
        "write code as a fence with a language (```python runs it, ```text shows it)"
    ]


def test_a_fence_the_harness_reads_but_does_not_run_is_named_too(tmp_path):
    """The comparison is with what runs: the parse alone (collected) holds this fence."""
    page, html = built_bad_page(tmp_path, "unrun_fence.md")
    assert 6 in [line for line, _ in collected(page, ROOT / "snippets")]
    assert unseen(page, html, "tests/bad_sites/unrun_fence.md") == [
        "tests/bad_sites/unrun_fence.md:7: the built page shows a code block the harness never collected ('import torch'): "
        "write code as a fence with a language (```python runs it, ```text shows it)"
    ]


def test_a_block_only_the_harness_sees_is_named_too(tmp_path):
    page, html = built_bad_page(tmp_path, "fence_in_script.md")
    assert unseen(page, html, "tests/bad_sites/fence_in_script.md") == [
        "tests/bad_sites/fence_in_script.md:7: the harness collected a block the built page does not show "
        "('print(\"run, but never shown\")'): "
        "Markdown reads the page differently from docs_harness/markdown.py; fix the page's Markdown"
    ]


def test_a_notebook_cell_the_page_shows_and_the_harness_never_runs_is_named_with_its_cell(tmp_path):
    """Cell 4 is IPython syntax, which the harness does not run (it fails the page); cell 5 holds raw HTML
    code. The code cell it runs (its output, kept on the page, is no code block) and the ```text fence of cell 3 pass."""
    page, html = built_bad_page(tmp_path, "unrun_cells.ipynb")
    fix = "make it a code cell of plain Python, which the harness runs, or a ```text fence in a markdown cell"
    assert unseen(page, html, "tests/bad_sites/unrun_cells.ipynb") == [
        "tests/bad_sites/unrun_cells.ipynb: cell 4, line 1: the built page shows a code block the harness never "
        f"collected ('%timeit sum(range(10))'): {fix}",
        "tests/bad_sites/unrun_cells.ipynb: cell 5, line 3: the built page shows a code block the harness never "
        f"collected ('import torch'): {fix}",
    ]


def site_markdown(text: str, snippets: Path = ROOT / "snippets") -> str:
    """``text`` rendered by Python-Markdown with the extensions and settings of mkdocs.yml."""
    import markdown

    from sitebuild import config as site_config

    config = site_config.load()
    names, settings = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if options:
            settings[name] = options
    settings.setdefault("pymdownx.snippets", {}).update(base_path=[str(snippets)], check_paths=False)
    return markdown.markdown(text, extensions=names, extension_configs=settings)


def test_a_footnote_renders_as_a_footnote():
    html = site_markdown("Rows are samples.[^rows]\n\n[^rows]: The convention of the Caffe and Torch7 code.\n")
    assert 'class="footnote"' in html and 'class="footnote-ref"' in html
    assert "[^rows]" not in html


def test_no_built_page_shows_footnote_syntax(built_site: Path):
    import re

    for page in sorted(built_site.rglob("*.html")):
        text = re.sub(r"<(pre|code)\b.*?</\1>", "", page.read_text(encoding="utf-8"), flags=re.S)
        assert not re.search(r"\[\^[^\]\s]+\]", text), page.relative_to(built_site)


BAD_PAGES = ROOT / "tests" / "bad_pages"


def test_the_harness_reads_each_bad_page_as_markdown_renders_it():
    """The bad pages hold the odd cases (quotes, indented blocks, comments, unbraced options): the
    harness must see exactly the code blocks Python-Markdown renders from them."""
    # unbraced_options.md: superfences does not read that fence, so its closing ``` opens another;
    # the harness reports the fence and reads it as its author meant, to name the one line to fix.
    pages = sorted(p for p in BAD_PAGES.iterdir() if p.suffix in PAGE_SUFFIXES and p.name != "unbraced_options.md")
    assert len(pages) >= 15
    problems = []
    for page in pages:
        source = page.read_text(encoding="utf-8")
        try:
            found = collected(page, BAD_PAGES / "snippets")
        except Exception:  # noqa: BLE001 - a page the harness refuses as a whole (an unclosed fence)
            continue
        html = site_markdown(source, BAD_PAGES / "snippets")
        problems += unseen_blocks(page.name, source, found, html)
    assert not problems, "\n".join(problems)


def test_every_page_loads_the_theme_bundle_deferred_and_the_scripts_that_use_it_after_it(built_site: Path):
    """sitebuild/start_up.py: the bundle no longer runs the page's first style and layout in its own task."""
    pages = sorted(built_site.rglob("index.html")) + [built_site / "404.html"]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        scripts = re.findall(r"<script\b[^>]*\bsrc=\"([^\"]+)\"[^>]*>", html)
        tags = re.findall(r"<script\b[^>]*\bsrc=\"[^\"]+\"[^>]*>", html)
        bundle = [i for i, src in enumerate(scripts) if re.search(r"assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js$", src)]
        assert len(bundle) == 1 and re.search(r"\bdefer\b", tags[bundle[0]]), f"{page}: {tags}"
        after = tags[bundle[0] + 1 :]
        assert after and all(re.search(r"\bdefer\b", tag) for tag in after), f"{page}: a script after the bundle runs before it: {after}"


def test_a_changed_theme_bundle_script_is_refused_naming_the_page():
    bad = (BAD_THEME / "bundle-twice.html").read_text(encoding="utf-8")
    with pytest.raises(StartUpError, match=r"^bundle-twice\.html: expected the theme's bundle script .* once, found it 2 times"):
        defer_bundle(bad, "bundle-twice.html")
    with pytest.raises(StartUpError, match=r"^page\.md: expected the theme's bundle script .* once, found it 0 times"):
        defer_bundle("<p>no bundle</p>", "page.md")
    once = defer_bundle('<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>', "x.md")
    assert once == '<script defer src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
    assert defer_bundle(once, "x.md") == once
