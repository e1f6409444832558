"""Consent as a history: grants and withdrawals, the current state derived, never stored.

Each case keeps its consent events in order (``consents``), never rewritten; a
withdrawal takes effect from then on and the grant before it stays in the history.
Intake's own answers (permission to record personal details, a referral's
permission) are read as the first events, so cases opened before this module read
the same way as new ones.

Whose consent counts: from the age the service sets (default 16) a young person's
information needs their own consent; a parent's does not cover it. Parties are
organisations or roles, matched whatever their letter case, accents and spacing;
a near miss is refused, never guessed.

A young person's refusal (R25): from the service's private age
(``[subject_access] private_age``, default 12) a young person may refuse that
others, parents included, see their records (``see-records``, recorded with
``refuse``; no party: everyone outside the service). While it is in force a
parent's subject-access copy holds the parent's own information only, and a share
needs the young person's own consent or a manager's breach decision. Withdrawing
it (``withdraw``) lifts it from then on; the history keeps both.
"""

from __future__ import annotations

import datetime as dt

from . import intake, provided
from ..basics.errors import InvalidRecord, Refused, SendvaultError, UsageError
from .history import record_event
from ..basics.timefmt import instant

SCOPES = ("store-personal-details", "referral", "contact-professional", "access-records", "share-information",
          "mailing-list", "quotes", "photographs", "act-on-behalf", "see-records")
PARTY_SCOPES = ("contact-professional", "access-records", "share-information")
REFUSABLE = ("see-records",)  # refused by the young person, never granted: others see records unless they refuse
OPTIONAL_PARTY = ("see-records",)  # no party: the refusal covers everyone outside the service
PRIVATE_AGE = 12
# The parties that mean the young person's parents (a refusal or a consent naming them).
PARENT_PARTIES = ("parent-carer", "parent", "parents", "parent or carer", "parents or carers", "the parent",
                  "the parents", "the parent or carer", "mother", "father", "mum", "dad", "carer", "carers")
GIVERS = ("parent-carer", "young-person")
METHODS = ("verbal", "written")
WRITTEN_ONLY = ("photographs",)
OWN_CONSENT_AGE = 16
REVIEW_SOON_DAYS = 30
IDENTIFYING = intake.IDENTIFYING_SECTIONS


def party_key(party: str | None) -> str:
    """The form parties are compared in: letter case, accents and spacing do not matter."""
    return " ".join(intake.fold(party or "").split())


# --- the history and what it says now (pure) -----------------------------------------


def history(record: dict) -> list[dict]:
    """Every consent event of the case, oldest first; intake's answers come first, marked ``source = intake``."""
    contact = record.get("contact") or {}
    first: list[dict] = []
    permission = contact.get("referral_permission")
    if permission:
        first.append({"at": record["created"], "by": record["created_by"], "action": "grant", "scope": "referral",
                      "party": contact.get("referrer", "the referrer"), "date": permission["date"],
                      "given_by": permission["given_by"], "method": permission["method"], "source": "intake"})
    if record.get("record_personal_details") is True and not record.get("anonymous") and record.get("kind") == "case":
        giver = "young-person" if contact.get("caller") in ("young-person", "child") else (
            permission["given_by"] if permission else "parent-carer")
        written = contact.get("channel") in ("email", "letter", "web-form")
        first.append({"at": record["created"], "by": record["created_by"], "action": "grant",
                      "scope": "store-personal-details", "date": contact["date"], "given_by": giver,
                      "method": "written" if written else "verbal", "source": "intake"})
    return first + list(record.get("consents") or ())


def _last_events(record: dict) -> list[dict]:
    last: dict[tuple, dict] = {}
    for event in history(record):
        last[(event["scope"], party_key(event.get("party")), event["given_by"])] = event
    return list(last.values())


def current(record: dict) -> list[dict]:
    """The grants in force now: for each scope, party and giver, the last event if it is a grant."""
    return [e for e in _last_events(record) if e["action"] == "grant"]


def refusals(record: dict) -> list[dict]:
    """The young person's refusals in force now (the last event of their scope and party is a refusal)."""
    return [e for e in _last_events(record) if e["action"] == "refuse"]


