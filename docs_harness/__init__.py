"""pytest plugin: every piece of Python a reader can see on the site is run and checked.

pytest-markdown-docs supplies the test items and the runner protocol; this plugin
collects what 0.9.2 cannot see on its own (fences inside admonitions and tabs,
``--8<--`` includes, ``>>>`` sessions, notebooks) and adds the checks it lacks:
``#>`` outputs, declared exceptions, shape claims in prose, a time limit and no network.
"""

from __future__ import annotations

import ast
import difflib
import json
import re
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytest_markdown_docs._runners import _Runner, register_runner
from pytest_markdown_docs.definitions import FenceTestDefinition
from pytest_markdown_docs.plugin import MarkdownInlinePythonItem

from . import binding, isolate
from .containment import checkout_root, pytest_runtest_call  # noqa: F401  # hook: page code may not write into the checkout
from .execute import Edit, Result, where
from .markdown import (
    PAGE_SUFFIXES,
    PYTHON_LANGS,
    UNBRACED_OPTIONS,
    Fence,
    Line,
    PageError,
    cell_fences,
    cell_lines,
    language_kind,
    notebook_spans,
    notebook_where,
    parse_page,
    read_notebook,
)

pytest_plugins = ["docs_harness.report"]  # --docs-report=PATH: each item's outcome and warnings as JSON

UNLABELLED = {None, "", "text", "txt", "plain", "none"}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("docs", "docs pages")
    group.addoption(
        "--update-outputs",
        nargs="?",
        const="write",
        default=None,
        choices=["write", "diff"],
        help="rewrite shown outputs (#> lines, >>> results) to what the code prints; '=diff' only prints the diff",
    )
    group.addoption("--block-timeout", type=float, default=None, help="seconds each block may run (default: ini docs_block_timeout)")
    parser.addini("docs_dirs", "folders whose .md and .ipynb files are pages", type="paths", default=[])
    parser.addini("docs_snippet_paths", "folders that --8<-- includes are resolved against", type="paths", default=[])
    parser.addini("docs_block_timeout", "seconds each block may run", default="30")
    # execution: each page runs in a child process of its own (isolate.py)
    parser.addini("docs_memory_limit", "GiB of address space each page's child process may use (0: no limit)", default="4")
    group.addoption(
        "--docs-determinism",
        action="store_true",
        default=False,
        help="run each page a second time (other hash seed, 2 threads, fresh RNG state) and fail blocks that print differently",
    )


@dataclass
class Ledger:
    """What the whole run saw: for the report and for --update-outputs."""

    blocks: int = 0
    checks: int = 0
    claims: int = 0
    opt_outs: list[str] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_LEDGER] = Ledger()


_LEDGER = pytest.StashKey[Ledger]()


def _is_page(file_path: Path, config: pytest.Config) -> bool:
    if file_path.suffix not in (*PAGE_SUFFIXES, ".ipynb"):
        return False
    if any(Path(arg.split("::")[0]).resolve() == file_path.resolve() for arg in config.args):
        return True
    return any(d.resolve() in file_path.resolve().parents for d in config.getini("docs_dirs"))


def pytest_collect_file(file_path: Path, parent: pytest.Collector):
    if _is_page(file_path, parent.config):
        return DocsPage.from_parent(parent, path=file_path)
    return None


@dataclass(frozen=True)
class DocsBlock(FenceTestDefinition):
    """A block of a page, as pytest-markdown-docs sees a fence, plus what our checks need."""

    kind: str = "python"  # python | session | claims | problem
    lines: tuple = ()
    options: tuple = ()
    continues: int | None = None  # index of the block whose namespace this one shares
    index: int = 0
    page: object = None
    message: str = ""


