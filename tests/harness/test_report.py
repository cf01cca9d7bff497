"""docs_harness.report: the --docs-report record is the same text in two environments of the same code."""

from __future__ import annotations

import sys
import sysconfig
from pathlib import Path

from docs_harness.report import Recorder


def test_install_paths_addresses_and_the_checkout_are_neutral(tmp_path):
    recorder = Recorder(tmp_path / "report.json", Path("/work/checkout"))
    site = sysconfig.get_paths()["purelib"]
    text = f"{site}/torch/nn.py; {sys.prefix}/bin/python; <object at 0x7f3a2c1b> in /work/checkout/docs/a.md"
    assert recorder.neutral(text) == "<site-packages>/torch/nn.py; <env>/bin/python; <object at 0x…> in <repo>/docs/a.md"
