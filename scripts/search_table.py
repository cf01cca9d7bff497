"""Where each of the site's search queries ranks its page, in the browser: python scripts/search_table.py SITE.

SITE is a built site folder (`mkdocs build -d SITE`). Every query of sitebrowser/queries.py is typed
into Material's search box as a reader types it, on the English home page for the English queries and
on zh/ for the Chinese ones. Prints a Markdown table: the query, the page it must find, that page's rank
(- when it is not in the results) and the first three results. Not a test: tests/test_browser_search.py
and tests/test_browser_zh.py assert the same rows (home-page questions first, the others in the top 3).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402

from sitebrowser import VIEWPORT, block_foreign_hosts, launch_chromium, search_results, serve, wait_for_search_ready  # noqa: E402
from sitebrowser.queries import HOME_FIRST, SEARCHES, ZH_HOME_FIRST, ZH_SEARCHES  # noqa: E402


def rank(results: list[str], expected: str) -> int | None:
    paths = [path.lstrip("/") for path in results]
    return paths.index(expected) + 1 if expected in paths else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    args = parser.parse_args(argv)
    editions = [
        ("", [(q, "", "first") for q in HOME_FIRST] + [(q, page, "top 3") for q, page in SEARCHES]),
        ("zh/", [(q, "zh/", "first") for q in ZH_HOME_FIRST] + [(q, page, "top 3") for q, page in ZH_SEARCHES]),
    ]
    rows, missed = [], 0
    with serve(args.site) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for start, queries in editions:
            context = browser.new_context(viewport=VIEWPORT, color_scheme="light")
            block_foreign_hosts(context, base)
            page = context.new_page()
            page.goto(base + start, wait_until="load")
            page.locator("input.md-search__input").focus()
            wait_for_search_ready(page)
            for query, expected, needs in queries:
                results = search_results(page, query)
                at = rank(results, expected)
                ok = at == 1 if needs == "first" else at is not None and at <= 3
                missed += not ok
                top = ", ".join(f"`{path}`" for path in results[:3])
                rows.append(f"| {query} | `/{expected}` | {needs} | {at or '-'}{'' if ok else ' (miss)'} | {top} |")
            context.close()
        browser.close()
    print("| query | page | must be | rank | first three results |")
    print("|---|---|---|---:|---|")
    print("\n".join(rows))
    counts = {at: sum(f"| {at} |" in row or f"| {at} (miss) |" in row for row in rows) for at in ("1", "2", "3")}
    print(f"\n{len(rows)} queries: rank 1 {counts['1']}, rank 2 {counts['2']}, rank 3 {counts['3']}, missed {missed}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
