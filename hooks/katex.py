"""Render every formula with KaTeX while the site is built: pages ship HTML and CSS, no math JavaScript.

Markdown pages: pymdownx.arithmatex (generic mode) leaves ``<span class="arithmatex">\\(...\\)</span>``
and ``<div class="arithmatex">\\[...\\]</div>``. Notebook pages (mkdocs-jupyter): nbconvert leaves
``$...$`` and ``$$...$$`` as escaped text inside the markdown cells, plus a MathJax loader that is
removed here. Each formula goes to one long-lived Node process (hooks/katex_render.mjs) that answers
with KaTeX's HTML+MathML. A formula KaTeX rejects is logged as an error naming the page and the TeX,
which fails the build.

The hidden MathML copy is marked ``data-search-exclude`` so the search index holds each formula once.
While the search plugin indexes a page, each formula is a short placeholder holding only the text
search would index from it (parsing KaTeX's HTML was the slowest part of a rebuild); the formula is
put back before the page is rendered into the theme.
At the end of the build, KaTeX's CSS is written into the site with only the font faces the site's
formulas use, each subset to the glyphs drawn with it (woff2 only). Pages with math link the CSS and
preload the faces they use.

The output is a switch, ``extra: math_output:`` in mkdocs.yml: ``html`` (KaTeX's HTML, its CSS and
subset fonts, as above) or ``mathml`` (MathML alone, which browsers draw natively with MathML Core:
no KaTeX CSS or fonts, a few elements per formula instead of dozens; its TeX annotation is kept out
of the search index).

Everything below the "MkDocs glue" line is a thin wrapper around the plain functions above it.
"""

from __future__ import annotations

import html
import json
import logging
import re
import subprocess
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import _checkout  # noqa: F401  # puts the checkout on sys.path, for sitebuild/
from mkdocs.plugins import event_priority
from stand_ins import PUT_BACK_FORMULAS, PUT_IN_FORMULAS, StandInError, restore, restore_page  # noqa: F401  (StandInError: what the restore functions raise)

from sitebuild.math_delimiters import formula_problems, leftover_delimiters
from sitebuild.pages import page_where

ROOT = Path(__file__).resolve().parent.parent
RENDERER = Path(__file__).resolve().with_name("katex_render.mjs")
KATEX_DIST = ROOT / "node_modules" / "katex" / "dist"
ASSET_DIR = "assets/katex"  # inside the built site
OUTPUTS = ("html", "mathml")  # mkdocs.yml extra.math_output; html when unset
CSS_NAME = "katex.min.css"

log = logging.getLogger("mkdocs.hooks.katex")


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


def render_arithmatex(
    content: str, render, stash: list[str] | None = None, runs=None
) -> tuple[str, list[tuple[Formula, str | None, str | None]]]:
    """Replace arithmatex's generic output; returns the new HTML and (formula, html, error) per formula."""
    results = []
    return RE_ARITHMATEX.sub(_replacer(render, results, stash, runs), content), results


def render_dollars(
    content: str, render, stash: list[str] | None = None, runs=None
) -> tuple[str, list[tuple[Formula, str | None, str | None]]]:
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


# ----------------------------------------------------------------------------- search: a short stand-in
#
# Material's search plugin indexes page.content with an HTML parser. KaTeX's HTML is dozens of
# nested spans per formula plus the hidden MathML copy, and parsing it was the largest cost of a
# rebuild. So while the search plugin indexes the page, each formula is a stand-in holding only the
# text nodes that parser would have indexed from it; the formula itself is put back right after.


class _SearchRuns(HTMLParser):
    """The text nodes of one formula that Material's search parser indexes: not under data-search-exclude."""

    SKIP_TAGS = {"script", "style", "object"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)  # as the search parser: one data call per text node
        self.stack: list[bool] = []  # skipped?
        self.nodes: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        skipped = (self.stack[-1] if self.stack else False) or tag in self.SKIP_TAGS
        skipped = skipped or any(name == "data-search-exclude" for name, _ in attrs)
        self.stack.append(skipped)

    def handle_startendtag(self, tag, attrs):
        pass  # no text inside

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if data and not (self.stack and self.stack[-1]):
            self.nodes.append(data)


