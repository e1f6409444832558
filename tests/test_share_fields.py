"""Sharing by field (issue 23, item 7): '--only' takes single fields of a part, so a school can be told
the SEN stage and the primary need without ethnicity, locality or the service's own support level."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SAMPLE_CASE, Env, make_case, show
from test_disclosure import SCHOOL, SOCIAL_CARE, ok, out, password_of, pdftotext, requires_pdf_tools  # noqa: F401

CASE = {**SAMPLE_CASE, "profile": {**SAMPLE_CASE["profile"], "ethnicity": "WIRT", "locality": "North",
                                   "support_level": "casework", "issues": ["exclusion"]}}


def school_consent(env: Env, cid: str) -> None:
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL, "--by", "parent-carer")


def shared_markdown(env: Env, cid: str, only: str, out: Path) -> str:
    target = out / f"{len(list(out.iterdir()))}.md"
    ok(env, "share", cid, "--to", SCHOOL, "--only", only, "--out", str(target), "--plaintext")
    return target.read_text(encoding="utf-8")


def test_a_school_told_the_sen_stage_and_need_only(env: Env, out: Path):
    cid = make_case(env, CASE)
    school_consent(env, cid)
    text = shared_markdown(env, cid, "child.school,profile.sen_stage,profile.primary_need", out)
    assert "SEN support" in text and "Autistic" in text and "Example Hill Primary School" in text
    for absent in ("Traveller of Irish heritage", "North", "Casework", "casework", "Exclusion", "Sam Example", "2014", "Jane Example",
                   "11 to 15"):
        assert absent not in text, absent
    entry = show(env, cid)["disclosures"][-1]
    assert entry["sections"] == ["child.school", "profile.sen_stage", "profile.primary_need"]
    # The whole part, asked for beside one of its fields, holds the field: it is recorded once.
    text = shared_markdown(env, cid, "profile,profile.sen_stage", out)
    assert "Traveller of Irish heritage" in text and show(env, cid)["disclosures"][-1]["sections"] == ["profile"]


@pytest.mark.parametrize("only, words", [
    ("profile.shoe_size", "--only names a field that profile does not have"),
    ("notes.text", "--only names a part of a case that does not exist"),
    ("profile.", "--only names a field that profile does not have"),
    ("status.closed", "--only names a part of a case that does not exist"),
])
def test_a_field_that_is_not_there_is_refused_with_the_fields_in_the_hint(env: Env, out: Path, only, words):
    cid = make_case(env, CASE)
    school_consent(env, cid)
    r = env.cli("share", cid, "--to", SCHOOL, "--only", only, "--out", str(out / "x.pdf"))
    assert r.exit_code == 2 and r.stderr.splitlines()[0] == f"sendvault: error: {words}"
    if "profile does not have" in words:
        assert "sen_stage" in r.stderr and "primary_need" in r.stderr
    assert list(out.iterdir()) == [] and "disclosures" not in show(env, cid)


def test_a_breach_decision_on_a_part_covers_its_fields_and_one_on_a_field_no_more(env: Env, out: Path):
    cid = make_case(env, CASE)
    ok(env, "breach", cid, "--reason", "risk-of-harm", "--approved-by", "Ann", "--told-parent", "no",
       "--why-not", "telling the parent would put the child at risk", "--to", SOCIAL_CARE,
       "--only", "child,profile.primary_need", "--account", "x")
    assert show(env, cid)["breaches"][0]["sections"] == ["child", "profile.primary_need"]
    target = out / "ok.md"
    ok(env, "share", cid, "--to", SOCIAL_CARE, "--only", "child.name,profile.primary_need", "--out", str(target), "--plaintext")
    text = target.read_text(encoding="utf-8")
    assert "Sam Example" in text and "Autistic" in text and "SEN support" not in text
    for only in ("profile", "profile.sen_stage", "caller.name"):
        r = env.cli("share", cid, "--to", SOCIAL_CARE, "--only", only, "--out", str(out / "no.md"), "--plaintext")
        assert r.exit_code == 5, only
        assert not (out / "no.md").exists()


def test_a_parents_copy_names_the_fields_shared(env: Env, out: Path):
    cid = make_case(env, CASE)
    school_consent(env, cid)
    shared_markdown(env, cid, "profile.sen_stage,profile.primary_need", out)
    ok(env, "sar", "request", cid, "--for", "parent")
    ok(env, "sar", cid, "--for", "parent", "--out", str(out / "copy.json"), "--format", "json", "--plaintext")
    rows = json.loads((out / "copy.json").read_text(encoding="utf-8"))["sections"][0]["fields"]
    (shared,) = [f["value"] for f in rows if f["label"] == "Who we shared them with"]
    assert shared.startswith(f"{SCHOOL}, on ") and ": the SEN stage, the primary need." in shared
    values = [f["value"] for s in json.loads((out / "copy.json").read_text(encoding="utf-8"))["sections"]
              for f in s["fields"] + [g for e in s.get("entries", []) for g in e["fields"]]]
    assert "The SEN stage; The primary need" in values and not any("profile.sen_stage" in v for v in values)


@requires_pdf_tools
def test_the_pdf_for_the_school_holds_the_chosen_fields_only(env: Env, out: Path):
    cid = make_case(env, CASE)
    school_consent(env, cid)
    r = ok(env, "share", cid, "--to", SCHOOL, "--only", "profile.sen_stage,profile.primary_need", "--out", str(out / "s.pdf"))
    text = pdftotext(out / "s.pdf", password_of(r.stderr)).stdout
    assert "SEN support" in text and "Autistic" in text
    assert "Traveller of Irish heritage" not in text and "North" not in text and "Casework" not in text
