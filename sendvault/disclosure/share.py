"""The gate: nothing about a service user leaves the service without a recorded basis.

``share`` makes a document of the chosen parts of a case for one party, only while
that party holds ``share-information`` consent that counts (``consent.require``:
from 16 the young person's own), or a manager's recorded breach decision
(``record_breach``, R19) names that party and every part asked for. Otherwise it
is refused (exit 5) and nothing is written.

The young person's say (R25): while they refuse that others see their records
(``consent refuse ID see-records``, for everyone or for that party), a parent's
consent is no basis, only the young person's own or a breach decision. And what a
young person of the service's private age or over provided and asked to keep
private (a ``--private`` note, a private detail) goes only with their own consent
to that party, or under a breach decision: a share on a parent's consent leaves it
out, says so to the officer, and records how many were left out.

The document is made in memory (``export``); the output file is written complete
or not at all, protected (a password-protected PDF or an age file) unless
plaintext is asked for in so many words, and never inside the vault. The share is
recorded in the case, under the vault's lock, with the basis it relied on; the
audit trail gets the command, the case id and a count, never the party or any
content.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from .. import platform
from ..records import categories, consent, people, provided
from . import handover, markup, pdf_layout
from . import render as export
from ..basics import schema
from ..basics.errors import Refused, SendvaultError, UsageError
from ..basics.timefmt import instant

OUTPUTS = ("pdf-password", "age", "pdf-plaintext", "markdown-plaintext")
REASONS = ("risk-of-harm", "crime", "threat-to-staff-or-users", "legal-obligation")
ACCOUNT_MAX = 5000
WHY_NOT_MAX = 2000


@dataclass(frozen=True)
class Shared:
    """What ``share`` did: the file written, the password to tell the party (PDF only), the record made."""

    path: Path
    password: str | None
    disclosure: dict
    data: bytes
    withheld: int = 0  # notes and details the young person asked to keep private, left out
    others_withheld: int = 0  # and those anyone else asked to keep private


# --- requests (pure: checked before any key is asked) ------------------------------------


# Parts made of named fields: '--only profile.sen_stage' passes that one field (a school told the SEN
# stage and the primary need, without ethnicity, locality or the service's own support level).
FIELD_SECTIONS = ("first-contact", "caller", "child", "contact-preferences", "profile")


def fields_of(section: str) -> tuple[str, ...]:
    """The fields one may choose of a part made of fields (the case schema's, in its order)."""
    case = schema.load("case")
    node = case["properties"][export.SECTIONS[section]]
    while "$ref" in node:
        node = case["$defs"][node["$ref"].split("/")[-1]]
    return tuple(node["properties"])


def _known(part: str) -> bool:
    section, dot, field = part.partition(".")
    if export.PERSON_PART.fullmatch(section):  # one of the case's people (3 onward): checked against the case
        return not dot or field in export.PERSON_FIELDS
    return part in export.SECTIONS if not dot else section in FIELD_SECTIONS and field in fields_of(section)


def sections_of(only: list[str] | tuple[str, ...] | None) -> list[str]:
    """The parts asked for (comma-separated or repeated; none or 'all' for every one), checked.

    A part is a section ('profile') or one field of a section made of fields ('profile.sen_stage');
    a field of a section also asked for whole is dropped (the section holds it).
    """
    names = [n.strip().lower() for item in (only or ["all"]) for n in item.split(",") if n.strip()]
    if not names or "all" in names:
        return list(export.SECTIONS)
    unknown = [n for n in names if not _known(n)]
    if unknown:
        fields = [n for n in unknown if "." in n]
        if fields and export.PERSON_PART.fullmatch(fields[0].split(".")[0]):
            raise UsageError("--only names a detail a person of the case does not have",
                             hint="a person's details: " + ", ".join(export.PERSON_FIELDS))
        if fields and fields[0].split(".")[0] in FIELD_SECTIONS:
            section = fields[0].split(".")[0]
            raise UsageError(f"--only names a field that {section} does not have",
                             hint=f"the fields of {section}: " + ", ".join(fields_of(section)))
        raise UsageError("--only names a part of a case that does not exist",
                         hint="choose from: " + ", ".join(export.SECTIONS) + " (or all); or one field of "
                              + ", ".join(FIELD_SECTIONS) + ", e.g. profile.sen_stage; or person-3 (a person of the "
                                                            "case by number, or one of their details: person-3.phone)")
    whole = {n for n in names if "." not in n}
    return list(dict.fromkeys(n for n in names if n.split(".")[0] not in whole or "." not in n))


def section_names(parts: list[str] | tuple[str, ...]) -> list[str]:
    """The sections the parts are of, in the document's order (the case's other people after the child)."""
    wanted = {p.split(".")[0] for p in parts}
    people = sorted((w for w in wanted if export.PERSON_PART.fullmatch(w)), key=lambda w: int(w.split("-")[1]))
    out = []
    for s in export.SECTIONS:
        if s in wanted:
            out.append(s)
        if s == "child":
            out += people
    return out


def check_people(record: dict, parts: list[str] | tuple[str, ...], basis: str) -> None:
    """Each person a part names is in the case (3 onward), and did not have their details given in confidence.

    A parent's or relative's own details pass on under a manager's decision only: a consent record names a role
    (parent-carer), never which parent, so the mother's consent cannot release the father's address. A
    professional's work details pass on with the family's consent."""
    for part in parts:
        section = part.split(".")[0]
        if not export.PERSON_PART.fullmatch(section):
            continue
        number = int(section.split("-")[1])
        entry = next((p for p in record.get("people") or () if p["number"] == number), None)
        if entry is None:
            raise UsageError(f"case {record['id']} has no person {number} to share (persons 1 and 2 are the caller "
                             "and child parts)", hint=f"'sendvault show {record['id']}' lists the case's people")
        if entry.get("private"):
            raise Refused(f"case {record['id']}: person {number}'s details were given in confidence and are not "
                          "passed on")
        if basis == "consent" and entry["role"] != "professional":
            raise Refused(f"case {record['id']}: person {number}'s own details pass on only under a manager's decision "
                          "naming them: a consent record says a parent or carer agreed, not which one",
                          hint="pass on the caller's or child's details with consent, or record a breach decision "
                               f"for {section}")


def covered(part: str, granted: list[str] | tuple[str, ...]) -> bool:
    """Whether ``granted`` (a breach decision's parts) covers ``part``: itself, or its whole section."""
    return part in granted or part.split(".")[0] in granted


def narrowed(record: dict, parts: list[str] | tuple[str, ...]) -> dict:
    """``record`` with each section asked for by field holding those fields only."""
    chosen: dict[str, list[str]] = {}
    for part in parts:
        section, dot, field = part.partition(".")
        if dot:
            chosen.setdefault(section, []).append(field)
    if not chosen:
        return record
    out = dict(record)
    whole = {p for p in parts if "." not in p}
    for section, fields in chosen.items():
        if export.PERSON_PART.fullmatch(section):
            if section in whole:
                continue
            number = int(section.split("-")[1])
            out["people"] = [{k: v for k, v in p.items() if k in ("number", "role", "relationship", *fields)}
                             if p["number"] == number else p for p in out.get("people") or ()]
            continue
        key = export.SECTIONS[section]
        held = record.get(key) or {}
        out[key] = {f: held[f] for f in fields if f in held}
    return out


def output_kind(out: str | os.PathLike, recipients: list[str] | None, plaintext: bool, password: str | None) -> str:
    """Which form the share takes: an age file (recipients), an unprotected file (plaintext), else a protected PDF."""
    if recipients and plaintext:
        raise UsageError("--recipient and --plaintext do not go together")
    if recipients and password is not None:
        raise UsageError("--recipient and a password do not go together: the age file needs no password")
    if plaintext and password is not None:
        raise UsageError("--plaintext writes no password")
    if recipients:
        return "age"
    if plaintext:
        return "markdown-plaintext" if str(out).lower().endswith((".md", ".markdown", ".txt")) else "pdf-plaintext"
    return "pdf-password"


def check_party(party: str) -> str:
    party = " ".join((party or "").split())
    if not 1 <= len(party) <= 200:
        raise UsageError("--to is 1 to 200 characters: the organisation or role, e.g. \"local authority SEN team\"")
    return party


def check_breach_request(reason: str, told_parent: str, why_not: str | None, account: str) -> bool:
    """Usage checks for ``breach``; returns told_parent as a bool."""
    if reason not in REASONS:
        raise UsageError("--reason is not a category of exception", hint="one of: " + ", ".join(REASONS))
    told = {"yes": True, "no": False}.get((told_parent or "").strip().lower())
    if told is None:
        raise UsageError("--told-parent must be yes or no")
    if not told and not (why_not or "").strip():
        raise UsageError("--told-parent no needs --why-not: why the parent was not told")
    if told and why_not:
        raise UsageError("--why-not goes with --told-parent no")
    if why_not and len(why_not.strip()) > WHY_NOT_MAX:
        raise UsageError(f"--why-not is at most {WHY_NOT_MAX} characters")
    if not (account or "").strip():
        raise UsageError("the account is empty: say what happened and why the exception applies")
    if len(account.strip()) > ACCOUNT_MAX:
        raise UsageError(f"the account is at most {ACCOUNT_MAX} characters")
    return told


def outside_vault(vault, out: str | os.PathLike) -> Path:
    """``out``, refused if it would land inside the vault (a plaintext or a copy there would travel with it)."""
    target = Path(out).expanduser()
    where = (target.parent if str(target.parent) else Path(".")).resolve() / target.name
    root = Path(vault.root).resolve()
    if where == root or root in where.parents:
        raise Refused("the output file would be inside the vault", hint="write it somewhere outside the vault's folder")
    return target


# --- what the case says (pure) -------------------------------------------------------------


def breaches(record: dict) -> list[dict]:
    return list(record.get("breaches") or ())


def breach_covering(record: dict, party: str, sections: list[str], documents: list[int] | tuple = ()) -> dict | None:
    """The latest breach decision that names ``party``, every one of ``sections`` and every one of ``documents``
    (by number: a decision covers a document only where it names it), or None."""
    wanted = consent.party_key(party)
    for b in reversed(breaches(record)):
        if consent.party_key(b["to"]) == wanted and all(covered(p, b["sections"]) for p in sections) \
                and set(documents) <= set(b.get("documents") or ()):
            return b
    return None


def beyond_consent(record: dict, numbers: list[int] | tuple, grant: dict, on: dt.date, config: dict) -> list[int]:
    """The documents of ``numbers`` that ``grant`` (a share-information consent) cannot release: those someone
    asked to keep private that their consent does not release (``released_by_consent``)."""
    by_number = {d["number"]: d for d in record.get("documents") or ()}
    return [n for n in numbers if n in by_number and not released_by_consent(
        record, by_number[n].get("from") or "officer", bool(by_number[n].get("private")), grant["given_by"], on, config)]


def basis_for(record: dict, party: str, sections: list[str], on: dt.date, config: dict,
              documents: list[int] | tuple = ()) -> tuple[export.Basis, dict]:
    """The basis a share to ``party`` of ``sections`` (and ``documents``) stands on, and what the disclosure
    cites; or ``Refused``."""
    grant = consent.covering(record, "share-information", party, on, config)
    refusal = consent.refusal_covering(record, party)
    if grant and refusal and grant["given_by"] != "young-person":
        grant = _young_persons_grant(record, party)
        if grant is None and breach_covering(record, party, sections, documents) is None:
            raise Refused(f"case {record['id']}: the young person has refused that others see their records, "
                          "so a parent's consent does not cover this share",
                          hint="only the young person's own share-information consent to that party "
                               "(--by young-person) or a manager's breach decision can")
    if grant and documents and beyond_consent(record, documents, grant, on, config) \
            and breach_covering(record, party, sections, documents):
        grant = None  # a document the consent cannot release, named by a manager's decision: the share stands on that
    if grant:
        cited = {"at": grant["at"], "given_by": grant["given_by"], "date": grant["date"]}
        if grant.get("method"):
            cited["method"] = grant["method"]
        basis = export.Basis("consent", given_by=grant["given_by"], method=grant.get("method"),
                             given_on=dt.date.fromisoformat(grant["date"]))
        return basis, {"basis": "consent", "consent": cited, "party": grant.get("party") or party}
    decision = breach_covering(record, party, sections, documents)
    if decision:
        basis = export.Basis("breach", reason=decision["reason"], approved_by=decision["approved_by"],
                             given_on=dt.date.fromisoformat(decision["date"]))
        return basis, {"basis": "breach", "breach": decision["number"], "party": decision["to"]}
    partial = [b for b in breaches(record) if consent.party_key(b["to"]) == consent.party_key(party)]
    if partial:
        b = partial[-1]
        named = b.get("documents") or ()
        asked = "part and document" if documents else "part"
        raise Refused(f"case {record['id']}: breach decision {b['number']} does not cover every {asked} asked for, "
                      "and there is no share-information consent for that party",
                      hint="it covers only: " + ", ".join(b["sections"]) + " (use --only)"
                           + ("; documents " + ", ".join(map(str, named)) if named else "; no documents"))
    consent.require(record, "share-information", party, on, config)  # raises, naming what is missing
    raise Refused("no basis for this share")  # pragma: no cover - require raised


def _young_persons_grant(record: dict, party: str) -> dict | None:
    wanted = consent.party_key(party)
    for event in reversed(consent.current(record)):
        if event["scope"] == "share-information" and event["given_by"] == "young-person" \
                and consent.party_key(event.get("party")) == wanted:
            return event
    return None


def released_by_consent(record: dict, who: str, private: bool, giver: str, on: dt.date, config: dict) -> bool:
    """Whether a share on ``giver``'s consent may pass on something ``who`` provided (``private``: asked that it
    not be shared). What is not private, yes. A young person's confidence: with their own consent, or below the
    private age (a parent decides for the child, as subject access does). A parent's or carer's confidence: with
    their own consent where the case has one parent or carer (a consent names a role, not which of two). Anyone
    else's (a professional's, a relative's): never on a family's consent; only a manager's breach decision."""
    if not private:
        return True
    if who == "young-person":
        return giver == "young-person" or consent.age_of(record, on, consent.private_age(config)) == "under"
    if who == giver == "parent-carer":
        return len([p for p in people.everyone(record) if people.provider_role(p) == who]) <= 1
    return False


def without_private(record: dict, sections: list[str], cites: dict, on: dt.date,
                    config: dict) -> tuple[dict, int, int]:
    """``record`` without what anyone asked to keep private that this share's basis does not release
    (``released_by_consent``); a manager's breach decision releases it all (an exception to confidentiality
    overrides it). Returns the record to render and how many notes and details of the parts shared were left
    out: the young person's, and everyone else's."""
    if cites["basis"] != "consent":
        return record, 0, 0
    giver = cites["consent"]["given_by"]
    keys = {export.SECTIONS.get(s) for s in section_names(sections)}  # a person part (person-3): refused if private
    out = copy.deepcopy(record)
    left = {True: 0, False: 0}  # by whether the young person gave it
    for path in provided.paths(record):
        who, private = provided.source(record, path)
        if path.split(".")[0] in keys and not released_by_consent(record, who, private, giver, on, config):
            *parents, last = path.split(".")
            node = out
            for part in parents:
                node = node[part]
            del node[last]
            left[who == "young-person"] += 1
    notes = []
    for n in record.get("notes") or ():
        who = n.get("from") or "officer"
        if released_by_consent(record, who, bool(n.get("private")), giver, on, config):
            notes.append(n)
        elif "notes" in keys:
            left[who == "young-person"] += 1
    out["notes"] = notes
    return out, left[True], left[False]


def without_hidden_breaches(record: dict, cites: dict) -> dict:
    """``record`` without what was shared under a breach decision the parent was not told of (R19), as a
    subject-access copy leaves it out: a share on the family's consent, to a party who may speak to the parent,
    must not tell it. A share under that decision itself keeps it (the party took part in it)."""
    hidden = {b["number"] for b in record.get("breaches") or () if not b.get("told_parent", True)}
    hidden.discard(cites.get("breach"))
    if not hidden:
        return record
    return {**record, "disclosures": [d for d in record.get("disclosures") or () if d.get("breach") not in hidden]}


# --- changes -------------------------------------------------------------------------------


class _Signalled(BaseException):
    """SIGTERM or SIGHUP while the share is made: unwind so no partial file stays."""


@contextlib.contextmanager
def unwind_on_signals():
    def handler(signum, frame):
        raise _Signalled(signum)

    try:
        old = platform.on_hangup_or_term(handler)
    except ValueError:  # not the main thread: leave the handlers as they are
        old = {}
    try:
        yield
    except _Signalled:
        raise SendvaultError("stopped by a signal; no file was written and nothing was recorded") from None
    finally:
        platform.restore_signal_handlers(old)


def chosen_documents(record: dict, numbers: list[int], cites: dict, on: dt.date, config: dict) -> list[dict]:
    """The documents asked for, on the share's basis: under a breach decision, those it names (``basis_for``
    chose it for them); under consent, all but what a young person provided and asked to keep private, which
    needs their own consent to the party or a manager's decision naming the document."""
    from ..records import documents

    chosen = [documents.find(record, n) for n in dict.fromkeys(numbers)]
    if cites["basis"] == "breach":
        return chosen  # basis_for took the decision because it names every one of them
    blocked = beyond_consent(record, [d["number"] for d in chosen], cites["consent"], on, config)
    if blocked:
        if (documents.find(record, blocked[0]).get("from") or "officer") == "young-person":
            raise Refused(f"case {record['id']}: document {blocked[0]} was provided by the young person, who asked "
                          "that it not be shared", hint="it needs the young person's own share-information consent to "
                                                        "that party (--by young-person), or a manager's breach "
                                                        "decision naming it (--document)")
        raise Refused(f"case {record['id']}: document {blocked[0]} was given in confidence, and this consent does not "
                      "release it", hint="only a manager's breach decision naming it (--document) can")
    return chosen


def share(vault, cid: str, party: str, sections: list[str], out: str | os.PathLike, *, output: str = "pdf-password",
          recipients: list[str] | None = None, password: str | None = None, overwrite: bool = False,
          documents: list[int] = ()) -> Shared:
    """Make and write the share, and record it in the case; refused (exit 5) without a basis.

    ``documents``: numbers of the case's documents passed on too, as the PDF's file attachments (inside the
    age file for ``age``)."""
    from ..records import documents as case_documents

    party = check_party(party)
    if output not in OUTPUTS:
        raise UsageError(f"unknown output: {output}")
    if documents and output == "markdown-plaintext":
        raise UsageError("documents go inside a PDF or an age file, not a Markdown file")
    target = outside_vault(vault, out)
    today = vault.today()
    made: dict = {}

    def change(record: dict) -> None:
        made.clear()
        basis, cites = basis_for(record, party, sections, today, vault.config, list(dict.fromkeys(documents)))
        check_people(record, sections, cites["basis"])
        attached = tuple((case_documents.file_name(d), f"Document {d['number']}", case_documents.content(vault, cid, d))
                         for d in chosen_documents(record, list(documents), cites, today, vault.config))
        shown, left_out, others_left_out = without_private(without_hidden_breaches(record, cites), sections, cites,
                                                           today, vault.config)
        # The party as the officer typed it for this share (spaces tidied), not the form the consent or the
        # decision recorded it in: the recipient's name as the officer writes it to them.
        doc = export.render(narrowed(shown, sections), section_names(sections),
                            service=vault.config.get("service", "sendvault"), basis=basis,
                            recipient_party=party, made_by=vault.officer.name, made_on=today,
                            contact=export.contact_of(vault.config.get("service_details") or {}),
                            lists=categories.described(vault.config))
        secret = None
        if output == "pdf-password":
            secret = password or handover.new_password()
            data = pdf_layout.to_pdf(doc, secret, attached)
        elif output == "age":
            data = handover.to_age(pdf_layout.to_unprotected_pdf(doc, attached), list(recipients or ()))
        elif output == "pdf-plaintext":
            data = pdf_layout.to_unprotected_pdf(doc, attached)
        else:
            data = markup.to_markdown(doc).encode("utf-8")
        # The record names the party as the consent or decision relied on does: one party, one name, in the case.
        entry = {"at": instant(vault.now()), "by": vault.officer.name, "to": cites["party"], "basis": cites["basis"],
                 "sections": list(sections), "output": output}
        entry.update({k: cites[k] for k in ("consent", "breach") if k in cites})
        if left_out + others_left_out:
            entry["withheld"] = left_out + others_left_out
        if attached:
            entry["documents"] = list(dict.fromkeys(documents))
        path = handover.write_output(target, data, plaintext=output.endswith("plaintext"), overwrite=overwrite)
        made.update(path=path, password=secret, entry=entry, data=data, withheld=(left_out, others_left_out))
        record.setdefault("disclosures", []).append(entry)

    with unwind_on_signals():
        try:
            vault.update_case(cid, change, "share",
                              detail=lambda: f"{made['entry']['basis']}, {len(sections)} part(s), {output}"
                              + (f", documents {', '.join(map(str, made['entry']['documents']))}"
                                 if made["entry"].get("documents") else ""))
        except Refused:
            vault.audit("share refused", cid)
            raise
        except BaseException:
            if "path" in made:  # written, but the case could not record it: take the file back
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(made["path"])
            raise
    return Shared(made["path"], made["password"], made["entry"], made["data"], *made["withheld"])


def record_breach(vault, cid: str, *, reason: str, approved_by: str, told_parent: bool, why_not: str | None,
                  party: str, sections: list[str], account: str, date: dt.date | None = None,
                  documents: list[int] | tuple = ()) -> dict:
    """Record a manager's decision to pass information on without consent (R19); returns it.

    Only a manager's identity can record it; an officer's attempt is refused and
    audited. ``approved_by`` must be a current manager of the vault.
    """
    party = check_party(party)
    if vault.officer is None or vault.officer.role != "manager":
        vault.audit("breach refused", cid)
        raise Refused("only a manager can record a breach of confidentiality",
                      hint="ask a manager to record the decision with 'sendvault breach'")
    managers = {o.name.casefold(): o.name for o in vault.active_officers() if o.role == "manager"}
    decider = managers.get(" ".join((approved_by or "").split()).casefold())
    if decider is None:
        raise Refused("--approved-by must name a current manager of this vault",
                      hint="'sendvault officer list' shows the managers")
    today = vault.today()
    date = date or today
    if date > today:
        raise UsageError("the decision's date is in the future")
    recorded: dict = {}

    def change(record: dict) -> None:
        number = max((b["number"] for b in breaches(record)), default=0) + 1
        entry = {"number": number, "at": instant(vault.now()), "by": vault.officer.name, "date": date.isoformat(),
                 "reason": reason, "account": account.strip(), "approved_by": decider, "told_parent": told_parent,
                 "to": party, "sections": list(sections)}
        if not told_parent:
            entry["why_not_told"] = " ".join(why_not.split())
        if documents:
            from ..records import documents as case_documents

            for n in documents:
                case_documents.find(record, n)  # an unknown number is refused, not recorded
            entry["documents"] = list(dict.fromkeys(documents))
        recorded.clear()
        recorded.update(entry)
        record.setdefault("breaches", []).append(entry)

    vault.update_case(cid, change, "breach")
    return recorded