def is_parent_party(party: str | None) -> bool:
    return party_key(party) in {party_key(p) for p in PARENT_PARTIES}


def refusal_covering(record: dict, party: str | None) -> dict | None:
    """The young person's refusal in force that keeps their records from ``party`` (None: from a parent), or None."""
    for event in refusals(record):
        named = event.get("party")
        if named is None or (is_parent_party(named) if party is None else party_key(named) == party_key(party)):
            return event
    return None


def private_age(config: dict) -> int:
    """From this age what a young person asks to keep private is kept from their parents (``[subject_access]``)."""
    return (config.get("subject_access") or {}).get("private_age", PRIVATE_AGE)


def age_of(record: dict, on: dt.date, threshold: int) -> str:
    """'over' if the young person is ``threshold`` or older on ``on``, 'under', or 'unknown'."""
    dob = (record.get("child") or {}).get("date_of_birth")
    if dob:
        return "over" if intake.age_on(dob, on.isoformat()) >= threshold else "under"
    band = (record.get("profile") or {}).get("age_band")
    recorded = (record.get("contact") or {}).get("date")
    years = 0
    if recorded:  # the band was true on the day of first contact; they have grown since
        first = dt.date.fromisoformat(recorded)
        years = max(0, on.year - first.year - ((on.month, on.day) < (first.month, first.day)))
    for name, low, high in intake.AGE_BANDS:
        if band == name:
            # Somewhere in [low + years, high + years + 1) on ``on``.
            return "over" if low + years >= threshold else "under" if high + years + 1 < threshold else "unknown"
    return "unknown"


def own_consent_age(config: dict) -> int:
    return (config.get("consent") or {}).get("own_consent_age", OWN_CONSENT_AGE)


def whose(record: dict, on: dt.date, config: dict) -> tuple[str, ...]:
    """Whose consent covers this case's information on ``on``.

    From the service's age a young person's own consent is needed; when their age
    is not known and could be over it, theirs is asked for too (the safe side).
    """
    return ("young-person",) if age_of(record, on, own_consent_age(config)) != "under" and _about_a_young_person(record) \
        else GIVERS


def _about_a_young_person(record: dict) -> bool:
    return bool(record.get("child") or (record.get("profile") or {}).get("age_band"))


def covering(record: dict, scope: str, party: str | None, on: dt.date, config: dict) -> dict | None:
    """The grant in force that covers ``scope`` (for ``party``) on ``on``, or None."""
    wanted = party_key(party)
    givers = whose(record, on, config)
    for event in reversed(current(record)):
        if event["scope"] == scope and event["given_by"] in givers and (scope not in PARTY_SCOPES or party_key(event.get("party")) == wanted):
            return event
    return None


def require(record: dict, scope: str, party: str | None, on: dt.date, config: dict) -> dict:
    """The grant that covers the action, or ``Refused`` saying what consent is missing (exit 5)."""
    found = covering(record, scope, party, on, config)
    if found:
        return found
    givers = whose(record, on, config)
    held = sorted({e["party"] for e in current(record) if e["scope"] == scope and e.get("party") and e["given_by"] in givers})
    who = "consent of the young person's own" if givers == ("young-person",) else "recorded consent"
    # The parties are values of the record: an error line goes to cron mail, logs and scripts' captured stderr,
    # so it only says how many there are and where the officer can see them (threat-model.md).
    hint = (f"{scope} consent is recorded for {len(held)} other {'party' if len(held) == 1 else 'parties'} (the party "
            f"must match one as recorded): 'sendvault consent show {record['id']}' lists them" if held
            else f"record it first: sendvault consent grant {record['id']} {scope}" + (" --party ..." if scope in PARTY_SCOPES else ""))
    wanted = party_key(party)
    if givers == ("young-person",) and any(e["scope"] == scope and e["given_by"] == "parent-carer"
                                           and party_key(e.get("party")) == wanted for e in current(record)):
        # A parent's consent to this party, given while the young person was younger: say why it no longer counts
        # (not when the young person's own consent names another party: the count of parties says that).
        hint = "the young person is old enough that a parent's consent does not cover their information; record theirs"
    said = f"case {record['id']} has no {who} to {scope}" + (" for that party" if scope in PARTY_SCOPES else "")
    gone = withdrawn(record, scope, party, givers)
    if gone is not None:
        # Who withdrew it (a kind of person) and when: never the party's name (a value of the record).
        said += f": {_GIVER_WORDS.get(gone['given_by'], gone['given_by'])} withdrew it on {gone['date']}"
        hint = (f"share only if consent is given again and recorded ('sendvault consent grant'); "
                f"'sendvault consent show {record['id']}' shows the history")
    raise Refused(said, hint=hint)


