"""Running: each page's blocks and their state, and the pytest-markdown-docs runner that runs, compares and fails them."""

from __future__ import annotations

import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytest_markdown_docs._runners import _Runner, register_runner
from pytest_markdown_docs.definitions import FenceTestDefinition

from . import containment, isolate, notebook
from .claims import claim_problems
from .execute import Result, where
from .markdown import Line
from .summary import ledger

RUNNER = "DocsRunner"  # the name pytest-markdown-docs finds the runner by (FenceTestDefinition.runner_name)
KINDS = ("python", "session", "claims", "problem")


class DocsFailure(Exception):
    """A block that does not do what its page says; the message is the whole report (file:line: what; fix)."""


@dataclass(eq=False)
class Block:
    """One item of a page: code to run (python, session), the page's shape claims, or a problem found while reading it."""

    page: PageState
    kind: str  # one of KINDS
    lines: tuple[Line, ...]
    lineno: int  # the line the item is named by (pytest-markdown-docs' start_line)
    index: int  # position in page.blocks
    options: tuple[tuple[str, object], ...] = ()
    continues: int | None = None  # index of the block whose namespace this one shares
    message: str = ""  # for a problem: the failure it reports

    @property
    def where(self) -> str:
        """file:line of the block's first line, as messages name it."""
        return where(self.lines[0], self.page.root) if self.lines else str(self.page.path)


class PageState:
    """Per page: its blocks and shape-claim spans, and the results of its code, run at most once in one child process."""

    def __init__(self, path: Path, root: Path, config: pytest.Config):
        self.path, self.root, self.config = path, root, config
        try:
            self.rel = path.resolve().relative_to(root)  # how messages name the page
        except ValueError:
            self.rel = path
        self.blocks: list[Block] = []
        self.results: dict[int, Result] = {}
        self.outcomes: dict[int, isolate.Outcome] = {}
        self.spans = []

    def add(self, kind: str, lines, options=(), continues: int | None = None, message: str = "", lineno: int = 1) -> Block:
        block = Block(self, kind, tuple(lines), lineno, len(self.blocks), tuple(options), continues, message)
        self.blocks.append(block)
        return block

    def timeout(self, block: Block) -> float:
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
                problem = f"{block.where}: timeout={options.get('timeout')} is no time limit; give a positive number of seconds"
                seconds = 1.0
            specs.append(
                isolate.Spec(
                    index=block.index, kind=block.kind, lines=list(block.lines), raises=options.get("raises"),
                    env=str(options["env"]) if options.get("env") else None, seconds=seconds,
                    continues=block.continues, head=block.where, problem=problem,
                    continues_head=self.blocks[block.continues].where if block.continues is not None else "",
                )
            )
        memory = float(self.config.getini("docs_memory_limit"))
        outcomes = isolate.run_page(specs, containment.checkout_root(self.config), memory_gib=memory) if specs else {}
        if specs:
            ledger(self.config).isolation = isolate.isolation()  # for the terminal summary
        check = self.config.getoption("docs_determinism") or self.config.getoption("update_outputs") == "write"
        if check and specs:
            second = isolate.run_page_again(specs, self.root, memory_gib=memory)
            isolate.compare(outcomes, second, specs)
        if self.path.suffix == ".ipynb":
            notebook.check_stored_outputs(self.path, self.root, self.blocks, {i: o.result for i, o in outcomes.items()})
        book = ledger(self.config)
        for index, outcome in outcomes.items():
            self.results[index] = outcome.result
            self.outcomes[index] = outcome
            book.blocks += outcome.ran
            book.checks += outcome.result.checks
            book.edits.extend(outcome.result.edits)

    def printed(self) -> str:
        return "".join(self.run(i).printed for i, b in enumerate(self.blocks) if b.kind in ("python", "session"))


