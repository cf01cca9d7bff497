"""The site builds with --strict, and the build's own guards reject broken links and missing snippets."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, mkdocs_build, one_page_site

BAD_SITES = ROOT / "tests" / "bad_sites"


def test_site_builds_strict(built_site: Path):
    assert (built_site / "index.html").is_file()
    assert (built_site / "search" / "search_index.json").is_file()


def bad_site(tmp_path: Path, page: str) -> Path:
    """The real mkdocs.yml in a folder whose docs/ holds one bad page from tests/bad_sites/ (see one_page_site)."""
    return one_page_site(tmp_path, BAD_SITES / page)


def test_broken_link_fails_the_build(tmp_path):
    result = mkdocs_build(bad_site(tmp_path, "broken_link.md"), tmp_path / "site", cwd=tmp_path)
    assert result.returncode != 0
    assert "contains a link 'no-such-page.md', but the target is not found" in result.stderr


def test_broken_anchor_fails_the_build(tmp_path):
    result = mkdocs_build(bad_site(tmp_path, "broken_anchor.md"), tmp_path / "site", cwd=tmp_path)
    assert result.returncode != 0
    assert "there is no such anchor on this page" in result.stderr


def test_missing_snippet_fails_the_build(tmp_path):
    result = mkdocs_build(bad_site(tmp_path, "missing_snippet.md"), tmp_path / "site", cwd=tmp_path)
    assert result.returncode != 0
    assert "no_such_snippet.py" in result.stderr



def test_failing_notebook_cell_fails_the_build(tmp_path):
    config = bad_site(tmp_path, "failing_cell.ipynb")
    result = mkdocs_build(config, tmp_path / "site", cwd=tmp_path)
    assert result.returncode != 0
    assert "mat1 and mat2 shapes cannot be multiplied (128x25 and 20x30)" in result.stdout + result.stderr


def test_a_page_loading_from_another_host_fails_the_build(tmp_path):
    result = mkdocs_build(bad_site(tmp_path, "cdn_script.md"), tmp_path / "site", cwd=tmp_path)
    assert result.returncode != 0
    assert "index.md: the page would load from another host: https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js" in result.stderr


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


def test_a_chinese_page_loading_from_another_host_fails_the_build(tmp_path):
    """hooks/offline.py checks the Chinese edition's pages too (the build of zh/ runs every hook again)."""
    config = bad_site(tmp_path, "broken_anchor.md")
    (tmp_path / "docs" / "index.md").write_text("# A page\n\nNothing loads from elsewhere.\n")
    (tmp_path / "docs" / "index.zh.md").write_text((BAD_SITES / "cdn_script.zh.md").read_text(encoding="utf-8"))
    result = mkdocs_build(config, tmp_path / "site", cwd=tmp_path)
    assert result.returncode != 0
    assert "index.zh.md: the page would load from another host: https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js" in result.stderr
