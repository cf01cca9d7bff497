"""Pages with code say in their footer which torch ran it: the version installed where the site is built.

The site is built in the environment whose torch ran every block (`make test`, CI), so the version is read
from that installation's metadata at build time: no network, no typed-in number. The partial
overrides/partials/copyright.html shows it on pages that hold Python code; others show nothing.
"""

from __future__ import annotations

import json
import re
from importlib import metadata
from pathlib import Path

_CODE_FENCE = re.compile(r"^[ \t>]*(```|~~~)[ \t]*(\{[ \t]*\.)?(python|py|python3|pycon)\b", re.M)


def torch_version() -> str:
    """The public version of the installed torch: 2.13.0 for a 2.13.0+cpu build."""
    return metadata.version("torch").split("+")[0]


def has_code(path: Path) -> bool:
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        return any(cell.get("cell_type") == "code" and "".join(cell.get("source", "")).strip() for cell in cells)
    return _CODE_FENCE.search(path.read_text(encoding="utf-8")) is not None


def on_config(config, **kwargs):
    config.extra["executed_with_torch"] = torch_version()
    return config


def on_page_context(context, page, config, nav, **kwargs):
    if page.file.abs_src_path and has_code(Path(page.file.abs_src_path)):
        context["executed_with_torch"] = config.extra["executed_with_torch"]
    return context
