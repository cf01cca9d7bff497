"""Puts the checkout on ``sys.path`` so a hook can import ``sitebuild/``: MkDocs adds only ``hooks/``, while a hook loads."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # sitebuild/ is a top-level package of the checkout
