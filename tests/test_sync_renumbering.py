"""A sync merge that renumbers a document or a person takes every reference made on its machine along
(records/merge.py): two laptops cloned from one bare server, every change and sync through the CLI.

The rule: what the renumbered thing's own machine recorded names its new number; what the other machine recorded
keeps the number, as the thing it meant did. A breach decision left naming the old number would cover the other
machine's thing (a young person's private diary, the father's details) and pass it on.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from hypothesis import given, settings, strategies as st

from sendvault.records import merge

from conftest import Env, clock_moved, make_case, one_line_error, show
from test_attach import PDF, ok, write
from test_attach_share import detached, requires_pdfdetach
from test_disclosure import password_of, requires_pdf_tools
from test_sync_merge import clone, sync

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed (CI installs it)")

SOCIAL_CARE = "Children's Social Care"
POLICE = "Avon and Somerset Police"
SCHOOL = "Thistlecombe Primary School"
DECISION = ["--reason", "risk-of-harm", "--approved-by", "Ann", "--told-parent", "yes", "--account", "A disclosure of harm."]
LATER = dt.timedelta(minutes=2)  # the second laptop's changes come after the first's, whatever the test's speed
DIARY = PDF.replace(b"%%EOF", b"% YP-PRIVATE-DIARY\n%%EOF")
REPORT = PDF.replace(b"%%EOF", b"% SCHOOL-INCIDENT-REPORT\n%%EOF")


@pytest.fixture
def laptops(env: Env) -> tuple[Env, Env, str]:
    """Laptop A (env's vault, shared through a bare server) and laptop B (its clone), both holding one case."""
    server = env.tmp / "server.git"
    ok(env, "serve-init", str(server))
    ok(env, "sync", "--remote", str(server))
    b = clone(env, server, "laptop-b")
    cid = make_case(env)
    sync(env)
    sync(b)
    return env, b, cid


def exchange(a: Env, b: Env) -> None:
    """B's changes go first, A merges them (B's the incoming side there), B takes the merge."""
    sync(b)
    sync(a)
    sync(b)


def people(record: dict) -> list[tuple[int, str]]:
    return [(p["number"], p.get("relationship") or p.get("organisation")) for p in record.get("people", [])]


def add(e: Env, cid: str, relationship: str, *more: str) -> None:
    role = "parent-carer" if relationship == "father" else "other-family"
    ok(e, "person", "add", cid, "--role", role, "--relationship", relationship, "--name", f"The {relationship}", *more)


@requires_pdf_tools
@requires_pdfdetach
def test_a_breach_decision_naming_a_renumbered_document_still_covers_that_one_and_not_the_private_diary(laptops):
    a, b, cid = laptops
    # B: the young person's private diary, attached first (document 1 there)
    ok(b, "attach", cid, str(write(b.tmp / "diary.pdf", DIARY)), "--from", "young-person", "--private")
    with clock_moved(LATER):  # A, later: the school's incident report (document 1 here) and a decision naming it
        ok(a, "attach", cid, str(write(a.tmp / "incident.pdf", REPORT)), "--from", "professional")
        ok(a, "breach", cid, *DECISION, "--to", SOCIAL_CARE, "--only", "child", "--document", "1")
    exchange(a, b)
    for e in (a, b):
        record = show(e, cid)
        assert [(d["number"], d["title"]) for d in record["documents"]] == [(1, "diary.pdf"), (2, "incident.pdf")]
        assert record["breaches"][0]["documents"] == [2]
    out = a.tmp / "csc.pdf"
    r = a.cli("share", cid, "--to", SOCIAL_CARE, "--only", "child", "--document", "1", "--out", str(out))
    assert r.exit_code != 0 and "breach" in one_line_error(r) and not out.exists()
    r = ok(a, "share", cid, "--to", SOCIAL_CARE, "--only", "child", "--document", "2", "--out", str(out))
    [passed] = detached(out, password_of(r.stderr), a.tmp / "detached").values()
    assert b"SCHOOL-INCIDENT-REPORT" in passed and b"YP-PRIVATE-DIARY" not in passed
    assert [(d["breach"], d["documents"]) for d in show(a, cid)["disclosures"]] == [(1, [2])]


def test_a_breach_decision_and_its_share_naming_a_renumbered_person_follow_them(laptops):
    a, b, cid = laptops
    add(a, cid, "father", "--parental-responsibility", "yes")  # person 3 on A
    add(b, cid, "grandmother")  # person 3 on B: the decision and the share made there are about her
    ok(b, "breach", cid, *DECISION, "--to", POLICE, "--only", "child,person-3")
    ok(b, "share", cid, "--to", POLICE, "--only", "person-3.phone", "--out", str(b.tmp / "police.pdf"))
    exchange(a, b)
    for e in (a, b):
        record = show(e, cid)
        assert people(record) == [(3, "father"), (4, "grandmother")]
        assert record["breaches"][0]["sections"] == ["child", "person-4"]
        assert [(d["breach"], d["sections"]) for d in record["disclosures"]] == [(1, ["person-4.phone"])]
    out = a.tmp / "again.pdf"
    r = a.cli("share", cid, "--to", POLICE, "--only", "person-3", "--out", str(out))
    assert r.exit_code != 0 and not out.exists()  # the father was never covered
    ok(a, "share", cid, "--to", POLICE, "--only", "person-4", "--out", str(out))


def test_what_a_renumbered_person_provided_stays_theirs_and_the_other_machines_stays_with_the_number(laptops):
    a, b, cid = laptops
    add(a, cid, "father", "--parental-responsibility", "yes")  # person 3 on A
    ok(a, "note", cid, "The father rang about transport.", "--from", "3")
    with clock_moved(LATER):  # (two "person 3 added" in one second would be one event of the united history)
        add(b, cid, "grandmother")  # person 3 on B, who gives things in confidence
        ok(b, "edit", cid, "--from", "3", "--private", "--field", "child.school")
        ok(b, "note", cid, "GRAN-CONFIDENCE: staying with gran.", "--from", "3", "--private")
        ok(b, "person", "add", cid, "--role", "professional", "--name", "Dr Lee", "--organisation", "CAMHS",
           "--from", "3", "--private")  # person 4 on B, whom the grandmother named
        ok(b, "person", "change", cid, "3", "--name", "Ada Example")  # her former name kept for subject access
    exchange(a, b)
    for e in (a, b):
        record = show(e, cid)
        assert people(record) == [(3, "father"), (4, "CAMHS"), (5, "grandmother")]
        assert record["provided"]["fields"]["child.school"]["from_person"] == 5
        assert {n["text"]: n["from_person"] for n in record["notes"]} == {
            "The father rang about transport.": 3, "GRAN-CONFIDENCE: staying with gran.": 5}
        assert [p.get("from_person") for p in record["people"]] == [None, 5, None]
        added = [h["person"] for h in record["history"] if h["event"] == "person-added"]
        assert sorted(added) == [3, 4, 5]
        assert [h["person"] for h in record["history"] if h["event"] == "person-changed"] == [5]
        assert [f["person"] for f in record["former_details"]] == [5]


def test_a_share_made_with_a_renumbered_document_person_and_decision_names_their_new_numbers(laptops):
    a, b, cid = laptops
    decision = [*DECISION, "--to", SCHOOL, "--only", "profile,person-3", "--document", "1"]
    ok(a, "attach", cid, str(write(a.tmp / "plan.pdf", PDF)), "--from", "parent-carer")  # document 1 on A, first
    add(a, cid, "father")
    ok(a, "breach", cid, *decision)
    ok(a, "share", cid, "--to", SCHOOL, "--only", "profile,person-3", "--document", "1", "--out", str(a.tmp / "a.pdf"))
    with clock_moved(LATER):  # B, later: its own document 1, person 3 and decision 1, and a share under them
        ok(b, "attach", cid, str(write(b.tmp / "letter.pdf", REPORT)), "--from", "parent-carer")
        add(b, cid, "aunt")
        ok(b, "breach", cid, *decision)
        ok(b, "share", cid, "--to", SCHOOL, "--only", "profile,person-3", "--document", "1", "--out", str(b.tmp / "b.pdf"))
    exchange(a, b)
    for e in (a, b):
        record = show(e, cid)
        assert [(d["number"], d["title"]) for d in record["documents"]] == [(1, "plan.pdf"), (2, "letter.pdf")]
        assert people(record) == [(3, "father"), (4, "aunt")]
        assert [(d["number"], d["sections"], d["documents"]) for d in record["breaches"]] == [
            (1, ["profile", "person-3"], [1]), (2, ["profile", "person-4"], [2])]
        assert [(d["breach"], d["sections"], d["documents"]) for d in record["disclosures"]] == [
            (1, ["profile", "person-3"], [1]), (2, ["profile", "person-4"], [2])]


def test_an_emails_attachments_follow_it_and_a_detached_documents_number_is_never_anothers(laptops):
    from test_attach_email import eml

    a, b, cid = laptops
    for name in ("one.pdf", "two.pdf", "three.pdf"):  # A, first: documents 1 to 3, then 1 detached
        ok(a, "attach", cid, str(write(a.tmp / name, PDF)))
    ok(a, "detach", cid, "1", "--yes")
    with clock_moved(LATER):  # B, later: an e-mail, its two attachments documents 1 and 2 and itself document 3
        ok(b, "attach", cid, str(write(b.tmp / "message.eml", eml())))
    exchange(a, b)
    for e in (a, b):
        record = show(e, cid)
        # B's 2 and 3 take 4 and 5, in an order of their own (an e-mail and its attachments share one instant)
        [email] = [d["number"] for d in record["documents"] if d["kind"] == "email"]
        assert email in (4, 5) and [(d["number"], d["title"], d.get("email")) for d in record["documents"]] == [
            (1, "draft plan.pdf", email), (2, "two.pdf", None), (3, "three.pdf", None),
            *sorted([(9 - email, "photo.png", email), (email, record["documents"][email - 1]["title"], None)])]
        # A's detach named its own document 1, which is not B's attachment now numbered 1: it names a number
        # of its own, which no document will ever be given
        [removed] = [h["document"] for h in record["history"] if h["event"] == "document-removed"]
        assert removed not in range(1, 6)
    ok(a, "attach", cid, str(write(a.tmp / "four.pdf", PDF)))
    assert max(removed, 5) + 1 in [d["number"] for d in show(a, cid)["documents"]]


def test_a_decision_about_someone_removed_on_one_laptop_never_comes_to_cover_who_the_other_added(laptops):
    a, b, cid = laptops
    add(b, cid, "grandmother")  # person 3 on B: a decision about her, then she is taken out of the case
    ok(b, "breach", cid, *DECISION, "--to", POLICE, "--only", "child,person-3")
    ok(b, "person", "remove", cid, "3")
    add(a, cid, "father", "--parental-responsibility", "yes")  # person 3 on A
    exchange(a, b)
    for e in (a, b):
        record = show(e, cid)
        assert people(record) == [(3, "father")]
        [(child, gone)] = [d["sections"] for d in record["breaches"]]
        assert child == "child" and gone != "person-3"
        assert {h["person"] for h in record["history"] if h["event"] == "person-removed"} == {int(gone[7:])}
    out = a.tmp / "police.pdf"
    r = a.cli("share", cid, "--to", POLICE, "--only", "person-3", "--out", str(out))
    assert r.exit_code != 0 and not out.exists()


# --- the merge itself: a property -----------------------------------------------------------------------------


@st.composite
def _laptop(draw, side: str, base_docs: int, base_people: int) -> dict:
    """What one laptop added since the base: documents, people, notes and breach decisions, each tagged with the
    laptop's name, naming the base's things and its own (never the other laptop's, which it has not seen)."""
    minute = lambda: f"2026-12-05T10:{draw(st.integers(0, 59)):02d}:00Z"  # noqa: E731
    docs = [{"number": base_docs + i + 1, "at": minute(), "by": "Ann", "title": f"{side}-doc"}
            for i in range(draw(st.integers(0, 3)))]
    numbers = list(range(3, 3 + base_people)) + [3 + base_people + i for i in range(draw(st.integers(0, 2)))]
    someone = st.sampled_from(numbers) if numbers else st.none()
    people = [{"number": n, "role": "other-family", "name": f"{side}-person", "from_person": draw(someone)}
              for n in numbers[base_people:]]
    notes = [{"at": minute(), "by": "Ann", "text": f"{side}-note", "from_person": draw(someone)}
             for _ in range(draw(st.integers(0, 2)) if numbers else 0)]
    breaches = []
    for i in range(draw(st.integers(0, 2))):
        named = draw(st.lists(st.sampled_from(range(1, base_docs + len(docs) + 1)), unique=True)) \
            if base_docs + len(docs) else []
        parts = ["child"] + [f"person-{n}" for n in draw(st.lists(someone, unique=True))] if numbers else ["child"]
        breaches.append({"number": i + 1, "at": minute(), "by": "Ann", "account": f"{side}-decision",
                         "sections": parts, **({"documents": named} if named else {})})
    return {"documents": docs, "people": people, "notes": notes, "breaches": breaches}


@settings(max_examples=150, deadline=None)
@given(st.data(), st.integers(0, 2), st.integers(0, 2))
def test_every_reference_names_what_its_own_laptop_meant_after_any_merge(data, base_docs, base_people):
    base = {"id": "K7M3-Q9P2", "status": "open",
            "documents": [{"number": n, "at": "2026-12-01T09:00:00Z", "by": "Ann", "title": f"base-doc{n}"}
                          for n in range(1, base_docs + 1)],
            "people": [{"number": n, "role": "other-family", "name": "base-person"} for n in range(3, 3 + base_people)]}
    added = {side: data.draw(_laptop(side, base_docs, base_people)) for side in ("mine", "theirs")}
    mine, theirs = ({k: base[k] + added[side][k] if k in base else added[side][k] for k in added[side]}
                    for side in ("mine", "theirs"))
    record = merge.merge(base, {**base, **mine}, {**base, **theirs}, lambda c: pytest.fail(c.path)).record
    docs = {d["number"]: d["title"] for d in record.get("documents", [])}
    who = {p["number"]: p["name"] for p in record.get("people", [])}
    for name, one in (("documents", "doc"), ("people", "person"), ("breaches", "decision")):
        assert len(record.get(name, [])) == len(base.get(name, [])) + len(added["mine"][name]) + len(added["theirs"][name])
        assert len({i["number"] for i in record.get(name, [])}) == len(record.get(name, []))  # nothing shares one

    def meant(side: str, tag: str) -> bool:
        return tag.startswith(side) or tag.startswith("base")

    for b in record.get("breaches", []):
        side = b["account"].split("-")[0]
        assert all(meant(side, docs[n]) for n in b.get("documents", []))
        assert all(meant(side, who[int(s[7:])]) for s in b["sections"] if s.startswith("person-"))
    for item in record.get("notes", []) + record.get("people", []):
        if item.get("from_person") is not None:
            assert meant((item.get("text") or item["name"]).split("-")[0], who[item["from_person"]])
