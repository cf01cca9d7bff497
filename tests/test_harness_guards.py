"""Each rule of the docs harness, proven on a bad page from tests/bad_pages/ that it must reject."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import torch  # noqa: F401  # imported here so pytester's in-process runs share one torch

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "bad_pages"


def run_page(pytester: pytest.Pytester, page: str | Path, *extra: str) -> pytest.RunResult:
    """Run the harness on one page (a name under tests/bad_pages/, or a path), in this process (torch stays imported)."""
    return pytester.runpytest_inprocess(
        str(BAD / page),
        "-p",
        "docs_harness",
        "-p",
        "no:cacheprovider",
        f"--rootdir={ROOT}",
        "-o",
        f"docs_snippet_paths={BAD / 'snippets'}",
        "-o",
        "docs_dirs=",
        "-o",
        "addopts=",
        *extra,
    )


def test_wrong_output_fails_with_a_unified_diff(pytester):
    result = run_page(pytester, "wrong_output.md")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*tests/bad_pages/wrong_output.md:7: the output shown does not match what the code prints",
            "*(shown on the page)",
            "*(printed by the code)",
            "-torch.Size([[]20, 30])",
            "+torch.Size([[]30, 20])",
        ]
    )


def test_a_bare_expression_with_output_under_it_is_told_to_print(pytester):
    """A block is not a >>> session: the #> line under a bare expression fails at its line, with the hint under the diff."""
    result = run_page(pytester, "bare_expression.md")
    assert result.ret == 1
    result.stdout.fnmatch_lines(
        [
            "*bare_expression.md:10: the output shown does not match what the code prints",
            "-torch.Size([[]2, 3])",
            "the statement is an expression, and a code block does not echo its value as a >>> session does: wrap it in print(...)",
        ]
    )


def test_hidden_output_fails(pytester):
    result = run_page(pytester, "missing_output.md")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*missing_output.md:4: this statement prints output that the page does not show:", "*#> 4"])


def test_fences_in_admonitions_details_and_tabs_run(pytester):
    result = run_page(pytester, "nested_failures.md")
    result.assert_outcomes(failed=3)
    result.stdout.fnmatch_lines_random(
        [
            "*nested_failures.md:6: the block raised ValueError",
            "*nested_failures.md:12: the block raised ValueError",
            "*nested_failures.md:18: the block raised ValueError",
        ]
    )


def test_snippet_traceback_points_into_the_snippet_file(pytester):
    result = run_page(pytester, "snippet_error.md")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*snippets/raises_on_line_5.py:5: the block raised RuntimeError",
            '*File "tests/bad_pages/snippets/raises_on_line_5.py:5", in <module>',
            "*torch.zeros(2, 3) @ torch.zeros(2, 3)*",
            "RuntimeError: mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)",
        ]
    )


def test_python_in_an_unlabelled_fence_fails(pytester):
    result = run_page(pytester, "looks_like_python.md")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines_random(
        ["*looks_like_python.md:3: this fence looks like Python but would not run*", "*looks_like_python.md:8: this fence*"]
    )


def test_opt_out_needs_a_reason_and_is_reported(pytester):
    result = run_page(pytester, "notest_without_reason.md")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*notest_without_reason.md:3: notest needs a reason*",
            "*opt-out  tests/bad_pages/notest_without_reason.md:7: block not run: needs a CUDA device*",
        ]
    )


def test_declared_exceptions_check_type_message_and_that_one_is_raised(pytester):
    result = run_page(pytester, "raises_wrong.md")
    result.assert_outcomes(failed=4, passed=1)
    result.stdout.fnmatch_lines_random(
        [
            "*raises_wrong.md:7: the output shown does not match*",
            "*raises_wrong.md:13: the block must raise ValueError, but raised RuntimeError",
            "*raises_wrong.md:18: the block must raise RuntimeError, but it finished without an error",
            "*raises_wrong.md:27: this line never runs: the statement above raises RuntimeError",
        ]
    )


def test_session_output_and_exception_are_compared(pytester):
    result = run_page(pytester, "session_wrong.md")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines_random(
        ["*session_wrong.md:6: the output shown does not match*", "-torch.Size([[]20, 30])", "*session_wrong.md:15:*", "-22", "+21"]
    )


def test_shape_claims_in_prose_tables_and_admonitions(pytester):
    result = run_page(pytester, "shape_claims.md")
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines_random(
        [
            "*shape_claims.md:15: claim \"*\" says [[]20, 30], but the weight printed [[]30, 20] (line 7); fix the claim,*",
            "*shape_claims.md:19: claim \"*\" says [[]31], but the page's printed weight makes the bias [[]30]; fix the claim,*",
            "*shape_claims.md:22: `[[]7, 7]`: an unchecked-shape marker needs a reason",
            "*opt-out  tests/bad_pages/shape_claims.md:21: shape `[[]20, 30]` unchecked: printed on the frameworks page",
            "*5 shape claims checked*",
        ]
    )


def test_shape_claims_and_code_in_footnotes(pytester):
    """A footnote's text, later paragraphs and tables are prose with claims; its code block runs."""
    result = run_page(pytester, "footnote_claims.md")
    result.assert_outcomes(failed=2, passed=1)
    result.stdout.fnmatch_lines_random(
        [
            "*footnote_claims.md:13: claim \"*\" says [[]20, 30], but the weight printed [[]30, 20] (line 7); fix the claim,*",
            "*footnote_claims.md:17: claim \"*\" says [[]31], but the page's printed weight makes the bias [[]30]; fix the claim,*",
            "*footnote_claims.md:23: claim \"*\" says [[]20, 32], but the weight printed [[]30, 20] (line 7); fix the claim,*",
            "*footnote_claims.md:29: the output shown does not match what the code prints",
            "*2 blocks executed*",
        ]
    )


