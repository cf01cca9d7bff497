"""A social card (1200 × 630 PNG) for every page, drawn while the site is built: no request leaves the site.

A link shared in a chat or a feed shows the page's card: the site's name, the page's title and its
description (the one hooks/reading.py puts in page.meta). Pillow draws it with fonts from node_modules
(pinned dependencies), so the card looks the same on every machine: KaTeX's own text faces for the
English edition, Noto Sans SC for the Chinese one, with KaTeX's faces behind it for the math signs Noto
Sans SC lacks. Chinese text may break between any two characters, never before closing punctuation.
A title or description with a character none of the card's fonts can draw fails the build, naming the page.

The template (overrides/partials/social-meta.html) reads page.meta.social_image, a path inside
the site, and writes og:image and twitter:image from site_url.
"""

from __future__ import annotations

import html
import io
import logging
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "node_modules" / "katex" / "dist" / "fonts"
CJK_FONTS = ROOT / "node_modules" / "@expo-google-fonts" / "noto-sans-sc"
OUT_DIR = "assets/images/social"  # inside the built site
SIZE = (1200, 630)
BAND = "#bf360c"  # the header's deep orange (a11y.css)
INK, MUTED = "#1a1a1a", "#555555"
SUPERSCRIPT_T = "ᵀ"  # drawn as a raised small T: neither font family has U+1D40
EDITIONS = ("en", "zh")

log = logging.getLogger("mkdocs.hooks.social_cards")


def _font_files(bold: bool, edition: str) -> list[Path]:
    katex = FONTS / ("KaTeX_Main-Bold.ttf" if bold else "KaTeX_Main-Regular.ttf")
    if edition == "zh":
        weight = "700Bold" if bold else "400Regular"
        return [CJK_FONTS / weight / f"NotoSansSC_{weight}.ttf", katex]
    return [katex]


@cache
def _cmap(file: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(str(file), lazy=True).getBestCmap())


@cache
def _face(file: Path, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(file), size)


class Style:
    """One size of one weight of an edition's fonts: each character is drawn with the first font that has it."""

    def __init__(self, bold: bool, size: int, edition: str = "en"):
        self.files = _font_files(bold, edition)
        self.size = size
        self.faces = [_face(f, size) for f in self.files]
        self.small = [_face(f, round(size * 0.68)) for f in self.files]  # the raised T of ᵀ
        self.ascent = self.faces[0].getmetrics()[0]

    def which(self, char: str) -> int | None:
        for i, file in enumerate(self.files):
            if ord(char) in _cmap(file):
                return i
        return None

    def runs(self, text: str):
        """(text, face, y offset) pieces, each in one font, on the first font's baseline."""
        out: list[tuple[str, object, float]] = []
        for char in text:
            if char == SUPERSCRIPT_T:
                index = self.which("T") or 0  # its top a little above the capitals' tops
                out.append(("T", self.small[index], self.ascent - self.faces[index].getmetrics()[0] - self.size * 0.04))
                continue
            index = self.which(char) or 0
            face = self.faces[index]
            if out and out[-1][1] is face:
                out[-1] = (out[-1][0] + char, face, out[-1][2])
            else:
                out.append((char, face, self.ascent - face.getmetrics()[0]))
        return out

    def width(self, text: str) -> float:
        return sum(face.getlength(part) for part, face, _ in self.runs(text))

    def draw(self, draw, xy, text: str, fill) -> None:
        x, y = xy
        for part, face, dy in self.runs(text):
            draw.text((x, y + dy), part, font=face, fill=fill)
            x += face.getlength(part)


@cache
def style(bold: bool, size: int, edition: str = "en") -> Style:
    return Style(bold, size, edition)


def plain(text: str) -> str:
    """Markup and code-span backticks out, entities decoded, spaces collapsed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", text)).replace("`", "")).strip()


def undrawable(text: str, bold: bool = False, edition: str = "en") -> list[str]:
    """The characters of text none of the card's fonts can draw (the superscript T is drawn by hand)."""
    files = _font_files(bold, edition)
    return sorted({c for c in text if c != SUPERSCRIPT_T and not c.isspace() and not any(ord(c) in _cmap(f) for f in files)})


def units(text: str) -> list[str]:
    """The words of text, with a formula's short tokens kept together: "y = W x + b" is one unit.

    A space between two tokens of at most two characters (a symbol, an operator, "Aᵀ") does not break,
    so a line never ends inside a formula like "the y / = W x + b".
    """
    out: list[str] = []
    for word in text.split():
        if out and len(word) <= 2 and len(out[-1].rsplit(" ", 1)[-1]) <= 2:
            out[-1] += f" {word}"
        else:
            out.append(word)
    return out


