"""Recorded subjects: which printed expression each otherwise unbound shape claim is about.

Many claims name no tensor in words ("a batch of 128 rows gives `[128, 30]`", "the result is `[30, 20]`"),
so binding.py cannot tell what they are about, and checking them against every shape the page printed
lets a swap pass (``[30, 20]`` written ``[20, 30]`` passes when ``W.T`` printed ``[20, 30]``).

``shape-subjects.json`` at the top of the checkout holds, for each such claim, the expressions whose printed
shape it was when it was recorded (``make claims``, from pages whose tests pass). The claim is then held
against those expressions' shapes as the page prints them now. A claim is found by its page and its sentence
with every digit masked: changing the shape in the sentence keeps its record, so a wrong shape is caught;
rewriting the words drops it, and the claim falls back to "printed somewhere on the page" until recorded again.

    {"docs/index.md": {"A batch of # rows gives `[#, #]`.": [["y", "layer(x)"]]}}

One list per sentence, one item per claim in it, each the expressions recorded for that claim.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

FILE = "shape-subjects.json"
RECORD_COMMAND = "make claims"


def key(sentence: str) -> str:
    """The sentence a claim stands in, with its digits masked (the shape may change; the words may not)."""
    return re.sub(r"\d+", "#", " ".join(sentence.split()))


class Record:
    """The recorded subjects of every page, read from ``root / FILE``; ``recording`` collects new ones."""

    def __init__(self, root: Path, *, recording: bool = False):
        self.path = root / FILE
        self.recording = recording
        self.pages: dict[str, dict[str, list[list[str]]]] = {}
        self.new: dict[str, dict[str, list[list[str]]]] = {}
        if self.path.is_file() and not recording:
            try:
                self.pages = json.loads(self.path.read_text(encoding="utf-8"))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{FILE}:{exc.lineno}: {exc.msg}; run {RECORD_COMMAND} to write it again") from exc

    def lookup(self, page: str, sentence: str, index: int) -> list[str] | None:
        """The expressions recorded for the index-th claim of this sentence on this page, if any."""
        found = self.pages.get(page, {}).get(key(sentence))
        return found[index] if found and index < len(found) and found[index] else None

    def note(self, page: str, sentence: str, index: int, expressions: list[str]) -> None:
        """While recording: the expressions a claim's shape was printed by (empty: none, it stays unbound)."""
        claims = self.new.setdefault(page, {}).setdefault(key(sentence), [])
        while len(claims) <= index:
            claims.append([])
        claims[index] = sorted(set(claims[index]) | set(expressions))

    def recorded(self) -> dict[str, dict[str, list[list[str]]]]:
        """What was recorded, as the file holds it: claims with a subject, sorted."""
        pages = {
            page: {sentence: claims for sentence, claims in sorted(found.items()) if any(claims)}
            for page, found in sorted(self.new.items())
        }
        return {page: found for page, found in pages.items() if found}

    def write(self) -> int:
        """Write what was recorded; the number of claims with a subject."""
        pages = self.recorded()
        self.path.write_text(json.dumps(pages, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        return sum(bool(c) for found in pages.values() for claims in found.values() for c in claims)


def differences(on_file: dict, fresh: dict) -> list[str]:
    """One line per sentence whose recorded subjects differ from a fresh recording: new, gone or changed."""
    out = []
    for page in sorted(set(on_file) | set(fresh)):
        old, new = on_file.get(page, {}), fresh.get(page, {})
        for sentence in sorted(set(old) | set(new)):
            if sentence not in old:
                out.append(f'{page}: claim "{sentence}" has no recorded subject; run `{RECORD_COMMAND}` and review the diff of {FILE}')
            elif sentence not in new:
                out.append(f'{page}: {FILE} records "{sentence}", which the page no longer says; run `{RECORD_COMMAND}`')
            elif old[sentence] != new[sentence]:
                out.append(
                    f'{page}: claim "{sentence}" is recorded as {old[sentence]}, but its shape is now printed by '
                    f"{new[sentence]}; run `{RECORD_COMMAND}` if the sentence means the new expressions, else fix the claim"
                )
    return out


_records: dict[Path, Record] = {}


def record_for(root: Path) -> Record:
    """The checkout's record, read once per run."""
    root = root.resolve()
    if root not in _records:
        _records[root] = Record(root)
    return _records[root]
