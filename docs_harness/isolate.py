"""Run all blocks of one page in a child process forked for that page.

The parent (pytest, with torch already imported) forks one child per page. The
child runs the page's blocks in order, in namespaces of its own, and sends each
block's Result and warnings back over a pipe as pickled data; the parent reports
them per block. Whatever a page changes in the interpreter (default dtype, grad
mode, print options, a patched ``torch.Tensor.__repr__``, RNG state, a logging
handler) dies with its child, so a page passes alone exactly when it passes in
the suite, and a page that breaks the interpreter fails itself, not the next one.

What the child cannot escape, because the parent enforces it:

- time: the parent kills the child when a block runs past its limit (plus a
  second of grace), whatever the block did to its own timer;
- the process: ``os._exit``, a crash or a signal ends the child, not pytest; the
  block that was running fails with how the process ended;
- threads: the child is killed at the end of the page, so a thread left running
  cannot keep pytest alive; a non-daemon thread still alive then fails the block
  that started it, at the line that started it (Recorder.note_thread_starts);
- memory: ``RLIMIT_AS`` (``docs_memory_limit`` GiB) caps the child and what it starts;
- the network and the checkout: as root the child enters a new network namespace
  (no interface but a loopback that is down: no socket reaches anything, also from
  a subprocess) and a new mount namespace in which the checkout is bind-mounted
  read-only (no process the block starts can change or delete a tracked file).
  Without root, only the in-process guards hold: pytest-socket and the audit hook
  of containment.py, which a subprocess or C code can bypass. ``isolation()``
  says which applied; the terminal summary prints it.

Output: file descriptors 1 and 2 of the child go to files, so nothing a block
writes is lost. ``sys.stdout`` is one recorder for the whole page (a logging
handler bound to it in an earlier block still reaches it). Output that cannot be
tied to a statement's ``#>`` lines fails the block with where it went: a thread's
at the line that started the thread, what reached fd 1 (``sys.__stdout__``,
``os.write``, a subprocess, C code, whose stdio buffer is flushed) at the statement
that wrote it, as fd 1 is read after each statement. What reached fd 2 (C++
logging, ``sys.stderr``) is passed on to the parent's stderr under the block's
name, so pytest shows it with the item.
"""

from __future__ import annotations

import ctypes
import os
import pickle
import random
import resource
import select
import signal
import struct
import sys
import threading
import time
import types
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from . import execute
from .execute import Result

GRACE = 1.0  # seconds the parent waits past a block's limit before it kills the child
CLONE_NEWNS, CLONE_NEWNET = 0x00020000, 0x40000000
MS_RDONLY, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 1, 32, 4096, 16384, 1 << 18
DEFAULT_TORCH_SEED = 67280421310721  # torch.initial_seed() of a fresh interpreter


@dataclass
class Spec:
    """What the child needs to run one block."""

    index: int
    kind: str  # python | session
    lines: list
    raises: str | None
    env: str | None
    seconds: float
    continues: int | None
    head: str  # file:line of the block's first line
    problem: str = ""  # the block cannot run (a bad option): this is its failure
    continues_head: str = ""  # file:line of the block it continues, which may not be among the specs


@dataclass
class Variant:
    """Conditions of one run of a page: the normal run, or the second run of the determinism check."""

    name: str = "main"
    threads: int = 1
    seed: int | None = DEFAULT_TORCH_SEED  # None: fresh random state


@dataclass
class Outcome:
    result: Result
    warnings: list = field(default_factory=list)  # (category, message, filename, lineno)
    stderr: str = ""
    ran: bool = True  # False: not run, because the block it continues failed


_isolation: list[str] = []


def isolation() -> str:
    """How the last child was isolated (for the terminal summary)."""
    return _isolation[-1] if _isolation else ""


# ---------------------------------------------------------------- parent


