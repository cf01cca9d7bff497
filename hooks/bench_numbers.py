"""Benchmark numbers in prose come from bench/results/*.json, not from the page's author.

A page writes ``{{bench:transpose.512x4096x4096.ratio}}`` and the build puts the measured
value there (see sitebuild.bench_numbers); a placeholder that names no value, or a result
file that is missing, fails the build with the page's file and line. Rerunning the
benchmark with --json renews every number the pages quote.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # sitebuild/ is a top-level package of the checkout

from sitebuild.bench_numbers import BenchNumberError, fill  # noqa: E402


def _where(page) -> str:
    path = page.file.abs_src_path or page.file.src_uri
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def on_page_markdown(markdown: str, page, config, files, **kwargs) -> str:
    results = Path(config["config_file_path"]).resolve().parent / "bench" / "results"
    source = page.file.content_string
    # the markdown a hook gets has lost its front matter (and MkDocs may strip blank lines around it):
    # count the source lines before where the markdown's first line starts
    head = markdown.lstrip("\n").split("\n", 1)[0]
    at = source.find(head) if head else -1
    offset = source[:at].count("\n") - (len(markdown) - len(markdown.lstrip("\n"))) if at >= 0 else 0
    try:
        return fill(markdown, results, _where(page), first_line=offset + 1)
    except BenchNumberError as err:
        raise PluginError("\n".join(p.message for p in err.problems)) from err
