"""Which Chromium the browser checks launch, and how: one answer for the tests, the scripts, make browser and CI.

`python -m sitebrowser` prints the path the tests will launch, or says what to install
and exits 1. `scripts/ensure-browser` (make browser) installs what is missing, then asks it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
]
# Debian's package first (what make browser installs as root), then other system builds.
SYSTEM_CHROMIUMS = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
HOW_TO_INSTALL = "Install Debian's 'chromium' package (`make browser`, as root) or set CHROMIUM=/path/to/chrome."


class BrowserUnavailable(RuntimeError):
    """Chromium could not be started: the browser tests fail with this message, they never skip."""


def _playwright_chromium() -> str | None:
    """The Chromium Playwright downloaded (`playwright install chromium`, as hosted CI does), if present."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    with sync_playwright() as playwright:
        path = playwright.chromium.executable_path
    return path if Path(path).is_file() else None


def chromium_path() -> str:
    """The one Chromium every browser check launches.

    CHROMIUM when set (it must exist: a wrong path is an error, not a fallback), else the first
    system build in SYSTEM_CHROMIUMS, else Playwright's own download. Raises BrowserUnavailable.
    """
    chosen = os.environ.get("CHROMIUM")
    if chosen:
        if not os.access(chosen, os.X_OK):
            raise BrowserUnavailable(f"CHROMIUM={chosen!r} is not an executable file. {HOW_TO_INSTALL}")
        return chosen
    for candidate in SYSTEM_CHROMIUMS:
        if os.access(candidate, os.X_OK):
            return candidate
    downloaded = _playwright_chromium()
    if downloaded:
        return downloaded
    raise BrowserUnavailable(f"no Chromium found (looked for CHROMIUM, {', '.join(SYSTEM_CHROMIUMS)}, Playwright's download). {HOW_TO_INSTALL}")


def launch_chromium(playwright):
    """One headless Chromium (chromium_path) with the flags that keep it off the network."""
    path = chromium_path()
    try:
        return playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
    except Exception as exc:  # noqa: BLE001 - any launch failure becomes one clear message
        raise BrowserUnavailable(
            f"Chromium could not be started from {path!r} ({type(exc).__name__}: {str(exc).splitlines()[0]}). {HOW_TO_INSTALL}"
        ) from exc


def main() -> int:
    try:
        print(chromium_path())
    except BrowserUnavailable as exc:
        print(f"sitebrowser: {exc}", file=sys.stderr)
        return 1
    return 0
