"""What a review of subject access and sharing with several people in a case found (each test failed before its
fix): a consent naming one parent given to the other, a removed person's documents, another parent's consents,
the first contact of someone else's call, names the case records left in notes, confidences passed on a family's
consent, and an exception to confidentiality told through an ordinary share."""

from __future__ import annotations

import json
from email.message import EmailMessage
from pathlib import Path

from conftest import SAMPLE_CASE, Env, make_case
from test_consent import young_person_case
from test_people import DAD
from test_sar import copy_text, ok, out  # noqa: F401 (out is a fixture)

SCHOOL = "Thistlecombe Primary School"
REFUGE = "Riverside Womens Refuge"


def with_father(env: Env, case: dict, pr: str = "yes", **extra: str) -> str:
    cid = make_case(env, case)
    args = [a for k, v in extra.items() for a in (f"--{k}", v)]
    ok(env, "person", "add", cid, "--role", "parent-carer", "--relationship", "father", "--parental-responsibility", pr,
       "--name", DAD["name"], "--phone", DAD["phone"], *args)
    return cid


def notes_in(text: str) -> str:
    return " ".join(e.get("text", "") for s in json.loads(text)["sections"] if s["name"] == "notes"
                    for e in s.get("entries", ()))


def test_a_young_persons_consent_to_mum_is_not_the_fathers(env: Env, out: Path):
    cid = with_father(env, young_person_case(17))
    ok(env, "note", cid, "Worried about college; fine for mum to know", "--from", "young-person")
    ok(env, "consent", "grant", cid, "share-information", "--party", "mum", "--by", "young-person")
    ok(env, "sar", "request", cid, "--for", "3")
    r = env.cli("sar", cid, "--for", "3", "--out", str(out / "dad.json"), "--format", "json", "--plaintext")
    assert r.exit_code == 5 and not (out / "dad.json").exists()  # nothing of his own: the reply that says nothing
    mum = copy_text(env, cid, "1", out)  # the mother (who rang, no relationship recorded beside "father") has it
    assert SAMPLE_CASE["child"]["name"] in mum and "fine for mum to know" in mum
    ok(env, "consent", "grant", cid, "share-information", "--party", "parents", "--by", "young-person")
    assert SAMPLE_CASE["child"]["name"] in copy_text(env, cid, "3", out)  # both parents now


def test_what_a_removed_person_gave_stays_out_of_another_requesters_copy(env: Env, out: Path):
    cid = with_father(env, SAMPLE_CASE, email=DAD["email"], address=DAD["address"], postcode=DAD["postcode"])
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = f"Kofi <{DAD['email']}>", "help@sendiass.example", "My new flat"
    m.set_content(f"My new address is {DAD['address']} {DAD['postcode']}. Please don't tell Jane.")
    m.add_attachment(b"%PDF-1.4\n% tenancy\n%%EOF\n", maintype="application", subtype="pdf", filename="tenancy.pdf")
    mail = env.tmp / "dad.eml"
    mail.write_bytes(bytes(m))
    assert "recorded as from person 3" in ok(env, "attach", cid, str(mail)).stderr
    ok(env, "person", "remove", cid, "3")
    text = copy_text(env, cid, "1", out)
    for word in ("Elm Row", "Taunton", DAD["postcode"], "don't tell Jane", "tenancy", "My new flat"):
        assert word not in text, word
    assert "Documents given by someone no longer part of the case" in text
    assert "Notes given by someone no longer part of the case" in text


def test_another_parents_consents_and_what_was_shared_on_them_stay_out(env: Env, out: Path):
    cid = with_father(env, young_person_case(12))
    ok(env, "note", cid, "Dad wants to see the plan", "--from", "3")
    ok(env, "consent", "grant", cid, "share-information", "--party", REFUGE, "--by", "parent-carer", "--note",
       "Mum moving to the refuge with Sam")
    ok(env, "share", cid, "--to", REFUGE, "--only", "profile", "--out", str(out / "refuge.pdf"))
    for text in (copy_text(env, cid, "3", out), copy_text(env, cid, "3", out, "md")):
        assert "Riverside" not in text and "moving to the refuge" not in text
        assert "Consents another parent or carer gave" in text
    # Without parental responsibility: his own information only, and not the mother's call either.
    other = with_father(env, young_person_case(12), pr="no")
    ok(env, "note", other, "Dad wants to see the plan", "--from", "3")
    ok(env, "consent", "grant", other, "share-information", "--party", REFUGE, "--by", "parent-carer")
    text = copy_text(env, other, "3", out)
    assert "Riverside" not in text and "first-contact" not in [s["name"] for s in json.loads(text)["sections"]]
    # A consent names a role, not which parent: with two parents it is neither one's own, so not in hers either.
    assert "Consents another parent or carer gave" in copy_text(env, cid, "1", out)
    single = make_case(env, young_person_case(12))
    ok(env, "consent", "grant", single, "share-information", "--party", REFUGE, "--by", "parent-carer")
    assert REFUGE in copy_text(env, single, "1", out)  # the one parent's own, in her copy


