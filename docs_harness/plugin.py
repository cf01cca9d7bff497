"""Options and plugin surface: the harness's command-line options and ini settings, and the pytest hooks it implements."""

from __future__ import annotations

from pathlib import Path

import pytest

from . import collect, run, summary
from .run import pytest_runtest_call  # noqa: F401  # hook: page code may not write into the checkout


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("docs", "docs pages")
    group.addoption(
        "--update-outputs",
        nargs="?",
        const="write",
        default=None,
        choices=["write", "diff"],
        help="rewrite shown outputs (#> lines, >>> results) to what the code prints; '=diff' only prints the diff",
    )
    group.addoption("--block-timeout", type=float, default=None, help="seconds each block may run (default: ini docs_block_timeout)")
    parser.addini("docs_dirs", "folders whose .md and .ipynb files are pages", type="paths", default=[])
    parser.addini("docs_snippet_paths", "folders that --8<-- includes are resolved against", type="paths", default=[])
    parser.addini("docs_block_timeout", "seconds each block may run", default="30")
    # execution: each page runs in a child process of its own (isolate.py)
    parser.addini("docs_memory_limit", "GiB of address space each page's child process may use (0: no limit)", default="4")
    group.addoption(
        "--docs-determinism",
        action="store_true",
        default=False,
        help="run each page a second time (other hash seed, 2 threads, fresh RNG state) and fail blocks that print differently",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.stash[summary.LEDGER] = summary.Ledger()
    if config.getoption("update_outputs") and (config.getoption("numprocesses", None) or hasattr(config, "workerinput")):
        raise pytest.UsageError(
            "--update-outputs rewrites pages from one process: run it without -n (pytest-xdist), "
            "e.g. .venv/bin/python -m pytest docs/x.md --update-outputs"
        )


def pytest_sessionfinish(session: pytest.Session) -> None:
    """A pytest-xdist worker hands its ledger to the controller, which prints the one summary."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["docs_ledger"] = summary.ledger(session.config).to_worker_output()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    """pytest-xdist (controller): add a finished worker's ledger to the run's."""
    data = getattr(node, "workeroutput", {}).get("docs_ledger")
    if data:
        summary.ledger(node.config).add_worker_output(data)


def pytest_unconfigure(config: pytest.Config) -> None:
    run.BLOCKS.forget(config)


def pytest_collect_file(file_path: Path, parent: pytest.Collector):
    if collect.is_page(file_path, parent.config):
        return collect.DocsPage.from_parent(parent, path=file_path)
    return None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """A block's call report carries what it printed and its problems other than shown outputs (for --docs-report)."""
    report = yield
    if call.when == "call":
        run.record(item, report)
    return report


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    summary.terminal_summary(terminalreporter, config)
