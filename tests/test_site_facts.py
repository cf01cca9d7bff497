"""The numbers the colophon quotes are printed by its code, and that code counts what it says.

- ``unprinted_numbers`` finds a number in a page's prose that no ``#>`` line on the page
  shows; it runs on the colophon in English and Chinese, and a bad page under
  tests/bad_numbers/ proves it catches a stale count.
- ``nav_pages`` and ``pages_with_math`` agree with an independent reading of docs/.
"""

from __future__ import annotations

import json

import pytest

from sitebuild.math_delimiters import has_math
from sitebuild.site_facts import ROOT, nav_pages, pages_with_math, unprinted_numbers

COLOPHON = ["docs/about/how-this-site-is-built.md", "docs/about/how-this-site-is-built.zh.md"]


@pytest.mark.parametrize("page", COLOPHON)
def test_the_colophon_quotes_only_numbers_its_code_prints(page):
    assert unprinted_numbers(ROOT / page) == []


def test_a_stale_count_is_caught():
    fix = (
        "is not printed by any code on this page; print it from a snippet "
        "(a count from the repository or a committed file under bench/results/) or leave it out"
    )
    assert unprinted_numbers(ROOT / "tests" / "bad_numbers" / "stale_count.md") == [
        f"tests/bad_numbers/stale_count.md:10: the number 19 {fix}",
        f"tests/bad_numbers/stale_count.md:12: the number 19 {fix}",
    ]


def test_numbers_from_an_included_snippet_count_as_printed(tmp_path):
    (tmp_path / "count.py").write_text('print(7)\n#> 7\n')
    page = tmp_path / "page.md"
    page.write_text('```python\n--8<-- "count.py"\n```\n\nSeven is 7, not 8.\n')
    assert [m.split(": ", 1)[1][:14] for m in unprinted_numbers(page, snippets=tmp_path)] == ["the number 8 i"]


def test_the_nav_lists_every_english_page():
    """The strict build refuses a page missing from the nav, so the nav and docs/ list the same pages."""
    docs = ROOT / "docs"
    files = {
        p.relative_to(docs).as_posix()
        for p in docs.rglob("*")
        if p.suffix in (".md", ".ipynb") and ".zh." not in p.name and ".ipynb_checkpoints" not in p.parts
    }
    assert sorted(nav_pages()) == sorted(files)


def test_pages_with_math_reads_markdown_and_notebooks(tmp_path):
    (tmp_path / "a.md").write_text("Rows: \\(y = x A^T\\).\n")
    (tmp_path / "b.md").write_text("No math, $5 only.\n")
    cell = {"cell_type": "markdown", "source": ["The weight $A$ is stored."], "metadata": {}}
    (tmp_path / "c.ipynb").write_text(json.dumps({"cells": [cell]}))
    assert pages_with_math(["a.md", "b.md", "c.ipynb"], docs=tmp_path) == ["a.md", "c.ipynb"]



@pytest.mark.parametrize(
    ("markdown", "math"),
    [
        ("Rows: \\(y = x A^T\\).", True),
        ("\\[\n y = x A^\\top + b\n\\]", True),
        ("$$\ny = x\n$$", True),
        ("The weight $A$ is stored.", True),
        ("It costs $5, or $10.", False),
        ("Code: `\\(x\\)` is not a formula.", False),
        ("```python\nprint('\\\\(x\\\\)')\n```", False),
        ("<!-- \\(x\\) -->", False),
    ],
)
def test_one_rule_says_whether_a_page_has_math(markdown, math):
    """sitebuild.math_delimiters.has_math: the rule the colophon's count, the KaTeX test and the browser tour share."""
    assert has_math(markdown) is math
