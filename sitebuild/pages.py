"""Where a page's source is, as a build message names it: the path relative to the working directory."""

from __future__ import annotations

import os

__all__ = ["page_where"]


def page_where(page) -> str:
    """docs/x.md for a MkDocs page (its file's source path, relative when it can be)."""
    path = page.file.abs_src_path or page.file.src_uri
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
