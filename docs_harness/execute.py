"""Run one block of page code in this process: time limit, no network, stdout tied to source lines."""

from __future__ import annotations

import ast
import codeop
import contextlib
import doctest
import io
import linecache
import os
import signal
import sys
import tempfile
import threading
import traceback
import types
from dataclasses import dataclass, field
from pathlib import Path

import pytest_socket

from .markdown import CellLine, Line, where
from .outputs import OutputLayoutError, as_output_lines, clip, diff, normalise, owner_of, statements


class BlockTimeout(BaseException):
    """Raised inside a block that ran past its time limit (BaseException: `except Exception` cannot swallow it)."""


@dataclass
class Edit:
    """Replace lines [start, end) of ``path`` (1-based) with ``lines``; start == end inserts.

    In a notebook, start and end are places in one cell (CellLine).
    """

    path: Path
    start: int | CellLine
    end: int | CellLine
    lines: list[str]


@dataclass
class Result:
    problems: list[str] = field(default_factory=list)  # the block did not run as the page says
    lost: list[str] = field(default_factory=list)  # those of the problems that are output the page cannot show
    output_problems: list[str] = field(default_factory=list)  # it ran, but shows other output
    edits: list[Edit] = field(default_factory=list)
    printed: str = ""
    printed_by: list[tuple[int, int]] = field(default_factory=list)  # (line of the block, newlines it printed), in order
    checks: int = 0  # outputs compared
    head: str = ""  # file:line of the block's first line


class Recorder(io.TextIOBase):
    """A stdout that remembers which top-level line of the block wrote each piece.

    One recorder serves every block of a page (a logging handler bound to ``sys.stdout``
    in an earlier block still writes here); ``filename`` names the block now running.
    A write from another thread, or from no frame of the block, is kept as a stray with
    the thread's name and the line that started the thread, so it can be reported
    instead of dropped.
    """

    def __init__(self, filename: str = ""):
        self.filename = filename
        self.writes: list[tuple[int, str]] = []
        self.strays: list[tuple[str, str, str]] = []  # (where it came from, file:line that started it or "", text)
        self.direct = lambda: ""  # what reached fd 1 since the last call (the page's child reads its file)
        self.place = lambda lineno: ""  # file:line of a line of the block now running

    def writable(self) -> bool:
        return True

    def top_line(self, frame) -> int:
        """The top-level line of the block now running under which ``frame`` runs; 0 if none."""
        lineno = 0
        if not self.filename:  # between blocks, or in a >>> session
            return 0
        while frame is not None:
            if frame.f_code.co_filename == self.filename:
                lineno = frame.f_lineno
            frame = frame.f_back
        return lineno

    def write(self, text: str) -> int:
        thread = threading.current_thread()
        if thread is not threading.main_thread():
            self.strays.append((f"thread {thread.name!r}", getattr(thread, "_docs_started_at", ""), text))
            return len(text)
        lineno = self.top_line(sys._getframe(1))
        if lineno == 0:
            self.strays.append(("code outside the block's statements", "", text))
        else:
            self.writes.append((lineno, text))
        return len(text)

    def note_thread_starts(self) -> None:
        """Make Thread.start remember the line of the block that started the thread (in the page's child only)."""
        start = threading.Thread.start

        def noting_start(thread):
            lineno = self.top_line(sys._getframe(1))
            thread._docs_started_at = self.place(lineno) if lineno else ""
            start(thread)

        threading.Thread.start = noting_start


_Recorder = Recorder
MEMORY_GIB = 0.0  # the child's address-space limit, for the message when a block runs out of memory


def direct_output(at: str, text: str) -> str:
    """The failure for output that reached fd 1 around the recorder; ``at`` names the line that wrote it."""
    return (
        f"{at}: the block wrote to the process's standard output directly (sys.__stdout__, "
        "os.write(1, ...), a subprocess or C code), where the page cannot show it:\n"
        + "\n".join("    " + line for line in text.splitlines())
        + "\nprint it with print() in a statement of the block, or capture the subprocess's output"
    )