_GIVER_WORDS = {"parent-carer": "the parent or carer", "young-person": "the young person"}


def withdrawn(record: dict, scope: str, party: str | None, givers: tuple[str, ...] = GIVERS) -> dict | None:
    """The latest withdrawal that is still the last word on ``scope`` (for ``party``) from one of ``givers``, or None."""
    wanted = party_key(party)
    found = [e for e in _last_events(record) if e["action"] == "withdraw" and e["scope"] == scope
             and e["given_by"] in givers and (scope not in PARTY_SCOPES or party_key(e.get("party")) == wanted)]
    return max(found, key=lambda e: (e["date"], e["at"]), default=None)


def personal_details_allowed(record: dict) -> bool:
    """Whether the case may hold personal and contact details now."""
    return any(e["scope"] == "store-personal-details" for e in current(record))


def review_due(record: dict, today: dt.date, within_days: int = REVIEW_SOON_DAYS) -> list[dict]:
    """Grants in force whose review date is past or within ``within_days``."""
    soon = (today + dt.timedelta(days=within_days)).isoformat()
    return [e for e in current(record) if e.get("review") and e["review"] <= soon]


def selector(scope: str | None, party: str | None, review: bool, today: dt.date, config: dict):
    """For ``list --consent SCOPE [--party P]`` and ``list --consent-review``: a function of a
    record giving the columns to add to its row, or None to leave the case out."""
    if party is not None and scope is None:
        raise UsageError("--party goes with --consent")
    if scope is not None:
        check_request(scope, party, None, None)

    def pick(record: dict) -> dict | None:
        extra: dict = {}
        if scope is not None:
            found = covering(record, scope, party, today, config)
            if found is None:
                return None
            extra["consent"] = scope + (f" ({found['party']})" if found.get("party") else "")
        if review:
            due = sorted(review_due(record, today), key=lambda e: e["review"])
            if not due:
                return None
            extra.update(review=due[0]["review"], scope=due[0]["scope"])
        return extra

    return pick


# --- what the officer types (pure) -------------------------------------------------------


def check_request(scope: str, party: str | None, given_by: str | None, method: str | None) -> None:
    """Usage checks that need no vault (made before any passphrase is asked)."""
    if scope not in SCOPES:
        raise UsageError("SCOPE is not a consent scope", hint="one of: " + ", ".join(SCOPES))
    if scope in PARTY_SCOPES and not (party or "").strip():
        raise UsageError(f"{scope} names a party: add --party, e.g. --party \"local authority SEN team\"")
    if scope not in PARTY_SCOPES + OPTIONAL_PARTY and party:
        raise UsageError(f"{scope} names no party; leave out --party")
    if party is not None and not 1 <= len(party.strip()) <= 200:
        raise UsageError("--party is 1 to 200 characters")
    if given_by is not None and given_by not in GIVERS:
        raise UsageError("--by must be parent-carer or young-person")
    if method is not None and method not in METHODS:
        raise UsageError("--method must be verbal or written")


# --- changes --------------------------------------------------------------------------------