class PageState:
    """Per page: the namespaces, results and printed text of its blocks, each run at most once."""

    def __init__(self, path: Path, root: Path, config: pytest.Config):
        self.path, self.root, self.config = path, root, config
        try:
            self.rel = path.resolve().relative_to(root)  # how messages name the page
        except ValueError:
            self.rel = path
        self.blocks: list[DocsBlock] = []
        self.results: dict[int, Result] = {}
        self.outcomes: dict[int, isolate.Outcome] = {}
        self.spans = []

    def timeout(self, block: DocsBlock) -> float:
        option = dict(block.options).get("timeout")
        if option:
            return float(option)
        return self.config.getoption("block_timeout") or float(self.config.getini("docs_block_timeout"))

    def run(self, index: int) -> Result:
        """The block's result; the first call runs every block of the page in one child process."""
        if not self.results:
            self.run_all()
        return self.results[index]

    def run_all(self) -> None:
        specs = []
        for block in self.blocks:
            if block.kind not in ("python", "session"):
                continue
            options = dict(block.options)
            seconds = self.timeout(block)
            problem = ""
            if not seconds > 0:
                problem = f"{block_where(block)}: timeout={options.get('timeout')} is no time limit; give a positive number of seconds"
                seconds = 1.0
            specs.append(
                isolate.Spec(
                    index=block.index, kind=block.kind, lines=list(block.lines), raises=options.get("raises"),
                    env=str(options["env"]) if options.get("env") else None, seconds=seconds,
                    continues=block.continues, head=block_where(block), problem=problem,
                    continues_head=block_where(self.blocks[block.continues]) if block.continues is not None else "",
                )
            )
        memory = float(self.config.getini("docs_memory_limit"))
        outcomes = isolate.run_page(specs, checkout_root(self.config), memory_gib=memory) if specs else {}
        check = self.config.getoption("docs_determinism") or self.config.getoption("update_outputs") == "write"
        if check and specs:
            second = isolate.run_page_again(specs, self.root, memory_gib=memory)
            isolate.compare(outcomes, second, specs)
        ledger = self.config.stash[_LEDGER]
        for index, outcome in outcomes.items():
            self.results[index] = outcome.result
            self.outcomes[index] = outcome
            ledger.blocks += outcome.ran
            ledger.checks += outcome.result.checks
            ledger.edits.extend(outcome.result.edits)

    def printed(self) -> str:
        return "".join(self.run(i).printed for i, b in enumerate(self.blocks) if b.kind in ("python", "session"))


def block_where(block: DocsBlock) -> str:
    return where(block.lines[0], block.page.root) if block.lines else str(block.source_path)


@register_runner()
class DocsRunner(_Runner):
    """pytest-markdown-docs runner for our blocks: runs, compares, and fails with file:line messages."""

    def runtest(self, test: DocsBlock, args, *, asyncio_runner=None):
        page: PageState = test.page
        if test.kind == "problem":
            raise DocsFailure(test.message)
        if test.kind == "claims":
            return check_claims(page)
        result = page.run(test.index)
        outcome = page.outcomes.get(test.index)
        if outcome is not None:
            for category, message, filename, lineno in outcome.warnings:  # warnings of the child, for pytest's record
                warnings.warn_explicit(message, category, filename, lineno)
            if outcome.stderr:
                sys.stderr.write(f"stderr of {block_where(test)}:\n{outcome.stderr}")
        update = page.config.getoption("update_outputs")
        problems = result.problems + ([] if update == "write" else result.output_problems)
        if problems:
            raise DocsFailure("\n\n".join(problems))

    def repr_failure(self, test, excinfo, style=None):
        if isinstance(excinfo.value, DocsFailure):
            return str(excinfo.value)
        return f"{block_where(test) if test.lines else test.source_path}: harness error\n{excinfo.getrepr(style='short')}"


class DocsFailure(Exception):
    pass


def check_claims(page: PageState) -> None:
    """Each shape claim against what the page printed for the tensor it names (binding.py)."""
    blocks = [(b.kind, list(b.lines), b.start_line) for b in page.blocks if b.kind in ("python", "session")]
    bad, stats, opt_outs = binding.check_page(page.path, page.rel, page.root, blocks, page.spans, page.printed())
    ledger = page.config.stash[_LEDGER]
    ledger.claims += stats.bound + stats.derived + stats.fell_back
    ledger.opt_outs.extend(opt_outs)
    if bad:
        raise DocsFailure("\n".join(bad))


OPTIONS = {"continuation", "env", "notest", "raises", "timeout"}
_NEAR_OUTPUT = re.compile(r"^[ \t]*(?:#>(?=\S)|#[ \t]+>)")