def _one_by_one(source: str, filename: str) -> list[tuple[int, types.CodeType]]:
    """Each top-level statement of the block compiled alone, with the block's ``__future__`` imports.

    Run in turn, they let the harness read fd 1 after each statement and name the one that wrote there.
    """
    compile_next = codeop.Compile()  # compiles each statement with the __future__ imports of those before it
    return [(node.lineno, compile_next(ast.Module([node], []), filename, "exec")) for node in ast.parse(source, filename).body]


@contextlib.contextmanager
def guarded(seconds: float, workdir: Path):
    """Time limit, sockets refused, and a scratch working directory for the duration of one block."""

    def on_alarm(signum, frame):
        raise BlockTimeout()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    cwd = os.getcwd()
    os.chdir(workdir)
    pytest_socket.disable_socket(allow_unix_socket=True)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        pytest_socket.enable_socket()
        os.chdir(cwd)


def _explain(exc: BaseException, seconds: float) -> str | None:
    if isinstance(exc, BlockTimeout):
        return f"the block ran longer than its {seconds:g} s limit and was stopped (set timeout=N on the fence if it needs longer)"
    if isinstance(exc, pytest_socket.SocketBlockedError):
        return "the block tried to open a network socket; page code must run offline"
    if isinstance(exc, MemoryError) or (isinstance(exc, RuntimeError) and "can't allocate memory" in str(exc)):
        limit = f"the {MEMORY_GIB:g} GiB limit (docs_memory_limit)" if MEMORY_GIB else "the memory available"
        return f"the block ran out of memory ({type(exc).__name__}) under {limit}; make the example smaller"
    return None


def _traceback(exc: BaseException, filename: str, lines: list[Line], root: Path) -> str:
    """The traceback from the first frame of the block on, with block lines mapped to files on disk."""
    out, started = ["Traceback (most recent call last):"], False
    for frame in traceback.extract_tb(exc.__traceback__):
        started = started or frame.filename == filename
        if not started:
            continue
        if frame.filename == filename and frame.lineno and 0 < frame.lineno <= len(lines):
            line = lines[frame.lineno - 1]
            out.append(f'  File "{where(line, root)}", in {frame.name}\n    {line.text.strip()}')
        else:
            out.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}\n    {(frame.line or "").strip()}')
    out.append("".join(traceback.format_exception_only(type(exc), exc)).rstrip())
    return "\n".join(out)


def _top_level_line(exc: BaseException, filename: str) -> int:
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == filename:
            return frame.lineno or 0
    return 0


def _file_edit(lines: list[Line], start: int, end: int, new: list[str], indent_from: int) -> Edit | None:
    """An edit on disk for block lines [start, end) (1-based); None if they do not map to one file."""
    anchor = lines[indent_from - 1]
    if isinstance(anchor.lineno, CellLine):
        prefix = ""  # a cell's lines are the block's lines
    else:
        raw = anchor.path.read_text(encoding="utf-8").splitlines()
        prefix = raw[anchor.lineno - 1][: len(raw[anchor.lineno - 1]) - len(raw[anchor.lineno - 1].lstrip())]
    block_indent = anchor.text[: len(anchor.text) - len(anchor.text.lstrip())]
    new = [prefix + line[len(block_indent) :] for line in new]
    if start == end:
        before = lines[start - 2]
        return Edit(before.path, before.lineno + 1, before.lineno + 1, new)
    first, last = lines[start - 1], lines[end - 2]
    if first.path != last.path or first.lineno + (end - 1 - start) != last.lineno:
        return None
    return Edit(first.path, first.lineno, last.lineno + 1, new)


