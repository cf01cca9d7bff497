"""Which Chromium runs is decided once (sitebrowser/chromium.py), and make browser asks the same function."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from sitebrowser import ROOT, BrowserUnavailable, chromium_path


def test_a_chromium_that_is_not_there_is_an_error_not_a_fallback(monkeypatch, tmp_path):
    monkeypatch.setenv("CHROMIUM", str(tmp_path / "no-such-chrome"))
    with pytest.raises(BrowserUnavailable, match=r"CHROMIUM='.*no-such-chrome' is not an executable file\. Install Debian's 'chromium'"):
        chromium_path()


def test_make_browser_reports_the_chromium_the_tests_launch():
    run = subprocess.run([str(ROOT / "scripts" / "ensure-browser")], capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip().endswith(f"the browser tests launch {chromium_path()}"), run.stderr


def test_make_browser_fails_for_a_chromium_the_tests_could_not_launch(tmp_path):
    env = dict(os.environ, CHROMIUM=str(tmp_path / "missing"))
    run = subprocess.run([str(ROOT / "scripts" / "ensure-browser")], capture_output=True, text=True, timeout=600, cwd=ROOT, env=env)
    assert run.returncode == 1, run.stderr
    assert f"sitebrowser: CHROMIUM='{tmp_path / 'missing'}' is not an executable file" in run.stderr


def test_python_m_sitebrowser_prints_the_same_path():
    run = subprocess.run([sys.executable, "-m", "sitebrowser"], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert run.returncode == 0 and run.stdout.strip() == chromium_path(), (run.stdout, run.stderr)
