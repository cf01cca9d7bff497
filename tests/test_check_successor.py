"""scripts/check_successor.py, the checker of the site Zensical builds: every assertion, on a bad site."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import check_successor  # noqa: E402

BAD = ROOT / "tests" / "bad_sites" / "successor"


def test_every_failure_names_its_file():
    problems = check_successor.check(BAD / "built", check_successor.expected_pages(BAD / "docs"))
    assert problems == [
        f"{BAD / 'built'}: 2 pages built, the sources have 3; see which page is missing",
        "index.html: raw TeX '\\\\(x A^\\\\top\\\\)' left as text; the formula was not rendered",
        "index.html: loads https://cdn.example.com/katex.js from another host; serve it from the site",
        "index.html: source srcset='assets/missing-narrow.svg': no file assets/missing-narrow.svg; "
        "build or copy the file",
        "index.html: img src='assets/missing.png': no file assets/missing.png; build or copy the file",
    ]


def test_a_good_site_passes(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(BAD / "built" / "page", site / "page")
    shutil.copytree(BAD / "built" / "assets", site / "assets")
    assert check_successor.check(site, 1) == []


def test_known_losses_are_listed_not_failed(tmp_path, capsys):
    site = tmp_path / "site"
    shutil.copytree(BAD / "built" / "page", site / "page")
    shutil.copytree(BAD / "built" / "assets", site / "assets")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text("# Page\n")
    (docs / "notebook.ipynb").write_text("{}")
    assert check_successor.main([str(site), str(docs)]) == 0
    out = capsys.readouterr().out
    assert "known: notebooks:" in out and f"{site}: every check passed" in out
