"""Redaction throughput: 1,000 notes of about 300 words, each with its case's identifiers (target: under 2 s).

    python bench/redaction_throughput.py [--notes 1000] [--repeats 3]

Notes are built from the labelled corpus (tests/data/redaction_corpus.jsonl): a
case's note, lengthened with other notes' identifier-free sentences to ~300 words.
Each note gets a fresh Redactor (its case's patterns compiled), as `redact` does.
One process; the best of --repeats runs is kept (the machine is shared).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "data"))

import corpus  # noqa: E402

from sendvault import redact  # noqa: E402


def build(n: int) -> list[tuple[redact.Known, str]]:
    notes = corpus.load()
    filler = " ".join(n["text"] for n in notes[:40])
    out = []
    for i in range(n):
        note = notes[i % len(notes)]
        words = note["text"].split(" ")
        text = note["text"] + " " + " ".join(filler.split(" ")[: max(0, 300 - len(words))])
        known = redact.known_from_case(note["case"], schools=tuple(note["vault"]["schools"]),
                                       places=tuple(note["vault"]["places"]))
        out.append((known, text))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--notes", type=int, default=1000)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    work = build(args.notes)
    words = sum(len(t.split()) for _, t in work) / len(work)
    redact.redact_text("warm up Jane 07700 900123", redact.Known())
    best = float("inf")
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        for known, text in work:
            redact.Redactor(known).redact(text)
        best = min(best, time.perf_counter() - t0)
    print(f"redacted {len(work)} notes of ~{words:.0f} words in {best:.2f} s "
          f"({len(work) / best:.0f} notes/s, best of {args.repeats}; target under 2 s)")


if __name__ == "__main__":
    main()
