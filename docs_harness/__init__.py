"""pytest plugin (``-p docs_harness``): every piece of Python a reader can see on the site is run and checked.

pytest-markdown-docs supplies the test items and the runner protocol; this plugin
collects what 0.9.2 cannot see on its own (fences inside admonitions and tabs,
``--8<--`` includes, ``>>>`` sessions, notebooks) and adds the checks it lacks:
``#>`` outputs, declared exceptions, shape claims in prose, a time limit and no network.

The modules, one concern each:

- ``plugin``: options, ini settings and the pytest hooks (re-exported here, where ``-p`` finds them);
- ``collect``: which files are pages, and each page read into blocks;
- ``run``: page state, blocks and the pytest-markdown-docs runner;
- ``markdown``: reading pages, fences, snippets and notebooks;
- ``execute``, ``isolate``, ``containment``, ``remote``: running a block, a page's child process,
  no writes into the checkout, another Python environment;
- ``outputs``: ``#>`` lines;
- ``claims``, ``shapes``: shape claims in prose, checked against printed output;
- ``summary``, ``report``: the terminal summary and output edits, the JSON report.
"""

from __future__ import annotations

from .claims import claim_problems
from .collect import DocsPage, fence_problem, is_page
from .plugin import (
    pytest_addoption,
    pytest_collect_file,
    pytest_configure,
    pytest_runtest_call,
    pytest_runtest_makereport,
    pytest_sessionfinish,
    pytest_terminal_summary,
    pytest_testnodedown,
    pytest_unconfigure,
)
from .run import BLOCKS, Block, DocsFailure, DocsRunner, PageState
from .summary import Ledger, apply_edits

pytest_plugins = ["docs_harness.report"]  # --docs-report=PATH: each item's outcome and warnings as JSON

__all__ = [
    "BLOCKS",
    "Block",
    "DocsFailure",
    "DocsPage",
    "DocsRunner",
    "Ledger",
    "PageState",
    "apply_edits",
    "claim_problems",
    "fence_problem",
    "is_page",
    "pytest_addoption",
    "pytest_collect_file",
    "pytest_configure",
    "pytest_runtest_call",
    "pytest_runtest_makereport",
    "pytest_sessionfinish",
    "pytest_terminal_summary",
    "pytest_testnodedown",
    "pytest_unconfigure",
]
