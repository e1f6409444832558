"""Microsoft Presidio's analyser on sendvault's labelled redaction corpus: the yardstick beside ours.

    .venv/bin/pip install presidio-analyzer     # not a dependency of sendvault
    python bench/redaction_peer.py

Presidio's NER needs a spaCy model, which is downloaded separately (not from the
package registry) and cannot be fetched here. So this runs its pattern recognisers
alone, every one that needs no model: email, phone (phonenumbers, region GB), URL,
date, UK NHS number, UK National Insurance number, UK postcode, UK passport and
driving licence, IP, IBAN, credit card. No person-name, address or school
recogniser exists without the model, so names, addresses and schools count as
missed: read its figures as "patterns only". sendvault's figures come from the
same corpus and the same scoring (tests/data/corpus.py).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "data"))

import corpus  # noqa: E402

from sendvault.disclosure import redact, redact_names  # noqa: E402


def presidio_recognisers():
    from presidio_analyzer import predefined_recognizers as p

    names = ["EmailRecognizer", "UrlRecognizer", "DateRecognizer", "NhsRecognizer", "UkNinoRecognizer",
             "UkPostcodeRecognizer", "UkPassportRecognizer", "UkDrivingLicenceRecognizer", "IpRecognizer",
             "IbanRecognizer", "CreditCardRecognizer"]
    found = [getattr(p, n)() for n in names if hasattr(p, n)]
    found.append(p.PhoneRecognizer(supported_regions=("GB", "UK")))
    return found


def run_presidio(notes: list[dict]) -> list[list[tuple[int, int]]]:
    recognisers = presidio_recognisers()
    out = []
    for note in notes:
        spans = []
        for r in recognisers:
            for res in r.analyze(note["text"], r.supported_entities, None) or []:
                spans.append((res.start, res.end))
        out.append(_merge(spans))
    return out


def run_sendvault(notes: list[dict]) -> list[list[tuple[int, int]]]:
    out = []
    for note in notes:
        known = redact_names.known_from_case(note["case"], schools=tuple(note["vault"]["schools"]),
                                             places=tuple(note["vault"]["places"]))
        out.append([(r.start, r.end) for r in redact.Redactor(known).redact(note["text"]).replacements])
    return out


def _merge(spans):
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [tuple(m) for m in merged]


def report(name: str, result: dict, seconds: float) -> None:
    print(f"{name:<28} case recall {result['recall_case']:.1%}  pattern recall {result['recall_pattern']:.1%}  "
          f"precision {result['precision']:.1%}  ({result['replacements']} replacements, {seconds:.2f} s)")
    print("    by kind: " + ", ".join(f"{k} {v:.0%}" for k, v in result["by_kind"].items()))


def main() -> None:
    notes = corpus.load()
    print(f"{len(notes)} notes, {sum(len(n['spans']) for n in notes)} marked identifiers")
    t0 = time.perf_counter()
    ours = run_sendvault(notes)
    report("sendvault", corpus.score(notes, ours), time.perf_counter() - t0)
    try:
        t0 = time.perf_counter()
        theirs = run_presidio(notes)
    except ImportError:
        print("presidio-analyzer is not installed: .venv/bin/pip install presidio-analyzer")
        return
    report("presidio (patterns only)", corpus.score(notes, theirs), time.perf_counter() - t0)


if __name__ == "__main__":
    main()