def grant(vault, cid: str, scope: str, *, given_by: str, method: str, party: str | None = None,
          date: dt.date | None = None, note: str | None = None, review: dt.date | None = None) -> dict:
    """Record a grant; returns the event. Photographs need written consent."""
    check_request(scope, party, given_by, method)
    if scope in REFUSABLE:
        raise UsageError(f"{scope} is not granted: others may see a young person's records unless the young person refuses",
                         hint=f"record the young person's refusal: sendvault consent refuse {cid} {scope}")
    if scope in WRITTEN_ONLY and method != "written":
        raise Refused(f"{scope} needs written consent", hint="record it once the written consent is received: --method written")
    if scope == "referral":
        raise UsageError("a referral's permission is recorded at intake")
    today = vault.today()
    date = date or today
    if date > today:
        raise UsageError("the consent's date is in the future")
    months = (vault.config.get("consent") or {}).get("review_months")
    if review is None and months:
        review = _add_months(date, months)
    if review is not None and review < date:
        raise UsageError("the review date is before the day consent was given")
    event = {"at": instant(vault.now()), "by": vault.officer.name, "action": "grant", "scope": scope,
             "date": date.isoformat(), "given_by": given_by, "method": method}
    if party:
        event["party"] = " ".join(party.split())
    if note:
        event["note"] = " ".join(note.split())
    if review:
        event["review"] = review.isoformat()

    def change(record: dict) -> None:
        if scope == "store-personal-details" and record.get("record_personal_details") is not True:
            raise Refused(f"case {cid} was opened without permission to record personal details",
                          hint="open a new case with 'sendvault intake' now that permission is given")
        if given_by == "parent-carer" and scope != "store-personal-details" and \
                whose(record, date, vault.config) == ("young-person",):
            age = own_consent_age(vault.config)
            if age_of(record, date, age) == "over":
                raise Refused(f"case {cid}: the young person is {age} or over, so a parent's consent does not "
                              "cover their information", hint="record the young person's own consent: --by young-person")
            raise Refused(f"case {cid}: the young person's age is not recorded closely enough to tell whether a "
                          "parent's consent covers their information",
                          hint="record their date of birth with 'sendvault edit', or the young person's own consent")
        record.setdefault("consents", []).append(event)

    vault.update_case(cid, change, "consent grant")
    return event


def refuse(vault, cid: str, scope: str, *, method: str, party: str | None = None, date: dt.date | None = None,
           note: str | None = None) -> dict:
    """Record a young person's refusal (``see-records``); returns the event.

    Only from the service's private age: below it the adults around the child decide.
    The officer records it having judged that the young person understands what
    they are asking (their capacity); ``--note`` may say how.
    """
    check_request(scope, party, "young-person", method)
    if scope not in REFUSABLE:
        raise UsageError(f"only {', '.join(REFUSABLE)} is refused; for other scopes record a withdrawal",
                         hint=f"sendvault consent withdraw {cid} {scope}")
    today = vault.today()
    date = date or today
    if date > today:
        raise UsageError("the refusal's date is in the future")
    event = {"at": instant(vault.now()), "by": vault.officer.name, "action": "refuse", "scope": scope,
             "date": date.isoformat(), "given_by": "young-person", "method": method}
    if party:
        event["party"] = " ".join(party.split())
    if note:
        event["note"] = " ".join(note.split())

    def change(record: dict) -> None:
        age = private_age(vault.config)
        if not _about_a_young_person(record):
            raise Refused(f"case {cid} records no young person", hint="a refusal is the young person's own")
        old_enough = age_of(record, date, age)
        if old_enough == "under":
            raise Refused(f"case {cid}: the young person is under {age}, the age from which the service "
                          "records their own refusal", hint="a manager sets that age with 'sendvault sar-settings'")
        if old_enough == "unknown":
            raise Refused(f"case {cid}: the young person's age is not recorded closely enough to tell whether "
                          f"they are {age} or over", hint="record their date of birth with 'sendvault edit'")
        record.setdefault("consents", []).append(event)

    vault.update_case(cid, change, "consent refuse")
    return event


