"""Claims: each page's shape claims (read by shapes.py) held against what the page's code printed."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import pytest

from . import binding
from .summary import ledger


class ClaimedPage(Protocol):
    """What the claims check reads of a page (run.PageState is one): it runs after the page's code."""

    config: pytest.Config
    path: Path
    root: Path
    rel: Path
    spans: list
    blocks: list  # items with kind, lines and lineno

    def printed(self) -> str: ...

    def run(self, index: int): ...  # the block's result, with what it printed


def claim_problems(page: ClaimedPage) -> list[str]:
    """One ``file:line: ...`` message per claim that does not hold for the tensor it names (binding.py), or marker
    without a reason; counts the rest."""
    code = [b for b in page.blocks if b.kind in ("python", "session")]
    blocks = [(b.kind, list(b.lines), b.lineno) for b in code]
    printed_by_block = [page.run(b.index).printed for b in code]
    bad, stats, opt_outs = binding.check_page(page.path, page.rel, page.root, blocks, page.spans, page.printed(), printed_by_block)
    book = ledger(page.config)
    book.claims += stats.bound + stats.derived + stats.fell_back
    book.opt_outs.extend(opt_outs)
    return bad