def search_runs(formula_html: str) -> list[str]:
    """The text nodes search indexes from a formula, adjacent non-blank ones joined.

    The search parser appends each text node on its own, dropping a blank one that follows
    another blank one; joining two non-blank neighbours therefore indexes the same text.
    """
    parser = _SearchRuns()
    parser.feed(formula_html)
    parser.close()
    runs: list[str] = []
    for node in parser.nodes:
        if runs and not node.isspace() and not runs[-1].isspace():
            runs[-1] += node
        else:
            runs.append(node)
    return runs


RE_STAND_IN = re.compile(r'<(span|div) class="arithmatex" data-katex-stand-in="(?P<index>\d+)">(?:<span>[^<]*</span>)*</\1>')


def stand_in(index: int, runs: list[str], display: bool) -> str:
    """A placeholder for stashed formula number index: its searchable text, one span per run."""
    tag = "div" if display else "span"
    inner = "".join(f"<span>{html.escape(run, quote=False)}</span>" for run in runs)
    return f'<{tag} class="arithmatex" data-katex-stand-in="{index}">{inner}</{tag}>'


def restore_formulas(content: str, stash: list[str]) -> str:
    """Put each stashed formula back in place of its placeholder; every placeholder exactly once."""
    return restore(content, stash, RE_STAND_IN, "data-katex-stand-in", "formula placeholder")


# ----------------------------------------------------------------------------- fonts: which glyphs


@dataclass(frozen=True)
class FontFace:
    family: str
    weight: int
    style: str
    file: str  # e.g. KaTeX_Main-Regular.woff2
    block: str  # the @font-face rule as KaTeX ships it


def _weight(value: str) -> int:
    value = value.strip().lower()
    return {"normal": 400, "bold": 700}.get(value) or int(value)


def _family(value: str) -> str:
    return value.split(",")[0].strip().strip("\"'")


def _parse_selector(selector: str) -> list[tuple[str, str | None, frozenset[str]]]:
    """'.katex .a.b > span' -> [(' ', None, {katex}), (' ', None, {a, b}), ('>', 'span', {})]."""
    parts, combinator = [], " "
    for token in selector.replace(">", " > ").split():
        if token == ">":
            combinator = ">"
            continue
        tag = re.match(r"^[a-zA-Z][\w-]*", token)
        classes = frozenset(re.findall(r"\.([\w-]+)", token))
        parts.append((combinator, tag.group(0).lower() if tag else None, classes))
        combinator = " "
    return parts


@dataclass
class _Rule:
    parts: list
    specificity: tuple[int, int]
    order: int
    props: dict[str, str]