def test_names_and_organisations_the_case_records_are_taken_out_of_notes(env: Env, out: Path):
    cid = make_case(env, young_person_case(15))
    ok(env, "person", "add", cid, "--role", "other-family", "--relationship", "boyfriend", "--name", "Tayo Ogunleye",
       "--from", "2", "--private")
    ok(env, "person", "add", cid, "--role", "professional", "--name", "Nkechi Adebayo-Whitfield",
       "--organisation", "Brook Clinic", "--job", "nurse", "--from", "2", "--private")
    ok(env, "note", cid, "Tayo Ogunleye collects Sam; Sam sees Nkechi Adebayo-Whitfield at Brook Clinic weekly.")
    ok(env, "note", cid, "Spoke to Tayo about transport. Nkechi called back.")
    notes = notes_in(copy_text(env, cid, "1", out))
    for word in ("Tayo", "Ogunleye", "Nkechi", "Adebayo", "Brook Clinic"):
        assert word not in notes, word
    assert "Sam" in notes and "collects" in notes  # the child's name and the rest of the note stay


def test_a_share_on_a_familys_consent_passes_no_one_elses_confidence(env: Env, out: Path):
    cid = with_father(env, young_person_case(12))
    ok(env, "person", "add", cid, "--role", "professional", "--name", "Ade Okafor", "--organisation", "Riverside Academy")
    ok(env, "note", cid, "DADCONFIDENCE his new partner", "--from", "3", "--private")
    ok(env, "note", cid, "SENCOCONFIDENCE staffing", "--from", "4", "--private")
    ok(env, "note", cid, "OPENNOTE about the plan")
    (env.tmp / "d.pdf").write_bytes(b"%PDF-1.4\n% his\n%%EOF\n")
    ok(env, "attach", cid, str(env.tmp / "d.pdf"), "--from", "3", "--private")
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL, "--by", "parent-carer")
    r = env.cli("share", cid, "--to", SCHOOL, "--only", "notes", "--document", "1", "--out", str(out / "x.pdf"))
    assert r.exit_code == 5 and "given in confidence" in r.stderr and not (out / "x.pdf").exists()
    r = ok(env, "share", cid, "--to", SCHOOL, "--only", "notes", "--plaintext", "--out", str(out / "s.md"))
    text = (out / "s.md").read_text(encoding="utf-8")
    assert "OPENNOTE" in text and "DADCONFIDENCE" not in text and "SENCOCONFIDENCE" not in text
    assert "2 note(s) or detail(s) a parent, carer or professional asked to keep private were left out" in r.stderr
    assert json.loads(ok(env, "show", cid, "--json").stdout)["disclosures"][-1]["withheld"] == 2


def test_a_parents_own_confidence_passes_on_their_consent_where_they_are_the_one_parent(env: Env, out: Path):
    cid = make_case(env, young_person_case(12))
    ok(env, "note", cid, "MUMCONFIDENCE about money", "--from", "parent-carer", "--private")
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL, "--by", "parent-carer")
    ok(env, "share", cid, "--to", SCHOOL, "--only", "notes", "--plaintext", "--out", str(out / "s.md"))
    assert "MUMCONFIDENCE" in (out / "s.md").read_text(encoding="utf-8")


def test_an_ordinary_share_does_not_tell_an_exception_the_parent_was_not_told_of(env: Env, out: Path):
    cid = make_case(env)
    ok(env, "breach", cid, "--reason", "risk-of-harm", "--approved-by", "Ann", "--told-parent", "no", "--why-not",
       "it would put the child at risk", "--to", "Childrens Social Care", "--only", "child", "--account", "Harm.")
    ok(env, "share", cid, "--to", "Childrens Social Care", "--only", "child", "--out", str(out / "csc.pdf"))
    ok(env, "consent", "grant", cid, "share-information", "--party", SCHOOL, "--by", "parent-carer")
    ok(env, "share", cid, "--to", SCHOOL, "--plaintext", "--out", str(out / "school.md"))
    text = (out / "school.md").read_text(encoding="utf-8")
    assert "Childrens Social Care" not in text and "breach" not in text.lower()


def test_an_old_address_or_name_stays_out_after_the_person_changes_or_goes(env: Env, out: Path):
    """What a person was recorded as before ``person change`` or ``person remove`` is remembered for redaction only:
    a note that still quotes the old address is redacted in another requester's copy; the memory goes with the
    personal details when consent to keep them is withdrawn, and never into an export."""
    cid = with_father(env, SAMPLE_CASE, address="The Old Forge, Bishops Lydeard", postcode="TA4 3AA")
    ok(env, "note", cid, "Father now lives at The Old Forge, Bishops Lydeard TA4 3AA.", "--from", "3")
    ok(env, "person", "change", cid, "3", "--address", "9 Harbour View, Minehead", "--postcode", "TA24 5BB")
    notes = notes_in(copy_text(env, cid, "1", out))
    assert "Old Forge" not in notes and "Bishops Lydeard" not in notes and "Father now lives at" in notes
    remembered = json.loads(ok(env, "show", cid, "--json").stdout)["former_details"]
    assert [(f["person"], f["details"]) for f in remembered] == \
        [(3, {"address": "The Old Forge, Bishops Lydeard", "postcode": "TA4 3AA"})]
    other = make_case(env)
    ok(env, "person", "add", other, "--role", "other-family", "--name", "Tayo Ogunleye", "--relationship", "uncle")
    ok(env, "note", other, "Tayo Ogunleye will drive.")
    ok(env, "person", "remove", other, "3")
    assert "Tayo" not in notes_in(copy_text(env, other, "1", out))
    ok(env, "export", cid, "--out", str(out / "exp"), "--plaintext")
    exported = json.loads((out / "exp" / "cases" / f"{cid}.json").read_text(encoding="utf-8-sig"))
    assert "former_details" not in exported["case"] and exported["case"]["people"][0]["postcode"] == "TA24 5BB"
    ok(env, "consent", "withdraw", cid, "store-personal-details")
    assert "former_details" not in json.loads(ok(env, "show", cid, "--json").stdout)