def test_a_hanging_block_is_stopped_and_the_rest_still_runs(pytester):
    result = run_page(pytester, "hang_then_fine.md")
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines(["*hang_then_fine.md:4: the block ran longer than its 1 s limit and was stopped*"])


def test_a_block_cannot_open_a_socket(pytester):
    result = run_page(pytester, "network.md")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*network.md:6: the block tried to open a network socket; page code must run offline"])


def test_continuation_runs_each_block_once(pytester):
    result = run_page(pytester, "continuation.md")
    result.assert_outcomes(passed=3, failed=3)
    result.stdout.fnmatch_lines_random(
        [
            "*continuation.md:19: the block raised KeyError",
            "*continuation.md:23: this block continues the block at *continuation.md:19, which failed",
            "*continuation.md:27: this block continues the block at *continuation.md:23, which failed",
            "*4 blocks executed*",
        ]
    )


def test_update_outputs_rewrites_the_page(pytester, tmp_path):
    page = tmp_path / "page.md"
    shutil.copy(BAD / "wrong_output.md", page)
    with page.open("a") as f:
        f.write('\n!!! note\n\n    ```python\n    print("in a note")\n    ```\n')
    diff = run_page(pytester, page, "--update-outputs=diff")
    diff.assert_outcomes(failed=2)
    assert "#> torch.Size([20, 30])" in page.read_text(), "diff mode must not write"
    diff.stdout.fnmatch_lines(["+#> torch.Size([[]30, 20])", "+    #> in a note"])
    written = run_page(pytester, page, "--update-outputs")
    written.assert_outcomes(passed=2)
    text = page.read_text()
    assert "#> torch.Size([30, 20])" in text and "#> torch.Size([20, 30])" not in text
    assert '    print("in a note")\n    #> in a note\n' in text
    again = run_page(pytester, page)
    again.assert_outcomes(passed=2)


def test_a_failing_notebook_cell_fails_and_later_cells_report_it(pytester):
    result = run_page(pytester, "failing_cell.ipynb")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*tests/bad_pages/failing_cell.ipynb: cell 3, line 1: the block raised RuntimeError",
            "RuntimeError: mat1 and mat2 shapes cannot be multiplied (128x25 and 20x30)",
        ]
    )


def test_a_chinese_page_is_checked_exactly_as_an_english_one(pytester):
    """docs/x.zh.md pages run through the same harness: a wrong #> line, a shape claim in Chinese prose
    and a failing include inside an admonition each fail."""
    result = run_page(pytester, "chinese_page.zh.md")
    result.assert_outcomes(failed=3)
    result.stdout.fnmatch_lines_random(
        [
            "*tests/bad_pages/chinese_page.zh.md:11: the output shown does not match what the code prints",
            "-torch.Size([[]20, 30])",
            "+torch.Size([[]30, 20])",
            "*chinese_page.zh.md:14: shape claim `[[]31]` [[]31] is not printed by any code on this page*",
            "*snippets/raises_on_line_5.py:5: the block raised RuntimeError",
            "*2 shape claims checked*",
        ]
    )


def test_every_code_block_a_reader_sees_runs_or_is_refused(pytester):
    result = run_page(pytester, "unrun_fences.md")
    result.assert_outcomes(failed=10)
    result.stdout.fnmatch_lines_random(
        [
            "tests/bad_pages/unrun_fences.md:6: the block raised ValueError",
            "tests/bad_pages/unrun_fences.md:10: the block raised ValueError",
            "tests/bad_pages/unrun_fences.md:14: the block raised ValueError",
            "tests/bad_pages/unrun_fences.md:18: the block raised ValueError",
            "tests/bad_pages/unrun_fences.md:24: the block raised ValueError",
            "tests/bad_pages/unrun_fences.md:30: the block raised ValueError",
            "tests/bad_pages/unrun_fences.md:35: an indented code block is shown but never run: "
            "fence it with ```python to run it, or ```text to show it as text",
            "tests/bad_pages/unrun_fences.md:37: a fence without a language is shown but never checked: tag it ```python "
            "to run it, or ```text (or its language, e.g. ```bash) to show it",
            "tests/bad_pages/unrun_fences.md:41: unknown fence language 'pyhton' (did you mean 'python'?), so the block "
            "is shown and never run: tag it ```python to run it, or ```text to show it",
            "tests/bad_pages/unrun_fences.md:53: a python2 fence would not run: the site's code is Python 3, tag it ```python",
            "  opt-out  tests/bad_pages/unrun_fences.md:49: text block shown, not run",
        ]
    )


def test_options_without_braces_are_refused(pytester):
    result = run_page(pytester, "unbraced_options.md")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "tests/bad_pages/unbraced_options.md:6: the fence options 'raises=\"ValueError\"' need braces, or the fence is "
            'shown as plain text and its #> lines as headings: write ```{.python raises="ValueError"}'
        ]
    )


def test_a_markdown_page_with_another_suffix_runs(pytester):
    result = run_page(pytester, "other_suffix.markdown")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["tests/bad_pages/other_suffix.markdown:4: the block raised ValueError"])


def test_comments_hide_only_what_markdown_hides(pytester):
    result = run_page(pytester, "comments.md")
    result.assert_outcomes(failed=5)
    result.stdout.fnmatch_lines_random(
        [
            "tests/bad_pages/comments.md:6: the block raised ValueError",
            "tests/bad_pages/comments.md:9: an unchecked-shape marker must end with --> on its line: "
            "<!-- unchecked-shape: reason -->",
            "tests/bad_pages/comments.md:19: this <!-- comment is never closed, so Markdown shows it as text: "
            "close it with --> or write &lt;!-- for the characters themselves",
            "tests/bad_pages/comments.md:22: the block raised ValueError",
            "tests/bad_pages/comments.md:9: shape claim `[[]4, 4]` [[]4, 4] is not printed by any code on this page",
            "tests/bad_pages/comments.md:25: shape claim `[[]5, 5]` [[]5, 5] is not printed by any code on this page",
        ]
    )
    assert "hidden in a comment" not in result.stdout.str()


