"""The contributor workflow works as CONTRIBUTING.md says.

- Every failure message CONTRIBUTING.md explains is produced by a bad input kept
  under tests/ (or asserted by the test that feeds one), and every message the
  harness prints on the bad pages is explained there.
- `make page` creates a page, its first snippet and its nav entry that pass the
  harness and the --strict build untouched, and refuses a missing title or an
  existing page.
- Page code cannot write into the checkout.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import mkdocs_build, one_page_site

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
GUIDE = ROOT / "CONTRIBUTING.md"
BAD_INPUTS = sorted(p for p in (TESTS / "bad_pages").iterdir() if p.suffix in (".md", ".markdown", ".ipynb"))
BAD_FENCES = sorted((TESTS / "bad_fences").glob("*.md"))
PLACEHOLDER = re.compile(r"\s*(?:…|\.\.\.|<[a-z][^>]*>)\s*")


def harness(paths: list[Path], *extra: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "pytest", *map(str, paths), "-p", "docs_harness", "-p", "no:cacheprovider"]
    args += ["-o", "addopts=", "-o", "docs_dirs=", *extra]
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600, env=env)


@pytest.fixture(scope="module")
def bad_run() -> str:
    """The harness's output on every bad page (tests/bad_pages, tests/bad_fences)."""
    env = dict(os.environ, DOCS_CHECKOUT=str(ROOT))
    snippets = ["-o", f"docs_snippet_paths={TESTS / 'bad_pages' / 'snippets'}"]
    out = ""
    for group in (BAD_INPUTS, BAD_FENCES):
        result = harness(group, *snippets, env=env)
        assert result.returncode == 1, result.stdout[-3000:] + result.stderr[-3000:]
        out += result.stdout
    return out


