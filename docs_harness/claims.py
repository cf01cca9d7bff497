"""Claims: each page's shape claims (read by shapes.py) held against what the page's code printed."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Protocol

import pytest

from . import shapes
from .markdown import located
from .summary import ledger


class ClaimedPage(Protocol):
    """What the claims check reads of a page (run.PageState is one): it runs after the page's code."""

    config: pytest.Config
    rel: Path
    spans: list

    def printed(self) -> str: ...


def claim_problems(page: ClaimedPage) -> list[str]:
    """One ``file:line: ...`` message per claim no code on the page prints, or marker without a reason; counts the rest."""
    printed = shapes.printed(page.printed())
    book = ledger(page.config)
    bad = []
    for span in page.spans:
        for claim in shapes.claims(span.text):
            at = located(page.rel, span.lineno)
            if span.exemption is not None:
                if not span.exemption:
                    bad.append(f"{at}: `{span.text}`: an unchecked-shape marker needs a reason")
                else:
                    book.opt_outs.append(f"{at}: shape `{span.text}` unchecked: {span.exemption}")
                continue
            book.claims += 1
            if claim not in printed:
                near = difflib.get_close_matches(str(list(claim)), [str(list(p)) for p in printed], n=3)
                bad.append(
                    f"{at}: shape claim `{span.text}` {list(claim)} is not printed by any code on this page"
                    + (f" (printed nearby: {', '.join(near)})" if near else "")
                )
    return bad