def test_fence_options_and_output_lines_are_read_strictly(pytester):
    result = run_page(pytester, "options.md")
    result.assert_outcomes(failed=9, passed=2)
    result.stdout.fnmatch_lines_random(
        [
            "tests/bad_pages/options.md:3: timeout=2m is not a number of seconds: write a plain number, e.g. timeout=120",
            "tests/bad_pages/options.md:8: unknown fence option 'raise'; did you mean 'raises'? "
            "(the options are continuation, env, notest, raises, timeout)",
            "tests/bad_pages/options.md:12: unknown fence option 'continue'; did you mean 'continuation'? *",
            "tests/bad_pages/options.md:17: unknown fence option 'notests'; did you mean 'notest'? *",
            "tests/bad_pages/options.md:24: '#>no space' is not an output line, so it is not compared: "
            "write '#> no space' (#> and one space)",
            "tests/bad_pages/options.md:26: '# > space inside' is not an output line, so it is not compared: "
            "write '#> space inside' (#> and one space)",
            "tests/bad_pages/options.md:30: this statement prints output that the page does not show:",
            "... 99960 more lines not shown (pytest --update-outputs=diff prints them all)",
            'tests/bad_pages/options.md:44: raises needs a value: {.python raises="RuntimeError"}',
        ]
    )
    assert len(result.stdout.str()) < 20_000, "100k printed lines are counted, not quoted"
    assert "#> 40\n" not in result.stdout.str()


def test_file_is_the_page_or_the_snippet(pytester):
    result = run_page(pytester, "options.md", "-v")
    result.stdout.fnmatch_lines_random(["*options.md::line:33 PASSED*", "*options.md::line:40 PASSED*"])


def test_an_include_in_a_fence_without_a_language_is_named(pytester):
    result = run_page(pytester, "unlabelled_include.md")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "tests/bad_pages/unlabelled_include.md:3: this fence includes shown_never_run.py but has no language, "
            "so it is shown and never run: tag it ```python"
        ]
    )


def test_a_fence_in_a_notebook_markdown_cell_is_refused(pytester):
    result = run_page(pytester, "fence_in_markdown_cell.ipynb")
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines(
        [
            "tests/bad_pages/fence_in_markdown_cell.ipynb: cell 1, line 5: a code block in a markdown cell is shown "
            "but never run: make it a code cell, or tag it ```text to show it as text"
        ]
    )


def test_a_wrong_notebook_output_fails_with_a_unified_diff(pytester):
    """A notebook cell's #> lines are compared like a page's (a wrong one in a later cell and in the middle of
    a cell too), and a cell that prints without them is named."""
    result = run_page(pytester, "wrong_output.ipynb")
    result.assert_outcomes(passed=2, failed=3)
    result.stdout.fnmatch_lines(
        [
            "tests/bad_pages/wrong_output.ipynb: cell 2, line 5: the output shown does not match what the code prints",
            "--- tests/bad_pages/wrong_output.ipynb: cell 2, line 5 (shown on the page)",
            "+++ tests/bad_pages/wrong_output.ipynb: cell 2, line 5 (printed by the code)",
            "-torch.Size([[]20, 30])",
            "+torch.Size([[]30, 20])",
            "tests/bad_pages/wrong_output.ipynb: cell 3, line 1: this statement prints output that the page does not show:",
            "    #> torch.Size([[]30])",
            "tests/bad_pages/wrong_output.ipynb: cell 5, line 5: the output shown does not match what the code prints",
            "--- tests/bad_pages/wrong_output.ipynb: cell 5, line 5 (shown on the page)",
            "+++ tests/bad_pages/wrong_output.ipynb: cell 5, line 5 (printed by the code)",
            "-torch.Size([[]128, 20])",
            "+torch.Size([[]128, 30])",
        ]
    )
    assert "harness error" not in result.stdout.str()


def test_update_outputs_rewrites_the_notebook_cells(pytester, tmp_path):
    import json

    page = tmp_path / "nb.ipynb"
    shutil.copy(BAD / "wrong_output.ipynb", page)
    diff = run_page(pytester, page, "--update-outputs=diff")
    diff.assert_outcomes(passed=2, failed=3)
    assert page.read_text() == (BAD / "wrong_output.ipynb").read_text(), "diff mode must not write"
    diff.stdout.fnmatch_lines(["+#> torch.Size([[]30, 20])", "+#> torch.Size([[]30])", "+#> torch.Size([[]128, 30])"])
    written = run_page(pytester, page, "--update-outputs")
    written.assert_outcomes(passed=5)
    cells = json.loads(page.read_text())["cells"]
    assert cells[1]["source"] == [
        "import torch\n", "\n", "layer = torch.nn.Linear(20, 30)\n", "print(layer.weight.shape)\n", "#> torch.Size([30, 20])"
    ]
    assert cells[2]["source"] == ["print(layer.bias.shape)\n", "#> torch.Size([30])"]
    assert cells[3]["source"] == ["print(layer.in_features)\n", "#> 20"]
    assert cells[4]["source"][3:6] == ["print(layer(x).shape)\n", "#> torch.Size([128, 30])\n", "print(layer.weight.T.shape)\n"]
    again = run_page(pytester, page)
    again.assert_outcomes(passed=5)