class KatexCss:
    """The parts of katex.min.css that decide which font face draws each character."""

    def __init__(self, css: str):
        self.css = css
        self.faces: list[FontFace] = []
        self.rules: list[_Rule] = []
        body = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
        for m in re.finditer(r"@font-face\s*\{([^{}]*)\}", body):
            decl = self._declarations(m.group(1))
            woff2 = re.search(r"url\(([^)]*?\.woff2)\)", decl["src"]).group(1).strip("\"'")
            self.faces.append(
                FontFace(
                    family=_family(decl["font-family"]),
                    weight=_weight(decl.get("font-weight", "normal")),
                    style=decl.get("font-style", "normal").strip(),
                    file=woff2.rsplit("/", 1)[-1],
                    block=m.group(0),
                )
            )
        order = 0
        for m in re.finditer(r"([^{}]+)\{([^{}]*)\}", body):
            selectors = m.group(1).strip()
            if selectors.startswith("@"):
                continue
            props = {}
            for name, value in self._declarations(m.group(2)).items():
                if name == "font":
                    # font: normal 1.21em KaTeX_Main, math, ... -> style and weight normal, first family
                    families = re.split(r"\s[\d.]+(?:em|px|rem|%)(?:/[\d.]+\w*)?\s", f" {value} ", maxsplit=1)[-1]
                    props.update({"font-family": _family(families), "font-weight": "400", "font-style": "normal"})
                elif name in ("font-family", "font-weight", "font-style"):
                    props[name] = value
            if not props:
                continue
            for selector in selectors.split(","):
                if "::" in selector or ":" in selector:
                    continue
                parts = _parse_selector(selector.strip())
                classes = sum(len(p[2]) for p in parts)
                tags = sum(1 for p in parts if p[1])
                self.rules.append(_Rule(parts, (classes, tags), order, props))
                order += 1
        self.rules.sort(key=lambda r: (r.specificity, r.order))

    @staticmethod
    def _declarations(block: str) -> dict[str, str]:
        out = {}
        for decl in block.split(";"):
            if ":" in decl:
                name, value = decl.split(":", 1)
                out[name.strip().lower()] = value.strip()
        return out

    @staticmethod
    def _matches(parts, chain) -> bool:
        """Does the selector (parts) match the last element of chain [(tag, classes), ...]?"""

        def match(pi: int, ci: int) -> bool:
            _, tag, classes = parts[pi]
            el_tag, el_classes = chain[ci]
            if (tag and tag != el_tag) or not classes <= el_classes:
                return False
            if pi == 0:
                return True
            combinator = parts[pi][0]
            if combinator == ">":
                return ci > 0 and match(pi - 1, ci - 1)
            return any(match(pi - 1, cj) for cj in range(ci - 1, -1, -1))

        return match(len(parts) - 1, len(chain) - 1)

    def computed(self, chain, inherited: dict[str, str]) -> dict[str, str]:
        props = dict(inherited)
        el_tag, el_classes = chain[-1]
        for rule in self.rules:
            _, tag, classes = rule.parts[-1]  # cheap test on the element itself first
            if classes <= el_classes and (tag is None or tag == el_tag) and self._matches(rule.parts, chain):
                props.update(rule.props)
        return props

    def face_for(self, props: dict[str, str]) -> FontFace | None:
        """CSS font matching, reduced to what KaTeX's faces need (normal/bold, normal/italic)."""
        family = props.get("font-family")
        candidates = [f for f in self.faces if f.family == family]
        if not candidates:
            return None
        style = props.get("font-style", "normal")
        for preference in [style, "oblique", "normal"] if style != "normal" else ["normal", "oblique", "italic"]:
            same_style = [f for f in candidates if f.style == preference]
            if same_style:
                break
        weight = _weight(props.get("font-weight", "normal"))
        return min(same_style, key=lambda f: (abs(f.weight - weight), f.weight < weight if weight > 500 else f.weight > weight))


class _GlyphCollector(HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, css: KatexCss):
        super().__init__(convert_charrefs=True)
        self.css = css
        self.stack: list[tuple[tuple[str, frozenset[str]], dict[str, str], bool]] = []
        self.glyphs: dict[str, set[str]] = {}

    def _add(self, props, text: str) -> None:
        face = self.css.face_for(props)
        if face is not None and text:
            self.glyphs.setdefault(face.file, set()).update(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = frozenset((attrs.get("class") or "").split())
        parent_props = self.stack[-1][1] if self.stack else {}
        hidden = (self.stack[-1][2] if self.stack else False) or "katex-mathml" in classes
        chain = [el for el, _, _ in self.stack] + [(tag, classes)]
        props = parent_props if hidden else self.css.computed(chain, parent_props)
        if "eqn-num" in classes and not hidden:  # ::before { content: "(" counter() ")" }
            self._add(props, "()0123456789")
        if tag in self.VOID:
            return
        self.stack.append(((tag, classes), props, hidden))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        while self.stack:
            (open_tag, _), _, _ = self.stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.stack and not self.stack[-1][2]:
            self._add(self.stack[-1][1], data)


def glyphs_by_face(katex_html: str, css: KatexCss) -> dict[str, set[str]]:
    """Characters each KaTeX font face draws in one rendered formula (the MathML copy is hidden)."""
    collector = _GlyphCollector(css)
    collector.feed(RE_MATHML_COPY.sub("", katex_html))  # hidden: drawn with no KaTeX font
    collector.close()
    return collector.glyphs


# ----------------------------------------------------------------------------- fonts: writing them


def subset_font(source: Path, target: Path, characters: set[str]) -> None:
    """Write a woff2 of source holding only the glyphs for characters; the same input gives the same bytes."""
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.recalc_timestamp = False
    options.recalc_bounds = True
    font = subset.load_font(str(source), options, dontLoadGlyphNames=False)
    subsetter = subset.Subsetter(options)
    # Browsers shape a no-break space (KaTeX writes one for each space in \text{}) with the
    # font's U+0020, so the plain space always comes along.
    subsetter.populate(unicodes=sorted({ord(c) for c in characters} | {0x20}))
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(target), options)
    font.close()


