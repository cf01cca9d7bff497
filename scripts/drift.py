"""Compare two --docs-report JSON files: what the pages' code did under one torch and under another.

    python scripts/drift.py BASELINE.json CANDIDATE.json [--markdown PATH] [--record DIR]
    python scripts/drift.py --newest-torch

Prints, per page, the outputs that changed (a unified diff), the blocks that newly fail, the warnings that
appeared or disappeared and the shape claims that broke. Exit status 0 when the code behaved the same in
both, 1 when anything changed, 2 when a report cannot be read. --markdown writes the same as Markdown (for a
job summary or a pull request body); --record copies both reports into DIR as torch-<version>.json, the
files the site's versions page is built from. In a GitHub workflow it also sets the step outputs
changed=true|false and torch=<candidate version>.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

FAILING = ("failed", "error")
KINDS = {
    "output": "outputs changed",
    "fails": "blocks newly fail",
    "passes": "blocks now pass",
    "failure": "failures changed",
    "claims": "shape claims broken",
    "warning+": "warnings appeared",
    "warning-": "warnings disappeared",
    "collected": "items appeared or disappeared",
}


class ReportError(Exception):
    pass


@dataclass
class Change:
    kind: str  # a key of KINDS
    item: str  # the item's name on its page: line:12, cell:3, shape-claims
    text: str  # what changed; for "output" a unified diff


@dataclass
class Drift:
    baseline: dict
    candidate: dict
    pages: dict[str, list[Change]] = field(default_factory=dict)

    def count(self, kind: str) -> int:
        return sum(1 for changes in self.pages.values() for c in changes if c.kind == kind)

    @property
    def changed(self) -> bool:
        return bool(self.pages)


def load(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReportError(f"{path}: no such report; write it with pytest docs --docs-report {path}") from None
    except json.JSONDecodeError as exc:
        raise ReportError(f"{path}:{exc.lineno}: not JSON ({exc.msg}); write it again with pytest --docs-report") from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), dict) or "torch" not in data.get("versions", {}):
        raise ReportError(f"{path}:1: not a docs report (needs 'items' and versions.torch); write it with pytest --docs-report")
    return data


def torch_version(report: dict) -> str:
    """The public version: 2.13.0 for a 2.13.0+cpu build."""
    return report["versions"]["torch"].split("+")[0]


def pinned_torch(requirements: Path) -> str:
    """The torch version requirements.txt pins (the baseline of every comparison)."""
    for line in requirements.read_text(encoding="utf-8").splitlines():
        if line.startswith("torch=="):
            return line.split("==", 1)[1].split("+")[0].split()[0]
    raise ReportError(f"{requirements}:1: no torch== pin; pin torch in requirements.in and run make lock")


def _natural(name: str) -> list:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def _lines(text: str) -> list[str]:
    return text.splitlines()


def _claims(failure: str) -> list[str]:
    return [line for line in failure.splitlines() if ": shape claim " in line or "unchecked-shape" in line]


def compare(baseline: dict, candidate: dict) -> Drift:
    drift = Drift(baseline, candidate)
    old_name, new_name = f"torch {torch_version(baseline)}", f"torch {torch_version(candidate)}"
    b_items, c_items = baseline["items"], candidate["items"]
    for nodeid in sorted(set(b_items) | set(c_items), key=_natural):
        page, _, item = nodeid.partition("::")
        changes: list[Change] = []
        b, c = b_items.get(nodeid), c_items.get(nodeid)
        if b is None or c is None:
            where = new_name if b is None else old_name
            changes.append(Change("collected", item, f"only collected under {where}"))
        else:
            b_fails, c_fails = b["outcome"] in FAILING, c["outcome"] in FAILING
            raised = bool(c.get("problems")) and not b.get("problems")  # what it printed before failing is no news
            if b.get("printed") is not None and c.get("printed") is not None and b["printed"] != c["printed"] and not raised:
                diff = difflib.unified_diff(
                    _lines(b["printed"]), _lines(c["printed"]), f"{nodeid} ({old_name})", f"{nodeid} ({new_name})", lineterm=""
                )
                changes.append(Change("output", item, "\n".join(diff)))
            if item == "shape-claims":
                broken = [line for line in _claims(c["failure"]) if line not in _claims(b["failure"])]
                changes += [Change("claims", item, line) for line in broken]
            elif c_fails and not b_fails:
                # A block whose only problem is a shown output that no longer matches is an output change, above.
                if c.get("problems") is None or c["problems"] or c["outcome"] == "error":
                    text = "\n\n".join(c["problems"]) if c.get("problems") else c["failure"]
                    changes.append(Change("fails", item, text.strip()))
            elif b_fails and not c_fails:
                changes.append(Change("passes", item, f"failed under {old_name}, passes under {new_name}"))
            elif b_fails and c_fails and b.get("problems", b["failure"]) != c.get("problems", c["failure"]):
                text = "\n\n".join(c["problems"]) if c.get("problems") else c["failure"]
                changes.append(Change("failure", item, text.strip()))
            old_w, new_w = b.get("warnings", []), c.get("warnings", [])
            changes += [Change("warning+", item, w) for w in new_w if w not in old_w]
            changes += [Change("warning-", item, w) for w in old_w if w not in new_w]
        if changes:
            drift.pages.setdefault(page, []).extend(changes)
    return drift


def headline(drift: Drift) -> str:
    old, new = torch_version(drift.baseline), torch_version(drift.candidate)
    if not drift.changed:
        return f"torch {old} -> {new}: no change in {len(drift.candidate['items'])} items"
    counts = ", ".join(f"{drift.count(k)} {label}" for k, label in KINDS.items() if drift.count(k))
    return f"torch {old} -> {new}: {len(drift.pages)} pages changed: {counts}"


def as_text(drift: Drift) -> str:
    out = [headline(drift)]
    for page, changes in drift.pages.items():
        out.append("")
        out.append(f"== {page}")
        for change in changes:
            body = change.text.splitlines() or [""]
            out.append(f"  {KINDS[change.kind]}: {change.item}")
            out.extend(f"    {line}" for line in body)
    return "\n".join(out) + "\n"


def _fence(text: str, lang: str = "") -> list[str]:
    ticks = "````" if "```" in text else "```"
    return [f"{ticks}{lang}", *text.splitlines(), ticks]


def as_markdown(drift: Drift) -> str:
    old, new = torch_version(drift.baseline), torch_version(drift.candidate)
    out = [f"## Page code under torch {new} (pinned: {old})", ""]
    b_fail = sum(1 for i in drift.baseline["items"].values() if i["outcome"] in FAILING)
    c_fail = sum(1 for i in drift.candidate["items"].values() if i["outcome"] in FAILING)
    out += [
        "| | torch " + old + " | torch " + new + " |",
        "| --- | --- | --- |",
        f"| items run | {len(drift.baseline['items'])} | {len(drift.candidate['items'])} |",
        f"| items failing | {b_fail} | {c_fail} |",
        "",
    ]
    if not drift.changed:
        out.append("No change: every block printed the same, failed the same and warned the same.")
        return "\n".join(out) + "\n"
    out += [f"**{len(drift.pages)} pages changed.**", "", "| change | count |", "| --- | --- |"]
    out += [f"| {label} | {drift.count(k)} |" for k, label in KINDS.items() if drift.count(k)]
    for page, changes in drift.pages.items():
        out += ["", f"### `{page}`", ""]
        for change in changes:
            label = f"- **{KINDS[change.kind]}** at `{change.item}`"
            if change.kind == "output":
                out += [label, "", *("  " + line if line else "" for line in _fence(change.text, "diff")), ""]
            elif "\n" in change.text:
                out += [label, "", *("  " + line if line else "" for line in _fence(change.text)), ""]
            else:
                out.append(f"{label}: `{change.text}`" if "`" not in change.text else f"{label}: {change.text}")
    return "\n".join(out) + "\n"


def record(paths: list[Path], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for path in paths:
        target = folder / f"torch-{torch_version(load(path))}.json"
        shutil.copyfile(path, target)
        written.append(target)
    return written


def newest_torch() -> str:
    """The newest torch that pip, with this machine's index settings and constraints, would install."""
    out = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--no-deps", "--quiet", "--report", "-", "torch"],
        check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(out)["install"][0]["metadata"]["version"].split("+")[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("baseline", type=Path, nargs="?")
    parser.add_argument("candidate", type=Path, nargs="?")
    parser.add_argument("--markdown", type=Path, help="also write the report as Markdown to this file")
    parser.add_argument("--record", type=Path, metavar="DIR", help="copy both reports into DIR as torch-<version>.json")
    parser.add_argument("--newest-torch", action="store_true", help="print the newest torch version pip would install")
    args = parser.parse_args(argv)
    if args.newest_torch:
        print(newest_torch())
        return 0
    if args.baseline is None or args.candidate is None:
        parser.error("give two reports: BASELINE.json CANDIDATE.json")
    try:
        drift = compare(load(args.baseline), load(args.candidate))
    except ReportError as exc:
        print(f"drift: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(as_text(drift))
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(as_markdown(drift), encoding="utf-8")
    if args.record:
        for path in record([args.baseline, args.candidate], args.record):
            print(f"recorded {path}")
    if os.environ.get("GITHUB_OUTPUT"):  # in a workflow: what the next steps branch on
        with open(os.environ["GITHUB_OUTPUT"], "a", encoding="utf-8") as out:
            out.write(f"changed={'true' if drift.changed else 'false'}\ntorch={torch_version(drift.candidate)}\n")
    return 1 if drift.changed else 0


if __name__ == "__main__":
    sys.exit(main())