_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_OPEN = "（「『“‘《〈【"
_CLOSE = "，。、；：！？）」』”’》〉】…"
_ATOM = re.compile(rf"[{_OPEN}]*[{_CJK}][{_CLOSE}]*|[^{_CJK}]+?(?=[{_OPEN}]*[{_CJK}]|$)")


def atoms(unit: str) -> list[str]:
    """Where a unit may break: between Chinese characters (closing punctuation stays with the one before it,
    opening punctuation with the one after it); Latin words and formulas stay whole."""
    return _ATOM.findall(unit) or [unit]


def wrap(text: str, face: Style, width: float, lines: int) -> list[str]:
    """Greedy wrap into at most `lines` lines, the last one cut with an ellipsis; formulas do not break (units)."""
    pieces: list[tuple[str, str]] = []  # (what joins it to the piece before, the piece)
    for unit in units(text):
        words = [unit] if face.width(unit) <= width else unit.split()
        for word in words:
            for i, atom in enumerate(atoms(word)):
                pieces.append(("" if i else " ", atom))
    out: list[list[tuple[str, str]]] = []
    for joint, piece in pieces:
        if out and face.width(_text(out[-1] + [(joint, piece)])) <= width:
            out[-1].append((joint, piece))
        else:
            out.append([("", piece)])
    if len(out) > lines:
        out = out[:lines]
        last = out[-1]
        while len(last) > 1 and face.width(_text(last) + _ellipsis(last)) > width:
            last.pop()
        return [_text(line) for line in out[:-1]] + [_text(last) + _ellipsis(last)]
    return [_text(line) for line in out]


def _text(line: list[tuple[str, str]]) -> str:
    return "".join(joint + piece for joint, piece in line)


def _ellipsis(line: list[tuple[str, str]]) -> str:
    return "…" if re.search(f"[{_CJK}]$", line[-1][1]) else " …"


def card(site_name: str, title: str, description: str, address: str = "", edition: str = "en") -> bytes:
    """The PNG of one card; the same text gives the same bytes."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", SIZE, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, SIZE[0], 120), fill=BAND)
    style(False, 44, edition).draw(draw, (60, 34), site_name, "white")
    y = 170
    for line in wrap(title, style(True, 68, edition), SIZE[0] - 120, 2):
        style(True, 68, edition).draw(draw, (60, y), line, INK)
        y += 84
    y += 24
    for line in wrap(description, style(False, 36, edition), SIZE[0] - 120, 4):
        style(False, 36, edition).draw(draw, (60, y), line, MUTED)
        y += 48
    if address:
        draw.rectangle((0, SIZE[1] - 12, SIZE[0], SIZE[1]), fill=BAND)
        style(False, 30).draw(draw, (60, SIZE[1] - 80), address, BAND)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def card_path(url: str) -> str:
    """Where the card of the page at `url` goes: assets/images/social/math/gradients.png, index.png for the home page."""
    return f"{OUT_DIR}/{url.strip('/') or 'index'}.png"


# ----------------------------------------------------------------------------- MkDocs glue

_cards: dict[str, tuple[str, str, str, str, str]] = {}  # card path -> (site name, title, description, address, edition)
_drawn: dict[tuple[str, str, str, str, str], bytes] = {}  # survives `mkdocs serve` rebuilds


def on_pre_build(config, **kwargs):
    _cards.clear()


def on_page_context(context, page, config, **kwargs):
    url = page.url
    edition = "zh" if re.match(r"^zh(/|$)", url) else "en"
    title = plain(page.title or config.site_name)
    description = plain(str(page.meta.get("description") or config.site_description or ""))
    for text, bold in ((title, True), (description, False)):
        missing = undrawable(text, bold, edition)
        if missing:
            fonts = "Noto Sans SC and KaTeX_Main have" if edition == "zh" else "KaTeX_Main has"
            log.error(
                f"{page.file.src_uri}: the social card cannot draw {''.join(missing)!r} in {text!r}; "
                f"write the title or description without it ({fonts} Latin, Greek and math signs" + (", and Chinese)" if edition == "zh" else ")")
            )
    path = card_path(url)
    address = re.sub(r"^https?://", "", config.site_url or "").rstrip("/")
    _cards[path] = (config.site_name, title, description, address, edition)
    page.meta["social_image"] = path
    return context


def on_post_build(config, **kwargs):
    site = Path(config.site_dir)
    for path, text in sorted(_cards.items()):
        if text not in _drawn:
            _drawn[text] = card(*text)
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_drawn[text])
    log.info(f"social cards: {len(_cards)} drawn into {OUT_DIR}/")
