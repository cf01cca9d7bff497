"""Learner pages stay readable: each ends with links onward, and none runs far past 1,300 words of prose.

Sources (a reference list) and the colophon pages (for maintainers) are not learner pages.
Words are counted outside code and math, as scripts/page_stats.py counts them, English pages only
(a Chinese page follows its English page).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from page_stats import prose_words  # noqa: E402

from sitebuild.site_facts import nav_pages  # noqa: E402

WORD_LIMIT = 1400  # "about 1,300": the longest learner page may run a few sentences over, not a section
NOT_LEARNER = ("sources.md", "about/")
RELATIVE_LINK = re.compile(r"\]\((?!https?:)[^)]+\.(?:md|ipynb)(?:#[^)]*)?\)")


def learner_pages() -> list[str]:
    return [p for p in nav_pages() if p.endswith(".md") and not p.startswith(NOT_LEARNER)]


def onward_problem(path: Path, shown: str) -> str:
    """'' when the page's last paragraph links to another page, else file:line: what; fix."""
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    start = len(lines)
    while start > 0 and lines[start - 1].strip():
        start -= 1
    last = "\n".join(lines[start:])
    if RELATIVE_LINK.search(last):
        return ""
    return (
        f"{shown}:{start + 1}: the page ends without links onward; end it with a line such as "
        "Next: [Page](page.md) · [Back to the one-page answer](../index.md)"
    )


@pytest.mark.parametrize("page", learner_pages())
def test_each_learner_page_ends_with_links_onward(page: str):
    for path in (ROOT / "docs" / page, ROOT / "docs" / page.replace(".md", ".zh.md")):
        if path.exists():
            assert onward_problem(path, path.relative_to(ROOT).as_posix()) == ""


def test_a_page_that_stops_is_named_with_its_line():
    bad = ROOT / "tests" / "bad_pages_shape" / "ends_without_links.md"
    assert onward_problem(bad, "ends_without_links.md") == (
        "ends_without_links.md:7: the page ends without links onward; end it with a line such as "
        "Next: [Page](page.md) · [Back to the one-page answer](../index.md)"
    )


@pytest.mark.parametrize("page", learner_pages())
def test_no_learner_page_runs_far_past_1300_words(page: str):
    words = prose_words((ROOT / "docs" / page).read_text(encoding="utf-8"))
    assert words <= WORD_LIMIT, f"docs/{page}: {words} words of prose, over {WORD_LIMIT}: split the page or move detail to a linked one"


def test_the_word_count_counts_prose_not_code():
    assert prose_words("# T\n\nOne two three.\n\n```python\nnot counted at all\n```\n") == 4
