"""Collection: which files are pages, and each page read into blocks to run, claims to check and problems to report."""

from __future__ import annotations

import ast
import difflib
import re
from pathlib import Path

import pytest
from pytest_markdown_docs.plugin import MarkdownInlinePythonItem

from . import binding, notebook
from .execute import where
from .markdown import (
    PAGE_SUFFIXES,
    PYTHON_LANGS,
    UNBRACED_OPTIONS,
    CellLine,
    Fence,
    Line,
    PageError,
    cell_fences,
    cell_lines,
    language_kind,
    located,
    notebook_spans,
    parse_page,
    read_notebook,
)
from .run import BLOCKS, PageState
from .summary import Ledger, ledger

UNLABELLED = {None, "", "text", "txt", "plain", "none"}
OPTIONS = {"continuation", "env", "notest", "raises", "timeout"}
_NEAR_OUTPUT = re.compile(r"^[ \t]*(?:#>(?=\S)|#[ \t]+>)")


def is_page(file_path: Path, config: pytest.Config) -> bool:
    """A .md (or other page suffix) or .ipynb file named on the command line or under one of the docs_dirs."""
    if file_path.suffix not in (*PAGE_SUFFIXES, ".ipynb"):
        return False
    if any(Path(arg.split("::")[0]).resolve() == file_path.resolve() for arg in config.args):
        return True
    return any(d.resolve() in file_path.resolve().parents for d in config.getini("docs_dirs"))


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


def notebook_blocks(state: PageState) -> None:
    """A notebook's code cells (each continuing the one before) and a problem for each fence in a markdown cell."""
    cells = read_notebook(state.path)
    state.spans = notebook_spans(state.rel, cells)
    previous = None
    for cell in cells:
        if cell.kind == "markdown":
            for lineno, lang in cell_fences(cell):
                if language_kind(lang) != "display":
                    at = located(state.rel, lineno)
                    state.add(
                        "problem",
                        [Line("", state.path, lineno)],
                        message=(
                            f"{at}: a code block in a markdown cell is shown but never run: "
                            "make it a code cell, or tag it ```text to show it as text"
                        ),
                        lineno=cell.index,
                    )
        if cell.kind == "code":
            lines = cell_lines(state.path, cell)
            problem = notebook.cell_problem(state.rel, cell, lines)
            if problem:
                state.add("problem", lines or [Line("", state.path, CellLine(cell.index, 1))], message=problem, lineno=cell.index)
            elif notebook.runs(cell):
                state.add("python", lines, continues=previous, lineno=cell.index)
            if notebook.runs(cell):
                previous = len(state.blocks) - 1


def markdown_blocks(state: PageState, bases: list[Path], book: Ledger) -> None:
    """A Markdown page's fences: each runs, is shown by choice (an opt-out), or is a problem naming its fix."""
    fences, state.spans = parse_page(state.path, bases)
    last_python = None
    for fence in fences:
        opts = fence.options
        here = f"{state.rel}:{fence.lineno}"
        lineno = fence.lineno
        wrong = fence_problem(fence, here)
        if wrong:
            state.add("problem", fence.lines or [Line("", state.path, lineno)], message=wrong, lineno=lineno)
            if fence.kind in ("python", "session"):
                last_python = len(state.blocks) - 1  # a continuation after it names it as the failed block
            continue
        if fence.kind == "display":
            book.collected_opt_outs.setdefault(str(state.rel), []).append(f"{here}: {fence.lang} block shown, not run")
            continue
        if "notest" in opts:
            if opts["notest"] is True or not str(opts["notest"]).strip():
                state.add("problem", fence.lines, message=f'{here}: notest needs a reason: {{.python notest="why it cannot run"}}', lineno=lineno)
            else:
                book.collected_opt_outs.setdefault(str(state.rel), []).append(f"{here}: block not run: {opts['notest']}")
            continue
        if not fence.lines:
            continue
        if fence.kind == "python":
            for line in fence.lines:
                if _NEAR_OUTPUT.match(line.text):
                    fixed = "#> " + _NEAR_OUTPUT.sub("", line.text).lstrip()
                    message = (
                        f"{where(line, state.root)}: {line.text.strip()!r} is not an output line, so it is "
                        f"not compared: write {fixed.strip()!r} (#> and one space)"
                    )
                    state.add("problem", [line], message=message, lineno=line.lineno)
        session = fence.kind == "session" or fence.lines[0].text.lstrip().startswith(">>>")
        continues = last_python if "continuation" in opts else None
        if "continuation" in opts and last_python is None:
            state.add("problem", fence.lines, message=f"{here}: continuation, but no python block comes before it", lineno=lineno)
            continue
        state.add("session" if session else "python", fence.lines, opts.items(), continues, lineno=lineno)
        last_python = len(state.blocks) - 1


class DocsPage(pytest.File):
    """A page as pytest sees it: one pytest-markdown-docs item per block, and one for its shape claims."""

    def collect(self):
        state = PageState(self.path, self.config.rootpath, self.config)
        try:
            if self.path.suffix == ".ipynb":
                notebook_blocks(state)
            else:
                markdown_blocks(state, list(self.config.getini("docs_snippet_paths")), ledger(self.config))
        except PageError as exc:
            state.add("problem", [Line("", self.path, 1)], message=str(exc))
        if state.spans or binding.has_code_claims([b.lines for b in state.blocks if b.kind == "python"]):
            state.add("claims", [Line("", self.path, 1)], lineno=0)
        for block in state.blocks:
            name = "shape-claims" if block.kind == "claims" else f"line:{block.lineno}"
            if self.path.suffix == ".ipynb" and block.kind != "claims":
                name = f"cell:{block.lineno}"  # a notebook block's lineno is its cell
            yield MarkdownInlinePythonItem.from_parent(self, name=name, test_definition=BLOCKS.definition(block))
