"""Each linter of `make lint` catches a bad input from tests/bad_lint/, and the workflows are well-formed and pinned."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "bad_lint"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def make(target: str, **variables: str) -> subprocess.CompletedProcess:
    """The same Makefile target `make lint` runs, pointed at other files."""
    args = ["make", "-s", "--no-print-directory", "-C", str(ROOT), target, *(f"{k}={v}" for k, v in variables.items())]
    return subprocess.run(args, capture_output=True, text=True, timeout=300)


def rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize(
    ("target", "variable", "bad", "expected"),
    [
        ("lint-python", "LINT_PY", "ruff_error.py", "F401 [*] `os` imported but unused"),
        ("lint-spelling", "LINT_SPELL", "misspelled.md", "recieved ==> received"),
        ("lint-markdown", "LINT_MD", "markdown_error.md", "MD001/heading-increment"),
        ("lint-yaml", "LINT_YAML", "yaml_error.yml", 'duplication of key "site_name"'),
        ("lint-workflows", "LINT_WORKFLOWS", "workflows/bad_schema.yml", "'runs-on' is a required property"),
    ],
)
def test_each_linter_rejects_its_bad_input(target, variable, bad, expected):
    result = make(target, **{variable: rel(BAD / bad)})
    assert result.returncode != 0, f"make {target} passed on tests/bad_lint/{bad}:\n{result.stdout}{result.stderr}"
    assert expected in result.stdout + result.stderr


def test_markdown_lint_accepts_materials_syntax():
    """Admonitions, tabs, {.python raises=...} fences, HTML comments, math and long lines are not lint errors."""
    result = make("lint-markdown", LINT_MD=rel(BAD / "material_ok.md"))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("target", ["lint-python", "lint-spelling", "lint-markdown", "lint-yaml", "lint-workflows"])
def test_the_repository_passes_each_linter(target):
    result = make(target)
    assert result.returncode == 0, f"make {target} failed:\n{result.stdout}{result.stderr}"


USES = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def unpinned(workflow: Path) -> list[str]:
    """`uses:` values that are not pinned to a full commit SHA (local ./ actions excepted)."""
    data = yaml.safe_load(workflow.read_text())
    found = []
    for job in (data.get("jobs") or {}).values():
        refs = [job["uses"]] if "uses" in job else []
        refs += [step["uses"] for step in job.get("steps", []) if "uses" in step]
        found += [ref for ref in refs if not ref.startswith("./") and not USES.match(ref)]
    return found


def test_workflows_exist():
    assert {p.name for p in WORKFLOWS} >= {"ci.yml", "weekly-latest-torch.yml"}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_sha(workflow):
    assert unpinned(workflow) == []
    text = workflow.read_text()
    for line in text.splitlines():
        if re.search(r"uses: \S+@[0-9a-f]{40}", line):
            assert re.search(r"#\s*v\d+(\.\d+)*\s*$", line), f"note the release tag after the SHA: {line.strip()}"


def test_the_pin_check_rejects_a_tag():
    assert unpinned(BAD / "workflows" / "unpinned.yml") == ["actions/checkout@v4"]


def test_deploy_needs_the_tests():
    ci = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text())
    deploy = ci["jobs"]["deploy"]
    assert deploy["needs"] == "test"
    assert "refs/heads/main" in deploy["if"]
    test_steps = " ".join(step.get("run", "") for step in ci["jobs"]["test"]["steps"])
    assert "make test" in test_steps and "mkdocs build --strict" in test_steps


def test_pre_commit_hooks_are_local_and_offline():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    for hook in config["repos"][0]["hooks"]:
        assert hook["language"] == "system"
        assert hook["entry"].startswith((".venv/bin/", "node_modules/.bin/")), hook["id"]
