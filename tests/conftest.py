"""Shared fixtures: the site is built once per test run and reused by every test that needs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_hook(file_name: str, module_name: str):
    """Import hooks/<file_name> as MkDocs does: by path, with hooks/ on the import path while it loads."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(module_name, ROOT / "hooks" / file_name)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # dataclasses look their module up by name
    sys.path.insert(0, str(ROOT / "hooks"))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "hooks"))
    return module


def mkdocs_build(config: Path, site_dir: Path, *, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` as a contributor runs it; output kept for the failure message."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def one_page_site(folder: Path, page: Path) -> Path:
    """The real mkdocs.yml (without its nav) in `folder`, whose docs/ holds only `page` and the assets; returns the config.

    A notebook gets a home page beside it. Everything else of the repository (hooks, overrides,
    snippets, node_modules) is linked in, so the configuration is used exactly as written.
    """
    import shutil

    for entry in ROOT.iterdir():
        if entry.name not in {"docs", "mkdocs.yml", "site", ".git", ".cache"}:
            (folder / entry.name).symlink_to(entry)
    docs = folder / "docs"
    docs.mkdir()
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")  # what extra_css and extra_javascript list
    if page.suffix == ".ipynb":
        (docs / "index.md").write_text("# Home\n")
        shutil.copy(page, docs / page.name)
    else:
        shutil.copy(page, docs / "index.md")
    config = folder / "mkdocs.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text().split("\nnav:")[0])
    return config


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The whole site, built with --strict into a temporary folder."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT / "mkdocs.yml", site)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return site


@pytest.fixture(scope="session")
def site_server(built_site: Path):
    """The built site served on 127.0.0.1 (free port, threaded http.server); yields the base URL."""
    from browser_support import serve

    with serve(built_site) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run. No Chromium is a failure, never a skip."""
    from browser_support import BrowserUnavailable, launch_chromium
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        try:
            chromium = launch_chromium(playwright)
        except BrowserUnavailable as exc:
            pytest.fail(str(exc), pytrace=False)
        yield chromium
        chromium.close()
