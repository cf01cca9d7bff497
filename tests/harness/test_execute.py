"""docs_harness.execute: one block run in this process; a layout error names the page's line, not the block's."""

from __future__ import annotations

from pathlib import Path

from docs_harness.execute import run_python
from docs_harness.markdown import Line

BAD = Path(__file__).parent / "bad"


def block(name: str, first: int) -> list[Line]:
    """The lines of a bad input as if they sat on a page from line ``first`` on."""
    path = BAD / name
    return [Line(text, path, first + n) for n, text in enumerate(path.read_text().splitlines())]


def test_a_layout_error_is_reported_at_the_pages_line():
    result = run_python(block("second_group.py.txt", 10), {}, raises=None, seconds=5, root=BAD)
    assert result.problems == ["second_group.py.txt:13: a second #> group under the statement at line 1"]


def test_a_wrong_output_is_an_output_problem_with_an_edit():
    lines = block("edits.md", 1)[1:-1]  # the fence's body: lines 2-5 of the file
    result = run_python(lines, {}, raises=None, seconds=5, root=BAD)
    assert result.problems == [] and result.checks == 2
    assert [p.splitlines()[0] for p in result.output_problems] == [
        "edits.md:3: the output shown does not match what the code prints",
        "edits.md:5: the output shown does not match what the code prints",
    ]
    assert [(e.start, e.end, e.lines) for e in result.edits] == [(3, 4, ["#> 1"]), (5, 6, ["#> 2"])]


def test_statements_run_one_by_one_keep_the_blocks_future_imports():
    """run_python compiles each top-level statement alone (to read fd 1 after each); a __future__ import still holds,
    and one after another statement is still an error."""
    source = ["from __future__ import annotations", "def f(x: Undefined): ...", "print(f.__annotations__)", "#> {'x': 'Undefined'}"]
    lines = [Line(text, BAD / "future.md", n + 1) for n, text in enumerate(source)]
    result = run_python(lines, {}, raises=None, seconds=5, root=BAD)
    assert result.problems == [] and result.output_problems == [] and result.checks == 1
    late = [Line(text, BAD / "future.md", n + 1) for n, text in enumerate(["x = 1", source[0]])]
    assert run_python(late, {}, raises=None, seconds=5, root=BAD).problems == [
        "future.md:2: SyntaxError: from __future__ imports must occur at the beginning of the file"
    ]
