"""docs_harness.markdown: a page read as the reader sees it; what cannot be read is a PageError naming file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from docs_harness.markdown import PageError, parse_page, read_snippet

BAD = Path(__file__).parent / "bad"
SNIPPETS = [BAD / "snippets"]


def test_a_fence_that_never_closes_is_a_page_error():
    with pytest.raises(PageError, match=r"unclosed\.md:3: fence ``` is never closed$"):
        parse_page(BAD / "unclosed.md", [])


def test_a_snippet_section_or_line_range_is_what_the_reader_sees():
    section = read_snippet("sections.txt:shape", SNIPPETS, "page.md:4")
    assert [(line.text, line.lineno) for line in section] == [("print(torch.zeros(3, 2).shape)", 3)]
    assert [line.lineno for line in read_snippet("sections.txt:4:5", SNIPPETS, "page.md:4")] == [5]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("missing.py", "page.md:4: snippet 'missing.py' not found (searched {bases})"),
        ("sections.txt:bias", "page.md:4: snippet 'sections.txt' has no section [start:bias]"),
    ],
)
def test_a_snippet_that_is_not_there_is_a_page_error(spec, message):
    with pytest.raises(PageError) as caught:
        read_snippet(spec, SNIPPETS, "page.md:4")
    assert str(caught.value) == message.format(bases=SNIPPETS[0])