def run_python(
    lines: list[Line], namespace: dict, *, raises: str | None, seconds: float, root: Path, recorder: Recorder | None = None
) -> Result:
    """Execute a python block and compare each statement's printed output with its #> lines."""
    result = Result()
    source = "".join(line.text + "\n" for line in lines)
    head = where(lines[0], root) if lines else "?"
    filename = f"<docs {head}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    try:
        stmts = statements(source)
        compile(source, filename, "exec", dont_inherit=True)  # whole: a late __future__ import fails only so
        parts = _one_by_one(source, filename)
    except SyntaxError as exc:
        at = where(lines[(exc.lineno or 1) - 1], root)
        result.problems.append(f"{at}: SyntaxError: {exc.msg}")
        return result
    except OutputLayoutError as exc:
        result.problems.append(f"{where(lines[exc.line - 1], root)}: {exc.reason}")
        return result

    recorder = recorder or Recorder()
    recorder.filename, recorder.writes, recorder.strays = filename, [], []
    recorder.place = lambda lineno: where(lines[lineno - 1], root)
    error: BaseException | None = None
    with tempfile.TemporaryDirectory(prefix="docs-block-") as scratch:
        with guarded(seconds, Path(scratch)), contextlib.redirect_stdout(recorder):
            try:
                for lineno, part in parts:
                    try:
                        exec(part, namespace)
                    finally:
                        direct = recorder.direct()
                        if direct:
                            result.lost.append(direct_output(where(lines[lineno - 1], root), direct))
            except (Exception, BlockTimeout, SystemExit, KeyboardInterrupt) as exc:  # noqa: BLE001 - reported below
                error = exc
    result.printed = "".join(text for _, text in recorder.writes)
    for lineno, text in recorder.writes:
        if result.printed_by and result.printed_by[-1][0] == lineno:
            result.printed_by[-1] = (lineno, result.printed_by[-1][1] + text.count("\n"))
        else:
            result.printed_by.append((lineno, text.count("\n")))
    strays: dict[tuple[str, str], str] = {}
    for origin, at, text in recorder.strays:
        strays[origin, at] = strays.get((origin, at), "") + text
    for (origin, at), text in strays.items():
        if text.strip():
            result.lost.append(
                f"{at or head}: output from {origin} cannot be tied to a line of the block, so the page cannot show it:\n"
                + "\n".join("    " + line for line in text.strip("\n").splitlines())
                + "\nprint it from a statement of the block (join the thread first, or return the value and print it)"
            )
    result.problems += result.lost

    failed_at = 0
    if error is not None:
        explained = _explain(error, seconds)
        failed_at = _top_level_line(error, filename)
        at = where(lines[failed_at - 1], root) if failed_at else head
        if explained:
            result.problems.append(f"{at}: {explained}")
            return result
        exc_name = type(error).__name__
        if raises is None:
            result.problems.append(f"{at}: the block raised {exc_name}\n{_traceback(error, filename, lines, root)}")
            return result
        if raises not in (exc_name, f"{type(error).__module__}.{exc_name}"):
            result.problems.append(
                f"{at}: the block must raise {raises}, but raised {exc_name}\n{_traceback(error, filename, lines, root)}"
            )
            return result
        later = [s for s in stmts if s.first > failed_at]
        if later:
            result.problems.append(
                f"{where(lines[later[0].first - 1], root)}: this line never runs: the statement above raises {exc_name}"
            )
    elif raises is not None:
        result.problems.append(f"{head}: the block must raise {raises}, but it finished without an error")
        return result

    per_statement: dict[int, list[str]] = {}
    for lineno, text in recorder.writes:
        owner = owner_of(stmts, lineno)
        key = owner.first if owner else 0
        per_statement.setdefault(key, []).append(text)
    for stmt in stmts:
        actual_text = "".join(per_statement.get(stmt.first, []))
        if error is not None and stmt.first <= failed_at <= stmt.last:
            shown = "".join(traceback.format_exception_only(type(error), error)).strip()
            actual_text += ("\n" if actual_text and not actual_text.endswith("\n") else "") + shown
        actual = normalise(actual_text)
        if stmt.expected is None:
            if actual:
                result.output_problems.append(
                    f"{where(lines[stmt.last - 1], root)}: this statement prints output that the page does not show:\n"
                    + "\n".join(clip(as_output_lines(actual, "    ")))
                    + "\nshow it with #> lines under the statement (pytest --update-outputs writes them)"
                )
                edit = _file_edit(lines, stmt.last + 1, stmt.last + 1, as_output_lines(actual, stmt.indent), stmt.first)
                if edit:
                    result.edits.append(edit)
            continue
        result.checks += 1
        if stmt.expected != actual:
            start, end = stmt.expected_at
            label = where(lines[start - 1], root)
            hint = ""
            if stmt.expression and not actual:
                hint = EXPRESSION_HINT
            result.output_problems.append(
                f"{label}: the output shown does not match what the code prints\n{diff(stmt.expected, actual, label)}{hint}"
            )
            edit = _file_edit(lines, start, end, as_output_lines(actual, stmt.indent), stmt.first)
            if edit:
                result.edits.append(edit)
    return result


