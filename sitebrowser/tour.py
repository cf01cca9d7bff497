"""One tour of every page, per colour scheme, running every per-page check during the one visit."""

from __future__ import annotations

from sitebrowser.checks import (
    AXE_SCHEME_RULES,
    SCHEMES,
    VIEWPORT,
    Recorder,
    block_foreign_hosts,
    finish_axe,
    layout_problems,
    math_problems,
    scheme_image_problems,
    start_axe,
)

CATEGORIES = ("foreign", "failed", "console", "scheme", "math", "images", "axe", "layout")


def tour(browser, base_url: str, pages: list[str], expect_math, *, schemes=("light", "dark"), axe: bool = True, viewport=VIEWPORT):
    """Open every page once per colour scheme (one context each) and run every per-page check.

    The schemes' tabs visit the same page side by side, so their axe runs overlap.
    `expect_math(path)` says whether the page's source writes math. Returns {category: [problem, ...]}.
    """
    found: dict[str, list[str]] = {category: [] for category in CATEGORIES}
    tabs = []
    for scheme in schemes:
        context = browser.new_context(viewport=viewport, color_scheme=scheme, service_workers="block")
        block_foreign_hosts(context, base_url)
        page = context.new_page()
        recorder = Recorder(origin=base_url)
        recorder.attach(page)
        tabs.append((scheme, context, page, recorder))
    try:
        for path in pages:
            for scheme, _, page, recorder in tabs:
                label = recorder.label = f"/{path} [{scheme}]"
                expected = SCHEMES[scheme]
                page.goto(base_url + path, wait_until="load")
                actual = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
                if actual != expected:
                    found["scheme"].append(f"{label}: body data-md-color-scheme is {actual!r}, expected {expected!r}")
                if scheme == schemes[0]:
                    found["math"] += math_problems(page, label, expect_math(path))
                found["images"] += scheme_image_problems(page, label, expected)
                found["layout"] += layout_problems(page, label, viewport["width"])
                if axe:
                    start_axe(page, None if scheme == schemes[0] else AXE_SCHEME_RULES)
            if axe:
                for _, _, page, recorder in tabs:
                    found["axe"] += finish_axe(page, recorder.label)
        for _, _, page, _ in tabs:
            page.goto("about:blank")  # let the last page finish its requests under its own label
    finally:
        for _, context, _, _ in tabs:
            context.close()
    for _, _, _, recorder in tabs:
        for category, problems in recorder.problems.items():
            found[category] += problems
    return found


