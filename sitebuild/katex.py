"""KaTeX rendering with no MkDocs: one Node process, and the functions that find formulas in HTML.

Markdown pages: pymdownx.arithmatex (generic mode) leaves ``<span class="arithmatex">\\(...\\)</span>``
and ``<div class="arithmatex">\\[...\\]</div>``. Notebook pages (mkdocs-jupyter): nbconvert leaves
``$...$`` and ``$$...$$`` as escaped text inside the markdown cells, plus a MathJax loader that is
removed here. Each formula goes to one long-lived Node process (hooks/katex_render.mjs) that answers
with KaTeX's HTML+MathML, or MathML alone (output ``mathml``).

The hidden MathML copy is marked ``data-search-exclude`` so the search index holds each formula once.
hooks/katex.py is the MkDocs glue; sitebuild/katex_search.py and sitebuild/katex_fonts.py hold the
search stand-ins and the font subsetting.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path

from sitebuild.katex_search import search_runs, stand_in

ROOT = Path(__file__).resolve().parent.parent
RENDERER = ROOT / "hooks" / "katex_render.mjs"
KATEX_DIST = ROOT / "node_modules" / "katex" / "dist"
ASSET_DIR = "assets/katex"  # inside the built site
OUTPUTS = ("html", "mathml")  # mkdocs.yml extra.math_output; html when unset
CSS_NAME = "katex.min.css"


class KatexError(Exception):
    """KaTeX refused a formula."""


# ----------------------------------------------------------------------------- the Node process


class KatexRenderer:
    """One `node katex_render.mjs` process, spoken to in JSON lines; restarted if it dies."""

    def __init__(self, script: Path = RENDERER, node: str = "node"):
        self.script = script
        self.node = node
        self.proc: subprocess.Popen | None = None
        self.lock = threading.Lock()
        self.version: str | None = None

    def start(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            return
        if not (ROOT / "node_modules" / "katex").is_dir():
            raise RuntimeError("node_modules/katex is missing: run `make install` (npm ci) first")
        self.proc = subprocess.Popen(
            [self.node, str(self.script)],
            cwd=str(ROOT),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=None,  # Node's own crash messages go straight to the terminal
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        self.version = self._ask({"version": 1})["version"]

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None:
            return
        try:
            proc.stdin.close()
            proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait()

    def _ask(self, request: dict) -> dict:
        assert self.proc is not None
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise BrokenPipeError("the KaTeX process exited")
        return json.loads(line)

    def render(self, tex: str, display: bool, output: str = "html") -> str:
        """KaTeX's HTML (output "html") or MathML ("mathml") for one formula; KatexError if KaTeX rejects it."""
        with self.lock:
            for attempt in (1, 2):
                self.start()
                try:
                    reply = self._ask({"tex": tex, "display": display, "output": output})
                    break
                except (BrokenPipeError, OSError, ValueError):
                    self.stop()
                    if attempt == 2:
                        raise
        if "error" in reply:
            raise KatexError(reply["error"])
        return reply["html"]


# ----------------------------------------------------------------------------- finding formulas

RE_ARITHMATEX = re.compile(
    r'<span class="arithmatex">\\\((?P<inline>.*?)\\\)</span>'
    r'|<div class="arithmatex">\s*\\\[(?P<display>.*?)\\\]\s*</div>',
    re.S,
)
# Notebook markdown cells: $$...$$ first, then $...$ (no space inside the dollars, no digit after
# the closing one, so "$5 and $10" stays prose).
RE_DOLLARS = re.compile(
    r"(?<![\\$])\$\$(?P<display>.+?)\$\$"
    r"|(?<![\\$\w])\$(?P<inline>[^\s$](?:[^$]*?[^\s$\\])?)\$(?![\d$])",
    re.S,
)
RE_MATHJAX_LOADER = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)
RE_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
SKIP_TAGS = {"pre", "code", "script", "style", "textarea", "kbd", "samp"}
RE_MATHML = re.compile(r'<span class="katex-mathml">')
RE_MATHML_COPY = re.compile(r'<span class="katex-mathml"[^>]*>.*?</math></span>', re.S)
RE_MATHML_ONLY = re.compile(r'<span class="katex">(<math\b.*</math>)</span>', re.S)
RE_P_DISPLAY = re.compile(r'<p>\s*(<div class="arithmatex"[^>]*>.*?</div>)\s*</p>', re.S)


@dataclass
class Formula:
    tex: str
    display: bool


@dataclass
class PageMath:
    """What one page's formulas need: how many there were, the faces they draw with, and errors."""

    count: int = 0
    glyphs: dict[str, set[str]] = field(default_factory=dict)  # face file name -> characters
    errors: list[str] = field(default_factory=list)


def _wrap(katex_html: str, display: bool) -> str:
    only = RE_MATHML_ONLY.fullmatch(katex_html)
    if only:  # output "mathml": the <math> element alone; search indexes what it shows, not its TeX
        katex_html = only.group(1).replace("<annotation ", "<annotation data-search-exclude ")
    else:
        katex_html = RE_MATHML.sub('<span class="katex-mathml" data-search-exclude>', katex_html)
    tag = "div" if display else "span"
    return f'<{tag} class="arithmatex">{katex_html}</{tag}>'


def _replacer(render, results: list, stash: list[str] | None = None, runs=None):
    """A re.sub callback that renders one matched formula (groups: display or inline) and records the outcome.

    With a stash, the formula's HTML goes into it and a short placeholder into the page (see stand_in);
    runs, if given, stands for search_runs (a cached one).
    """
    runs = runs or search_runs

    def replace(m: re.Match) -> str:
        display = m.group("display") is not None
        tex = html.unescape(m.group("display") if display else m.group("inline")).strip()
        formula = Formula(tex, display)
        try:
            out = render(tex, display)
        except KatexError as err:
            results.append((formula, None, str(err)))
            return m.group(0)
        results.append((formula, out, None))
        wrapped = _wrap(out, display)
        if stash is None:
            return wrapped
        stash.append(wrapped)
        return stand_in(len(stash) - 1, runs(wrapped), display)

    return replace


def render_arithmatex(content: str, render, stash: list[str] | None = None, runs=None) -> tuple[str, list[tuple[Formula, str | None, str | None]]]:
    """Replace arithmatex's generic output; returns the new HTML and (formula, html, error) per formula."""
    results = []
    return RE_ARITHMATEX.sub(_replacer(render, results, stash, runs), content), results


def render_dollars(content: str, render, stash: list[str] | None = None, runs=None) -> tuple[str, list[tuple[Formula, str | None, str | None]]]:
    """Replace $...$ and $$...$$ in text outside code, pre, script and style (notebook pages)."""
    content = RE_MATHJAX_LOADER.sub("", content)
    results = []
    replace = _replacer(render, results, stash, runs)
    pieces, pos, skip = [], 0, []
    for tag in RE_TAG.finditer(content):
        text = content[pos : tag.start()]
        pieces.append(RE_DOLLARS.sub(replace, text) if not skip and "$" in text else text)
        pieces.append(tag.group(0))
        pos = tag.end()
        name = re.match(r"<\s*(/?)\s*([a-zA-Z0-9]+)", tag.group(0))
        if name and name.group(2).lower() in SKIP_TAGS and not tag.group(0).endswith("/>"):
            if name.group(1):
                if skip:
                    skip.pop()
            else:
                skip.append(name.group(2).lower())
    text = content[pos:]
    pieces.append(RE_DOLLARS.sub(replace, text) if not skip and "$" in text else text)
    return RE_P_DISPLAY.sub(r"\1", "".join(pieces)), results
