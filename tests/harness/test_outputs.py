"""docs_harness.outputs: #> groups, and the layout errors that carry their line and reason as data."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from docs_harness.outputs import OutputLayoutError, as_output_lines, clip, normalise, statements

BAD = Path(__file__).parent / "bad"


def test_each_statement_gets_the_group_written_under_it():
    found = statements("x = 1\nprint(x)\n#> 1\nprint(x, x)\n#> 1 1\n")
    assert [(s.first, s.expected, s.expected_at) for s in found] == [(1, None, None), (2, ["1"], (3, 4)), (4, ["1 1"], (5, 6))]


@pytest.mark.parametrize(
    ("page", "line", "reason"),
    [
        ("output_layout.py.txt", 1, "#> lines must sit directly under the statement that prints them"),
        ("second_group.py.txt", 4, "a second #> group under the statement at line 1"),
    ],
)
def test_a_misplaced_group_is_an_error_with_its_line_and_reason(page, line, reason):
    with pytest.raises(OutputLayoutError) as caught:
        statements((BAD / page).read_text())
    assert (caught.value.line, caught.value.reason) == (line, reason)
    assert str(caught.value) == f"line {line}: {reason}"
    again = pickle.loads(pickle.dumps(caught.value))  # crosses the pipe from a page's child process intact
    assert (again.line, again.reason) == (line, reason)


def test_output_lines_round_trip_and_long_output_is_clipped():
    assert as_output_lines(normalise("a\n\nb  \n\n"), "    ") == ["    #> a", "    #>", "    #> b"]
    assert clip([str(n) for n in range(45)])[-1] == "... 5 more lines not shown (pytest --update-outputs=diff prints them all)"
