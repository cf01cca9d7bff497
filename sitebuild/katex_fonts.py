"""KaTeX fonts with no MkDocs: which face draws each character, and the subset woff2 files and CSS.

At the end of the build, KaTeX's CSS is written into the site with only the font faces the site's
formulas use, each subset to the glyphs drawn with it (woff2 only). With MathML output no KaTeX
face is needed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from sitebuild.katex import ASSET_DIR, CSS_NAME, KATEX_DIST, RE_MATHML_COPY


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


def subset_site(site_dir: Path, dist: Path = KATEX_DIST) -> dict[str, tuple[int, int]]:
    """The post-build step for a generator without hooks: fonts and CSS for the formulas in site_dir's pages.

    Reads every built page holding KaTeX's HTML, writes the subset faces and CSS (write_assets) and
    links them from each such page's head, with paths relative to that page.
    """
    import os

    css = KatexCss((dist / CSS_NAME).read_text(encoding="utf-8"))
    pages: dict[Path, set[str]] = {}
    glyphs: dict[str, set[str]] = {}
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if 'class="katex"' not in text or 'class="katex-html"' not in text:
            continue  # no formula, or MathML alone: no KaTeX face is needed
        faces = glyphs_by_face(text, css)
        pages[page] = set(faces)
        for face, chars in faces.items():
            glyphs.setdefault(face, set()).update(chars)
    sizes = write_assets(site_dir, glyphs, dist)
    for page, faces in pages.items():
        rel = os.path.relpath(site_dir / ASSET_DIR, page.parent).replace(os.sep, "/")
        links = head_links(f"{rel}/{CSS_NAME}", [f"{rel}/fonts/{face}" for face in sorted(faces)])
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("</head>", links + "</head>", 1), encoding="utf-8")
    return sizes
