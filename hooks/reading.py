"""MkDocs glue for sitebuild.reading, .headings, .list_items and .front_matter: front matter that loads, one H1 per page,
list items that are items, a description, reachable formulas."""

from __future__ import annotations

from html import escape

import _checkout  # noqa: F401  # puts the checkout on sys.path, for sitebuild/
from mkdocs.exceptions import PluginError

from sitebuild.front_matter import front_matter_problem
from sitebuild.headings import extra_titles
from sitebuild.list_items import swallowed_items
from sitebuild.pages import page_where
from sitebuild.reading import first_paragraph, focusable_display_math, keep_punctuation_with_math


def on_page_markdown(markdown: str, page, config, files, **kwargs) -> str:
    # MkDocs keeps front matter that fails to load as page text, with no message.
    source = page.file.content_string
    problem = front_matter_problem(source)
    if problem:
        raise PluginError(f"{page_where(page)}:{problem.line}: {problem.message}")
    return markdown


def on_page_content(html: str, page, config, files, **kwargs) -> str:
    where = page_where(page)
    source = page.file.content_string  # the file as written, so that its lines count the front matter
    problems = [
        f"{where}:{title.line}: a second H1 heading, {title.text[:60]!r}; a page has one # title: "
        "write \\# for a number at the start of a list item, or ## for a section"
        for title in extra_titles(html, source)
    ] + [
        f"{where}:{item.line}: a list item read as paragraph text, {item.text[:60]!r}; "
        "Markdown starts a list only after a blank line: leave one before it"
        for item in swallowed_items(html, source)
    ]
    if problems:
        raise PluginError("\n".join(problems))
    description = page.meta.get("description") or first_paragraph(html)
    if description:
        # Material writes it into content="..." unescaped, and a quote in it would end the attribute;
        # overrides/partials/social-meta.html reads the same value for the cards.
        page.meta["description"] = escape(str(description), quote=True)
    return html


def on_post_page(output: str, page, config, **kwargs) -> str:
    return keep_punctuation_with_math(focusable_display_math(output))
