"""What the run reports: the ledger of blocks, checks, claims and opt-outs, the terminal summary, and --update-outputs edits."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from . import notebook
from .execute import Edit


@dataclass
class Ledger:
    """What the whole run saw: for the report and for --update-outputs."""

    blocks: int = 0
    checks: int = 0
    claims: int = 0
    opt_outs: list[str] = field(default_factory=list)  # found while running (claims checked unchecked)
    # found while collecting, by page: every pytest-xdist worker collects every page, so the controller
    # keeps one list per page instead of adding up each worker's
    collected_opt_outs: dict[str, list[str]] = field(default_factory=dict)
    edits: list[Edit] = field(default_factory=list)
    isolation: str = ""  # how the last page's child was isolated (run.py records it; a worker sends it to the controller)

    def all_opt_outs(self) -> list[str]:
        return self.opt_outs + [line for lines in self.collected_opt_outs.values() for line in lines]

    def to_worker_output(self) -> dict:
        """What a pytest-xdist worker sends the controller at its end (--update-outputs is refused under -n)."""
        return {"blocks": self.blocks, "checks": self.checks, "claims": self.claims, "opt_outs": list(self.opt_outs),
                "collected_opt_outs": dict(self.collected_opt_outs), "isolation": self.isolation}

    def add_worker_output(self, data: dict) -> None:
        self.blocks += data["blocks"]
        self.checks += data["checks"]
        self.claims += data["claims"]
        self.opt_outs += data["opt_outs"]
        self.collected_opt_outs.update(data["collected_opt_outs"])
        self.isolation = self.isolation or data["isolation"]


LEDGER = pytest.StashKey[Ledger]()


def ledger(config: pytest.Config) -> Ledger:
    """The run's ledger (made by pytest_configure)."""
    return config.stash[LEDGER]


def terminal_summary(terminalreporter, config: pytest.Config) -> None:
    """The "docs harness" section: counts, isolation, each opt-out, and the output edits (applied or shown)."""
    book = ledger(config)
    opt_outs = book.all_opt_outs()
    if not (book.blocks or book.claims or opt_outs):
        return
    tr = terminalreporter
    tr.section("docs harness")
    tr.write_line(
        f"{book.blocks} blocks executed, {book.checks} shown outputs compared, "
        f"{book.claims} shape claims checked, {len(opt_outs)} opt-outs"
    )
    if book.isolation:
        tr.write_line(f"each page ran in a child process of its own, isolated by {book.isolation}")
    for line in sorted(opt_outs):  # sorted: under pytest-xdist the workers' pages arrive in any order
        tr.write_line(f"  opt-out  {line}")
    mode = config.getoption("update_outputs")
    if mode and book.edits:
        for text in apply_edits(book.edits, write=mode == "write"):
            tr.write_line(text)


def apply_edits(edits: list[Edit], *, write: bool) -> list[str]:
    """Apply (or only show) output rewrites, bottom-up per file so line numbers stay valid."""
    report = []
    by_file: dict[Path, list[Edit]] = {}
    for edit in edits:
        by_file.setdefault(edit.path, []).append(edit)
    for path, file_edits in sorted(by_file.items()):
        if path.suffix == ".ipynb":
            report.extend(notebook.apply_notebook_edits(path, file_edits, write=write))
            continue
        old = path.read_text(encoding="utf-8").splitlines()
        new = list(old)
        seen = set()
        for edit in sorted(file_edits, key=lambda e: (e.start, e.end), reverse=True):
            if (edit.start, edit.end) in seen:
                continue
            seen.add((edit.start, edit.end))
            new[edit.start - 1 : edit.end - 1] = edit.lines
        report.extend(difflib.unified_diff(old, new, str(path), str(path), lineterm=""))
        if write:
            path.write_text("\n".join(new) + "\n", encoding="utf-8")
            report.append(f"updated {path}")
    return report