def documented_messages() -> list[str]:
    """The messages quoted as **`...`** between the guard-messages markers of CONTRIBUTING.md."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split("<!-- guard-messages:start -->")[1].split("<!-- guard-messages:end -->")[0]
    return re.findall(r"^\*\*`(.+?)`\*\*", section, flags=re.M)


def fragments(message: str) -> list[str]:
    return [part for part in PLACEHOLDER.split(message) if part]


def matches(message: str, text: str) -> bool:
    """All fragments of the message appear in text, in order, on one line."""
    pattern = ".*?".join(re.escape(part) for part in fragments(message))
    return re.search(pattern, text) is not None


def expectations() -> str:
    """String literals of the guard tests: what they assert the build, the linters and the snippet check print."""
    files = sorted(TESTS.glob("test_*.py")) + [TESTS / "conftest.py"]
    return "\n".join(p.read_text(encoding="utf-8") for p in files if p.name != Path(__file__).name)


def test_the_guide_quotes_the_messages():
    assert len(documented_messages()) >= 20


@pytest.mark.parametrize("message", documented_messages())
def test_each_documented_message_is_produced_by_a_bad_input(message, bad_run):
    if matches(message, bad_run):
        return
    assert matches(message, expectations()), (
        f"CONTRIBUTING.md explains {message!r}, but no bad page under tests/ produces it "
        "and no guard test asserts it: add a bad input that does, or correct the quote"
    )


FAILURE_LINE = re.compile(r"^(?:/\S+/)?tests/\S+?\.(?:md|markdown|py|ipynb)(?::\d+|: cell \d+, line \d+): (?P<message>\S.*)$", re.M)


def test_every_message_the_harness_prints_is_explained(bad_run):
    printed = {m["message"] for m in FAILURE_LINE.finditer(bad_run)}
    assert len(printed) >= 15, bad_run[-2000:]
    documented = documented_messages()
    unexplained = sorted(line for line in printed if not any(matches(d, line) for d in documented))
    assert not unexplained, "messages the harness prints that CONTRIBUTING.md does not explain:\n" + "\n".join(unexplained)


def test_a_made_up_message_is_caught(bad_run):
    assert not matches("the page is too long to read", bad_run)
    assert not matches("the page is too long to read", expectations())


# ---------------------------------------------------------------- containment


def test_page_code_cannot_write_into_the_checkout(bad_run):
    assert "writes_outside.md:22: the block tried to write into the checkout" in bad_run  # the line that wrote
    assert f"open {ROOT}/tests/bad_pages/written_outside.txt" in bad_run
    assert "writes_outside.md:32: the block tried to write into the checkout" in bad_run
    assert not (ROOT / "tests" / "bad_pages" / "written_outside.txt").exists()
    assert not (ROOT / "written_by_a_block.txt").exists(), "a relative path must land in the scratch directory"
    assert not (ROOT / "tests" / "bad_pages" / "written_by_a_block.txt").exists()
    assert (ROOT / "mkdocs.yml").is_file()
    # A block that also writes to fd 1 gets one failure naming each problem at its line: the output is not dropped.
    failure = bad_run.split("writes_outside.md:44: the block tried to write into the checkout", 1)[1].split("\n___", 1)[0]
    assert "writes_outside.md:42: the block wrote to the process's standard output directly" in failure, failure
    assert "    to fd 1, beside a write into the checkout\n" in failure
    assert "writes_outside.md:47: the block wrote to the process's standard output directly" in failure
    assert "    from a subprocess, beside it\n" in failure
    assert "writes_outside.md::line:5 PASSED" in harness(
        [TESTS / "bad_pages" / "writes_outside.md"], "-v", env=dict(os.environ, DOCS_CHECKOUT=str(ROOT))
    ).stdout


# ---------------------------------------------------------------- make page

COPY_IGNORE = shutil.ignore_patterns(".git", ".cache", ".venv", "node_modules", "site", ".pytest_cache", "__pycache__", ".ruff_cache")


@pytest.fixture(scope="module")
def checkout_copy(tmp_path_factory) -> Path:
    """A copy of the repository (without history, like a shallow clone's files) to scaffold into."""
    copy = tmp_path_factory.mktemp("repo") / "repo"
    shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
    for shared in (".venv", "node_modules"):
        if (ROOT / shared).exists():
            (copy / shared).symlink_to(ROOT / shared)
    # The build caches a contributor's checkout already holds (drawn diagrams, purged notebook CSS,
    # converted notebooks), copied: the build then draws only what the new page changes, as theirs does.
    for cache in ("diagrams", "notebook-css", "mkdocs-jupyter"):
        if (ROOT / ".cache" / cache).is_dir():
            shutil.copytree(ROOT / ".cache" / cache, copy / ".cache" / cache)
    return copy


def make_page(copy: Path, *variables: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "-s", "--no-print-directory", "page", *variables], cwd=copy, capture_output=True, text=True, timeout=120)


def test_make_page_creates_a_page_that_passes_untouched(checkout_copy):
    before = (checkout_copy / "mkdocs.yml").read_text()
    result = make_page(checkout_copy, "SECTION=math", "TITLE=Broadcasting: a first look")
    assert result.returncode == 0, result.stderr
    page = checkout_copy / "docs" / "math" / "broadcasting-a-first-look.md"
    snippet = checkout_copy / "snippets" / "math" / "broadcasting_a_first_look" / "01_first_example.py"
    assert page.is_file() and snippet.is_file()
    after = (checkout_copy / "mkdocs.yml").read_text()
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added == ['      - "Broadcasting: a first look": math/broadcasting-a-first-look.md']
    kept = [line for line in after.splitlines() if line.lstrip().startswith("#")]
    assert kept == [line for line in before.splitlines() if line.lstrip().startswith("#")], "comments and banners stay"

    new_section = make_page(checkout_copy, "SECTION=outer-products", "TITLE=Outer products")
    assert new_section.returncode == 0, new_section.stderr
    assert "  - Outer products:\n      - Outer products: outer-products/outer-products.md" in (checkout_copy / "mkdocs.yml").read_text()

    pages = [page, checkout_copy / "docs" / "outer-products" / "outer-products.md"]
    run = harness(pages, "-o", "docs_snippet_paths=snippets", cwd=checkout_copy)
    assert run.returncode == 0, run.stdout[-4000:]
    assert "2 blocks executed, 4 shown outputs compared" in run.stdout and "0 opt-outs" in run.stdout

    lint = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "ruff"), "check", str(snippet)], cwd=checkout_copy, capture_output=True, text=True
    )
    assert lint.returncode == 0, lint.stdout

    build = mkdocs_build(checkout_copy / "mkdocs.yml", checkout_copy / "site", cwd=checkout_copy)
    assert build.returncode == 0, f"mkdocs build --strict failed on the copy:\n{build.stderr[-4000:]}"
    html = (checkout_copy / "site" / "math" / "broadcasting-a-first-look" / "index.html").read_text()
    assert "Broadcasting: a first look" in html and "torch.Size" in html


