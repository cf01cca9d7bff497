"""Each page runs in a child process of its own (docs_harness/isolate.py), proven on tests/bad_isolation/.

- what a page changes in the interpreter does not reach the next page;
- os._exit, a signal, a cancelled timer, a thread left running, too much memory:
  each fails its block, and the run goes on;
- output from a thread or around sys.stdout (sys.__stdout__, os.write(1, ...), a
  subprocess, C code) fails at the line that started or wrote it; a logging
  handler bound in an earlier block still shows;
- as root, a subprocess has no network and cannot change the checkout;
- --docs-determinism fails output that differs in a second run, and
  --update-outputs writes none of it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "bad_isolation"


def harness(pages: list[Path], *extra: str, timeout: float = 600, wrap: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    args = [*wrap, sys.executable, "-m", "pytest", *map(str, pages), "-p", "docs_harness", "-p", "no:cacheprovider", "-v"]
    args += ["-o", "addopts=", "-o", "docs_dirs=", *extra]
    env = dict(os.environ, DOCS_CHECKOUT=str(ROOT), PYTHONHASHSEED="0")
    env.pop("PYTHONUNBUFFERED", None)  # as in CI: C code's stdout is buffered, and what stays in the buffer is lost
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=env)


@pytest.fixture(scope="module")
def bad_run() -> subprocess.CompletedProcess:
    pages = ["a_changes_torch.md", "b_expects_defaults.md", "escapes.md", "lost_output.md", "symlink_write.md"]
    return harness([BAD / p for p in pages])


def test_a_page_that_changes_torch_does_not_change_the_next_page(bad_run):
    assert "a_changes_torch.md::line:5 PASSED" in bad_run.stdout, bad_run.stdout[-3000:]
    assert "b_expects_defaults.md::line:5 PASSED" in bad_run.stdout, bad_run.stdout[-3000:]


def test_escapes_fail_their_block_and_the_page_goes_on(bad_run):
    out = bad_run.stdout
    assert bad_run.returncode == 1, out[-3000:]  # os._exit(0) in a block no longer ends pytest with 0
    for line in (
        "escapes.md:4: the block ended the process with os._exit(0); a block must end by itself",
        "escapes.md:10: the block's process was killed by SIGKILL; a block must end by itself",
        "escapes.md:17: the block ran longer than its 1 s limit and was stopped",
        "escapes.md:25: timeout=0 is no time limit; give a positive number of seconds",
        "escapes.md:30: this block continues the block at tests/bad_isolation/escapes.md:26, which failed",
        "escapes.md:37: the block left a thread running (sleeper) at the end of the page; the harness killed it",
        "escapes.md:77: the block left a thread running (late sleeper) at the end of the page",  # the call that started it
        "escapes.md:41: the block ran out of memory (MemoryError) under the 4 GiB limit (docs_memory_limit)",
        "escapes.md:52: the block raised SystemExit",
        "escapes.md:62: timeout=-5 is no time limit; give a positive number of seconds",
    ):
        assert line in out, line + "\n" + out[-4000:]
    assert "escapes.md::line:44 PASSED" in out
    assert "escapes.md::line:55 PASSED" in out  # sys.exit declared with raises="SystemExit" is what the block says
    assert "harness error" not in out


DIRECT = (  # (line, what it wrote) of each bad input of lost_output.md that writes to fd 1
    (14, "around the recorder"), (20, "to file descriptor 1"), (26, "from a subprocess"), (32, "from a shell"),
    (42, "from C, no newline"), (49, "from a session"),
)


def test_output_that_cannot_be_shown_fails_with_where_it_went(bad_run):
    out = bad_run.stdout
    assert "lost_output.md:7: output from thread 'Thread-1 (print)' cannot be tied to a line of the block" in out
    assert "    from a thread\n" in out
    assert "lost_output.md:14: the block wrote to the process's standard output directly (sys.__stdout__" in out
    for line, text in DIRECT:
        assert f"lost_output.md:{line}: the block wrote to the process's standard output directly" in out, out[-4000:]
        assert f"    {text}\n" in out, text
    assert "lost_output.md::line:63 PASSED" in out  # the handler bound in the block before still shows


def test_a_write_through_a_symlink_is_refused(bad_run):
    assert "symlink_write.md:10: the block tried to write into the checkout" in bad_run.stdout
    assert f"open {BAD}/written_through_a_link.txt" in bad_run.stdout
    assert not (BAD / "written_through_a_link.txt").exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="network and mount namespaces need root (CI runs as root)")
def test_as_root_a_subprocess_has_no_network_and_a_read_only_checkout():
    victim = BAD / "tracked_victim.txt"
    before = victim.read_text()
    result = harness([BAD / "escapes_as_root.md"])
    assert result.returncode == 0, result.stdout[-3000:]
    assert "isolated by a network namespace, a read-only checkout in a mount namespace" in result.stdout
    assert victim.read_text() == before


@pytest.mark.skipif(os.geteuid() != 0, reason="as a user who is not root, every run of the harness takes this fallback")
def test_where_no_namespace_can_be_made_sockets_and_writes_are_still_refused():
    """Root without capabilities (setpriv) cannot unshare, as a user who is not root cannot."""
    victim = BAD / "tracked_victim.txt"
    before = victim.read_text()
    no_caps = ["setpriv", "--bounding-set=-all", "--inh-caps=-all", "--ambient-caps=-all"]
    args = [*no_caps, sys.executable, "-m", "pytest", str(BAD / "no_namespaces.md"), "-p", "docs_harness", "-p", "no:cacheprovider"]
    args += ["-o", "addopts=", "-o", "docs_dirs="]
    env = dict(os.environ, DOCS_CHECKOUT=str(ROOT), PYTHONHASHSEED="0")
    result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600, env=env)
    assert result.returncode == 1, result.stdout[-3000:] + result.stderr[-2000:]
    out = result.stdout
    assert "isolated by pytest-socket and the audit hook only (unshare failed: Operation not permitted)" in out, out[-3000:]
    assert "no_namespaces.md:11: the block tried to open a network socket; page code must run offline" in out
    assert "no_namespaces.md:18: the block tried to write into the checkout" in out
    assert victim.read_text() == before


@pytest.mark.skipif(os.geteuid() != 0, reason="as a user who is not root, the test above takes this path")
def test_without_namespaces_what_reaches_fd_1_still_fails_where_it_was_written():
    """Root without capabilities runs subprocesses as a user who is not root does: their output is caught the same."""
    no_caps = ("setpriv", "--bounding-set=-all", "--inh-caps=-all", "--ambient-caps=-all")
    result = harness([BAD / "lost_output.md"], wrap=no_caps)
    assert "isolated by pytest-socket and the audit hook only (unshare failed" in result.stdout, result.stdout[-3000:]
    for line, text in DIRECT:
        assert f"lost_output.md:{line}: the block wrote to the process's standard output directly" in result.stdout
        assert f"    {text}\n" in result.stdout, text


def test_output_that_differs_in_a_second_run_fails_the_determinism_check():
    plain = harness([BAD / "unstable.md"])
    assert plain.returncode == 0, plain.stdout[-3000:]  # one run cannot tell
    result = harness([BAD / "unstable.md"], "--docs-determinism")
    assert result.returncode == 1
    message = "the block prints different output when run again (another PYTHONHASHSEED, 2 threads instead of 1"
    for line in (6, 13, 18):
        assert f"unstable.md:{line}: {message}" in result.stdout, result.stdout[-4000:]
    assert "unstable.md::line:24 PASSED" in result.stdout  # seeded, sorted: the same in both runs
    assert "    -{'damson', 'banana', 'cherry', 'apple'}\n    +{'cherry', 'apple', 'damson', 'banana'}" in result.stdout


def test_update_outputs_writes_no_output_that_differs_between_runs(tmp_path):
    page = tmp_path / "unstable.md"
    text = (BAD / "unstable.md").read_text()
    page.write_text(text.replace("#> 455293444", "#> 7").replace("#> 1\n", "#> 5\n").replace("#> 749065263", "#> 3"))
    result = harness([page], "--update-outputs")
    assert result.returncode == 1
    assert "unstable.md:6: the block prints different output when run again" in result.stdout
    written = page.read_text()
    assert "#> 7\n" in written and "#> 5\n" in written, "an output that differs between runs must not be written"
    assert "#> 749065263 ['a', 'b']" in written, "a stable output is written"
