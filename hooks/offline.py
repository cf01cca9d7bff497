"""Every page loads its code, styles, images and media from the site itself.

nbconvert puts a Mermaid loader on every notebook page that imports Mermaid from
a CDN when the notebook holds a diagram; ours hold none, so the loader is dropped.
Anything else that would fetch a script, style sheet, font, image, frame or media
file from another host stops the build, naming the address and the line of the
page or asset file that writes it (the file alone when no line does); so does an
``extra_css`` or ``extra_javascript`` entry that is remote or missing, at its line
of mkdocs.yml. The rules are plain functions in sitebuild/offline.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import _checkout  # noqa: F401  # puts the checkout on sys.path, for sitebuild/
from mkdocs.exceptions import PluginError

from sitebuild.config import entry_line
from sitebuild.offline import (  # noqa: F401  (_REMOTE_LOADS: tests/test_offline.py compares full scans)
    _REMOTE_LOADS,
    asset_loads,
    missing_extras,
    page_loads,
    remote_loads,
    strip_notebook_loaders,
)
from sitebuild.pages import page_where


def _rel(path: str) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return path


def on_files(files, config, **kwargs):
    problems = []
    names = {f.src_uri for f in files}
    for key in ("extra_css", "extra_javascript"):
        for entry in (str(getattr(e, "path", e)) for e in config[key]):
            for problem in missing_extras(key, [entry], names.__contains__):
                found = entry_line(Path(config.config_file_path), key, entry)  # in the file that sets the list
                where = f"{_rel(str(found[0]))}:{found[1]}" if found else _rel(config.config_file_path)
                problems.append(f"{where}: {problem}")
    for file in files:
        if not (file.src_uri.endswith((".css", ".js", ".mjs")) and file.abs_src_path):
            continue
        if not Path(os.path.abspath(file.abs_src_path)).is_relative_to(os.path.abspath(config.docs_dir)):
            continue  # the theme's own files
        text = Path(file.abs_src_path).read_text(encoding="utf-8", errors="replace")
        for line, url in asset_loads(text):
            problems.append(
                f"{_rel(file.abs_src_path)}:{line}: the file would load from another host: {url}; "
                "put what it loads under docs/assets/ and refer to it relatively"
            )
    if problems:
        raise PluginError("\n".join(problems))
    return files


def on_post_page(output: str, page, config, **kwargs) -> str:
    output = strip_notebook_loaders(output)
    loads = page_loads(output, page.file.content_string)
    if loads:
        where = page_where(page)
        raise PluginError(
            "\n".join(f"{where}{'' if line is None else f':{line}'}: the page would load from another host: {url}" for line, url in loads)
        )
    return output
