"""Full-page screenshots of a built site, for checking pages by eye.

    .venv/bin/python scripts/screenshots.py SITE OUT [--pages / math/gradients/ ...]
        [--widths 412 1280] [--schemes light dark] [--print]

SITE is a built site folder (`mkdocs build -d SITE`); OUT receives one PNG per page, width and
scheme, named like `math-gradients_412_dark.png`, and `--print` adds a print-media shot per page.
The site is served from 127.0.0.1 and every other host is blocked, as in the browser tests.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402

from sitebrowser.checks import block_foreign_hosts, settled_screenshot  # noqa: E402
from sitebrowser.chromium import launch_chromium  # noqa: E402
from sitebrowser.serve import serve  # noqa: E402

DEFAULT_PAGES = ["/", "notebooks/01-shape-by-shape/", "math/gradients/", "zh/"]


def shot_name(path: str, width: int, scheme: str) -> str:
    stem = path.strip("/").replace("/", "-") or "home"
    return f"{stem}_{width}_{scheme}.png"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", nargs="+", default=DEFAULT_PAGES)
    parser.add_argument("--widths", nargs="+", type=int, default=[412, 1280])
    parser.add_argument("--schemes", nargs="+", default=["light", "dark"])
    parser.add_argument("--print", action="store_true", help="also a print-media shot of each page")
    args = parser.parse_args(argv)
    missing = [p for p in args.pages if not (args.site / p.strip("/") / "index.html").is_file()]
    if missing:
        print(f"{args.site}: no built page for {', '.join(missing)}; check the path", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    with serve(args.site) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for width in args.widths:
            for scheme in args.schemes:
                context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
                block_foreign_hosts(context, base.rstrip("/"))
                page = context.new_page()
                for path in args.pages:
                    page.goto(base + path.lstrip("/"), wait_until="networkidle")
                    target = args.out / shot_name(path, width, scheme)
                    target.write_bytes(settled_screenshot(page))
                    print(target)
                    if args.print and scheme == args.schemes[0]:
                        page.emulate_media(media="print")
                        printed = args.out / shot_name(path, width, "print")
                        printed.write_bytes(settled_screenshot(page))
                        page.emulate_media(media="screen")
                        print(printed)
                context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
