"""Search in the browser: the query table, the home page's short answer first, prose previews,
the index loaded only when a reader searches, and each FAQ question found by its key words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT

from sitebrowser import (
    VIEWPORT,
    block_foreign_hosts,
    search_results,
    wait_for_search_ready,
)
from sitebrowser.queries import HOME_FIRST, SEARCHES

BAD_SITE = Path(__file__).parent / "bad_sites" / "browser"


@pytest.fixture(scope="module")
def search_page(browser, site_server: str):
    context = browser.new_context(viewport=VIEWPORT, color_scheme="light")
    block_foreign_hosts(context, site_server)
    page = context.new_page()
    page.goto(site_server, wait_until="load")
    page.locator("input.md-search__input").focus()  # the index is fetched when search is reached for
    wait_for_search_ready(page)
    yield page
    context.close()


@pytest.mark.parametrize(("query", "expected"), SEARCHES, ids=[query for query, _ in SEARCHES])
def test_search_finds_the_page(search_page, site_server: str, query: str, expected: str):
    results = search_results(search_page, query)
    top = [path.lstrip("/") for path in results[:3]]
    assert expected in top, f"search {query!r}: expected /{expected} among the first three, got {results[:5]}"


@pytest.mark.parametrize("query", HOME_FIRST)
def test_search_ranks_the_short_answer_first(search_page, query: str):
    results = search_results(search_page, query)
    assert results[0] == "/", f"search {query!r}: expected the home page first, got {results[:5]}"


def test_english_search_lists_no_chinese_page(search_page):
    for query in ("nn.Linear", "weight shape", "bias"):
        results = search_results(search_page, query)
        assert not [path for path in results if path.startswith("/zh/")], f"{query!r}: {results}"


def test_search_ignores_stop_words_unless_nothing_else_is_typed(search_page):
    # Material makes every word a prefix, so "do" matched "Double" in a heading and outranked
    # every page about the words that matter (overrides/partials/search-stop-words.js).
    with_stop_words = search_results(search_page, "why do textbooks write Wx")
    assert with_stop_words[:3] == search_results(search_page, "textbooks write Wx")[:3]
    assert with_stop_words[0] == "/math/rows-vs-columns/", with_stop_words[:5]
    assert search_results(search_page, "do"), "a query of stop words only must still search as typed"
    # "3-D" splits into "3" and "D"; as a prefix, "D*" matched dtype, device and Double everywhere
    assert search_results(search_page, "3-D input")[0] == "/faq/"


def test_search_previews_show_prose_not_code(search_page):
    search_results(search_page, "addmm")
    shown = search_page.eval_on_selector_all(
        ".md-search-result__item pre", "blocks => blocks.filter(b => b.checkVisibility()).length"
    )
    assert search_page.locator(".md-search-result__item pre").count() > 0, "no result holds a code block: the check proves nothing"
    assert shown == 0, f"{shown} code blocks shown in search previews"


@pytest.fixture
def watched_tab(browser, site_server: str):
    """A fresh tab, and the list of its requests for the search index as they happen."""
    context = browser.new_context(viewport=VIEWPORT, color_scheme="light")
    block_foreign_hosts(context, site_server)
    seen: list[str] = []
    context.on("request", lambda request: seen.append(request.url) if request.url.endswith("/search/search_index.json") else None)
    yield context.new_page(), seen
    context.close()


def test_search_index_waits_until_the_reader_searches(watched_tab, site_server: str):
    """A page load does not fetch the site-wide index; Material's "/" shortcut does, and search then works."""
    page, seen = watched_tab
    page.goto(site_server + "math/rows-vs-columns/", wait_until="networkidle")
    page.wait_for_timeout(500)
    assert seen == [], f"the search index was fetched before anyone searched: {seen}"
    page.locator("body").press("/")
    wait_for_search_ready(page)
    assert len(seen) == 1, seen
    assert "internals/how-pytorch-computes-it/" in [p.lstrip("/") for p in search_results(page, "addmm")[:3]]


def test_search_highlight_from_a_result_loads_the_index(watched_tab, site_server: str):
    """A page opened from a search result (?h=...) fetches the index and marks the query on the page."""
    page, seen = watched_tab
    page.goto(site_server + "internals/how-pytorch-computes-it/?h=addmm", wait_until="load")
    page.locator(".md-content mark").first.wait_for(timeout=15_000)
    assert len(seen) == 1, seen
    assert page.locator(".md-content mark").first.inner_text().lower() == "addmm"


# The words a reader would type for each `##` question of docs/faq.md, in the page's order.
FAQ_QUERIES = [
    "why weight shape 30 20",
    "Wx + b or xWᵀ + b",
    "transpose wasteful faster",
    "mat1 and mat2 shapes cannot be multiplied",
    "3-D input which dimension",
    "copy Keras weights into PyTorch",
    "GPT-2 Conv1D transposed",
    "default initialisation kaiming_uniform sqrt(5)",
    "fan_in dimension",
    "weight.grad shape",
    "tie embedding output projection",
    "1×1 convolution",
    "parameters and FLOPs",
    "textbook notation Goodfellow",
    "bias shape bias=False",
]


def faq_questions() -> list[tuple[str, set[str]]]:
    """Each FAQ question with the pages that answer it: the FAQ itself and the pages its answer links to."""
    text = (ROOT / "docs" / "faq.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.M)[1:]
    questions = []
    for section in sections:
        heading, _, body = section.partition("\n")
        if heading.strip() == "Summary":
            continue
        links = re.findall(r"\]\(([\w./-]+?)\.(?:md|ipynb)(?:#[\w-]*)?\)", body)
        pages = {"faq/"} | {("" if link == "index" else link + "/") for link in links}
        questions.append((heading.strip(), pages))
    return questions


def test_every_faq_question_has_search_words():
    assert len(FAQ_QUERIES) == len(faq_questions()), "give FAQ_QUERIES one query per FAQ question, in order"


@pytest.mark.parametrize("number", range(len(FAQ_QUERIES)), ids=FAQ_QUERIES)
def test_faq_key_words_find_the_answer(search_page, number: int):
    question, answers = faq_questions()[number]
    results = [path.lstrip("/") for path in search_results(search_page, FAQ_QUERIES[number])[:3]]
    assert answers & set(results), f"{question!r}: searching {FAQ_QUERIES[number]!r} gave {results}, expected one of {sorted(answers)}"
