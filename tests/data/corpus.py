"""The labelled redaction corpus and its scoring, shared by tests/test_redaction_corpus.py and bench/redaction_peer.py.

An identifier is caught when every letter and digit of it lies inside something
replaced. A replacement is right when it overlaps a marked identifier (precision).
"""

from __future__ import annotations

import json
from pathlib import Path

CORPUS = Path(__file__).with_name("redaction_corpus.jsonl")


def load() -> list[dict]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(notes: list[dict], found: list[list[tuple[int, int]]]) -> dict:
    """Recall by source ('case', 'pattern') and by kind, and precision, of ``found`` (input spans per note)."""
    caught = {"case": [0, 0], "pattern": [0, 0]}
    by_kind: dict[str, list[int]] = {}
    right = total = 0
    missed: list[tuple[str, str]] = []
    for note, spans in zip(notes, found):
        covered = set()
        for s, e in spans:
            covered.update(range(s, e))
        for s, e, kind, source in note["spans"]:
            ok = all(i in covered for i in range(s, e) if note["text"][i].isalnum())
            caught[source][0] += ok
            caught[source][1] += 1
            k = by_kind.setdefault(kind, [0, 0])
            k[0] += ok
            k[1] += 1
            if not ok:
                missed.append((kind, note["text"][s:e]))
        for s, e in spans:
            total += 1
            right += any(a < e and s < b for a, b, *_ in note["spans"])
    return {
        "recall_case": caught["case"][0] / max(caught["case"][1], 1),
        "recall_pattern": caught["pattern"][0] / max(caught["pattern"][1], 1),
        "identifiers": {k: v[1] for k, v in caught.items()},
        "by_kind": {k: v[0] / v[1] for k, v in sorted(by_kind.items())},
        "precision": right / max(total, 1),
        "replacements": total,
        "missed": missed,
    }
