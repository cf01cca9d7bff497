"""docs_harness.summary: --update-outputs edits, applied bottom-up so earlier line numbers stay valid."""

from __future__ import annotations

import shutil
from pathlib import Path

from docs_harness.execute import Edit
from docs_harness.summary import apply_edits

BAD = Path(__file__).parent / "bad"


def test_edits_are_shown_as_a_diff_and_written_only_when_asked(tmp_path):
    page = tmp_path / "edits.md"
    shutil.copy(BAD / "edits.md", page)
    before = page.read_text()
    edits = [Edit(page, 3, 4, ["#> 1"]), Edit(page, 5, 6, ["#> 2", "#> and more"]), Edit(page, 3, 4, ["#> 1"])]
    shown = apply_edits(edits, write=False)
    assert page.read_text() == before
    assert [line for line in shown if line[:1] in "+-" and line[:3] not in ("+++", "---")] == ["-#> 0", "+#> 1", "-#> 0", "+#> 2", "+#> and more"]
    written = apply_edits(edits, write=True)
    assert written[-1] == f"updated {page}"
    assert page.read_text() == "```python\nprint(1)\n#> 1\nprint(2)\n#> 2\n#> and more\n```\n"