def site_css(css: KatexCss, used: set[str]) -> str:
    """katex.min.css with only the used faces, each pointing at its woff2 in fonts/."""
    body = re.sub(r"@font-face\s*\{[^{}]*\}", "", css.css)
    faces = []
    for face in sorted((f for f in css.faces if f.file in used), key=lambda f: f.file):
        block = re.sub(r"src:[^;}]*", f'src:url(fonts/{face.file}) format("woff2")', face.block)
        faces.append(block)
    return "".join(faces) + body.lstrip()


def write_assets(site_dir: Path, glyphs: dict[str, set[str]], dist: Path = KATEX_DIST, cache: dict | None = None) -> dict[str, tuple[int, int]]:
    """CSS and subset fonts into site_dir/assets/katex; returns {font: (original bytes, subset bytes)}.

    cache (optional) maps (font, characters) to the subset's bytes, so `mkdocs serve` rebuilds skip
    fonts whose glyphs did not change.
    """
    css = KatexCss((dist / CSS_NAME).read_text(encoding="utf-8"))
    out = site_dir / ASSET_DIR
    out.mkdir(parents=True, exist_ok=True)
    (out / CSS_NAME).write_text(site_css(css, set(glyphs)), encoding="utf-8")
    sizes = {}
    for name, characters in sorted(glyphs.items()):
        target = out / "fonts" / name
        key = (name, "".join(sorted(characters)))
        if cache is not None and key in cache:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(cache[key])
        else:
            subset_font(dist / "fonts" / name, target, characters)
            if cache is not None:
                cache[key] = target.read_bytes()
        sizes[name] = ((dist / "fonts" / name).stat().st_size, target.stat().st_size)
    return sizes


def head_links(css_href: str, font_hrefs: list[str]) -> str:
    links = [f'<link rel="preload" href="{h}" as="font" type="font/woff2" crossorigin>' for h in font_hrefs]
    links.append(f'<link rel="stylesheet" href="{css_href}">')
    return "".join(links)


# ----------------------------------------------------------------------------- MkDocs glue


class _Build:
    def __init__(self):
        self.renderer = KatexRenderer()
        self.css: KatexCss | None = None
        self.cache: dict[tuple[str, bool], str] = {}  # these four survive `mkdocs serve` rebuilds
        self.fonts: dict[tuple[str, str], bytes] = {}
        self.glyphs: dict[str, dict[str, set[str]]] = {}  # rendered formula -> characters per font face
        self.runs: dict[str, list[str]] = {}  # wrapped formula -> the text search indexes from it
        self.output = "html"  # OUTPUTS, from mkdocs.yml extra.math_output
        self.reset()

    def reset(self):
        self.pages: dict[str, PageMath] = {}
        self.stashed: dict[str, list[str]] = {}  # page -> its formulas' HTML while placeholders stand in
        self.errors = 0
        self.seconds = 0.0  # time spent in this hook, reported at the end of the build

    def render(self, tex: str, display: bool) -> str:
        key = (tex, display, self.output)
        if key not in self.cache:
            self.cache[key] = self.renderer.render(tex, display, self.output)
        return self.cache[key]

    def runs_of(self, formula_html: str) -> list[str]:
        if formula_html not in self.runs:
            self.runs[formula_html] = search_runs(formula_html)
        return self.runs[formula_html]

    def glyphs_of(self, katex_html: str) -> dict[str, set[str]]:
        if self.output == "mathml":
            return {}  # the browser draws MathML with its own math font: no KaTeX face is needed
        if katex_html not in self.glyphs:
            self.glyphs[katex_html] = glyphs_by_face(katex_html, self.css)
        return self.glyphs[katex_html]


_build = _Build()


def on_config(config, **kwargs):
    output = (config.extra or {}).get("math_output", "html")
    if output not in OUTPUTS:
        from mkdocs.exceptions import PluginError

        raise PluginError(f"mkdocs.yml: extra.math_output is {output!r}; write one of {', '.join(OUTPUTS)}")
    _build.output = output
    return config


