"""How many wrong shape claims the binding check catches: python scripts/mutate_claims.py [PAGE ...].

For every shape claim on every page (English and Chinese, notebooks too, and the comments and docstrings
of the snippet files a page includes), a temporary copy of the site has that one claim changed to another
shape of the same rank printed on the same page: its reverse if the page prints it (weight ``[30, 20]`` ->
``[20, 30]``), else the printed shape that differs from it in the fewest places (bias ``[30]`` -> ``[20]``);
a value claim (``W.grad`` is ``[[4, 6], [4, 6], [4, 6]]``) to another value of the same dimensions the page printed.
The binding check (docs_harness/binding.py, run in this process, as scripts/claim_binding.py runs it) reads
the copy; the swap is *caught* if the page gets a message it did not get before, else it *slipped*.
Prints Markdown tables: caught and slipped per claim form (code span, NxM span, math, comment, value) and per
page, then with --slipped every swap that slipped. A claim with no other printed shape of its rank is
counted as "no swap". Exit status 0: this is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docs_harness import binding, shapes  # noqa: E402
from docs_harness.markdown import CellLine, PageError, read_notebook  # noqa: E402

_spec = importlib.util.spec_from_file_location("claim_binding", ROOT / "scripts" / "claim_binding.py")
claim_binding = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(claim_binding)

FORMS = ["code span", "NxM span", "math", "comment", "value"]


@dataclass
class Claim:
    form: str
    path: Path  # the file that holds it (the page, or a snippet)
    lineno: int | CellLine
    column: int  # where the shape's text starts on that line
    text: str  # the shape as written, e.g. "[30, 20]", "30 \\times 20"
    digits: tuple[int, int]  # the part of ``text`` that holds the integers
    shape: tuple[int, ...]
    value: list | None = None  # a value claim (`[[4, 6], [4, 6]]`): swapped whole, to another printed value


def _matches(text: str, math: bool) -> list[tuple[re.Match, int]]:
    """The matches shapes.claims reads, in its order, with the group that holds the integers."""
    if math:
        found = [(m, 1) for m in shapes._MATH_TIMES.finditer(text) if not re.match(r"\s*=", text[m.end() :])]
        found += [(m, 1 if m[1] else 2) for m in shapes._MATH_SPACE.finditer(text)]
        return found
    text = shapes._masked(text)  # the rows of a value are no shapes
    return [(m, 1) for m in [*shapes._LIST.finditer(text), *shapes._TUPLE.finditer(text), *shapes._TIMES.finditer(text)]]


def _source_lines(path: Path, lineno: int | CellLine) -> list[str]:
    if isinstance(lineno, CellLine):
        cell = json.loads(path.read_text(encoding="utf-8"))["cells"][lineno.cell - 1]
        source = cell["source"]
        return ("".join(source) if isinstance(source, list) else source).splitlines()
    return path.read_text(encoding="utf-8").splitlines()


def _index(lineno: int | CellLine) -> int:
    return (lineno.line if isinstance(lineno, CellLine) else lineno) - 1


def _locate(path: Path, lineno, column: int, piece: str, wrapped: int = 0):
    """(lineno, column) of ``piece`` at or after ``column`` on the line, or on the lines it wraps onto."""
    lines = _source_lines(path, lineno)
    k = _index(lineno)
    for n in range(k, min(k + wrapped + 1, len(lines))):
        at = lines[n].find(piece, column if n == k else 0)
        if at >= 0:
            return (lineno + (n - k)) if n != k else lineno, at
    return None


def page_claims(page: Path, rel: Path, root: Path, blocks, spans) -> list[Claim]:
    """Every claim the binding check reads on a page, where its text is, and its form."""
    found: list[Claim] = []
    if page.suffix == ".ipynb":
        contexts = {}
        for cell in read_notebook(page):
            if cell.kind == "markdown":
                contexts.update(binding._cell_contexts(cell, spans))
    else:
        contexts = binding.contexts(page.read_text(encoding="utf-8").splitlines(), spans)
    for span in spans:
        claims = shapes.claims(span.text)
        value = shapes.value(span.text) if not claims and not span.text.startswith(("\\(", "\\[")) else None
        if value is not None and span.exemption is None:
            spot = _locate(page, span.lineno, span.column, span.text, span.wrapped)
            if spot is not None:
                found.append(Claim("value", page, spot[0], spot[1], span.text, (0, len(span.text)), (), value))
            continue
        if not claims or span.exemption is not None:
            continue
        math = span.text.startswith(("\\(", "\\["))
        context = contexts.get(id(span))
        for claim, (match, group) in zip(claims, _matches(span.text, math), strict=True):
            if context is not None and binding.kernel_size(claim, context.after):
                continue
            spot = _locate(page, span.lineno, span.column, match[0], span.wrapped)
            if spot is None:
                continue
            form = "math" if math else "NxM span" if shapes._TIMES.fullmatch(match[0]) else "code span"
            start = match.start(group) - match.start()
            found.append(Claim(form, page, spot[0], spot[1], match[0], (start, match.end(group) - match.start()), claim))
    _, names = binding.shown_shapes(blocks)
    code, _ = binding.code_claims(blocks, names)
    for line, text, claims, _ in code:
        column = line.text.find(text)
        if column < 0:
            continue
        matches = sorted(shapes.claim_matches(text), key=lambda m: m.start())
        matches = [m for m in matches if not binding.kernel_size(shapes.ints(m[1]), text[m.end() :])]
        for (claim, _), match in zip(claims, matches, strict=False):
            digits = (match.start(1) - match.start(), match.end(1) - match.start())
            found.append(Claim("comment", line.path, line.lineno, column + match.start(), match[0], digits, claim))
    return found


def replacement(claim: tuple[int, ...], printed: set[tuple[int, ...]]) -> tuple[int, ...] | None:
    """The swap for a claim: its reverse if printed, else the printed shape of its rank nearest to it."""
    others = sorted(p for p in printed if len(p) == len(claim) and p != claim)
    if not others:
        return None
    if claim[::-1] in others:
        return claim[::-1]
    return min(others, key=lambda p: (sum(a != b for a, b in zip(p, claim, strict=True)), p))


def value_replacement(value: list, printed: list[list]) -> list | None:
    """The swap for a value claim: another value the page printed with the same dimensions."""
    others = [p for p in printed if shapes.value_dims(p) == shapes.value_dims(value) and p != value]
    return min(others, key=str) if others else None


def mutated(claim: Claim, new: tuple[int, ...]) -> str:
    start, end = claim.digits
    digits = iter(str(n) for n in new)
    return claim.text[:start] + re.sub(r"\d+", lambda _: next(digits), claim.text[start:end]) + claim.text[end:]


def _rewrite(claim: Claim, new_text: str) -> tuple[Path, str]:
    """Write the swap into the copy; returns what to put back."""
    original = claim.path.read_text(encoding="utf-8")
    if isinstance(claim.lineno, CellLine):
        book = json.loads(original)
        cell = book["cells"][claim.lineno.cell - 1]
        source = cell["source"]
        text = "".join(source) if isinstance(source, list) else source
        lines = text.split("\n")
    else:
        lines = original.split("\n")
    k = _index(claim.lineno)
    line = lines[k]
    assert line[claim.column : claim.column + len(claim.text)] == claim.text, (claim, line)
    lines[k] = line[: claim.column] + new_text + line[claim.column + len(claim.text) :]
    if isinstance(claim.lineno, CellLine):
        joined = "\n".join(lines)
        cell["source"] = joined.splitlines(keepends=True) if isinstance(source, list) else joined
        claim.path.write_text(json.dumps(book, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    else:
        claim.path.write_text("\n".join(lines), encoding="utf-8")
    return claim.path, original


def copy_site(into: Path) -> None:
    for entry in ROOT.iterdir():
        if entry.name in ("docs", "snippets"):
            shutil.copytree(entry, into / entry.name)
        elif not entry.name.startswith(".") and entry.name not in ("site", "node_modules"):
            (into / entry.name).symlink_to(entry)


def check(page: Path, root: Path) -> list[str]:
    rel = page.relative_to(root)
    bases = [root / "snippets", root, page.parent / "snippets"]
    blocks, spans = claim_binding.page_blocks(page, bases)
    bad, _, _ = binding.check_page(page, rel, root, blocks, spans, claim_binding.printed_text(blocks))
    return bad


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*")
    parser.add_argument("--slipped", action="store_true", help="list every swap that slipped")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mutate-claims-") as tmp:
        root = Path(tmp)
        copy_site(root)
        pages = [root / Path(p).resolve().relative_to(ROOT) for p in args.pages] or (
            sorted(root.glob("docs/**/*.md")) + sorted(root.glob("docs/**/*.ipynb"))
        )
        forms: dict[str, Counter] = defaultdict(Counter)
        per_page: dict[str, Counter] = defaultdict(Counter)
        slipped: list[str] = []
        for page in pages:
            rel = str(page.relative_to(root))
            try:
                blocks, spans = claim_binding.page_blocks(page, [root / "snippets", root, page.parent / "snippets"])
                before = check(page, root)
            except PageError as exc:
                print(f"skipped {rel}: {exc}", file=sys.stderr)
                continue
            printed = shapes.printed(claim_binding.printed_text(blocks))
            values = [v.value for v in binding.shown_shapes(blocks)[1].values]
            for claim in page_claims(page, page.relative_to(root), root, blocks, spans):
                new = replacement(claim.shape, printed) if claim.value is None else value_replacement(claim.value, values)
                if new is None:
                    forms[claim.form]["no swap"] += 1
                    per_page[rel]["no swap"] += 1
                    continue
                new_text = mutated(claim, new) if claim.value is None else str(new)
                path, original = _rewrite(claim, new_text)
                try:
                    after = check(page, root)
                except PageError as exc:
                    after = [*before, str(exc)]
                finally:
                    path.write_text(original, encoding="utf-8")
                outcome = "caught" if len(after) > len(before) else "slipped"
                forms[claim.form][outcome] += 1
                per_page[rel][outcome] += 1
                if outcome == "slipped":
                    where = claim.path.relative_to(root)
                    slipped.append(f"{rel}: {where}:{claim.lineno} ({claim.form}) `{claim.text}` -> `{new_text}`")
    table("form", [(f, forms[f]) for f in FORMS])
    print()
    table("page", sorted(per_page.items()))
    if args.slipped:
        print()
        for line in slipped:
            print(f"- {line}")
    return 0


def table(title: str, rows) -> None:
    total = Counter()
    print(f"| {title} | caught | slipped | caught % | no swap |")
    print("|---|---:|---:|---:|---:|")
    for name, counts in rows:
        total.update(counts)
        print(_row(name, counts))
    print(_row("**total**", total))


def _row(name: str, counts: Counter) -> str:
    tried = counts["caught"] + counts["slipped"]
    share = f"{100 * counts['caught'] / tried:.0f}%" if tried else "-"
    return f"| {name} | {counts['caught']} | {counts['slipped']} | {share} | {counts['no swap']} |"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