def _send(fd: int, message) -> None:
    data = pickle.dumps(message)
    view = memoryview(struct.pack("!Q", len(data)) + data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


class _Reader:
    def __init__(self, fd: int):
        self.fd, self.buffer, self.eof = fd, b"", False

    def next(self, deadline: float | None):
        """The next message, None at EOF, or TimeoutError past the deadline."""
        while True:
            if len(self.buffer) >= 8:
                (size,) = struct.unpack("!Q", self.buffer[:8])
                if len(self.buffer) >= 8 + size:
                    data, self.buffer = self.buffer[8 : 8 + size], self.buffer[8 + size :]
                    return pickle.loads(data)
            if self.eof:
                return None
            wait = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select([self.fd], [], [], wait)
            if not ready:
                raise TimeoutError
            chunk = os.read(self.fd, 1 << 20)
            if not chunk:
                self.eof = True
            self.buffer += chunk


def _ended(status: int) -> str:
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        return f"the block's process was killed by {name}; a block must end by itself, without ending its process"
    code = os.waitstatus_to_exitcode(status)
    return f"the block ended the process with os._exit({code}); a block must end by itself, without ending its process"


def run_page(
    specs: list[Spec], root: Path, *, memory_gib: float, variant: Variant | None = None, failed: set[int] | None = None
) -> dict[int, Outcome]:
    """Run the blocks in forked children (a new one after a block that killed or hung its child).

    ``failed``: blocks that failed before they could run (their continuations fail too).
    """
    variant = variant or Variant()
    _preload(specs)
    outcomes: dict[int, Outcome] = {}
    failed = set(failed or ())
    pending = list(specs)
    while pending:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child never returns into pytest
            code = 0
            try:
                os.close(read_fd)
                _child(pending, failed, root, write_fd, memory_gib, variant)
            except BaseException:  # noqa: BLE001 - a harness error: send it to the parent and exit
                import traceback

                code = 70
                try:
                    _send(write_fd, ("error", traceback.format_exc()))
                except OSError:
                    pass
            finally:
                os._exit(code)
        os.close(write_fd)
        reader = _Reader(read_fd)
        running: Spec | None = None
        deadline = None
        stop = None
        error = ""
        try:
            while True:
                try:
                    message = reader.next(deadline)
                except TimeoutError:
                    stop = "timeout"
                    break
                if message is None:
                    stop = "died"
                    break
                kind = message[0]
                if kind == "isolation":
                    _isolation.append(message[1])
                elif kind == "start":
                    running = next(s for s in pending if s.index == message[1])
                    deadline = time.monotonic() + running.seconds + GRACE
                elif kind == "done":
                    outcome: Outcome = message[2]
                    outcomes[message[1]] = outcome
                    if outcome.result.problems:
                        failed.add(message[1])
                    running, deadline = None, None
                elif kind == "threads":
                    for index, alive in message[1].items():
                        result = outcomes[index].result
                        by_line: dict[str, list[str]] = {}  # the line that started each thread, or the block's
                        for name, at in alive:
                            by_line.setdefault(at or result.head, []).append(name)
                        for at, names in by_line.items():
                            result.problems.append(
                                f"{at}: the block left a thread running ({', '.join(names)}) "
                                "at the end of the page; the harness killed it. Join every thread the block starts "
                                "(thread.join()) or make it a daemon"
                            )
                        failed.add(index)
                elif kind == "error":
                    stop, error = "error", message[1]
                    break
                elif kind == "end":
                    break
        finally:
            try:
                os.killpg(pid, signal.SIGKILL)  # the child and whatever it started
            except ProcessLookupError:
                pass
            _, status = os.waitpid(pid, 0)
            os.close(read_fd)
        done = {s.index for s in pending if s.index in outcomes}
        if stop is None:
            break
        if running is None:  # died between blocks: a harness error, reported on the next block
            running = next((s for s in pending if s.index not in done), None)
            if running is None:
                break
        if stop == "error":
            problem = f"{running.head}: harness error in the page's child process:\n{error}"
        elif stop == "timeout":
            problem = (
                f"{running.head}: the block ran longer than its {running.seconds:g} s limit and was stopped "
                "(set timeout=N on the fence if it needs longer)"
            )
        else:
            problem = f"{running.head}: {_ended(status)}"
        outcomes[running.index] = Outcome(Result(problems=[problem], head=running.head))
        failed.add(running.index)
        pending = [s for s in pending if s.index not in done and s.index != running.index]
    return outcomes


_preloaded: set[str] = set()


def _preload(specs: list[Spec]) -> None:
    """Import in the parent the modules the page imports, so that each child does not import them again.

    Only importing happens here, never the page's code: what a module does at import
    time is the same for every page, and what a page changes still dies with its child.
    """
    import ast
    import importlib

    for spec in specs:
        if spec.kind != "python" or spec.env:
            continue
        try:
            tree = ast.parse("".join(line.text + "\n" for line in spec.lines))
        except SyntaxError:
            continue
        for node in tree.body:
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            for name in names:
                if name in _preloaded:
                    continue
                _preloaded.add(name)
                try:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        importlib.import_module(name)
                except Exception:  # noqa: BLE001 - the block itself reports a failing import
                    pass


# ---------------------------------------------------------------- child


def _isolate(root: Path) -> str:
    """Enter new network and mount namespaces with the checkout read-only, if this process may."""
    if os.geteuid() != 0 or not sys.platform.startswith("linux"):
        return "pytest-socket and the audit hook only (not root: no network or mount namespace)"
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(CLONE_NEWNET | CLONE_NEWNS) != 0:
        return f"pytest-socket and the audit hook only (unshare failed: {os.strerror(ctypes.get_errno())})"
    target = os.fsencode(str(root))
    ok = (
        libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None) == 0
        and libc.mount(target, target, None, MS_BIND | MS_REC, None) == 0
        and libc.mount(target, target, None, MS_REMOUNT | MS_BIND | MS_RDONLY, None) == 0
    )
    if not ok:
        return f"a network namespace, pytest-socket and the audit hook (read-only checkout failed: {os.strerror(ctypes.get_errno())})"
    return "a network namespace, a read-only checkout in a mount namespace, pytest-socket and the audit hook"


