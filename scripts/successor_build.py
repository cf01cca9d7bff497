"""Build the site with Zensical through the same plain functions the MkDocs hooks use.

Zensical reads mkdocs.yml but runs no ``hooks:`` and skips unknown plugins silently, so this script
does around ``zensical build`` what the hooks do inside MkDocs:

- before: copy docs/ and draw the diagrams into the copy (hooks/diagrams.py ``diagrams``);
- during: formulas rendered by the Python-Markdown extension sitebuild/katex_markdown.py;
- after: KaTeX's subset fonts and CSS (sitebuild/katex_fonts.py ``subset_site``); the checks,
  the offline scan among them, are scripts/check_successor.py's.

Run with the site's venv (torch draws the diagrams); ``make check-successor`` runs Zensical, from
its own venv, between ``pre`` and ``post``. It writes .successor/ and .successor.yml.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "hooks")]

import yaml  # noqa: E402

from sitebuild import config as site_config  # noqa: E402

# Inside the checkout: Zensical refuses a site_dir outside the project root, and .cache may be a link.
OUT = ROOT / ".successor"


def successor_config(out: Path = OUT) -> Path:
    """mkdocs.yml as Zensical should read it: no hooks, formulas rendered by the extension, docs a copy."""
    config = site_config.load()
    output = (config.get("extra") or {}).get("math_output", "html")
    config.pop("hooks", None)
    extensions = list(config.get("markdown_extensions", []))
    extensions.append({"sitebuild.katex_markdown": {"output": output}})
    config["markdown_extensions"] = extensions
    config["docs_dir"] = str((out / "docs").relative_to(ROOT))  # relative: an absolute one panics Zensical 0.0.73
    config["site_dir"] = str((out / "site").relative_to(ROOT))
    path = ROOT / ".successor.yml"  # Zensical takes the folder of its config as the project root
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def pre_build(out: Path = OUT) -> None:
    shutil.rmtree(out / "docs", ignore_errors=True)
    shutil.copytree(ROOT / "docs", out / "docs")
    import diagrams

    for rel, svg in diagrams.diagrams().items():
        target = out / "docs" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(svg, encoding="utf-8")


def post_build(out: Path = OUT) -> None:
    """KaTeX's subset fonts and CSS for the built site (the offline scan is check_successor.py's)."""
    from sitebuild.katex_fonts import subset_site

    subset_site(out / "site")


def main(argv: list[str]) -> int:
    """``pre`` (docs copy, diagrams, config) and ``post`` (fonts), run with the site's venv."""
    step = argv[0] if argv else ""
    if step == "pre":
        OUT.mkdir(parents=True, exist_ok=True)
        pre_build()
        print(successor_config())
        return 0
    if step == "post":
        post_build()
        return 0
    print("usage: successor_build.py pre|post  (make check-successor runs zensical build between them)")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
