"""Blocks fenced env="name" run in .cache/envs/name and are compared like every other block."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PADDLE = ROOT / ".cache" / "envs" / "paddle" / "bin" / "python"


def harness(page: Path) -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "pytest", str(page), "-p", "docs_harness", "-p", "no:cacheprovider", "-o", "addopts=", "-o", "docs_dirs="]
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600, env=dict(os.environ, DOCS_CHECKOUT=str(ROOT)))


@pytest.mark.skipif(not PADDLE.exists(), reason="no paddle environment: run make envs")
def test_a_paddle_block_runs_in_its_environment_and_is_compared():
    result = harness(ROOT / "tests" / "bad_envs" / "wrong_output_in_paddle.md")
    assert result.returncode == 1, result.stdout[-3000:]
    assert "wrong_output_in_paddle.md:9: the output shown does not match what the code prints" in result.stdout
    assert "+True paddle.Size([20, 30])" in result.stdout  # it ran under .cache/envs/paddle, with PaddlePaddle's layout


def test_a_block_whose_environment_is_missing_fails_with_what_to_do():
    result = harness(ROOT / "tests" / "bad_pages" / "env_not_installed.md")
    assert result.returncode == 1
    assert 'env_not_installed.md:4: the block needs the environment "nosuch", but .cache/envs/nosuch/bin/python does not exist' in result.stdout


def test_an_environment_that_cannot_start_is_reported():
    env = ROOT / ".cache" / "envs" / "broken"
    (env / "bin").mkdir(parents=True, exist_ok=True)
    python = env / "bin" / "python"
    python.write_text("#!/bin/sh\necho 'the interpreter is broken' >&2\nexit 3\n")
    python.chmod(0o755)
    try:
        result = harness(ROOT / "tests" / "bad_envs" / "broken_env.md")
    finally:
        python.unlink()
        (env / "bin").rmdir()
        env.rmdir()
    assert result.returncode == 1
    assert 'the "broken" environment could not run the block:' in result.stdout
    assert "the interpreter is broken" in result.stdout
