"""docs_harness.containment: which checkout page code may not write into (the writes themselves: tests/test_isolation.py)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from docs_harness.containment import checkout_root

ROOT = Path(__file__).resolve().parents[2]


def test_the_guarded_checkout_is_the_checkout_not_pytests_rootdir(monkeypatch, tmp_path):
    # From a clone in /tmp, a bad page in tmp_path made rootdir /tmp: the child then saw all of /tmp
    # read-only and every temporary file was refused as a write into the checkout.
    config = SimpleNamespace(inipath=ROOT / "pyproject.toml", rootpath=Path("/tmp"))
    monkeypatch.delenv("DOCS_CHECKOUT", raising=False)
    assert checkout_root(config) == ROOT.resolve()
    assert checkout_root(SimpleNamespace(inipath=None, rootpath=tmp_path)) == tmp_path.resolve()
    monkeypatch.setenv("DOCS_CHECKOUT", str(tmp_path))
    assert checkout_root(config) == tmp_path.resolve()
