"""The versions page (docs/about/versions.md) is built from the committed drift reports.

Each file docs/about/drift-reports/torch-<version>.json is a `pytest docs --docs-report` run under one
torch (kept by `make drift RECORD=docs/about/drift-reports`). The hook replaces the page's
`<!-- drift-reports -->` line with a table of those runs, each compared by scripts/drift.py with the
run of the torch that requirements.txt pins, and the list of what changed. No number on the page is
typed by hand.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
PAGE = "about/versions.md"
MARKER = "<!-- drift-reports -->"
REPORTS = "about/drift-reports"


def _drift():
    spec = importlib.util.spec_from_file_location("drift", ROOT / "scripts" / "drift.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("drift", module)
    spec.loader.exec_module(module)
    return module


drift = _drift()


class VersionsError(PluginError):
    pass


def _key(version: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in version.replace("+", ".").split("."))


def render(folder: Path, requirements: Path, page: str = PAGE) -> str:
    """The Markdown that replaces the marker: one row per recorded run, then what changed against the pin."""
    try:
        pinned = drift.pinned_torch(requirements)
        reports = {}
        for path in sorted(folder.glob("torch-*.json")):
            report = drift.load(path)
            version = drift.torch_version(report)
            if path.name != f"torch-{version}.json":
                raise VersionsError(f"{path}:1: holds a torch {version} run; rename it torch-{version}.json")
            reports[version] = report
    except drift.ReportError as exc:
        raise VersionsError(str(exc)) from None
    if pinned not in reports:
        raise VersionsError(
            f"{page}: no report for the pinned torch {pinned} in {folder}; "
            f"run make drift RECORD=docs/about/drift-reports"
        )
    base = reports[pinned]
    rows = [
        "| torch | build | run on | Python | items | passed | failed | compared with the pin |",
        "| --- | --- | --- | --- | ---: | ---: | ---: | --- |",
    ]
    details = []
    for version in sorted(reports, key=_key, reverse=True):
        report = reports[version]
        items = report["items"].values()
        passed = sum(1 for i in items if i["outcome"] == "passed")
        failed = sum(1 for i in items if i["outcome"] in drift.FAILING)
        if version == pinned:
            verdict = "the pin: the site's shown outputs"
        else:
            result = drift.compare(base, report)
            verdict = _verdict(drift, result)
            if result.changed:
                details.append(_details(drift, version, result))
        rows.append(
            f"| {version} | `{report['versions']['torch']}` | {report.get('date', 'n/a')} | {report['python']} "
            f"| {len(report['items'])} | {passed} | {failed} | {verdict} |"
        )
    return "\n".join([*rows, "", *details]).rstrip() + "\n"


def _verdict(drift, result) -> str:
    if not result.changed:
        return "no change"
    counts = ", ".join(f"{result.count(k)} {label}" for k, label in drift.KINDS.items() if result.count(k))
    pages = len(result.pages)
    return f"{pages} page{'s' if pages != 1 else ''} changed: {counts}"


def _details(drift, version: str, result) -> str:
    old = drift.torch_version(result.baseline)
    out = [f"## What changed under torch {version} (against {old})", ""]
    for page, changes in result.pages.items():
        link = f"../{page.removeprefix('docs/')}" if page.startswith("docs/") and page.endswith((".md", ".ipynb")) else ""
        out.append(f"- [{page.removeprefix('docs/')}]({link})" if link else f"- `{page}`")
        for change in changes:
            first = change.text.splitlines()[0] if change.text else ""
            text = first if change.kind != "output" else "the printed lines differ (diff in the report)"
            out.append(f"    - {drift.KINDS[change.kind]} at `{change.item}`: {_code(text)}")
    return "\n".join(out) + "\n"


def _code(text: str) -> str:
    ticks = "``" if "`" in text else "`"
    pad = " " if ticks == "``" else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def on_page_markdown(markdown: str, page, config, files, **kwargs) -> str:
    if page.file.src_uri != PAGE:
        return markdown
    if MARKER not in markdown:
        raise VersionsError(f"docs/{PAGE}:1: the line {MARKER} is missing; put it where the table of runs goes")
    docs = Path(config["docs_dir"])
    return markdown.replace(MARKER, render(docs / REPORTS, Path(config["config_file_path"]).parent / "requirements.txt"))