def test_stored_notebook_outputs_must_be_what_the_cells_print(pytester):
    """The site publishes a notebook's stored outputs: a stale one, a missing one, a Jupyter kernel's extra
    outputs and an execution count out of order each fail, with a diff against what the cell printed."""
    result = run_page(pytester, "stored_outputs.ipynb")
    result.assert_outcomes(passed=1, failed=5)
    page = "tests/bad_pages/stored_outputs.ipynb"
    differs = "the output stored in the notebook does not match what the cell prints"
    result.stdout.fnmatch_lines(
        [
            f"{page}: cell 2, line 6: {differs}",
            f"--- {page}: cell 2, line 6 (stored in the notebook)",
            f"+++ {page}: cell 2, line 6 (printed by the code)",
            " 20",
            "-torch.Size([[]20, 30])",
            "+torch.Size([[]30, 20])",
            "the site shows the stored output: store what the cell prints (pytest --update-outputs)",
            f"{page}: cell 3, line 1: {differs}",
            "+torch.Size([[]30])",
            f"{page}: cell 4, line 2: {differs}",
            "-[[]stderr] UserWarning: printed by a Jupyter kernel",
            "-[[]execute_result text/plain] 30",
            f"{page}: cell 5, line 1: the notebook stores execution count 9 for this cell, but it runs as code cell 4: "
            "run the cells in order (pytest --update-outputs stores the count)",
            f"{page}: cell 7, line 1: an empty code cell stores outputs that no code printed, and the site would show "
            "them: clear its outputs, or delete the cell",
        ]
    )


def test_update_outputs_stores_what_the_notebook_cells_print(pytester, tmp_path):
    import json

    page = tmp_path / "nb.ipynb"
    shutil.copy(BAD / "stored_outputs.ipynb", page)
    diff = run_page(pytester, page, "--update-outputs=diff")
    diff.assert_outcomes(passed=1, failed=5)
    assert page.read_text() == (BAD / "stored_outputs.ipynb").read_text(), "diff mode must not write"
    diff.stdout.fnmatch_lines([f"--- {page}: cell 2 (stored output)", "-torch.Size([[]20, 30])", "+torch.Size([[]30, 20])"])
    written = run_page(pytester, page, "--update-outputs")
    written.assert_outcomes(passed=5, failed=1)  # the empty cell's outputs are not the harness's to clear
    cells = json.loads(page.read_text())["cells"]
    stream = {"name": "stdout", "output_type": "stream"}
    assert [(c["execution_count"], c["outputs"]) for c in cells[1:-1]] == [
        (1, [{**stream, "text": ["20\n", "torch.Size([30, 20])\n"]}]),
        (2, [{**stream, "text": ["torch.Size([30])\n"]}]),
        (3, [{**stream, "text": ["30\n"]}]),
        (4, [{**stream, "text": ["torch.Size([20, 30])\n"]}]),
        (5, [{**stream, "text": ["torch.float32\n"]}]),
    ]
    cells.pop()
    page.write_text(json.dumps({**json.loads(page.read_text()), "cells": cells}))
    again = run_page(pytester, page)
    again.assert_outcomes(passed=5)


def test_ipython_magics_and_shell_lines_in_a_notebook_are_refused(pytester):
    """%line and %%cell magics and ! shell lines run only in a Jupyter kernel; a % continuing an expression is Python."""
    result = run_page(pytester, "magics.ipynb")
    result.assert_outcomes(passed=2, failed=3)
    refused = "IPython magics and ! shell commands do not run in the harness; write plain Python"
    result.stdout.fnmatch_lines(
        [
            f"tests/bad_pages/magics.ipynb: cell 3, line 2: {refused} ('%time layer = torch.nn.Linear(20, 30)')",
            f"tests/bad_pages/magics.ipynb: cell 4, line 1: {refused} ('%%bash')",
            f"tests/bad_pages/magics.ipynb: cell 5, line 2: {refused} ('!pip list')",
        ]
    )
    assert "SyntaxError" not in result.stdout.str()


def test_a_notebook_line_past_line_999_of_a_cell_is_named_by_its_cell_and_line(pytester, tmp_path):
    """A notebook place is (cell, line): a cell's line 1002 is not cell 3's line 2."""
    import json

    source = "import torch\n" + "pass\n" * 1000 + "print(torch.nn.Linear(20, 30).weight.shape)\n#> torch.Size([20, 30])"
    cells = [
        {"cell_type": "markdown", "id": "a", "metadata": {}, "source": "# Long"},
        {"cell_type": "code", "execution_count": 1, "id": "b", "metadata": {}, "outputs": [], "source": source},
        {"cell_type": "code", "execution_count": 2, "id": "c", "metadata": {}, "outputs": [], "source": "pass"},
    ]
    page = tmp_path / "long.ipynb"
    page.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    result = run_page(pytester, page)
    result.stdout.fnmatch_lines([f"{page}: cell 2, line 1003: the output shown does not match what the code prints"])
    written = run_page(pytester, page, "--update-outputs")
    written.assert_outcomes(passed=2)
    stored = json.loads(page.read_text())["cells"]
    assert stored[1]["source"].splitlines()[-1] == "#> torch.Size([30, 20])" and stored[2]["source"] == "pass"


