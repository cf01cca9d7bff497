"""The versions page is built from the drift reports: its rows come from the files, and bad files fail the build."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, load_hook

BAD = ROOT / "tests" / "bad_drift"
versions = load_hook("versions.py", "versions_hook")


def folder(tmp_path: Path, files: dict[str, str], pin: str = "2.13.0") -> tuple[Path, Path]:
    reports = tmp_path / "drift-reports"
    reports.mkdir()
    for name, source in files.items():
        shutil.copy(BAD / source, reports / name)
    requirements = tmp_path / "requirements.txt"
    requirements.write_text(f"numpy==2.4.6\ntorch=={pin}\n    # via -r requirements.in\n", encoding="utf-8")
    return reports, requirements


def test_each_run_is_a_row_compared_with_the_pin(tmp_path):
    reports, requirements = folder(tmp_path, {"torch-2.13.0.json": "baseline.json", "torch-2.14.1.json": "candidate.json"})
    text = versions.render(reports, requirements)
    lines = text.splitlines()
    assert lines[2] == (
        "| 2.14.1 | `2.14.1` | n/a | 3.11.7 | 6 | 3 | 3 | 2 pages changed: 1 outputs changed, 1 blocks newly fail, "
        "1 shape claims broken, 1 warnings appeared, 1 warnings disappeared |"
    )
    assert lines[3] == "| 2.13.0 | `2.13.0+cpu` | n/a | 3.11.7 | 6 | 6 | 0 | the pin: the site's shown outputs |"
    assert "## What changed under torch 2.14.1 (against 2.13.0)" in text
    assert "- [a.md](../a.md)" in text
    assert "    - blocks newly fail at `line:9`: `docs/b.md:9: AttributeError: module 'torch' has no attribute 'old_api'`" in text
    assert "    - shape claims broken at `shape-claims`: `` docs/a.md:40: shape claim `[30, 20]`" in text


def test_the_chinese_page_gets_chinese_labels_and_the_english_anchors(tmp_path):
    reports, requirements = folder(tmp_path, {"torch-2.13.0.json": "baseline.json", "torch-2.14.1.json": "candidate.json"})
    lines = versions.render(reports, requirements, "about/versions.zh.md", "zh").splitlines()
    assert lines[0] == "| torch | 构建 | 运行日期 | Python | 测试项 | 通过 | 失败 | 与固定版本相比 |"
    assert lines[2] == (
        "| 2.14.1 | `2.14.1` | n/a | 3.11.7 | 6 | 3 | 3 | 2 个页面有变化：输出变化 1 项，代码块新近失败 1 项，"
        "形状声明不再成立 1 项，出现新警告 1 项，警告消失 1 项 |"
    )
    assert lines[3] == "| 2.13.0 | `2.13.0+cpu` | n/a | 3.11.7 | 6 | 6 | 0 | 固定版本：本网站展示的输出 |"
    assert "## torch 2.14.1 下的变化（相对于 2.13.0） {#what-changed-under-torch-2141-against-2130}" in lines
    assert "    - `line:9` 处代码块新近失败：`docs/b.md:9: AttributeError: module 'torch' has no attribute 'old_api'`" in lines


def test_a_drift_kind_without_a_chinese_label_fails(tmp_path, monkeypatch):
    reports, requirements = folder(tmp_path, {"torch-2.13.0.json": "baseline.json", "torch-2.14.1.json": "candidate.json"})
    monkeypatch.setitem(versions.drift.KINDS, "renamed", "items renamed")
    with pytest.raises(versions.VersionsError) as err:
        versions.render(reports, requirements, "about/versions.zh.md", "zh")
    line = (ROOT / "hooks" / "versions.py").read_text(encoding="utf-8").splitlines().index('    "zh": {') + 1
    assert str(err.value) == (
        f"hooks/versions.py:{line}: no zh label for the drift kind(s) ['renamed'] of scripts/drift.py; "
        "add them to LABELS['zh']['kinds']"
    )


def test_same_behaviour_is_no_change(tmp_path):
    reports, requirements = folder(tmp_path, {"torch-2.13.0.json": "baseline.json", "torch-2.14.1.json": "unchanged.json"})
    assert "| 6 | 6 | 0 | no change |" in versions.render(reports, requirements)


def test_no_report_for_the_pin_fails_with_how_to_fix(tmp_path):
    reports, requirements = folder(tmp_path, {"torch-2.14.1.json": "candidate.json"})
    with pytest.raises(versions.VersionsError) as err:
        versions.render(reports, requirements)
    assert str(err.value) == (
        f"about/versions.md: no report for the pinned torch 2.13.0 in {reports}; "
        "run make drift RECORD=docs/about/drift-reports"
    )


def test_a_misnamed_report_fails(tmp_path):
    reports, requirements = folder(tmp_path, {"torch-2.13.0.json": "baseline.json", "torch-2.15.0.json": "candidate.json"})
    with pytest.raises(versions.VersionsError) as err:
        versions.render(reports, requirements)
    assert str(err.value) == f"{reports / 'torch-2.15.0.json'}:1: holds a torch 2.14.1 run; rename it torch-2.14.1.json"


def test_a_file_that_is_not_a_report_fails(tmp_path):
    reports, requirements = folder(tmp_path, {"torch-2.13.0.json": "baseline.json", "torch-9.json": "not-a-report.json"})
    with pytest.raises(versions.VersionsError) as err:
        versions.render(reports, requirements)
    assert str(err.value).startswith(f"{reports / 'torch-9.json'}:1: not a docs report")


@pytest.mark.parametrize("edition", ["", "zh"])
def test_the_built_page_shows_every_committed_run(built_site: Path, edition: str):
    html = (built_site / edition / "about" / "versions" / "index.html").read_text(encoding="utf-8")
    committed = sorted((ROOT / "docs" / "about" / "drift-reports").glob("torch-*.json"))
    assert len(committed) >= 2
    for path in committed:
        report = json.loads(path.read_text(encoding="utf-8"))
        passed = sum(1 for item in report["items"].values() if item["outcome"] == "passed")
        row = re.search(rf"<tr>\s*<td>{re.escape(report['versions']['torch'].split('+')[0])}</td>(.*?)</tr>", html, re.S)
        assert row, f"{path.name}: no row on the versions page"
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)
        assert cells[3:5] == [str(len(report["items"])), str(passed)], f"{path.name}: {cells}"
    assert "&lt;!-- drift-reports --&gt;" not in html and "<!-- drift-reports -->" not in html
    assert ("<th>与固定版本相比</th>" if edition else "<th>compared with the pin</th>") in html


def test_the_footer_stamp_links_to_the_versions_page(built_site: Path):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert '(<a href="about/versions/">other versions</a>)' in html