def on_pre_build(config, **kwargs):
    start = time.perf_counter()
    _build.reset()
    _build.css = KatexCss((KATEX_DIST / CSS_NAME).read_text(encoding="utf-8"))
    # Node starts on the first formula not in the cache: a `mkdocs serve` rebuild often needs none.
    _build.seconds += time.perf_counter() - start


def on_page_markdown(markdown, page, config, files, **kwargs):
    # A formula arithmatex cannot find (never closed, or split by a table's |) reaches no one: the
    # page shows "(x" as text. sitebuild/math_delimiters.py reads the source as arithmatex does.
    if page.file.src_uri.endswith(".ipynb"):
        return markdown
    problems = formula_problems(page.file.content_string)
    if problems:
        from mkdocs.exceptions import PluginError

        raise PluginError("\n".join(f"{page_where(page)}:{line}: {message}" for line, message in problems))
    return markdown


@event_priority(PUT_IN_FORMULAS)  # the order of every stand-in step: hooks/stand_ins.py
def on_page_content(html_content, page, config, files, **kwargs):
    start = time.perf_counter()
    src = page.file.src_uri
    stash = _build.stashed[src] = []  # the formulas, put back by on_page_context once search has indexed
    content, results = render_arithmatex(html_content, _build.render, stash, _build.runs_of)
    if src.endswith(".ipynb"):
        content, more = render_dollars(content, _build.render, stash, _build.runs_of)
        results += more
    for text in leftover_delimiters(content):
        _build.errors += 1
        log.error(f"a formula delimiter is left as text on page '{src}': {text!r}; write the formula as \\(…\\), or the characters in a code span")
    math = PageMath()
    for formula, out, error in results:
        if error is not None:
            _build.errors += 1
            delim = ("\\[", "\\]") if formula.display else ("\\(", "\\)")
            log.error(f"KaTeX cannot render a formula on page '{src}': {delim[0]}{formula.tex}{delim[1]}\n  {error}")
            continue
        math.count += 1
        for face, chars in _build.glyphs_of(out).items():
            math.glyphs.setdefault(face, set()).update(chars)
    if math.count:
        _build.pages[src] = math
    _build.seconds += time.perf_counter() - start
    return content


@event_priority(PUT_BACK_FORMULAS)
def on_page_context(context, page, config, nav, **kwargs):
    restore_page(page, _build.stashed.pop(page.file.src_uri, None), restore_formulas, "KaTeX hook")
    return context


def on_post_page(output, page, config, **kwargs):
    math = _build.pages.get(page.file.src_uri)
    if not math or _build.output == "mathml":
        return output
    from mkdocs.utils import get_relative_url

    base = f"{ASSET_DIR}/"
    links = head_links(
        get_relative_url(base + CSS_NAME, page.url),
        [get_relative_url(f"{base}fonts/{face}", page.url) for face in sorted(math.glyphs)],
    )
    return output.replace("</head>", links + "</head>", 1)


def on_post_build(config, **kwargs):
    start = time.perf_counter()
    _build.renderer.stop()
    if _build.errors:
        from mkdocs.exceptions import PluginError

        raise PluginError(f"{_build.errors} formula(s) could not be rendered or were left as text; see the errors above")
    glyphs: dict[str, set[str]] = {}
    for math in _build.pages.values():
        for face, chars in math.glyphs.items():
            glyphs.setdefault(face, set()).update(chars)
    sizes = write_assets(Path(config.site_dir), glyphs, cache=_build.fonts) if _build.output == "html" else {}
    _build.seconds += time.perf_counter() - start
    before = sum(a for a, _ in sizes.values())
    after = sum(b for _, b in sizes.values())
    log.info(
        f"KaTeX ({_build.output}): {sum(m.count for m in _build.pages.values())} formulas on {len(_build.pages)} pages; "
        f"{len(sizes)} font faces subset from {before / 1024:.1f} KiB to {after / 1024:.1f} KiB; "
        f"{_build.seconds:.2f} s in this hook"
    )


def on_build_error(error, **kwargs):
    _build.renderer.stop()


def on_shutdown(**kwargs):
    _build.renderer.stop()