def test_make_page_needs_a_title(checkout_copy):
    result = make_page(checkout_copy, "SECTION=math")
    assert result.returncode != 0
    assert 'make page: give TITLE="<title>"' in result.stderr
    blank = subprocess.run(
        [sys.executable, "scripts/new_page.py", "--section", "math", "--title", "  "], cwd=checkout_copy, capture_output=True, text=True
    )
    assert blank.returncode == 2 and "give the page a title" in blank.stderr


def test_make_page_refuses_an_existing_page(checkout_copy):
    before = (checkout_copy / "mkdocs.yml").read_text()
    result = make_page(checkout_copy, "SECTION=reference", "TITLE=Shapes")
    assert result.returncode != 0
    assert "docs/reference/shapes.md already exists" in result.stderr
    assert (checkout_copy / "mkdocs.yml").read_text() == before, "a refused page leaves mkdocs.yml as it was"


def test_make_page_refuses_a_bad_section(checkout_copy):
    result = make_page(checkout_copy, "SECTION=Bad Section", "TITLE=Anything")
    assert result.returncode != 0
    assert "SECTION must be a folder name" in result.stderr


def make_check(folder: Path, page: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "-s", "--no-print-directory", "check", f"PAGE={page}"], cwd=folder, capture_output=True, text=True, timeout=300
    )


def test_make_check_fails_when_the_strict_build_warns(tmp_path):
    # mkdocs build -q drops warnings before --strict counts them; make check must not pass such a build.
    # A one-page site (the real configuration, the repository linked in) keeps the two builds short.
    page = tmp_path / "page.md"
    page.write_text("# A page\n\nA page whose code and links are all fine.\n\n```python\nprint(1 + 1)\n#> 2\n```\n", encoding="utf-8")
    folder = tmp_path / "site-source"
    folder.mkdir()
    one_page_site(folder, page)
    clean = make_check(folder, "docs/index.md")
    assert clean.returncode == 0, clean.stdout + clean.stderr  # so the failure below is the orphan's
    (folder / "docs" / "not-in-nav.md").write_text("# Not in the nav\n\nThis page is in docs/ but not in the nav.\n", encoding="utf-8")
    result = make_check(folder, "docs/index.md")
    assert result.returncode != 0, result.stdout + result.stderr
    assert "not-in-nav.md" in result.stderr and "make check: mkdocs build --strict failed" in result.stderr, result.stderr


def test_make_never_runs_npm_ci_through_a_linked_node_modules(tmp_path):
    # a test's checkout copy links the real node_modules; npm ci there would empty the real one
    real = tmp_path / "real_node_modules"
    real.mkdir()
    (real / "katex").mkdir()
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in ("Makefile", "package.json", "package-lock.json"):
        shutil.copy(ROOT / name, copy / name)
    (copy / "node_modules").symlink_to(real)
    (copy / "package.json").touch()  # newer than any stamp: make wants to reinstall
    result = subprocess.run(
        ["make", "-s", "node_modules/.package-lock-installed"], cwd=copy, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert f"node_modules is a link to {real}; not running npm ci through it" in result.stderr
    assert (real / "katex").is_dir(), "the linked node_modules was emptied"
