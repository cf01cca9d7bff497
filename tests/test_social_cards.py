"""Every page has a social card drawn at build time (hooks/social_cards.py): og:image on the site itself."""

from __future__ import annotations

import logging
import re
import struct
from pathlib import Path
from types import SimpleNamespace

from conftest import load_hook

from sitebrowser import site_pages
from sitebuild import config as site_config

cards = load_hook("social_cards.py", "site_social_cards_hook")
SITE_URL = site_config.load()["site_url"]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def test_a_card_is_a_1200_by_630_png_and_the_same_text_gives_the_same_bytes():
    first = cards.card("Why nn.Linear computes x Aᵀ + b", "Gradients", "dL/dW = Gᵀ X of shape [out, in].", "example.org")
    assert png_size(first) == (1200, 630)
    assert first == cards.card("Why nn.Linear computes x Aᵀ + b", "Gradients", "dL/dW = Gᵀ X of shape [out, in].", "example.org")
    assert first != cards.card("Why nn.Linear computes x Aᵀ + b", "Gradient", "dL/dW = Gᵀ X of shape [out, in].", "example.org")


def test_a_long_description_is_cut_with_an_ellipsis():
    face, small = cards.font(False, 36), cards.font(False, 25)
    lines = cards.wrap("word " * 200, face, small, 1080, 4)
    assert len(lines) == 4 and lines[-1].endswith(" …")
    assert all(cards._width(line, face, small) <= 1080 for line in lines)


def test_a_formula_in_a_description_is_not_broken_across_lines():
    """The home page's description once wrapped as "... is the y" / "= W x + b of textbooks ..."."""
    face, small = cards.font(False, 36), cards.font(False, 25)
    home = site_config.load()["site_description"]
    text = (
        "Why PyTorch's nn.Linear stores its weight as [out_features, in_features], not [in, out] like Keras, "
        "and why its y = x Aᵀ + b is the y = W x + b of textbooks that use column vectors."
    )
    for description in (home, text):
        lines = cards.wrap(description, face, small, 1080, 4)
        assert not [line for line in lines if line.split()[0] in ("=", "+", "x", "b")], lines
        assert all(cards._width(line, face, small) <= 1080 for line in lines)
    assert any("y = W x + b" in line for line in cards.wrap(text, face, small, 1080, 4))
    assert cards.units("its y = x Aᵀ + b is the y") == ["its", "y = x Aᵀ + b is", "the", "y"]


def test_a_character_the_card_cannot_draw_fails_the_build_naming_the_page(caplog):
    page = SimpleNamespace(url="faq/", title="FAQ 🙂", meta={"description": "Answers."}, file=SimpleNamespace(src_uri="faq.md"))
    config = SimpleNamespace(site_name="Site", site_description="", site_url=SITE_URL)
    with caplog.at_level(logging.ERROR, logger="mkdocs.hooks.social_cards"):
        cards.on_page_context({}, page=page, config=config)
    assert [r.getMessage() for r in caplog.records] == [
        "faq.md: the social card cannot draw '🙂' in 'FAQ 🙂'; write the title or description without it (KaTeX_Main has Latin, Greek and math signs)"
    ]


def test_a_chinese_page_shares_its_english_page_card():
    page = SimpleNamespace(url="zh/math/gradients/", title="梯度", meta={}, file=SimpleNamespace(src_uri="math/gradients.zh.md"))
    cards.on_page_context({}, page=page, config=SimpleNamespace(site_name="", site_description="", site_url=SITE_URL))
    assert page.meta["social_image"] == "assets/images/social/math/gradients.png"


def test_every_built_page_names_a_card_the_site_serves(built_site: Path):
    problems, seen = [], 0
    for path in site_pages(built_site):
        head = (built_site / path / "index.html").read_text(encoding="utf-8").split("</head>")[0]
        images = re.findall(r'<meta (?:property="og:image"|name="twitter:image") content="([^"]+)"', head)
        if len(images) != 2 or images[0] != images[1] or not images[0].startswith(SITE_URL):
            problems.append(f"/{path}: og:image and twitter:image {images}")
            continue
        card = built_site / images[0].removeprefix(SITE_URL)
        if not card.is_file() or png_size(card.read_bytes()) != (1200, 630):
            problems.append(f"/{path}: {images[0]} is not a 1200 x 630 PNG in the site")
        if '<meta name="twitter:card" content="summary_large_image">' not in head:
            problems.append(f"/{path}: twitter:card is not summary_large_image")
        seen += 1
    assert seen >= 40, f"only {seen} pages checked"
    assert not problems, "\n".join(problems)