def fence_problem(fence: Fence, here: str) -> str:
    """Why the harness cannot run or knowingly skip this block ("" if it can), as ``file:line: cause; fix``."""
    if fence.problem:
        return f"{here}: {fence.problem}"
    if fence.indented:
        return (
            f"{here}: an indented code block is shown but never run: "
            "fence it with ```python to run it, or ```text to show it as text"
        )
    kind = fence.kind
    if kind == "none" and fence.includes:
        name = fence.includes[0].name
        return f"{here}: this fence includes {name} but has no language, so it is shown and never run: tag it ```python"
    if kind in ("none", "display", "unknown") and fence.lang in UNLABELLED and _looks_like_python(fence):
        return (
            f"{here}: this fence looks like Python but would not run: tag it ```python "
            '(or ```pycon for a >>> session), or give a reason with {.python notest="..."}'
        )
    if kind == "none":
        return (
            f"{here}: a fence without a language is shown but never checked: tag it ```python to run it, "
            "or ```text (or its language, e.g. ```bash) to show it"
        )
    if kind == "python2":
        return f"{here}: a {fence.lang} fence would not run: the site's code is Python 3, tag it ```python"
    if kind == "unknown":
        near = difflib.get_close_matches(fence.lang.casefold(), sorted(PYTHON_LANGS | {"text", "bash", "console"}), n=1)
        hint = f" (did you mean {near[0]!r}?)" if near else ""
        return (
            f"{here}: unknown fence language {fence.lang!r}{hint}, so the block is shown and never run: "
            "tag it ```python to run it, or ```text to show it"
        )
    if kind == "display":
        return ""
    for key, value in fence.options.items():
        if key in UNBRACED_OPTIONS:
            continue
        if key not in OPTIONS:
            near = difflib.get_close_matches(key, sorted(OPTIONS), n=1)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            return f"{here}: unknown fence option {key!r}{hint} (the options are {', '.join(sorted(OPTIONS))})"
        if key == "timeout":
            try:
                seconds = float(value) if value is not True else float("nan")
            except ValueError:
                seconds = float("nan")
            if seconds != seconds or seconds == float("inf"):
                return f"{here}: timeout={value} is not a number of seconds: write a plain number, e.g. timeout=120"
            if not seconds > 0:
                return f"{here}: timeout={value} is no time limit; give a positive number of seconds, e.g. timeout=120"
        if key in ("raises", "env") and (value is True or not str(value).strip()):
            example = 'raises="RuntimeError"' if key == "raises" else 'env="paddle"'
            return f"{here}: {key} needs a value: {{.python {example}}}"
    return ""


def _looks_like_python(fence: Fence) -> bool:
    source = fence.source
    if any(line.text.lstrip().startswith(">>> ") for line in fence.lines):
        return True
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    kinds = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef, ast.Assign, ast.AugAssign, ast.Call, ast.For)
    return any(isinstance(node, kinds) for node in ast.walk(tree))


