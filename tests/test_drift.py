"""scripts/drift.py on hand-made reports (tests/bad_drift/): each kind of change is reported, no change exits 0."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import torch  # noqa: F401  # imported here so pytester's in-process runs share one torch

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "bad_drift"
sys.path.insert(0, str(ROOT / "scripts"))
import drift  # noqa: E402


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_OUTPUT"} | (env or {})
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "drift.py"), *args], capture_output=True, text=True, cwd=ROOT, env=env
    )


def test_each_kind_of_change_is_reported_and_exits_1(tmp_path):
    md = tmp_path / "report.md"
    result = run(str(BAD / "baseline.json"), str(BAD / "candidate.json"), "--markdown", str(md))
    assert result.returncode == 1, result.stderr
    out = result.stdout.splitlines()
    assert out[0] == (
        "torch 2.13.0 -> 2.14.1: 2 pages changed: 1 outputs changed, 1 blocks newly fail, "
        "1 shape claims broken, 1 warnings appeared, 1 warnings disappeared"
    )
    text = result.stdout
    # the output diff, with its context lines
    assert (
        "  outputs changed: line:10\n"
        "    --- docs/a.md::line:10 (torch 2.13.0)\n"
        "    +++ docs/a.md::line:10 (torch 2.14.1)\n"
        "    @@ -1,5 +1,5 @@\n"
        "     torch.Size([30, 20])\n"
        "    -torch.float32\n"
        "    +torch.bfloat16\n"
        "     True\n"
    ) in text
    assert (
        "  shape claims broken: shape-claims\n"
        "    docs/a.md:40: shape claim `[30, 20]` [30, 20] is not printed by any code on this page\n"
    ) in text
    assert "  warnings appeared: line:5\n    UserWarning: new_api changed its default\n" in text
    assert "  warnings disappeared: line:5\n    FutureWarning: old_api is deprecated\n" in text
    assert "  blocks newly fail: line:9\n    docs/b.md:9: AttributeError: module 'torch' has no attribute 'old_api'\n" in text
    # a block that fails is reported as failing, not also as an output that lost its lines
    assert "outputs changed: line:9" not in text
    # unchanged items and pages are not mentioned
    assert "line:30" not in text and "docs/c.md" not in text
    markdown = md.read_text(encoding="utf-8")
    assert markdown.startswith("## Page code under torch 2.14.1 (pinned: 2.13.0)\n")
    assert "| items failing | 0 | 3 |" in markdown
    assert "| outputs changed | 1 |" in markdown
    assert "  ```diff\n  --- docs/a.md::line:10 (torch 2.13.0)\n" in markdown
    assert "- **warnings appeared** at `line:5`: `UserWarning: new_api changed its default`" in markdown


def test_same_behaviour_under_another_torch_exits_0(tmp_path):
    md = tmp_path / "report.md"
    result = run(str(BAD / "baseline.json"), str(BAD / "unchanged.json"), "--markdown", str(md))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "torch 2.13.0 -> 2.14.1: no change in 6 items\n"
    assert "No change: every block printed the same" in md.read_text(encoding="utf-8")


def test_a_file_that_is_not_a_report_exits_2_with_its_name():
    result = run(str(BAD / "baseline.json"), str(BAD / "not-a-report.json"))
    assert result.returncode == 2
    assert result.stderr == (
        f"drift: {BAD / 'not-a-report.json'}:1: not a docs report (needs 'items' and versions.torch); "
        "write it with pytest --docs-report\n"
    )


def test_record_names_each_report_by_its_torch(tmp_path):
    result = run(str(BAD / "baseline.json"), str(BAD / "unchanged.json"), "--record", str(tmp_path))
    assert result.returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["torch-2.13.0.json", "torch-2.14.1.json"]
    assert drift.torch_version(json.loads((tmp_path / "torch-2.13.0.json").read_text())) == "2.13.0"


def test_a_report_records_what_each_block_printed_and_its_problems(pytester, tmp_path):
    """The harness hands the report what a block printed, so outputs no #> line shows are compared too."""
    page = tmp_path / "page.md"
    page.write_text(
        "# P\n\n```python\nprint(3)\n#> 4\n```\n\n```python\nprint('quiet')\nraise ValueError('boom')\n```\n", encoding="utf-8"
    )
    report = tmp_path / "report.json"
    pytester.runpytest_inprocess(
        str(page), "-p", "docs_harness", "-p", "no:cacheprovider", f"--rootdir={ROOT}",
        "-o", "docs_dirs=", "-o", "addopts=", f"--docs-report={report}",
    )
    items = json.loads(report.read_text(encoding="utf-8"))["items"]
    shown, raised = (items[k] for k in sorted(items, key=drift._natural))
    assert (shown["outcome"], shown["printed"], shown["problems"]) == ("failed", "3\n", [])
    assert raised["outcome"] == "failed" and raised["printed"] == "quiet\n"
    assert len(raised["problems"]) == 1 and "ValueError: boom" in raised["problems"][0]


