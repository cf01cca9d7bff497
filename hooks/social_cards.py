"""A social card (1200 × 630 PNG) for every page, drawn while the site is built: no request leaves the site.

A link shared in a chat or a feed shows the page's card: the site's name, the page's title and its
description (the one hooks/reading.py puts in page.meta). Pillow draws it with KaTeX's own fonts
from node_modules (a pinned dependency already), so the card looks the same on every machine.
Those fonts have no CJK glyphs: a Chinese page shares the card of its English page.
A title or description with a character the fonts cannot draw fails the build, naming the page.

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
OUT_DIR = "assets/images/social"  # inside the built site
SIZE = (1200, 630)
BAND = "#bf360c"  # the header's deep orange (a11y.css)
INK, MUTED = "#1a1a1a", "#555555"
SUPERSCRIPT_T = "ᵀ"  # drawn as a raised small T: KaTeX's text faces have no U+1D40

log = logging.getLogger("mkdocs.hooks.social_cards")


@cache
def font(bold: bool, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(FONTS / ("KaTeX_Main-Bold.ttf" if bold else "KaTeX_Main-Regular.ttf")), size)


@cache
def _cmap(bold: bool) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(str(FONTS / ("KaTeX_Main-Bold.ttf" if bold else "KaTeX_Main-Regular.ttf"))).getBestCmap())


def plain(text: str) -> str:
    """Markup and code-span backticks out, entities decoded, spaces collapsed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", text)).replace("`", "")).strip()


def undrawable(text: str, bold: bool = False) -> list[str]:
    """The characters of text the card's font cannot draw (the superscript T is drawn by hand)."""
    chars = _cmap(bold)
    return sorted({c for c in text if c != SUPERSCRIPT_T and not c.isspace() and ord(c) not in chars})


def _width(text: str, face, small) -> float:
    parts = text.split(SUPERSCRIPT_T)
    return sum(face.getlength(p) for p in parts) + (len(parts) - 1) * small.getlength("T")


def _draw(draw, xy, text: str, face, small, fill) -> None:
    x, y = xy
    for i, part in enumerate(text.split(SUPERSCRIPT_T)):
        if i:
            draw.text((x, y - face.size * 0.04), "T", font=small, fill=fill)
            x += small.getlength("T")
        draw.text((x, y), part, font=face, fill=fill)
        x += face.getlength(part)


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


def wrap(text: str, face, small, width: float, lines: int) -> list[str]:
    """Greedy wrap into at most `lines` lines, the last one cut with an ellipsis; formulas do not break (units)."""
    out: list[str] = []
    for unit in units(text):
        words = [unit] if _width(unit, face, small) <= width else unit.split()
        for word in words:
            if out and _width(f"{out[-1]} {word}", face, small) <= width:
                out[-1] += f" {word}"
            else:
                out.append(word)
    if len(out) > lines:
        out = out[:lines]
        while _width(out[-1] + " …", face, small) > width and " " in out[-1]:
            out[-1] = out[-1].rsplit(" ", 1)[0]
        out[-1] += " …"
    return out


def card(site_name: str, title: str, description: str, address: str = "") -> bytes:
    """The PNG of one card; the same text gives the same bytes."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", SIZE, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, SIZE[0], 120), fill=BAND)
    _draw(draw, (60, 34), site_name, font(False, 44), font(False, 30), "white")
    y = 170
    for line in wrap(title, font(True, 68), font(True, 46), SIZE[0] - 120, 2):
        _draw(draw, (60, y), line, font(True, 68), font(True, 46), INK)
        y += 84
    y += 24
    for line in wrap(description, font(False, 36), font(False, 25), SIZE[0] - 120, 4):
        _draw(draw, (60, y), line, font(False, 36), font(False, 25), MUTED)
        y += 48
    if address:
        draw.rectangle((0, SIZE[1] - 12, SIZE[0], SIZE[1]), fill=BAND)
        _draw(draw, (60, SIZE[1] - 80), address, font(False, 30), font(False, 21), BAND)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def card_path(url: str) -> str:
    """Where the card of the page at `url` goes: assets/images/social/math/gradients.png, index.png for the home page."""
    return f"{OUT_DIR}/{url.strip('/') or 'index'}.png"


# ----------------------------------------------------------------------------- MkDocs glue

_cards: dict[str, tuple[str, str, str, str]] = {}  # card path -> (site name, title, description, address)
_drawn: dict[tuple[str, str, str, str], bytes] = {}  # survives `mkdocs serve` rebuilds


def on_pre_build(config, **kwargs):
    _cards.clear()


def on_page_context(context, page, config, **kwargs):
    url = page.url
    if re.match(r"^zh(/|$)", url):  # KaTeX's fonts have no CJK glyphs: the English page's card
        page.meta["social_image"] = card_path(url[2:])
        return context
    title = plain(page.title or config.site_name)
    description = plain(str(page.meta.get("description") or config.site_description or ""))
    for text, bold in ((title, True), (description, False)):
        missing = undrawable(text, bold)
        if missing:
            log.error(
                f"{page.file.src_uri}: the social card cannot draw {''.join(missing)!r} in {text!r}; "
                "write the title or description without it (KaTeX_Main has Latin, Greek and math signs)"
            )
    path = card_path(url)
    address = re.sub(r"^https?://", "", config.site_url or "").rstrip("/")
    _cards[path] = (config.site_name, title, description, address)
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
