"""docs_harness.claims: each claim of a page held against what its code printed, and the opt-outs it counts."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from docs_harness.claims import claim_problems
from docs_harness.markdown import parse_page
from docs_harness.summary import LEDGER, Ledger

BAD = Path(__file__).parent / "bad"


def page(name: str, printed: str) -> SimpleNamespace:
    """The part of a PageState claims read: its spans, what its code printed, where the ledger is."""
    path = BAD / name
    stash = pytest.Stash()
    stash[LEDGER] = Ledger()
    _, spans = parse_page(path, [])
    return SimpleNamespace(
        path=path, root=BAD, rel=Path(name), spans=spans, blocks=[], config=SimpleNamespace(stash=stash), printed=lambda: printed
    )


def test_an_unprinted_claim_and_an_opt_out_without_reason_fail_with_their_lines():
    claims = page("claims.md", "torch.Size([30, 20])\n")
    assert claim_problems(claims) == [
        "claims.md:3: shape claim `(31,)` [31] is not printed by any code on this page",
        "claims.md:5: `[7, 7]`: an unchecked-shape marker needs a reason",
    ]
    book = claims.config.stash[LEDGER]
    assert book.claims == 2
    assert book.opt_outs == ["claims.md:4: shape `[20, 30]` unchecked: printed on another page"]


def test_claims_printed_by_the_page_pass():
    assert claim_problems(page("claims.md", "[30, 20]\n(31,)\n"))[:1] == ["claims.md:5: `[7, 7]`: an unchecked-shape marker needs a reason"]