def test_make_drift_keeps_its_requirements_out_of_make_envs():
    """The candidate's requirements go to .cache/drift/, never requirements-*.txt at the top (make envs' pattern)."""
    result = subprocess.run(
        ["make", "-n", "--no-print-directory", "drift-run", "TORCH=9.9.9"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert "sed -E 's/^torch==.*/torch==9.9.9/' requirements.txt > .cache/drift/requirements-torch-9.9.9.txt" in result.stdout
    assert ".cache/drift/venv-9.9.9/bin/python -m pytest docs" in result.stdout
    assert ".venv/bin/python -m pytest docs" in result.stdout
    assert not list(ROOT.glob("requirements-9.9.9*"))


def test_the_pinned_torch_runs_in_dotvenv_only():
    pinned = drift.pinned_torch(ROOT / "requirements.txt")
    result = subprocess.run(
        ["make", "-n", "--no-print-directory", "drift-run", f"TORCH={pinned}"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert ".cache/drift/venv-" not in result.stdout
    assert result.stdout.count(".venv/bin/python -m pytest docs") == 2
    # two runs of the same torch still write two reports, so the comparison is a real one
    assert "--docs-report .cache/drift/baseline.json" in result.stdout
    assert "--docs-report .cache/drift/candidate.json" in result.stdout


def test_a_workflow_step_learns_whether_anything_changed(tmp_path):
    outputs = tmp_path / "github_output"
    run(str(BAD / "baseline.json"), str(BAD / "candidate.json"), env={"GITHUB_OUTPUT": str(outputs)})
    run(str(BAD / "baseline.json"), str(BAD / "unchanged.json"), env={"GITHUB_OUTPUT": str(outputs)})
    assert outputs.read_text() == "changed=true\ntorch=2.14.1\nchanged=false\ntorch=2.14.1\n"


def test_the_weekly_workflow_reports_and_proposes_through_make_drift():
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "weekly-latest-torch.yml").read_text())
    assert workflow["permissions"] == {}
    job = workflow["jobs"]["drift"]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    assert "make drift TORCH=\"$TORCH\" RECORD=docs/about/drift-reports" in runs
    assert 'cat .cache/drift/report.md >> "$GITHUB_STEP_SUMMARY"' in runs
    assert "pytest docs --update-outputs" in runs
    uses = {step["uses"].split("@")[0]: step for step in job["steps"] if "uses" in step}
    assert uses["actions/upload-artifact"]["with"]["path"].split() == [
        ".cache/drift/report.md", ".cache/drift/baseline.json", ".cache/drift/candidate.json"
    ]
    pr = uses["peter-evans/create-pull-request"]
    assert pr["if"] == "steps.drift.outputs.changed == 'true'"
    assert pr["with"]["body-path"] == ".cache/drift/report.md"
    assert workflow["env"]["PIP_EXTRA_INDEX_URL"] == "https://download.pytorch.org/whl/cpu"
