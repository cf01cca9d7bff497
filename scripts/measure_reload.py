"""Measure the edit loop: time from saving a page to the browser showing the change.

Starts `mkdocs serve --livereload` on a free 127.0.0.1 port, opens a page in
Chromium (Playwright), appends a unique marker paragraph to the page's Markdown,
and times how long until the open tab shows it (livereload rebuilds and reloads).
Repeats, restores the page after every edit, and prints a table with the median
and the maximum. `make serve` builds without search unless SEARCH=true; set it
in the environment to time the loop with search.

    .venv/bin/python scripts/measure_reload.py [--page faq.md] [--runs 5]
    SEARCH=true .venv/bin/python scripts/measure_reload.py
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a file (python scripts/measure_reload.py): the repository's packages are beside scripts/

from sitebrowser import launch_chromium  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`mkdocs serve` in its own process group, with its log collected line by line."""

    def __init__(self, port: int, dirty: bool):
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1")
        if dirty:
            command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}", "--dirty", "--no-strict"]
        else:  # exactly what contributors run
            command = ["make", "--no-print-directory", "serve", f"HOST=127.0.0.1:{port}"]
        self.proc = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.lines: list[tuple[float, str]] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append((time.monotonic(), line.rstrip()))

    def wait_for(self, pattern: str, timeout: float, since: int = 0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(re.search(pattern, line) for _, line in self.lines[since:]):
                return
            if self.proc.poll() is not None:
                raise RuntimeError("mkdocs serve exited:\n" + "\n".join(line for _, line in self.lines[-30:]))
            time.sleep(0.05)
        raise TimeoutError(f"no log line matching {pattern!r} within {timeout} s")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)  # the group of the process this script started
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", default="faq.md", help="page under docs/ to edit (restored afterwards)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dirty", action="store_true", help="mkdocs serve --dirty: rebuild only changed pages")
    parser.add_argument("--timeout", type=float, default=60, help="seconds to wait for one reload")
    args = parser.parse_args()

    page = ROOT / "docs" / args.page
    original = page.read_bytes()
    url_path = args.page.removesuffix(".md").removesuffix("index")
    url_path = "" if url_path in ("", "/") else url_path.rstrip("/") + "/"
    port = free_port()
    server = Server(port, args.dirty)
    times: list[float] = []
    try:
        server.wait_for(r"Serving on", timeout=600)
        with sync_playwright() as p:
            browser = launch_chromium(p)
            tab = browser.new_page()
            served = next(re.search(r"Serving on (\S+)", line)[1] for _, line in server.lines if "Serving on" in line)
            tab.goto(served.rstrip("/") + "/" + url_path, wait_until="load")
            for run in range(1, args.runs + 1):
                marker = f"reload-marker-{uuid.uuid4().hex[:12]}"
                since = len(server.lines)
                start = time.monotonic()
                page.write_bytes(original + f"\n\n{marker}\n".encode())
                try:
                    tab.wait_for_function(
                        "m => document.body && document.body.innerText.includes(m)", arg=marker, timeout=args.timeout * 1000
                    )
                    elapsed = time.monotonic() - start
                except Exception:
                    print("\n".join(line for _, line in server.lines[since:][-40:]), file=sys.stderr)
                    raise
                finally:
                    page.write_bytes(original)
                times.append(elapsed)
                print(f"run {run}: {elapsed:.2f} s", flush=True)
                # the restore triggers one more rebuild: let it finish before the next edit
                server.wait_for(r"Reloading browsers|Building documentation", timeout=args.timeout, since=len(server.lines))
                tab.wait_for_function(
                    # during the reload the new document may not have a body yet
                    "m => document.body && !document.body.innerText.includes(m)", arg=marker, timeout=args.timeout * 1000
                )
                time.sleep(0.5)
            browser.close()
    finally:
        if page.read_bytes() != original:
            page.write_bytes(original)
        server.stop()

    search = "off" if args.dirty or os.environ.get("SEARCH", "false") == "false" else "on"
    print()
    print("| page | search | runs | median (s) | max (s) |")
    print("| --- | --- | --- | --- | --- |")
    print(f"| docs/{args.page} | {search} | {len(times)} | {statistics.median(times):.2f} | {max(times):.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
