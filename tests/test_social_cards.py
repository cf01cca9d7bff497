"""Every page has a social card drawn at build time (hooks/social_cards.py): og:image on the site itself."""

from __future__ import annotations

import logging
import re
import struct
from pathlib import Path
from types import SimpleNamespace

import pytest
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
    face = cards.style(False, 36)
    lines = cards.wrap("word " * 200, face, 1080, 4)
    assert len(lines) == 4 and lines[-1].endswith(" …")
    assert all(face.width(line) <= 1080 for line in lines)


def test_a_formula_in_a_description_is_not_broken_across_lines():
    """The home page's description once wrapped as "... is the y" / "= W x + b of textbooks ..."."""
    face = cards.style(False, 36)
    home = site_config.load()["site_description"]
    text = (
        "Why PyTorch's nn.Linear stores its weight as [out_features, in_features], not [in, out] like Keras, "
        "and why its y = x Aᵀ + b is the y = W x + b of textbooks that use column vectors."
    )
    for description in (home, text):
        lines = cards.wrap(description, face, 1080, 4)
        assert not [line for line in lines if line.split()[0] in ("=", "+", "x", "b")], lines
        assert all(face.width(line) <= 1080 for line in lines)
    assert any("y = W x + b" in line for line in cards.wrap(text, face, 1080, 4))
    assert cards.units("its y = x Aᵀ + b is the y") == ["its", "y = x Aᵀ + b is", "the", "y"]


@pytest.mark.parametrize(
    ("url", "title", "src", "fonts"),
    [
        ("faq/", "FAQ 🙂", "faq.md", "KaTeX_Main has Latin, Greek and math signs"),
        ("zh/faq/", "常见问题 🙂", "faq.zh.md", "Noto Sans SC and KaTeX_Main have Latin, Greek and math signs, and Chinese"),
    ],
    ids=["en", "zh"],
)
def test_a_character_the_card_cannot_draw_fails_the_build_naming_the_page(caplog, url, title, src, fonts):
    page = SimpleNamespace(url=url, title=title, meta={"description": "Answers."}, file=SimpleNamespace(src_uri=src))
    config = SimpleNamespace(site_name="Site", site_description="", site_url=SITE_URL)
    with caplog.at_level(logging.ERROR, logger="mkdocs.hooks.social_cards"):
        cards.on_page_context({}, page=page, config=config)
    assert [r.getMessage() for r in caplog.records] == [
        f"{src}: the social card cannot draw '🙂' in '{title}'; write the title or description without it ({fonts})"
    ]


def test_a_chinese_page_gets_a_chinese_card_of_its_own():
    """A Chinese page once shared its English page's card, because KaTeX's faces have no CJK glyphs."""
    page = SimpleNamespace(
        url="zh/math/gradients/", title="梯度", meta={"description": "dL/dW = Gᵀ X，形状为 [out, in]。"}, file=SimpleNamespace(src_uri="math/gradients.zh.md")
    )
    config = SimpleNamespace(site_name="为什么 nn.Linear 计算 x Aᵀ + b", site_description="", site_url=SITE_URL)
    cards.on_pre_build(config)
    cards.on_page_context({}, page=page, config=config)
    assert page.meta["social_image"] == "assets/images/social/zh/math/gradients.png"
    drawn = cards.card("为什么 nn.Linear 计算 x Aᵀ + b", "梯度", "dL/dW = Gᵀ X，形状为 [out, in]。", "example.org", "zh")
    assert png_size(drawn) == (1200, 630)
    assert drawn != cards.card("为什么 nn.Linear 计算 x Aᵀ + b", "梯度", "dL/dW = Gᵀ X，形状为 [in, out]。", "example.org", "zh")
    assert cards.undrawable("梯度：形状 ∈ [30, 20]ᵀ", True, "zh") == [] and cards.undrawable("梯度", True) == ["度", "梯"]


def test_chinese_text_breaks_between_characters_but_not_before_closing_punctuation():
    face = cards.style(False, 36, "zh")
    text = "行是样本，一批样本按行堆叠。同一个映射，对一个列向量写作 W x + b，对按行堆叠的一批行向量写作 x Wᵀ + b。" * 3
    lines = cards.wrap(text, face, 1080, 4)
    assert len(lines) == 4 and lines[-1].endswith("…")
    assert all(face.width(line) <= 1080 for line in lines), [face.width(line) for line in lines]
    assert all(face.width(line) > 900 for line in lines[:-1]), "a Chinese line broke early, as if at a space"
    assert not [line for line in lines[1:] if line[0] in "，。、；：！？）」』”’》"], lines
    assert not [line for line in lines if line.split()[0] in ("=", "+", "x", "b")], lines
    assert cards.atoms("（见下）形状") == ["（见", "下）", "形", "状"]


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