def test_shape_claims_in_math_in_nxm_form_and_across_lines(pytester):
    """\\(..\\), \\[..\\], 30x20 and 30 × 20 code spans and a code span wrapped onto the next line are all claims."""
    result = run_page(pytester, "shape_claims_math.md")
    result.assert_outcomes(passed=1, failed=1)
    not_printed = "is not printed by any code on this page"
    result.stdout.fnmatch_lines(
        [
            "tests/bad_pages/shape_claims_math.md:15: claim \"*\" says [[]20, 30], but `W` printed [[]30, 20] (line 7); fix the claim*",
            rf"tests/bad_pages/shape_claims_math.md:15: shape claim `\(\mathbb{{R}}^{{31}}\)` [[]31] {not_printed}",
            f"tests/bad_pages/shape_claims_math.md:16: shape claim `20x30` [[]20, 30] {not_printed}*",
            f"tests/bad_pages/shape_claims_math.md:16: shape claim `20 × 30` [[]20, 30] {not_printed}*",
            f"tests/bad_pages/shape_claims_math.md:16: shape claim `torch.Size([[]20, 31])` [[]20, 31] {not_printed}*",
            "tests/bad_pages/shape_claims_math.md:19: claim \"*\" says [[]21, 30], but `W` printed [[]30, 20] (line 7); fix the claim*",
            "*11 shape claims checked, 1 opt-outs",
            r"  opt-out  tests/bad_pages/shape_claims_math.md:23: shape `\(3 \times 3\)` unchecked: a convolution's kernel size",
        ]
    )
    # the right shapes, arithmetic and hex are not reported (counted once per message: under CI=true
    # pytest does not shorten the summary line, which repeats the first one)
    reported = {line.strip() for line in result.stdout.lines if line.startswith("tests/bad_pages/") and not_printed in line}
    assert len(reported) == 4, sorted(reported)


CLAIM_FIX = "; fix the claim, or if it is the shape of something else, name that right after it: <!-- shape-of: name -->"


def swapped(where: str, claim: str, subject: str, printed: str, at: str) -> str:
    """The pattern of the line reported for a prose claim that names ``subject`` but not its printed shape
    (the claim's sentence is quoted where the * stands)."""
    return f'{where}: claim "*" says [[]{claim}], but {subject} printed [[]{printed}] ({at}){CLAIM_FIX}'


def run_swap_page(pytester, name: str):
    """Run one bad page whose single block passes and whose claims fail together."""
    result = run_page(pytester, name)
    result.assert_outcomes(passed=1, failed=1)
    return result


def test_a_shape_claim_is_checked_against_the_tensor_it_names(pytester):
    """Swaps pass the "printed somewhere" rule; bound to their subject, each fails (weight <-> weight.T,
    input <-> output, bias <-> a same-length vector, a marker naming the wrong tensor, a Chinese page)."""
    page = "tests/bad_pages/shape_swaps.md"
    result = run_swap_page(pytester, "shape_swaps.md")
    result.stdout.fnmatch_lines_random(
        [
            swapped(f"{page}:19", "20, 30", "the weight", "30, 20", "line 12"),
            swapped(f"{page}:19", "30, 20", "`W.T`", "20, 30", "line 12"),
            swapped(f"{page}:20", "128, 30", "`x`", "128, 20", "line 14"),
            swapped(f"{page}:20", "128, 20", "the output", "128, 30", "line 14"),
            swapped(f"{page}:21", "20", "the bias", "30", "line 16"),
            swapped(f"{page}:23", "20, 30", "`layer.bias`", "30", "line 16"),
            f"{page}:24: the claim [[]7, 7] is marked as the shape of `conv.weight`, but no code on "
            "this page prints it: print its shape, or name a tensor the page prints",
        ]
    )
    chinese = run_swap_page(pytester, "shape_swaps.zh.md")
    chinese.stdout.fnmatch_lines(
        [
            swapped("tests/bad_pages/shape_swaps.zh.md:15", "20, 30", "the weight", "30, 20", "line 12"),
            swapped("tests/bad_pages/shape_swaps.zh.md:17", "20, 30", "the weight", "30, 20", "line 12"),
        ]
    )
    assert not re.search(r"shape_swaps\.zh\.md:15: claim .* says \[20, 30\], but the transposed", chinese.stdout.str())


def test_a_swap_is_caught_in_every_form_a_claim_takes(pytester):
    """The weight said to be weight.T's shape, in math with no symbol, as a 20x30 or 20 × 30 span before "matrix"
    or "tensor", in a code span or raw HTML <code> wrapped onto the next line; the right claims around them pass."""
    page = "tests/bad_pages/shape_swaps_forms.md"
    result = run_swap_page(pytester, "shape_swaps_forms.md")
    weight = [swapped(f"{page}:{n}", "20, 30", "the weight", "30, 20", "line 9") for n in (14, 16, 17, 19)]
    bias = swapped(f"{page}:18", "20", "the bias", "30", "line 11")
    result.stdout.fnmatch_lines_random([*weight, bias, "*11 shape claims checked*"])
    # the failure report only: under CI=true pytest repeats whole messages in its short summary
    lines = result.stdout.lines
    report = lines[: next((i for i, line in enumerate(lines) if "short test summary info" in line), len(lines))]
    reported = [line for line in report if line.startswith(f"{page}:")]
    assert sum(line.startswith(f"{page}:15: claim ") and "says [20, 30]" in line for line in reported) == 2, reported
    assert not [line for line in reported if re.match(r"tests/bad_pages/shape_swaps_forms\.md:2\d:", line)], "the right claims pass"


