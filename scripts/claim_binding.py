"""How the shape claims of every page bind to their subjects: python scripts/claim_binding.py [--record] [PAGE ...].

Reads the pages and their code without running it (the #> lines are what the code printed: the page
tests compare them), and prints per page how many claims bound to the shapes printed for the tensor they
name, how many bound through a shape-of marker, how many were derived from a printed weight, how many fell
back to "printed somewhere on the page", how many are unchecked-shape markers, and every claim that fails.
Exit status 1 if one fails.

--record (what `make claims` runs) writes shape-subjects.json first: for every claim that names no tensor
the binding can find, the expressions that printed its shape (docs_harness/subjects.py). Run it on pages
whose tests pass; the check then holds each such claim against those expressions.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docs_harness import binding, subjects  # noqa: E402
from docs_harness.markdown import CellLine, PageError, cell_lines, notebook_spans, parse_page, read_notebook  # noqa: E402


def page_blocks(path: Path, bases: list[Path]):
    if path.suffix == ".ipynb":
        cells = read_notebook(path)
        blocks = [("python", cell_lines(path, c), CellLine(c.index, 1)) for c in cells if c.kind == "code" and c.source.strip()]
        return blocks, notebook_spans(path, cells)
    fences, spans = parse_page(path, bases)
    blocks = []
    for fence in fences:
        if not fence.runs or fence.problem or not fence.lines:
            continue
        session = fence.kind == "session" or fence.lines[0].text.lstrip().startswith(">>>")
        blocks.append(("session" if session else "python", fence.lines, fence.lineno))
    return blocks, spans


def printed_text(blocks) -> str:
    out = []
    for kind, lines, _ in blocks:
        for line in lines:
            text = line.text.strip()
            if kind == "python" and text.startswith("#>"):
                out.append(text[2:])
            elif kind == "session" and text and not text.startswith((">>>", "...")):
                out.append(text)
    return "\n".join(out)


def all_pages(root: Path = ROOT) -> list[Path]:
    return sorted(root.glob("docs/**/*.md")) + sorted(root.glob("docs/**/*.ipynb"))


def recording(pages: list[Path], root: Path = ROOT) -> subjects.Record:
    """The subjects of every unbound claim of these pages, recorded from their #> lines (not yet written)."""
    record = subjects.Record(root, recording=True)
    for page in pages:
        page = page.resolve()
        try:
            blocks, spans = page_blocks(page, [root / "snippets", root, page.parent / "snippets"])
        except PageError:
            continue
        binding.check_page(page, page.relative_to(root), root, blocks, spans, printed_text(blocks), record=record)
    return record


def main(argv: list[str]) -> int:
    record = "--record" in argv
    argv = [a for a in argv if a != "--record"]
    if record and argv:
        print("claim_binding.py: --record records every page at once; run it without pages", file=sys.stderr)
        return 2
    pages = [Path(a) for a in argv] or all_pages()
    if record:
        print(f"{subjects.FILE}: {recording(pages).write()} claims recorded with their subjects")
    bases = [ROOT / "snippets", ROOT]
    total, failed = binding.Stats(), []
    rows = []
    for page in pages:
        page = page.resolve()
        rel = page.relative_to(ROOT)
        try:
            blocks, spans = page_blocks(page, bases + [page.parent / "snippets"])
        except PageError as exc:
            failed.append(str(exc))
            continue
        bad, stats, _ = binding.check_page(page, rel, ROOT, blocks, spans, printed_text(blocks), record=subjects.Record(ROOT))
        total.add(stats)
        failed += bad
        if any(vars(stats).values()):
            rows.append((str(rel), stats))
    names = ["bound", "marked", "recorded", "derived", "fell_back", "exempt", "kernel"]
    print(f"{'page':58} " + " ".join(f"{n:>9}" for n in names))
    for rel, stats in rows:
        print(f"{rel:58} " + " ".join(f"{getattr(stats, n):>9}" for n in names))
    print(f"{'total':58} " + " ".join(f"{getattr(total, n):>9}" for n in names))
    claims = total.bound + total.derived + total.fell_back
    print(f"{claims} claims checked: {total.bound} bound to their subject ({total.marked} by a marker, "
          f"{total.recorded} by their recorded subject), "
          f"{total.derived} derived from a printed weight, {total.fell_back} fell back; {total.exempt} unchecked, "
          f"{total.kernel} kernel sizes")
    for message in failed:
        print(message)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
