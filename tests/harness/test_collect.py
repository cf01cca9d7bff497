"""docs_harness.collect: which files are pages, and why a fence cannot run (each rule on a bad fence)."""

from __future__ import annotations

from pathlib import Path

from docs_harness.collect import fence_problem
from docs_harness.markdown import parse_page

BAD = Path(__file__).parent / "bad"


def test_each_refused_fence_names_its_fix():
    fences, _ = parse_page(BAD / "fences.md", [])
    problems = [fence_problem(fence, f"fences.md:{fence.lineno}") for fence in fences]
    assert problems == [
        "fences.md:3: this fence looks like Python but would not run: tag it ```python "
        '(or ```pycon for a >>> session), or give a reason with {.python notest="..."}',
        "fences.md:7: unknown fence language 'pyhton' (did you mean 'python'?), so the block is shown and never run: "
        "tag it ```python to run it, or ```text to show it",
        "fences.md:11: unknown fence option 'timeot'; did you mean 'timeout'? (the options are continuation, env, notest, raises, timeout)",
        "fences.md:15: timeout=0 is no time limit; give a positive number of seconds, e.g. timeout=120",
        'fences.md:19: raises needs a value: {.python raises="RuntimeError"}',
        "fences.md:23: a python2 fence would not run: the site's code is Python 3, tag it ```python",
        "",  # ```text: shown by choice
    ]