def test_shapes_in_comments_docstrings_and_raw_html_are_bound_claims(pytester):
    """A snippet's docstring and comments, and <code> in raw HTML, are checked like prose; a comment on an
    assignment binds to what the code builds there; \\(1 \\times 1\\) before "convolution" is a kernel size."""
    result = run_swap_page(pytester, "comment_claims.md")
    prose = CLAIM_FIX
    code = "; fix the comment, or name the tensor it is about before the shape: `name: (30, 20)`"
    snippet = "tests/bad_pages/snippets/comment_claims.py"
    result.stdout.fnmatch_lines_random(
        [
            f'tests/bad_pages/comment_claims.md:7: claim "In raw HTML the weight is `[[]20, 30]`, and*" says [[]20, 30], '
            f"but the weight printed [[]30, 20] ({snippet}:8){prose}",
            f'{snippet}:1: claim "A Linear(20, 30) layer keeps its weight as [[]20, 30]." says [[]20, 30], '
            f"but the `Linear` weight printed [[]30, 20] (line 8){code}",
            f'{snippet}:6: claim "(B, in) = (128, 30)" says [[]128, 30], but `x` is built as [[]128, 20] (line 6){code}',
            f'{snippet}:9: claim "(20,)" says [[]20], but `b` is built as [[]30] (line 5){code}',
            r"tests/bad_pages/comment_claims.md:11: shape claim `\(3 \times 3\)` [[]3, 3] is not printed by any code on this page*",
            r"tests/bad_pages/comment_claims.md:11: shape claim `\(1 \times 1\)` [[]1, 1] is not printed by any code on this page",
        ]
    )
    out = result.stdout.str()
    assert "comment_claims.md:10" not in out, "a 1x1 convolution is a kernel size"
    assert "comment_claims.py:5" not in out and "[30, 20] is not" not in out, "the right comment and <code> pass"


def test_a_claim_binds_to_its_section_its_module_its_step_and_its_comment_label(pytester):
    """Each of these swaps is printed on the page for another tensor, so "printed somewhere" passes it: a role
    word is held to its own section's tensors, "the `Conv1d` weight" and "`conv`'s bias" to that module's, "A gives
    B" to the input and the output side, `layer(x)` returns to `layer(x)`, a comment to its label (`W: ...`)
    or, on a multi-name assignment, to its own name, and "the weight gradient" to the weight; `weight_t =
    layer.weight.T.contiguous()` is the transposed weight, whatever its name says; a docstring's bare `W`, a
    comment's `Conv1d(...)` weight and a role word its block prints nothing for bind like prose. The right claims
    beside them pass, and so do the operands of a product in a table row headed "input gradient"."""
    page = "tests/bad_pages/shape_swaps_sections.md"
    result = run_page(pytester, "shape_swaps_sections.md")
    result.assert_outcomes(passed=7, failed=1)
    code = "; fix the comment, or name the tensor it is about before the shape: `name: (30, 20)`"
    result.stdout.fnmatch_lines_random(
        [
            swapped(f"{page}:20", "128, 30", "the input", "128, 20", "line 15"),
            swapped(f"{page}:20", "128, 20", "the output", "128, 30", "line 15"),
            swapped(f"{page}:21", "128, 20", "`layer(x)`", "128, 30", "line 15"),
            f'{page}:33: claim "In this section the weight is `[[]30, 20]`." says [[]30, 20], but the weight printed '
            f"[[]16, 20, 1] (line 29), [[]16, 4] (line 29){CLAIM_FIX}",
            f'{page}:34: claim "*" says [[]16, 4, 1], but the `Conv1d` weight printed [[]16, 20, 1] (line 29), [[]8, 20, 1] (line 75){CLAIM_FIX}',
            swapped(f"{page}:34", "30", "the `conv` bias", "16", "line 29"),
            f'{page}:39: claim "(30, 20), (20,)" says [[]20], but `b` printed [[]30] (line 42){code}',
            f'{page}:40: claim "W: (out, in) = (20, 30)" says [[]20, 30], but `W` printed [[]30, 20] (line 42){code}',
            swapped(f"{page}:53", "20, 30", "the weight", "30, 20", "line 50"),
            f'{page}:67: claim "The weight is `[[]20, 30]` here." says [[]20, 30], but the weight printed [[]30, 20] (line 13), *',
            f'{page}:72: claim "The layer stores W [[]out, in] = (20, 30) like the textbook." says [[]20, 30], but `W` printed [[]30, 20] *',
            f'{page}:73: claim "Conv1d(20, 8, 1) stores its weight as (16, 4)" says [[]16, 4], but the `Conv1d` weight printed [[]8, 20, 1] *',
            f'{page}:79: claim "the weight (20, 30) and the bias" says [[]20, 30], but the weight printed [[]30, 20] (line 13), *',
        ]
    )
    lines = result.stdout.lines
    report = lines[: next((i for i, line in enumerate(lines) if "short test summary info" in line), len(lines))]
    reported = [line for line in report if line.startswith(f"{page}:")]
    assert len(reported) == 13, reported  # lines 18, 19 and 32 are right, and the operands of a product on line 57
    assert not [line for line in reported if re.match(rf"{re.escape(page)}:(?:18|19|32|57):", line)], reported


def test_a_loop_print_binds_its_shapes_and_strides_to_their_expressions(pytester):
    """A loop's one print writes a #> line per pass, each printing the same expressions: its shapes and strides
    bind to them, so a swap to strides the loop printed for another tensor is no longer excused as output no
    expression is known for (before, `t.stride()` bound nothing and fell back to "printed somewhere"). The right
    claims beside it pass."""
    page = "tests/bad_pages/shape_swaps_loops.md"
    result = run_swap_page(pytester, "shape_swaps_loops.md")
    result.stdout.fnmatch_lines_random(
        [
            f'{page}:16: claim "*" says [[]20, 30], but `t.stride()` printed [[]20, 1] (line 10), [[]30, 1] (line 11){CLAIM_FIX}',
        ]
    )
    reported = [line for line in result.stdout.lines if line.startswith(f"{page}:")]
    assert len(reported) == 1 and not [line for line in reported if line.startswith((f"{page}:14:", f"{page}:15:"))], reported


