"""Benchmark numbers in prose come from bench/results/*.json, not from the page's author.

A page writes ``{{bench:transpose.512x4096x4096.ratio}}`` and the build puts the measured
value there (see sitebuild.bench_numbers); a placeholder that names no value, or a result
file that is missing, fails the build with the page's file and line. Rerunning the
benchmark with --json renews every number the pages quote.
"""

from __future__ import annotations

from pathlib import Path

import _checkout  # noqa: F401  # puts the checkout on sys.path, for sitebuild/
from mkdocs.exceptions import PluginError

from sitebuild.bench_numbers import BenchNumberError, fill
from sitebuild.pages import page_where


def on_page_markdown(markdown: str, page, config, files, **kwargs) -> str:
    results = Path(__file__).resolve().parent.parent / "bench" / "results"  # the repository's, whichever config file builds
    where = page_where(page)
    try:
        fill(page.file.content_string, results, where)  # checked on the source, so lines are the page's own
        return fill(markdown, results, where)
    except BenchNumberError as err:
        raise PluginError("\n".join(p.message for p in err.problems)) from err