class Registry:
    """Which of our blocks each pytest-markdown-docs test definition stands for.

    The runner is handed only the definition (a frozen dataclass of source, line and path), so the page
    state lives here, keyed by the definition's identity: two blocks may have equal definitions.
    """

    def __init__(self) -> None:
        self._blocks: dict[int, tuple[FenceTestDefinition, Block]] = {}

    def definition(self, block: Block) -> FenceTestDefinition:
        """The test definition pytest-markdown-docs' item is built from, tied to ``block``."""
        definition = FenceTestDefinition(
            source="".join(line.text + "\n" for line in block.lines),
            fixture_names=(),
            start_line=block.lineno,
            source_path=block.page.path,
            runner_name=RUNNER,
        )
        self._blocks[id(definition)] = (definition, block)  # holding the definition keeps its id unique
        return definition

    def block(self, definition: object) -> Block | None:
        entry = self._blocks.get(id(definition))
        return entry[1] if entry is not None and entry[0] is definition else None

    def forget(self, config: pytest.Config) -> None:
        """Drop the blocks of a finished session (pytester runs sessions inside sessions)."""
        self._blocks = {key: entry for key, entry in self._blocks.items() if entry[1].page.config is not config}


BLOCKS = Registry()


@register_runner()
class DocsRunner(_Runner):
    """pytest-markdown-docs runner for our blocks: runs, compares, and fails with file:line messages."""

    def runtest(self, test: FenceTestDefinition, args, *, asyncio_runner=None):
        block = BLOCKS.block(test)
        if block is None:
            raise DocsFailure(f"{test.source_path}:{test.start_line}: runner:{RUNNER} runs only the blocks the docs harness collects")
        page = block.page
        if block.kind == "problem":
            raise DocsFailure(block.message)
        if block.kind == "claims":
            bad = claim_problems(page)
            if bad:
                raise DocsFailure("\n".join(bad))
            return
        result = page.run(block.index)
        outcome = page.outcomes.get(block.index)
        if outcome is not None:
            for category, message, filename, lineno in outcome.warnings:  # warnings of the child, for pytest's record
                warnings.warn_explicit(message, category, filename, lineno)
            if outcome.stderr:
                sys.stderr.write(f"stderr of {block.where}:\n{outcome.stderr}")
        update = page.config.getoption("update_outputs")
        problems = result.problems + ([] if update == "write" else result.output_problems)
        if problems:
            raise DocsFailure("\n\n".join(problems))

    def repr_failure(self, test, excinfo, style=None):
        if isinstance(excinfo.value, DocsFailure):
            return str(excinfo.value)
        block = BLOCKS.block(test)
        at = block.where if block is not None and block.lines else str(test.source_path)
        return f"{at}: harness error\n{excinfo.getrepr(style='short')}"


def record(item: pytest.Item, report: pytest.TestReport) -> None:
    """Give the call report of a block what it printed and its problems other than shown outputs (for --docs-report)."""
    block = BLOCKS.block(getattr(item, "test_definition", None))
    if block is not None and block.index in block.page.results:
        result = block.page.results[block.index]
        report.user_properties.append(("printed", result.printed))
        report.user_properties.append(("problems", list(result.problems)))


def _is_docs_item(item: pytest.Item) -> bool:
    return getattr(item, "runner_name", None) == RUNNER


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    """A block that wrote into the checkout (containment._Guard saw it) fails, naming each write."""
    if not _is_docs_item(item):
        return (yield)
    containment._Guard.install()
    containment._Guard.violations = []
    containment._Guard.root = containment.checkout_root(item.config)
    failure = None
    try:
        result = yield
    except BaseException as exc:  # noqa: BLE001 - reported below, with the write if there was one
        failure = exc
        result = None
    finally:
        containment._Guard.root = None
    if containment._Guard.violations:
        block = BLOCKS.block(item.test_definition)
        at = block.where if block is not None else str(item.test_definition.source_path)
        writes = "\n".join(f"  {v}" for v in dict.fromkeys(containment._Guard.violations))
        raise DocsFailure(
            f"{at}: the block tried to write into the checkout; page code may write only to its scratch "
            f"working directory (use a relative path such as 'weights.pt'):\n{writes}"
        )
    if failure is not None:
        raise failure
    return result
