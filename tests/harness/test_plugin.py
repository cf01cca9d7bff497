"""docs_harness (the face) and docs_harness.plugin: every hook is where ``-p docs_harness`` finds it."""

from __future__ import annotations

from pathlib import Path

import pytest

import docs_harness
from docs_harness import plugin

pytest_plugins = ["pytester"]


def test_the_face_exports_each_hook_of_the_plugin_module():
    hooks = {name for name in vars(plugin) if name.startswith("pytest_")}
    assert hooks == {name for name in docs_harness.__all__ if name.startswith("pytest_")}
    assert all(getattr(docs_harness, name) is getattr(plugin, name) for name in hooks)
    assert docs_harness.pytest_plugins == ["docs_harness.report"]


def test_every_public_name_is_there(pytester):
    missing = [name for name in docs_harness.__all__ if not hasattr(docs_harness, name)]
    assert not missing
    config = pytester.parseconfig("-p", "docs_harness", "-o", "docs_block_timeout=7")
    assert config.getini("docs_block_timeout") == "7" and config.getoption("update_outputs") is None


PAGES = {
    "one.md": (
        "# One\n\n```python\nprint(2 * 3)\n#> 6\n```\n\nA `[2, 3]` shape:\n\n"
        "```python\nimport torch\nprint(torch.zeros(2, 3).shape)\n#> torch.Size([2, 3])\n```\n"
    ),
    "two.md": "# Two\n\n```python\nprint('two')\n#> two\n```\n\n```text\nshown, not run\n```\n",
}


def harness_run(pytester, monkeypatch, *args: str):
    """The harness in a pytest of its own (pytest-xdist's workers are processes), the checkout importable."""
    monkeypatch.setenv("PYTHONPATH", str(Path(docs_harness.__file__).resolve().parent.parent))
    for name, text in PAGES.items():
        pytester.makefile(".md", **{name.removesuffix(".md"): text})
    return pytester.runpytest_subprocess("-p", "docs_harness", "-p", "no:cacheprovider", "-o", "docs_dirs=.", *args)


def test_under_xdist_the_controller_prints_the_workers_ledger(pytester, monkeypatch):
    # what one process counts for these pages; each worker runs one page, the controller none, and every
    # worker collects both pages (the text block's opt-out is found while collecting: counted once)
    line = "3 blocks executed, 3 shown outputs compared, 1 shape claims checked, 1 opt-outs"
    alone = harness_run(pytester, monkeypatch)
    assert alone.ret == 0 and line in alone.stdout.str(), alone.stdout.str()
    spread = harness_run(pytester, monkeypatch, "-n", "2", "--dist", "loadfile")
    assert spread.ret == 0 and line in spread.stdout.str(), spread.stdout.str()
    assert spread.stdout.str().count("opt-out  two.md:") == 1, spread.stdout.str()
    assert "each page ran in a child process of its own" in spread.stdout.str()


def test_update_outputs_under_xdist_is_refused(pytester, monkeypatch):
    result = harness_run(pytester, monkeypatch, "-n", "2", "--update-outputs")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: --update-outputs rewrites pages from one process: run it without -n (pytest-xdist)*"])
