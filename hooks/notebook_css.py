"""Notebook pages keep only the CSS their cells use.

mkdocs-jupyter puts JupyterLab's whole style sheet (about 590 KB, 89 KB gzip) into every notebook
page, for a page whose cells use a few dozen of its rules. After the page is rendered, the style
elements inside its <article> go to PurgeCSS (hooks/purge_css.mjs, `purgecss` pinned in
package.json), with the page itself minus those style elements as the list of what is used. The
style texts PurgeCSS can parse come back as one smaller style element in place of the first; one it
cannot parse is left as it was. The theme's own styles, in <head> and in files, are not touched.

Everything below the "MkDocs glue" line is a thin wrapper around the plain functions above it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PURGER = Path(__file__).resolve().with_name("purge_css.mjs")
RE_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>\s*", re.S)

log = logging.getLogger("mkdocs.hooks.notebook_css")


class PurgeError(RuntimeError):
    """PurgeCSS could not run."""


def run_purgecss(html: str, css: list[str], node: str = "node") -> dict:
    """hooks/purge_css.mjs on one page: {"css": kept, "merged": [indexes], "skipped": {index: error}}."""
    if not (ROOT / "node_modules" / "purgecss").is_dir():
        raise PurgeError("node_modules/purgecss is missing: run `make install` (npm ci) first")
    done = subprocess.run(
        [node, str(PURGER)], input=json.dumps({"html": html, "css": css}), capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    try:
        reply = json.loads(done.stdout)
    except ValueError:
        raise PurgeError(f"purge_css.mjs exited with {done.returncode}: {done.stderr.strip()[-500:]}") from None
    if "error" in reply:
        raise PurgeError(reply["error"])
    return reply


def slim_styles(page_html: str, purge=run_purgecss) -> tuple[str, int, int]:
    """The page with the style elements inside its <article> purged; returns (html, bytes before, after)."""
    start = page_html.find("<article")
    if start < 0:
        return page_html, 0, 0
    styles = list(RE_STYLE.finditer(page_html, start))
    if not styles:
        return page_html, 0, 0
    used = RE_STYLE.sub("", page_html)  # what the page shows, without the rules under test
    reply = purge(used, [m.group(1) for m in styles])
    merged = set(reply["merged"])
    if not merged:
        return page_html, 0, 0
    first = min(merged)
    pieces, pos = [], 0
    for index, m in enumerate(styles):
        pieces.append(page_html[pos : m.start()])
        if index == first:
            pieces.append(f"<style>{reply['css']}</style>\n")
        elif index not in merged:
            pieces.append(m.group(0))
        pos = m.end()
    pieces.append(page_html[pos:])
    before = sum(len(styles[i].group(1).encode()) for i in merged)
    return "".join(pieces), before, len(reply["css"].encode())


# ----------------------------------------------------------------------------- MkDocs glue

_cache: dict[str, tuple[str, int, int]] = {}  # page digest -> result; survives `mkdocs serve` rebuilds
CACHE = ROOT / ".cache" / "notebook-css"  # between builds: the same page through the same purger gives the same page


def page_key(output: str) -> str:
    """The page, this module, the purger script and the installed PurgeCSS: what the result depends on."""
    digest = hashlib.sha256(output.encode())
    for path in (Path(__file__), PURGER, ROOT / "node_modules" / "purgecss" / "package.json"):
        digest.update(path.read_bytes() if path.is_file() else b"-")
    return digest.hexdigest()


def slim_cached(output: str, purge=run_purgecss) -> tuple[str, int, int]:
    """slim_styles, kept in memory for `mkdocs serve` and on disk (.cache/notebook-css/) for the next build."""
    key = page_key(output)
    if key in _cache:
        return _cache[key]
    stored = CACHE / f"{key[:32]}.json"
    try:
        _cache[key] = tuple(json.loads(stored.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        _cache[key] = slim_styles(output, purge)
        stored.parent.mkdir(parents=True, exist_ok=True)
        partial = stored.with_name(f"{stored.name}.{os.getpid()}.partial")  # renamed whole: never half a file
        partial.write_text(json.dumps(_cache[key]), encoding="utf-8")
        partial.replace(stored)
    return _cache[key]


def on_post_page(output: str, page, config, **kwargs) -> str:
    if not page.file.src_uri.endswith(".ipynb"):
        return output
    try:
        html, before, after = slim_cached(output)
    except (PurgeError, subprocess.TimeoutExpired, OSError) as err:
        from mkdocs.exceptions import PluginError

        raise PluginError(f"notebook CSS, page '{page.file.src_uri}': {err}") from err
    if before:
        log.info(f"notebook CSS, page '{page.file.src_uri}': {before / 1024:.0f} KiB of styles cut to {after / 1024:.1f} KiB")
    return html