def _reset_state(variant: Variant) -> None:
    import torch

    torch.set_num_threads(variant.threads)
    seed = variant.seed if variant.seed is not None else int.from_bytes(os.urandom(6), "big")
    torch.manual_seed(seed)
    random.seed(seed)
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed(seed % 2**32)


_libc = ctypes.CDLL(None)


class _Drain:
    """A file behind one of the child's file descriptors; ``new()`` returns what was written since last time."""

    def __init__(self, fd: int):
        import tempfile

        self.file = tempfile.TemporaryFile()
        os.dup2(self.file.fileno(), fd)
        self.offset = 0

    def new(self) -> str:
        for stream in (sys.__stdout__, sys.__stderr__):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        _libc.fflush(None)  # C code's stdio buffer: fully buffered on a file, and os._exit would drop it
        self.file.seek(self.offset)
        data = self.file.read()
        self.offset += len(data)
        return data.decode("utf-8", "replace")


def _child(specs: list[Spec], failed: set[int], root: Path, out: int, memory_gib: float, variant: Variant) -> None:
    os.setpgid(0, 0)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    how = _isolate(root)
    _send(out, ("isolation", how))
    if memory_gib > 0:
        limit = int(memory_gib * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    execute.MEMORY_GIB = memory_gib
    stdout, stderr = _Drain(1), _Drain(2)
    recorder = execute.Recorder()
    recorder.direct = stdout.new
    recorder.note_thread_starts()
    sys.stdout = recorder
    sys.stderr = sys.__stderr__
    _reset_state(variant)
    from .containment import _Guard

    _Guard.install()

    def writing_line() -> str:
        """The file:line of the block's line under which the write runs ("" in a session or outside the block)."""
        lineno = recorder.top_line(sys._getframe(1))
        return recorder.place(lineno) if lineno else ""

    _Guard.where = writing_line
    namespaces: dict[int, dict] = {}
    started: dict[int, list[threading.Thread]] = {}
    for spec in specs:
        _send(out, ("start", spec.index))
        before = set(threading.enumerate())
        if spec.problem:
            failed.add(spec.index)
            _send(out, ("done", spec.index, Outcome(Result(problems=[spec.problem], head=spec.head), ran=False)))
            continue
        if spec.continues is not None and (spec.continues in failed or spec.continues not in namespaces):
            first = spec.continues_head or next((s.head for s in specs if s.index == spec.continues), f"block {spec.continues}")
            result = Result(problems=[f"{spec.head}: this block continues the block at {first}, which failed"], head=spec.head)
            failed.add(spec.index)
            _send(out, ("done", spec.index, Outcome(result, ran=False)))
            continue
        namespace = namespaces[spec.continues] if spec.continues is not None else types.ModuleType("__main__").__dict__
        namespace["__file__"] = str(spec.lines[0].path)  # the page or snippet the block is read from
        _Guard.violations, _Guard.places = [], []
        recorder.filename, recorder.place = "", lambda lineno: ""  # a session's lines are not the last python block's
        _Guard.root = root
        with warnings.catch_warnings(record=True) as caught:  # pytest's filters, inherited at the fork
            try:
                result = _run(spec, namespace, root, recorder)
            finally:
                _Guard.root = None
        result.head = spec.head
        stray = stdout.new()
        if stray:  # not read after a statement of a python block: a session's, or written after the last statement
            result.lost.append(execute.direct_output(spec.head, stray))
            result.problems.append(result.lost[-1])
        if _Guard.violations:
            # The write replaces what it caused (the error it raised, outputs it changed), not output that was lost.
            by_line: dict[str, list[str]] = {}
            for violation, at in zip(_Guard.violations, _Guard.places, strict=True):
                by_line.setdefault(at or spec.head, [])
                if violation not in by_line[at or spec.head]:
                    by_line[at or spec.head].append(violation)
            result.problems = [
                f"{at}: the block tried to write into the checkout; page code may write only to its scratch "
                "working directory (use a relative path such as 'weights.pt'):\n" + "\n".join(f"  {v}" for v in writes)
                for at, writes in by_line.items()
            ] + result.lost
            result.output_problems = []
        if result.problems:
            failed.add(spec.index)
        namespaces[spec.index] = namespace
        started[spec.index] = [t for t in threading.enumerate() if t not in before]
        records = []
        for w in caught:
            category = w.category if _picklable(w.category) else UserWarning
            records.append((category, str(w.message), w.filename, w.lineno))
        _send(out, ("done", spec.index, Outcome(result, records, stderr.new())))
    left = {}
    for index, threads in started.items():
        alive = [(t.name, getattr(t, "_docs_started_at", "")) for t in threads if t.is_alive() and not t.daemon]
        if alive:
            left[index] = alive
    if left:
        _send(out, ("threads", left))
    _send(out, ("end",))


def _picklable(obj) -> bool:
    try:
        pickle.dumps(obj)
    except Exception:  # noqa: BLE001 - a class defined in a block cannot travel
        return False
    return True


def _run(spec: Spec, namespace: dict, root: Path, recorder) -> Result:
    if spec.kind == "session":
        return execute.run_session(spec.lines, namespace, seconds=spec.seconds, root=root, recorder=recorder)
    if spec.env:
        from .remote import run_in_env

        return run_in_env(spec.env, spec.lines, raises=spec.raises, seconds=spec.seconds, root=root, head=spec.head)
    return execute.run_python(spec.lines, namespace, raises=spec.raises, seconds=spec.seconds, root=root, recorder=recorder)


# ---------------------------------------------------------------- determinism


SECOND = Variant(name="second", threads=2, seed=None)


def run_page_again(specs: list[Spec], root: Path, *, memory_gib: float, failed: set[int] | None = None) -> dict[int, Outcome]:
    """Run the page once more in a fresh interpreter: another PYTHONHASHSEED, 2 threads, fresh RNG state."""
    import subprocess

    seed = "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"
    env = dict(os.environ, PYTHONHASHSEED=seed)
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).resolve().parent.parent), env.get("PYTHONPATH", "")])
    request = pickle.dumps((specs, root, memory_gib, set(failed or ())))
    limit = sum(s.seconds + GRACE for s in specs) + 60
    proc = subprocess.run(
        [sys.executable, "-c", "from docs_harness.isolate import _serve; _serve()"],
        input=request, capture_output=True, env=env, timeout=limit, cwd=root,
    )
    if proc.returncode:
        raise RuntimeError(f"the determinism run could not run the page:\n{proc.stderr.decode(errors='replace')[-3000:]}")
    return pickle.loads(proc.stdout)