INDEX_SWAPS = [  # issue 14's examples on docs/index.md: (the text, the swap, what the message says)
    ("the weight is\n`[30, 20]`", "the weight is\n`[20, 30]`", "docs/index.md:80: claim * says [[]20, 30], but the weight printed [[]30, 20] *"),
    ("the bias is `[30]`", "the bias is `[20]`", "docs/index.md:80: claim * says [[]20], but the bias printed [[]30] *"),
    ("the output `y` is `[128, 30]`", "the output `y` is `[128, 20]`", "docs/index.md:80: claim * says [[]128, 20], but `y` printed [[]128, 30] *"),
]


@pytest.mark.parametrize(("text", "swap", "message"), INDEX_SWAPS, ids=["weight", "bias", "output"])
def test_the_issue_swaps_on_the_home_page_are_caught(tmp_path, text, swap, message):
    """A copy of docs/index.md with one claim swapped to another shape the page prints gets exactly that message
    from the binding check (run in this process, as scripts/claim_binding.py runs it); the page itself gets none."""
    import fnmatch
    import importlib.util

    from docs_harness import binding

    spec = importlib.util.spec_from_file_location("claim_binding", ROOT / "scripts" / "claim_binding.py")
    claim_binding = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(claim_binding)

    def check(page: Path) -> list[str]:
        blocks, spans = claim_binding.page_blocks(page, [ROOT / "snippets", ROOT])
        bad, _, _ = binding.check_page(page, Path("docs/index.md"), ROOT, blocks, spans, claim_binding.printed_text(blocks))
        return bad

    original = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert original.count(text) == 1, text
    copy = tmp_path / "index.md"
    copy.write_text(original, encoding="utf-8")
    assert check(copy) == []
    copy.write_text(original.replace(text, swap), encoding="utf-8")
    bad = check(copy)
    assert len(bad) == 1 and fnmatch.fnmatch(bad[0], message), bad


SWAPPED_COMMENTS = "tests/bad_pages/snippets/shape_swaps_comments.py"


def comment_swaps(pytester) -> list[str]:
    """The messages for tests/bad_pages/shape_swaps_comments.md, whose one block passes (each test names its line)."""
    result = run_swap_page(pytester, "shape_swaps_comments.md")
    lines = result.stdout.lines
    report = lines[: next((i for i, line in enumerate(lines) if "short test summary info" in line), len(lines))]
    return [line for line in report if line.startswith(f"{SWAPPED_COMMENTS}:")]


def test_a_preposition_after_a_comment_claim_is_no_noun_naming_its_subject(pytester):
    """"the Linear's weight (20, 30) without .T": "without" names no tensor, so the words before bind the claim."""
    reported = comment_swaps(pytester)
    wanted = "says [20, 30], but the `Linear` weight is built as [30, 20]"
    assert [line for line in reported if line.startswith(f"{SWAPPED_COMMENTS}:1: ") and wanted in line], reported


def test_a_shape_in_the_comment_of_a_linear_is_its_weight_or_its_bias(pytester):
    """A layer has no shape of its own: "(out, in) = (20, 30)" on `head = nn.Linear(20, 30)` is the weight's, and
    checked against the (30, 20) it is built as (before, it bound to `head`, which prints nothing, and fell back
    to the (20, 30) the transposed weight printed). `nn.Linear(20, 30).eval()` is the same layer."""
    reported = comment_swaps(pytester)
    for k, name in ((5, "layer"), (6, "head")):
        wanted = f'{SWAPPED_COMMENTS}:{k}: claim "(out, in) = (20, 30)" says [20, 30], but `{name}.weight` is built as [30, 20] (line {k})'
        assert [line for line in reported if line.startswith(wanted)], (wanted, reported)


def test_a_multi_name_comment_gives_one_item_per_name(pytester):
    """`W, b = ...  # (out, in) = (20, 30), (out,)`: one shape for two names bound neither; the comment's items,
    split at the commas outside brackets, are one per name, so (20, 30) is `W`'s."""
    reported = comment_swaps(pytester)
    wanted = f'{SWAPPED_COMMENTS}:9: claim "(out, in) = (20, 30), (out,)" says [20, 30], but `W` is built as [30, 20] ('
    assert [line for line in reported if line.startswith(wanted)], reported


def test_an_exception_message_binds_its_shapes_to_the_operands_it_names(pytester):
    """"mat1 and mat2 shapes cannot be multiplied (20x128 and 20x30)" under `layer(x.T)`: 20x128 is the input as
    the product's matrix (`layer(x.T).mat1`), 20x30 the transposed weight (`layer(x.T).mat2`, `layer.weight.T`).
    Before, both were bound to `layer(x.T)`, so neither `mat1` nor `mat2` bound and a swap between them passed."""
    page = "tests/bad_pages/shape_swaps_errors.md"
    result = run_swap_page(pytester, "shape_swaps_errors.md")
    result.stdout.fnmatch_lines_random(
        [
            f'{page}:15: claim "The message\'s `mat1` is `20x30`*" says [[]20, 30], but `mat1` printed [[]20, 128] (line 12)*',
            f'{page}:15: claim "*its `mat2` is `20x128`*" says [[]20, 128], but `mat2` printed [[]20, 30] (line 12)*',
        ]
    )
    reported = [line for line in result.stdout.lines if line.startswith(f"{page}:")]
    assert len(set(reported)) == 2 and not [line for line in reported if line.startswith(f"{page}:16:")], reported