class DocsPage(pytest.File):
    def collect(self):
        root = self.config.rootpath
        state = PageState(self.path, root, self.config)
        bases = list(self.config.getini("docs_snippet_paths"))
        ledger = self.config.stash[_LEDGER]
        pending: list[DocsBlock] = []

        def add(kind, lines, options=(), continues=None, message="", lineno=1):
            block = DocsBlock(
                source="".join(ln.text + "\n" for ln in lines),
                fixture_names=(),
                start_line=lineno,
                source_path=self.path,
                runner_name="DocsRunner",
                kind=kind,
                lines=tuple(lines),
                options=tuple(options),
                continues=continues,
                index=len(state.blocks),
                page=state,
                message=message,
            )
            state.blocks.append(block)
            pending.append(block)

        try:
            if self.path.suffix == ".ipynb":
                cells = read_notebook(self.path)
                state.spans = notebook_spans(state.rel, cells)
                previous = None
                for cell in cells:
                    if cell.kind == "markdown":
                        for lineno, lang in cell_fences(cell):
                            if language_kind(lang) != "display":
                                at = notebook_where(state.rel, lineno)
                                add(
                                    "problem",
                                    [Line("", self.path, lineno)],
                                    message=(
                                        f"{at}: a code block in a markdown cell is shown but never run: "
                                        "make it a code cell, or tag it ```text to show it as text"
                                    ),
                                    lineno=lineno,
                                )
                    if cell.kind == "code" and cell.source.strip():
                        lines = cell_lines(self.path, cell)
                        add("python", lines, continues=previous, lineno=lines[0].lineno)
                        previous = len(state.blocks) - 1
            else:
                fences, state.spans = parse_page(self.path, bases)
                last_python = None
                for fence in fences:
                    opts = fence.options
                    here = f"{state.rel}:{fence.lineno}"
                    lineno = fence.lineno
                    wrong = fence_problem(fence, here)
                    if wrong:
                        add("problem", fence.lines or [Line("", self.path, lineno)], message=wrong, lineno=lineno)
                        if fence.kind in ("python", "session"):
                            last_python = len(state.blocks) - 1  # a continuation after it names it as the failed block
                        continue
                    if fence.kind == "display":
                        ledger.opt_outs.append(f"{here}: {fence.lang} block shown, not run")
                        continue
                    if "notest" in opts:
                        if opts["notest"] is True or not str(opts["notest"]).strip():
                            add("problem", fence.lines, message=f'{here}: notest needs a reason: {{.python notest="why it cannot run"}}', lineno=lineno)
                        else:
                            ledger.opt_outs.append(f"{here}: block not run: {opts['notest']}")
                        continue
                    if not fence.lines:
                        continue
                    for line in fence.lines:
                        near = _NEAR_OUTPUT.match(line.text)
                        if near and fence.kind == "python":
                            fixed = "#> " + _NEAR_OUTPUT.sub("", line.text).lstrip()
                            add(
                                "problem",
                                [line],
                                message=(
                                    f"{where(line, root)}: {line.text.strip()!r} is not an output line, so it is "
                                    f"not compared: write {fixed.strip()!r} (#> and one space)"
                                ),
                                lineno=line.lineno,
                            )
                    session = fence.kind == "session" or fence.lines[0].text.lstrip().startswith(">>>")
                    continues = last_python if "continuation" in opts else None
                    if "continuation" in opts and last_python is None:
                        add("problem", fence.lines, message=f"{here}: continuation, but no python block comes before it", lineno=lineno)
                        continue
                    add("session" if session else "python", fence.lines, opts.items(), continues, lineno=lineno)
                    last_python = len(state.blocks) - 1
        except PageError as exc:
            add("problem", [Line("", self.path, 1)], message=str(exc))
        if state.spans or binding.has_code_claims([b.lines for b in state.blocks if b.kind == "python"]):
            add("claims", [Line("", self.path, 1)], lineno=0)
        for block in pending:
            name = "shape-claims" if block.kind == "claims" else f"line:{block.start_line}"
            if self.path.suffix == ".ipynb" and block.kind != "claims":
                name = f"cell:{block.start_line // 1000}"
            yield MarkdownInlinePythonItem.from_parent(self, name=name, test_definition=block)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Give the call report of a block what it printed and its problems other than shown outputs (for --docs-report)."""
    report = yield
    block = getattr(item, "test_definition", None)
    if call.when == "call" and isinstance(block, DocsBlock) and block.index in block.page.results:
        result = block.page.results[block.index]
        report.user_properties.append(("printed", result.printed))
        report.user_properties.append(("problems", list(result.problems)))
    return report


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    ledger = config.stash[_LEDGER]
    if not (ledger.blocks or ledger.claims or ledger.opt_outs):
        return
    tr = terminalreporter
    tr.section("docs harness")
    tr.write_line(
        f"{ledger.blocks} blocks executed, {ledger.checks} shown outputs compared, "
        f"{ledger.claims} shape claims checked, {len(ledger.opt_outs)} opt-outs"
    )
    if isolate.isolation():
        tr.write_line(f"each page ran in a child process of its own, isolated by {isolate.isolation()}")
    for line in ledger.opt_outs:
        tr.write_line(f"  opt-out  {line}")
    mode = config.getoption("update_outputs")
    if mode and ledger.edits:
        for text in apply_edits(ledger.edits, write=mode == "write"):
            tr.write_line(text)


def apply_edits(edits: list[Edit], *, write: bool) -> list[str]:
    """Apply (or only show) output rewrites, bottom-up per file so line numbers stay valid."""
    report = []
    by_file: dict[Path, list[Edit]] = {}
    for edit in edits:
        by_file.setdefault(edit.path, []).append(edit)
    for path, file_edits in sorted(by_file.items()):
        if path.suffix == ".ipynb":
            report.extend(_apply_notebook_edits(path, file_edits, write=write))
            continue
        old = path.read_text(encoding="utf-8").splitlines()
        new = list(old)
        seen = set()
        for edit in sorted(file_edits, key=lambda e: (e.start, e.end), reverse=True):
            if (edit.start, edit.end) in seen:
                continue
            seen.add((edit.start, edit.end))
            new[edit.start - 1 : edit.end - 1] = edit.lines
        report.extend(difflib.unified_diff(old, new, str(path), str(path), lineterm=""))
        if write:
            path.write_text("\n".join(new) + "\n", encoding="utf-8")
            report.append(f"updated {path}")
    return report


def _apply_notebook_edits(path: Path, edits: list[Edit], *, write: bool) -> list[str]:
    """Edits on a notebook: line numbers are cell * 1000 + line (cell_lines); each rewrites one code cell's source."""
    data = json.loads(path.read_text(encoding="utf-8"))
    by_cell: dict[int, list[Edit]] = {}
    for edit in edits:
        by_cell.setdefault(edit.start // 1000, []).append(edit)
    report = []
    for number, cell_edits in sorted(by_cell.items()):
        cell = data["cells"][number - 1]
        source = cell["source"]
        text = "".join(source) if isinstance(source, list) else source
        old = text.splitlines()
        new = list(old)
        seen = set()
        for edit in sorted(cell_edits, key=lambda e: (e.start, e.end), reverse=True):
            if (edit.start, edit.end) in seen:
                continue
            seen.add((edit.start, edit.end))
            new[edit.start % 1000 - 1 : edit.end % 1000 - 1] = edit.lines
        label = f"{path}: cell {number}"
        report.extend(difflib.unified_diff(old, new, label, label, lineterm=""))
        joined = "\n".join(new) + ("\n" if text.endswith("\n") else "")
        cell["source"] = joined.splitlines(keepends=True) if isinstance(source, list) else joined
    if write:
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        report.append(f"updated {path}")
    return report
