"""docs_harness.run: page state in our own objects, found from the definition pytest-markdown-docs hands its runner."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from pytest_markdown_docs._runners import get_runner
from pytest_markdown_docs.definitions import FenceTestDefinition

from docs_harness.markdown import Line
from docs_harness.run import BLOCKS, RUNNER, DocsFailure, PageState, Registry

PAGE = Path(__file__).parent / "bad" / "claims.md"


def state(config=None) -> PageState:
    return PageState(PAGE, PAGE.parent, config or SimpleNamespace())


def test_equal_definitions_of_two_blocks_find_their_own_block():
    registry, page = Registry(), state()
    first = page.add("problem", [Line("", PAGE, 3)], message="first", lineno=3)
    second = page.add("problem", [Line("", PAGE, 3)], message="second", lineno=3)
    a, b = registry.definition(first), registry.definition(second)
    assert a == b and a.runner_name == RUNNER  # frozen and equal by value: identity tells them apart
    assert (registry.block(a), registry.block(b)) == (first, second)
    assert registry.block(FenceTestDefinition(a.source, (), 3, PAGE, RUNNER)) is None


def test_a_finished_session_forgets_its_pages_and_not_the_others():
    registry, mine, other = Registry(), object(), object()
    ours = registry.definition(state(mine).add("python", [Line("print(1)", PAGE, 1)]))
    theirs = registry.definition(state(other).add("python", [Line("print(2)", PAGE, 2)]))
    registry.forget(mine)
    assert registry.block(ours) is None and registry.block(theirs) is not None


def test_the_registered_runner_reports_a_problem_block_and_refuses_a_foreign_fence():
    runner = get_runner(RUNNER)
    block = state().add("problem", [Line("", PAGE, 3)], message="claims.md:3: what is wrong; how to fix it", lineno=3)
    definition = BLOCKS.definition(block)
    with pytest.raises(DocsFailure, match=r"^claims\.md:3: what is wrong; how to fix it$"):
        runner.runtest(definition, {})
    foreign = FenceTestDefinition("print(1)\n", (), 7, PAGE, RUNNER)
    with pytest.raises(DocsFailure, match=r"claims\.md:7: runner:DocsRunner runs only the blocks the docs harness collects$"):
        runner.runtest(foreign, {})
    assert block.where == "claims.md:3"
