"""Recall and precision on the labelled corpus (tests/data/redaction_corpus.jsonl, see docs/redaction.md)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "data"))

import corpus  # noqa: E402

from sendvault.disclosure import redact, redact_names  # noqa: E402


def run_engine(notes):
    found = []
    for note in notes:
        known = redact_names.known_from_case(note["case"], schools=tuple(note["vault"]["schools"]),
                                             places=tuple(note["vault"]["places"]))
        found.append([(r.start, r.end) for r in redact.Redactor(known).redact(note["text"]).replacements])
    return found


def test_corpus_is_large_enough():
    assert len(corpus.load()) >= 300


def test_recall_and_precision():
    notes = corpus.load()
    result = corpus.score(notes, run_engine(notes))
    print({k: v for k, v in result.items() if k != "missed"}, result["missed"][:20])
    assert result["recall_case"] == 1.0, result["missed"][:10]
    assert result["recall_pattern"] >= 0.98, result["missed"][:10]
    assert result["precision"] >= 0.95


def test_redacting_the_corpus_twice_changes_nothing_more():
    for note in corpus.load():
        known = redact_names.known_from_case(note["case"], schools=tuple(note["vault"]["schools"]),
                                             places=tuple(note["vault"]["places"]))
        for style, dates in (("words", "month"), ("tags", "age")):
            once = redact.Redactor(known, style, dates).redact(note["text"]).text
            assert redact.Redactor(known, style, dates).redact(once).text == once, note["text"][:80]
