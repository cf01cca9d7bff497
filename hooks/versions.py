"""The versions page (docs/about/versions.md) is built from the committed drift reports.

Each file docs/about/drift-reports/torch-<version>.json is a `pytest docs --docs-report` run under one
torch (kept by `make drift RECORD=docs/about/drift-reports`). The hook replaces the page's
`<!-- drift-reports -->` line with a table of those runs, each compared by scripts/drift.py with the
run of the torch that requirements.txt pins, and the list of what changed. No number on the page is
typed by hand. The Chinese page (about/versions.zh.md) gets the same table with Chinese labels; its
headings keep the English headings' anchors, so a link to a version's section works in both editions.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from markdown.extensions.toc import slugify
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
PAGE = "about/versions.md"
PAGES = {PAGE: "en", "about/versions.zh.md": "zh"}  # src_uri -> the language of the table
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


LABELS = {
    "en": {
        "header": "| torch | build | run on | Python | items | passed | failed | compared with the pin |",
        "pin": "the pin: the site's shown outputs",
        "same": "no change",
        "count": "{n} {label}",
        "pages": "{pages} page{s} changed: {counts}",
        "heading": "What changed under torch {version} (against {old})",
        "change": "    - {kind} at `{item}`: {text}",
        "output": "the printed lines differ (diff in the report)",
        "kinds": None,  # drift.KINDS
    },
    "zh": {
        "header": "| torch | 构建 | 运行日期 | Python | 测试项 | 通过 | 失败 | 与固定版本相比 |",
        "pin": "固定版本：本网站展示的输出",
        "same": "没有变化",
        "count": "{label} {n} 项",
        "pages": "{pages} 个页面有变化：{counts}",
        "heading": "torch {version} 下的变化（相对于 {old}）",
        "change": "    - `{item}` 处{kind}：{text}",
        "output": "打印的行不同（差异见报告）",
        "kinds": {
            "output": "输出变化",
            "fails": "代码块新近失败",
            "passes": "代码块现在通过",
            "failure": "失败信息变化",
            "claims": "形状声明不再成立",
            "warning+": "出现新警告",
            "warning-": "警告消失",
            "collected": "测试项出现或消失",
        },
    },
}


def _kinds(drift, language: str) -> dict:
    kinds = LABELS[language]["kinds"]
    if kinds is None:
        return drift.KINDS
    missing = sorted(set(drift.KINDS) - set(kinds))
    if missing:
        lines = Path(__file__).read_text(encoding="utf-8").splitlines()
        line = next((n for n, text in enumerate(lines, 1) if text.strip() == f'"{language}": {{'), 1)
        raise VersionsError(
            f"hooks/versions.py:{line}: no {language} label for the drift kind(s) {missing} of scripts/drift.py; "
            f"add them to LABELS[{language!r}]['kinds']"
        )
    return kinds


def _key(version: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in version.replace("+", ".").split("."))


def render(folder: Path, requirements: Path, page: str = PAGE, language: str = "en") -> str:
    """The Markdown that replaces the marker: one row per recorded run, then what changed against the pin."""
    labels = LABELS[language]
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
        labels["header"],
        "| --- | --- | --- | --- | ---: | ---: | ---: | --- |",
    ]
    details = []
    for version in sorted(reports, key=_key, reverse=True):
        report = reports[version]
        items = report["items"].values()
        passed = sum(1 for i in items if i["outcome"] == "passed")
        failed = sum(1 for i in items if i["outcome"] in drift.FAILING)
        if version == pinned:
            verdict = labels["pin"]
        else:
            result = drift.compare(base, report)
            verdict = _verdict(drift, result, language)
            if result.changed:
                details.append(_details(drift, version, result, language))
        rows.append(
            f"| {version} | `{report['versions']['torch']}` | {report.get('date', 'n/a')} | {report['python']} "
            f"| {len(report['items'])} | {passed} | {failed} | {verdict} |"
        )
    return "\n".join([*rows, "", *details]).rstrip() + "\n"


def _verdict(drift, result, language: str = "en") -> str:
    labels = LABELS[language]
    if not result.changed:
        return labels["same"]
    kinds = _kinds(drift, language)
    comma = ", " if language == "en" else "，"
    counts = comma.join(
        labels["count"].format(n=result.count(k), label=kinds[k]) for k in drift.KINDS if result.count(k)
    )
    pages = len(result.pages)
    return labels["pages"].format(pages=pages, s="s" if pages != 1 else "", counts=counts)


def _details(drift, version: str, result, language: str = "en") -> str:
    labels = LABELS[language]
    kinds = _kinds(drift, language)
    old = drift.torch_version(result.baseline)
    heading = LABELS["en"]["heading"].format(version=version, old=old)
    if language != "en":  # the English heading's anchor, explicitly
        heading = labels["heading"].format(version=version, old=old) + f" {{#{slugify(heading, '-')}}}"
    out = [f"## {heading}", ""]
    for page, changes in result.pages.items():
        link = f"../{page.removeprefix('docs/')}" if page.startswith("docs/") and page.endswith((".md", ".ipynb")) else ""
        out.append(f"- [{page.removeprefix('docs/')}]({link})" if link else f"- `{page}`")
        for change in changes:
            first = change.text.splitlines()[0] if change.text else ""
            text = first if change.kind != "output" else labels["output"]
            out.append(labels["change"].format(kind=kinds[change.kind], item=change.item, text=_code(text)))
    return "\n".join(out) + "\n"


def _code(text: str) -> str:
    ticks = "``" if "`" in text else "`"
    pad = " " if ticks == "``" else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def on_page_markdown(markdown: str, page, config, files, **kwargs) -> str:
    language = PAGES.get(page.file.src_uri)
    if language is None:
        return markdown
    if MARKER not in markdown:
        raise VersionsError(
            f"docs/{page.file.src_uri}:1: the line {MARKER} is missing; put it where the table of runs goes"
        )
    docs = Path(config["docs_dir"])
    requirements = Path(__file__).resolve().parent.parent / "requirements.txt"  # the repository's, whichever config file builds
    return markdown.replace(MARKER, render(docs / REPORTS, requirements, page.file.src_uri, language))
