"""Serve a built site on 127.0.0.1 (free port, threaded, optional gzip) for the browser."""

from __future__ import annotations

import contextlib
import gzip
import http.server
import io
import sys
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

GZIP_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, no request log; with gzip=True, text is compressed like a static host does."""

    gzip = False
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "application/javascript",
        ".mjs": "application/javascript",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".woff2": "font/woff2",
        ".ipynb": "application/json",
    }

    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_head(self):
        if not self.gzip or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the base class redirects to the slash form
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if not path.is_file() or not ctype.startswith(GZIP_TYPES):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a browser closing a tab mid-download is fine
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(folder: Path, *, gzip: bool = False) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 on a free port from a background thread; yields the base URL."""
    handler = type("Handler", (_QuietHandler,), {"gzip": gzip})
    server = _Server(("127.0.0.1", 0), partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, name=f"serve {folder}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


