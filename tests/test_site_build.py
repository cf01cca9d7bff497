"""The site builds with --strict, and the build's own guards reject broken links and missing snippets."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import ROOT, mkdocs_build

BAD_SITES = ROOT / "tests" / "bad_sites"


def test_site_builds_strict(built_site: Path):
    assert (built_site / "index.html").is_file()
    assert (built_site / "search" / "search_index.json").is_file()


def bad_site(tmp_path: Path, page: str) -> Path:
    """A copy of the real mkdocs.yml whose docs folder holds one bad page."""
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(BAD_SITES / page, docs / "index.md")
    config = (ROOT / "mkdocs.yml").read_text()
    config = config.split("\nnav:")[0]  # the bad page is the whole site
    config = re.sub(r"\nwatch:\n(  - .*\n)+", "\n", config)  # watch paths are relative to the config file
    config = config.replace("- hooks/", f"- {ROOT}/hooks/")
    config += f"\ndocs_dir: {docs}\n"
    path = tmp_path / "mkdocs.yml"
    path.write_text(config)
    return path


def test_broken_link_fails_the_build(tmp_path):
    result = mkdocs_build(bad_site(tmp_path, "broken_link.md"), tmp_path / "site", cwd=ROOT)
    assert result.returncode != 0
    assert "contains a link 'no-such-page.md', but the target is not found" in result.stderr


def test_broken_anchor_fails_the_build(tmp_path):
    result = mkdocs_build(bad_site(tmp_path, "broken_anchor.md"), tmp_path / "site", cwd=ROOT)
    assert result.returncode != 0
    assert "there is no such anchor on this page" in result.stderr


def test_missing_snippet_fails_the_build(tmp_path):
    result = mkdocs_build(bad_site(tmp_path, "missing_snippet.md"), tmp_path / "site", cwd=ROOT)
    assert result.returncode != 0
    assert "no_such_snippet.py" in result.stderr
