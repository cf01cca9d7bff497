"""Shared fixtures: the site is built once per test run and reused by every test that needs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitebrowser import DOCS, page_source, site_pages
from sitebuild import config

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


def one_page_site(folder: Path, page: Path, **overrides) -> Path:
    """The real mkdocs.yml (its nav only the page) in `folder`, whose docs/ holds only `page` and the assets; returns the config.

    A notebook gets a home page beside it. Everything else of the repository (hooks, overrides,
    snippets, node_modules) is linked in, so the configuration is used exactly as written;
    `overrides` replace top-level settings (sitebuild/config.py variant).
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
    nav = ["index.md"] + ([page.name] if page.suffix == ".ipynb" else [])
    return config.variant(folder / "mkdocs.yml", **{"nav": nav, **overrides})


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, worker_id: str) -> Path:
    """The whole site, built with --strict into a temporary folder, once per run.

    Under pytest-xdist the workers share one build: the first to ask builds it under a lock in the
    run's common temporary folder, and the others wait for it and read the same result.
    """
    from filelock import FileLock

    shared = tmp_path_factory.getbasetemp() if worker_id == "master" else tmp_path_factory.getbasetemp().parent
    site, failure = shared / "built-site", shared / "built-site.failed"
    with FileLock(str(shared / "built-site.lock")):
        if not site.is_dir() and not failure.exists():
            partial = shared / "built-site.partial"  # renamed only once complete: a build cut short is never reused
            result = mkdocs_build(ROOT / "mkdocs.yml", partial)
            if result.returncode != 0:
                failure.write_text(f"{result.stdout}\n{result.stderr}", encoding="utf-8")
            else:
                partial.rename(site)
    if failure.exists():
        pytest.fail(f"mkdocs build --strict failed:\n{failure.read_text(encoding='utf-8')}", pytrace=False)
    return site


@pytest.fixture(scope="session")
def worker_id(request) -> str:
    """pytest-xdist's worker name ("gw0", ...), or "master" in a run without workers (xdist provides it when loaded)."""
    return getattr(request.config, "workerinput", {}).get("workerid", "master")


@pytest.fixture(scope="session")
def site_server(built_site: Path):
    """The built site served on 127.0.0.1 (free port, threaded http.server); yields the base URL."""
    from sitebrowser import serve

    with serve(built_site) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run. No Chromium is a failure, never a skip."""
    from playwright.sync_api import sync_playwright

    from sitebrowser import BrowserUnavailable, launch_chromium

    with sync_playwright() as playwright:
        try:
            chromium = launch_chromium(playwright)
        except BrowserUnavailable as exc:
            pytest.fail(str(exc), pytrace=False)
        yield chromium
        chromium.close()


def report(problems: list[str]) -> str:
    """A failure message listing every problem a check found."""
    return f"{len(problems)} problem(s):\n" + "\n".join(problems)


@pytest.fixture(scope="session")
def pages(built_site: Path) -> list[str]:
    """The English edition's pages (the Chinese edition's have their own tour, zh_problems)."""
    found = [path for path in site_pages(built_site) if not path.startswith("zh/")]
    sources = [p for p in DOCS.rglob("*") if p.suffix in (".md", ".ipynb") and ".zh." not in p.name]
    assert len(found) >= len(sources), f"{len(found)} built pages for {len(sources)} sources: {found}"
    return found


@pytest.fixture(scope="session")
def zh_pages(built_site: Path, pages: list[str]) -> list[str]:
    found = [path for path in site_pages(built_site) if path.startswith("zh/")]
    assert sorted(found) == sorted("zh/" + path for path in pages), "the editions do not have the same pages"
    return found


def zh_source(path: str) -> Path | None:
    """The Chinese source of zh/<path>, else the English page it falls back to."""
    english = page_source(path.removeprefix("zh/"))
    if english is None:
        return None
    chinese = english.with_name(f"{english.stem}.zh{english.suffix}")
    return chinese if chinese.is_file() else english
