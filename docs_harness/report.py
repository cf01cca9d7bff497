"""pytest plugin: with --docs-report=PATH, write what each test item did (outcome, failure text, warnings) as JSON.

A page block's item also records what it printed and its problems other than shown outputs, handed over by the
harness as pytest user properties.

Two such reports, one per environment, are what `scripts/drift.py` compares. Only pytest's own hooks are
used, so the record is the same however the harness runs a block.
"""

from __future__ import annotations

import datetime
import json
import platform
import re
import site
import sys
import sysconfig
from importlib import metadata
from pathlib import Path

import pytest

# The frameworks whose versions a report names: what the pages' code imports.
FRAMEWORKS = (
    "torch",
    "numpy",
    "jax",
    "flax",
    "equinox",
    "keras",
    "scikit-learn",
    "transformers",
    "onnx",
    "onnxscript",
    "mlx",
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("docs").addoption(
        "--docs-report",
        metavar="PATH",
        default=None,
        help="write each item's outcome, failure text and warnings as JSON to PATH (compared by scripts/drift.py)",
    )


class Recorder:
    """Collects per item what pytest reported about it; writes the JSON at the end of the session."""

    def __init__(self, path: Path, root: Path):
        self.path, self.root = path, root
        self.items: dict[str, dict] = {}
        prefixes = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"], *site.getsitepackages()}
        self.replacements = [(p, "<site-packages>") for p in sorted(prefixes, key=len, reverse=True)]
        self.replacements += [(sys.prefix, "<env>"), (str(root), "<repo>")]
        self.address = re.compile(r" at 0x[0-9a-f]+")

    def neutral(self, text: str) -> str:
        """The text without what differs between two environments of the same code: install paths, addresses."""
        for prefix, name in self.replacements:
            text = text.replace(prefix, name)
        return self.address.sub(" at 0x…", text)

    def item(self, nodeid: str) -> dict:
        return self.items.setdefault(nodeid, {"outcome": "passed", "failure": "", "warnings": []})

    @pytest.hookimpl
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        entry = self.item(report.nodeid)
        for key, value in report.user_properties if report.when == "call" else ():
            if key == "printed":  # what a block printed, compared across environments even where no #> line shows it
                entry["printed"] = self.neutral(value)
            elif key == "problems":  # what failed other than a shown output: the block raised, timed out, ...
                entry["problems"] = [self.neutral(text) for text in value]
        if report.failed:
            entry["outcome"] = "failed" if report.when == "call" else "error"
            entry["failure"] += self.neutral(report.longreprtext)
        elif report.skipped and report.when != "teardown":
            entry["outcome"] = "skipped"

    @pytest.hookimpl
    def pytest_warning_recorded(self, warning_message, when, nodeid, location) -> None:
        if not nodeid:
            return
        text = f"{warning_message.category.__name__}: {self.neutral(str(warning_message.message))}"
        warnings = self.item(nodeid)["warnings"]
        if text not in warnings:
            warnings.append(text)

    @pytest.hookimpl
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus) -> None:
        versions = {}
        for name in FRAMEWORKS:
            try:
                versions[name] = metadata.version(name)
            except metadata.PackageNotFoundError:
                continue
        data = {
            "date": datetime.datetime.now(datetime.UTC).date().isoformat(),  # the day the code ran
            "python": platform.python_version(),
            "versions": versions,
            "exitstatus": int(exitstatus),
            "items": dict(sorted(self.items.items())),
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def pytest_configure(config: pytest.Config) -> None:
    path = config.getoption("docs_report")
    # Under pytest-xdist the controller sees every item's report and writes the file; a worker does not.
    if path and not hasattr(config, "workerinput"):
        config.pluginmanager.register(Recorder(Path(path).resolve(), config.rootpath), "docs-report")