EXPRESSION_HINT = (
    "\nthe statement is an expression, and a code block does not echo its value as a >>> session does: "
    "wrap it in print(...)"
)


class _Recording(doctest.DocTestRunner):
    def __init__(self, direct):
        super().__init__(verbose=False, optionflags=0)
        self.mismatches: list[tuple[doctest.Example, str]] = []
        self.raised: list[tuple[doctest.Example, BaseException]] = []
        self.direct, self.directs = direct, []  # (example, what it wrote to fd 1)

    def _read_fd1(self, example):
        text = self.direct()
        if text:
            self.directs.append((example, text))

    def report_success(self, out, test, example, got):
        self._read_fd1(example)

    def report_failure(self, out, test, example, got):
        self._read_fd1(example)
        self.mismatches.append((example, got))

    def report_unexpected_exception(self, out, test, example, exc_info):
        self._read_fd1(example)
        self.raised.append((example, exc_info[1]))


def run_session(lines: list[Line], namespace: dict, *, seconds: float, root: Path, recorder: Recorder | None = None) -> Result:
    """Run a ``>>>`` session with doctest: each expected output is compared exactly."""
    result = Result()
    source = "".join(line.text + "\n" for line in lines)
    name = where(lines[0], root)
    try:
        test = doctest.DocTestParser().get_doctest(source, namespace, name, name, 0)
    except ValueError as exc:
        result.problems.append(f"{name}: {exc}")
        return result
    runner = _Recording((recorder or Recorder()).direct)
    error = None
    with tempfile.TemporaryDirectory(prefix="docs-block-") as scratch:
        with guarded(seconds, Path(scratch)):
            try:
                runner.run(test, out=lambda text: None, clear_globs=False)
            except BlockTimeout as exc:
                error = exc
    namespace.update(test.globs)
    for example, text in runner.directs:
        result.lost.append(direct_output(where(lines[example.lineno], root), text))
    result.problems += result.lost
    if error is not None:
        result.problems.append(f"{name}: {_explain(error, seconds)}")
        return result
    failed = {id(ex): got for ex, got in runner.mismatches}
    for example, exc in runner.raised:
        at = where(lines[example.lineno], root)
        explained = _explain(exc, seconds)
        result.problems.append(
            f"{at}: {explained}" if explained else f"{at}: {''.join(traceback.format_exception_only(type(exc), exc)).strip()}"
        )
    for example in test.examples:
        got = failed.get(id(example))
        result.printed += example.want if got is None else got
        if not example.want and got is None:
            continue
        result.checks += 1
        if got is None:
            continue
        source_lines = example.source.count("\n")
        start = example.lineno + source_lines + 1  # 1-based block line of the first expected line
        end = start + example.want.count("\n")
        at = where(lines[start - 1] if start <= len(lines) else lines[-1], root)
        result.output_problems.append(
            f"{at}: the output shown does not match what the code prints\n"
            + diff(normalise(example.want), normalise(got), at)
        )
        indent = example.indent * " "
        new = [indent + line if line else "" for line in normalise(got)]
        edit = _file_edit(lines, start, end, new, example.lineno + 1)  # start == end inserts
        if edit:
            result.edits.append(edit)
    return result