def withdraw(vault, cid: str, scope: str, *, party: str | None = None, given_by: str | None = None,
             date: dt.date | None = None, note: str | None = None) -> tuple[list[dict], bool]:
    """Withdraw a consent in force (each giver's, or only ``given_by``'s).

    Returns the events recorded, and whether the personal details were removed.

    Withdrawing ``store-personal-details`` removes the personal and contact details,
    the notes (where they are written down) and the documents, keeps the profile and the history,
    and gives the case a fresh key, so no copy of the earlier file opens again.
    """
    check_request(scope, party, given_by, None)
    today = vault.today()
    date = date or today
    if date > today:
        raise UsageError("the withdrawal's date is in the future")
    recorded: list[dict] = []
    removed: list[bool] = []

    def change(record: dict) -> None:
        recorded.clear()
        removed.clear()
        wanted = party_key(party)
        for event in current(record) + refusals(record):
            if event["scope"] == scope and (given_by is None or event["given_by"] == given_by) \
                    and (scope not in PARTY_SCOPES + OPTIONAL_PARTY or party_key(event.get("party")) == wanted):
                if date.isoformat() < event["date"]:
                    raise UsageError("the withdrawal's date is before the day the consent was given")
                out = {"at": instant(vault.now()), "by": vault.officer.name, "action": "withdraw", "scope": scope,
                       "date": date.isoformat(), "given_by": event["given_by"]}
                if event.get("party"):
                    out["party"] = event["party"]
                if note:
                    out["note"] = " ".join(note.split())
                recorded.append(out)
        if not recorded:
            what = "refusal" if scope in REFUSABLE else "consent"
            raise SendvaultError(f"case {cid} has no {scope} {what} in force" + (" for that party" if party else "")
                                 + " to withdraw", hint=f"'sendvault consent show {cid}' lists the consents")
        record.setdefault("consents", []).extend(recorded)
        if scope == "store-personal-details" and not personal_details_allowed(record):
            _remove_personal_details(vault, record)
            removed.append(True)

    vault.update_case(cid, change, "consent withdraw", fresh_key=scope == "store-personal-details")
    if removed:  # the documents' files: unreadable now (their keys went with the record), overwritten and removed
        from ..store import documents

        with vault.locked():
            documents.clear_strays(vault.store, cid, set())
    return recorded, bool(removed)


def set_defaults(vault, review_months: int | None, own_age: int | None, clear_review: bool = False) -> dict:
    """Managers set the service's consent defaults in vault.toml (audited); returns them."""
    vault.require_manager()
    if review_months is not None and not 1 <= review_months <= 120:
        raise UsageError("--review-months is 1 to 120")
    if own_age is not None and not 12 <= own_age <= 18:
        raise UsageError("--own-consent-age is 12 to 18")

    def change(config: dict) -> None:
        settings = config.setdefault("consent", {})
        if review_months is not None:
            settings["review_months"] = review_months
        if clear_review:
            settings.pop("review_months", None)
        if own_age is not None:
            settings["own_consent_age"] = own_age

    vault.update_config(change, "consent defaults")
    return vault.config.get("consent", {})


REMOVED = "removed with the personal details"


def _remove_personal_details(vault, record: dict) -> None:
    strip_personal_details(record)
    record_event(vault, record, "personal-details-removed")


def strip_personal_details(record: dict) -> None:
    """Everything that names or describes the family goes; the profile and the dated history stay.

    Free text goes too, wherever an officer may have written a name: the notes, the
    follow-up and the reasons kept in the history, notes on consents, how they heard
    of the service, paper files' labels, notes and risk assessments. A manager's breach decisions and legal holds stay: they are the
    service's own legal record.
    """
    for section in IDENTIFYING:
        record.pop(section, None)
    record.pop("notes", None)
    record.pop("documents", None)  # their keys with them: the files open for nobody (withdraw shreds them)
    record.pop("follow_up", None)
    (record.get("contact") or {}).pop("heard_about", None)
    (record.get("contact") or {}).pop("heard_about_other", None)  # the answer in words (issue 25)
    kept = provided.pruned(record.get("provided"), record)  # who provided what is gone goes with it
    if kept:
        record["provided"] = kept
    else:
        record.pop("provided", None)
    for event in record.get("history") or ():
        if "reason" in event:
            event["reason"] = REMOVED
    for event in record.get("consents") or ():
        event.pop("note", None)
    for paper in record.get("papers") or ():  # the paper files stay listed (to be found and shredded); their words go
        paper.pop("label", None)
        paper.pop("note", None)
        if "out" in paper:
            paper["out"]["risk_assessment"] = REMOVED


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise InvalidRecord("not a date")  # pragma: no cover - day 28 exists in every month
