"""i18n/glossary.yml: the glossary pages show exactly its table, and no Chinese page uses a rejected variant."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild import glossary

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "bad_translations" / "glossary" / "page.zh.md"
ZH_PAGES = sorted((ROOT / "docs").rglob("*.zh.md"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_glossary_pages_show_the_data(lang: str):
    page = glossary.PAGES[lang]
    text = page.read_text(encoding="utf-8")
    assert text == glossary.with_table(text, lang), (
        f"{page.relative_to(ROOT)}: the table differs from i18n/glossary.yml; run python -m sitebuild.glossary"
    )


def test_the_glossary_has_the_terms_of_the_conventions():
    terms = {t.en: t for t in glossary.load()}
    assert terms["bias"].zh == "偏置" and terms["bias"].rejected == ("偏差", "偏移")
    assert terms["batch"].rejected == ("批次", "批处理")
    assert len(terms) == 49
    assert all(t.zh for t in terms.values())


@pytest.mark.parametrize("page", ZH_PAGES, ids=[str(p.relative_to(ROOT)) for p in ZH_PAGES])
def test_no_chinese_page_uses_a_rejected_variant(page: Path):
    found = glossary.rejected_uses(page)
    assert not found, "\n".join(found)


def test_a_rejected_variant_is_named_with_its_line_and_the_term_to_use():
    assert glossary.rejected_uses(BAD) == [
        "tests/bad_translations/glossary/page.zh.md:7: rejected term 偏差; use 偏置 (bias), i18n/glossary.yml",
        "tests/bad_translations/glossary/page.zh.md:7: rejected term 批次; use 批量 (batch), i18n/glossary.yml",
        "tests/bad_translations/glossary/page.zh.md:13: rejected term 拷贝; use 复制 (copy), i18n/glossary.yml",
        # a ```python line inside a ``` fence is code, not the fence's close (superfences): line 23 is code, 26 text
        "tests/bad_translations/glossary/page.zh.md:26: rejected term 偏差; use 偏置 (bias), i18n/glossary.yml",
    ]


def test_a_changed_table_is_caught(tmp_path: Path):
    terms = glossary.load()
    text = glossary.PAGES["zh"].read_text(encoding="utf-8")
    assert glossary.with_table(text, "zh", terms[:-1]) != text
