"""Checks on a built site that need no browser: TeX left as text, links and anchors that lead nowhere."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

_RAW_MATH = re.compile(
    r"\\\((?:.{0,60}?\\\)|.{0,40})"  # \( ... \)
    r"|\\\[(?:.{0,60}?\\\]|.{0,40})"  # \[ ... \]
    r"|\$\$(?:.{0,60}?\$\$|.{0,40})"  # $$ ... $$
    r"|(?<![\\$\w])\$(?=\S)[^$\n]{1,80}?(?<=\S)\$(?![\w$])",  # $...$, not prices like $5
    re.S,
)


def raw_math(text: str) -> list[str]:
    """TeX delimiters left in text a reader sees: the math was not rendered."""
    return [match.group(0).replace("\n", " ")[:60] for match in _RAW_MATH.finditer(text)]


class _LinkParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.anchors: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag, url)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(key):
                self.anchors.add(attrs[key])
        if tag == "a" and attrs.get("href") is not None:
            self.links.append(("a href", attrs["href"]))
        elif tag in ("img", "script", "source", "iframe") and attrs.get("src"):
            self.links.append((f"{tag} src", attrs["src"]))
        if tag in ("img", "source") and attrs.get("srcset"):  # a <picture>'s narrow drawing, a 2x image
            self.links += [(f"{tag} srcset", item.split()[0]) for item in attrs["srcset"].split(",") if item.strip()]
        elif tag == "link" and attrs.get("href") and attrs.get("rel") not in ("canonical", "alternate"):
            self.links.append(("link href", attrs["href"]))


def _parse(path: Path) -> _LinkParser:
    parser = _LinkParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser


def _target_file(site: Path, url: str) -> Path:
    path = site / unquote(url).lstrip("/")
    if url.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path


def broken_links(site: Path, site_url: str = "") -> list[str]:
    """Every relative link, src and #anchor in every HTML file of `site` that does not resolve."""
    base_path = urlsplit(site_url).path or "/"
    parsed: dict[Path, _LinkParser] = {}

    def parse(path: Path) -> _LinkParser:
        if path not in parsed:
            parsed[path] = _parse(path)
        return parsed[path]

    problems = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel == "404.html":  # links there are absolute to site_url, for any depth of a missing page
            continue
        page_url = "/" + rel
        for kind, url in parse(html).links:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith("//"):
                continue  # external: leaves the site, not fetched by the page
            if parts.path.startswith("/") and base_path != "/" and parts.path.startswith(base_path):
                target_url = "/" + parts.path[len(base_path) :]
            else:
                target_url = urljoin(page_url, parts.path) if parts.path else page_url
            target = html if not parts.path else _target_file(site, target_url)
            where = f"{rel}: {kind}={url!r}"
            if not target.is_file():
                problems.append(f"{where}: no file {target.relative_to(site).as_posix() if target.is_relative_to(site) else target}")
                continue
            fragment = unquote(parts.fragment)
            if fragment and kind == "a href" and target.suffix == ".html" and fragment not in parse(target).anchors:
                problems.append(f"{where}: no element with id or name {fragment!r} in {target.relative_to(site).as_posix()}")
    return problems