def test_an_exception_message_its_handler_prints_binds_its_shapes_to_the_operands_it_names(pytester):
    """`try: layer(x.T)` / `except RuntimeError as error: print(error)` prints the message a `raises=` line shows:
    20x128 is `layer(x.T).mat1`, 20x30 `mat2`, and a size mismatch's checkpoint shape `state['weight']`'s. Before,
    the shapes were bound to `error`, so neither `mat1`, `mat2` nor `state['weight']` bound and the swaps passed."""
    page = "tests/bad_pages/shape_swaps_handled.md"
    result = run_swap_page(pytester, "shape_swaps_handled.md")
    result.stdout.fnmatch_lines_random(
        [
            f'{page}:23: claim "The message\'s `mat1` is `20x30`*" says [[]20, 30], but `mat1` printed [[]20, 128] (line 13)*',
            f'{page}:23: claim "*its `mat2` is `20x128`*" says [[]20, 128], but `mat2` printed [[]20, 30] (line 13)*',
            f'{page}:24: claim "*`state[[]\'weight\']` is `[[]30, 20]`*" says [[]30, 20], but `state[[]\'weight\']` printed [[]20, 30] (line 20)*',
        ]
    )
    reported = [line for line in result.stdout.lines if line.startswith(f"{page}:")]
    assert len(set(reported)) == 3 and not [line for line in reported if line.startswith(f"{page}:26:")], reported


def test_a_random_normal_or_uniform_call_spells_out_its_shape(pytester):
    """`np.random.normal(0.0, 1.0, (128, 20))`, `jax.random.normal(key, (128, 20))`, `random.uniform(size=(4, 3))`:
    the one tuple among the arguments is the tensor's shape, so a comment or docstring naming it is held to it.
    Before, nothing printed `x` or `u`, and `(20, 128)` and `(3, 4)` (their transposes') passed as printed
    somewhere; the Equinox page's docstring "a batch x of (128, 20)" is held to its `x` the same way."""
    page = "tests/bad_pages/shape_swaps_random.md"
    result = run_swap_page(pytester, "shape_swaps_random.md")
    result.stdout.fnmatch_lines_random(
        [
            f'{page}:9: claim "(B, in) = (20, 128)" says [[]20, 128], but `x` is built as [[]128, 20] (line 9)*',
            f'{page}:10: claim "(3, 4)" says [[]3, 4], but `u` is built as [[]4, 3] (line 10)*',
            f'{page}:4: claim "A batch x of (20, 128), drawn by np.random.normal." says [[]20, 128], but `x` is built as [[]128, 20] (line 9)*',
        ]
    )
    reported = {line for line in result.stdout.lines if line.startswith(f"{page}:")}
    assert len(reported) == 3, sorted(reported)


def test_a_value_is_checked_whole_against_what_its_subject_printed_and_its_rows_are_no_shapes(pytester):
    """`[[4, 6], [4, 6]]` (what `.tolist()` prints) is a value, not two shape claims [4, 6]: a value claim must be
    one its subject printed (`W.grad`'s, not `W`'s), or printed somewhere if the page printed none for it; and
    the rows of a printed value are not shapes, so they no longer excuse a comment's wrong shape, `(1, 2)`."""
    page = "tests/bad_pages/value_claims.md"
    result = run_swap_page(pytester, "value_claims.md")
    result.stdout.fnmatch_lines_random(
        [
            f"{page}:13: value claim `[[]*1, 0], [[]0, 1]]`, but `W.grad` printed [[]*4, 6], [[]4, 6]] (line 10); fix the claim, or name *",
            f"{page}:15: value claim `[[]*4, 7], [[]4, 6]]` is not printed by any code on this page",
            f'{page}:7: claim "(B, in) = (1, 2)" says [[]1, 2], but `X` is built as [[]2, 2] (line 7)*',
        ]
    )
    reported = {line for line in result.stdout.lines if line.startswith(f"{page}:")}
    assert len(reported) == 3, sorted(reported)


def test_a_shape_printed_after_its_name_is_that_names(pytester):
    """`{'kernel': (20, 30), 'scale': (30,)}` names each shape it prints: (20, 30) is the kernel's. Before, the line
    bound to no expression, "the kernel" found nothing printed for it, and `(30, 20)` (its transpose's) passed.
    Printed code names the call whose arguments the shapes are: `reinterpret_tensor(buf0, (20, 30), (1, 20), 0)`."""
    page = "tests/bad_pages/shape_swaps_labels.md"
    result = run_swap_page(pytester, "shape_swaps_labels.md")
    result.stdout.fnmatch_lines_random(
        [
            f'{page}:17: claim "The kernel is `(30, 20)`." says [[]30, 20], but the kernel printed [[]20, 30] (line 8)*',
            f'{page}:19: claim "*`reinterpret_tensor` with the size `(30, 20)`." says [[]30, 20], '
            "but `reinterpret_tensor` printed [[]20, 30] (line 14), [[]1, 20] (line 14)*",
        ]
    )
    reported = {line for line in result.stdout.lines if line.startswith(f"{page}:")}
    assert len(reported) == 2, sorted(reported)


def test_a_printed_list_of_shapes_binds_each_to_its_item(pytester):
    """`print([w.shape for w in weights])` prints `weights[0]`'s shape, then `weights[1]`'s: before, the line bound
    to no expression and `weights[1]` "is `(30, 20)`" (the first item's) passed. 输出到 ("out to") names no
    output tensor, so the last claim is not held against one."""
    page = "tests/bad_pages/shape_swaps_listed.md"
    result = run_swap_page(pytester, "shape_swaps_listed.md")
    result.stdout.fnmatch_lines_random([f'{page}:13: claim "`weights[[]1]` is `(30, 20)`*" says [[]30, 20], but `weights[[]1]` printed [[]3, 30] (line 8)*'])
    reported = {line for line in result.stdout.lines if line.startswith(f"{page}:")}
    assert len(reported) == 1, sorted(reported)
