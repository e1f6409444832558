"""Redaction throughput: 1,000 notes of about 300 words, each with its case's identifiers (target: under 2 s).

    python bench/redaction_throughput.py [--notes 1000] [--repeats 3] [--per-case N]

Notes are built from the labelled corpus (tests/data/redaction_corpus.jsonl): a
case's note, lengthened to ~300 words with a different stretch of the other notes'
text for every note (so no two notes are alike and nothing is gained by repetition).
By default every note has a new Redactor (its case's identifiers prepared afresh), the
worst case; --per-case N gives N notes to each case, as a case study or a subject-access
copy does (one Redactor for all of a case's notes). One process; the best of --repeats
runs is kept, with its CPU time beside the wall time (the machine is shared).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "data"))

import corpus  # noqa: E402

from sendvault.disclosure import redact, redact_matching, redact_names  # noqa: E402


def build(n: int) -> list[tuple[redact_names.Known, str]]:
    notes = corpus.load()
    pool = " ".join(n["text"] for n in notes).split(" ")
    out = []
    for i in range(n):
        note = notes[i % len(notes)]
        need = max(0, 300 - len(note["text"].split(" ")))
        at = (i * 257) % (len(pool) - need)
        text = note["text"] + " " + " ".join(pool[at:at + need])
        known = redact_names.known_from_case(note["case"], schools=tuple(note["vault"]["schools"]),
                                             places=tuple(note["vault"]["places"]))
        out.append((known, text))
    return out


def run(work: list[tuple[redact_names.Known, str]], per_case: int) -> None:
    redactor = None
    for i, (known, text) in enumerate(work):
        if i % per_case == 0:
            redactor = redact.Redactor(known)
        redactor.redact(text)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--notes", type=int, default=1000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--per-case", type=int, default=1)
    args = ap.parse_args()
    work = build(args.notes)
    if args.per_case > 1:  # a case's notes together, with that case's identifiers
        work = [(work[i - i % args.per_case][0], text) for i, (_, text) in enumerate(work)]
    words = sum(len(t.split()) for _, t in work) / len(work)
    redact.redact_text("warm up Jane 07700 900123", redact_names.Known())
    best = (float("inf"), 0.0)
    for _ in range(args.repeats):
        redact_cache_clear()
        t0, c0 = time.perf_counter(), time.process_time()
        run(work, args.per_case)
        best = min(best, (time.perf_counter() - t0, time.process_time() - c0))
    print(f"redacted {len(work)} notes of ~{words:.0f} words in {best[0]:.2f} s ({best[1]:.2f} s CPU; "
          f"{len(work) / best[0]:.0f} notes/s, {args.per_case} note(s) a case, best of {args.repeats}; target under 2 s)")


def redact_cache_clear() -> None:
    """Forget every case prepared in an earlier run, so each run prepares its cases afresh."""
    redact_matching.known_matcher.cache_clear()


if __name__ == "__main__":
    main()