def _serve() -> None:
    import torch  # noqa: F401  # imported before the fork, as in the first run

    specs, root, memory_gib, failed = pickle.loads(sys.stdin.buffer.read())
    outcomes = run_page(specs, root, memory_gib=memory_gib, variant=SECOND, failed=failed)
    sys.stdout.buffer.write(pickle.dumps(outcomes))


def compare(first: dict[int, Outcome], second: dict[int, Outcome], specs: list[Spec]) -> None:
    """Fail (and keep --update-outputs from writing) every block whose output differs between the two runs."""
    import difflib

    for spec in specs:
        a, b = first.get(spec.index), second.get(spec.index)
        if a is None or b is None:
            continue
        if a.result.printed == b.result.printed and bool(a.result.problems) == bool(b.result.problems):
            continue
        shown = difflib.unified_diff(
            a.result.printed.splitlines(), b.result.printed.splitlines(), "first run", "second run", lineterm="", n=1
        )
        if bool(a.result.problems) != bool(b.result.problems):
            shown = [f"(it failed in {'the first' if a.result.problems else 'the second'} run only)"]
        a.result.problems.append(
            f"{spec.head}: the block prints different output when run again (another PYTHONHASHSEED, 2 threads "
            "instead of 1, fresh random state), so --update-outputs writes none of it:\n"
            + "\n".join("    " + line for line in shown)
            + "\nseed its randomness (torch.manual_seed), sort sets before printing them, and print nothing "
            "that depends on the machine (thread counts, timings, addresses)"
        )
        a.result.edits = []
