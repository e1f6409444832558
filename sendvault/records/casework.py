"""An officer's daily case work: notes, closing and reopening, edits, policy versions.

Each function changes one case through ``Vault.update_case`` (which validates,
writes atomically under the lock and appends to the audit trail).
"""

from __future__ import annotations

import datetime as dt
from typing import Callable

from . import codes, consent, intake, provided
from ..basics.errors import InvalidRecord, RefusedRecord, SendvaultError, UsageError
from .history import record_event
from ..basics.timefmt import instant

# What `edit` may change: the facts of the contact. Notes, consents, disclosures,
# holds, closing and history are records of what happened, each with its own
# command (a hold, say, is released only by a manager), and are never rewritten.
EDITABLE = ("kind", "anonymous", "record_personal_details", "contact", "person", "child",
            "contact_preferences", "profile")


EDIT_COMMANDS = {"notes": "note", "documents": "attach' or 'sendvault detach", "papers": "paper", "status": "close' or 'sendvault reopen", "closed": "close' or 'sendvault reopen",
                 "holds": "hold' or 'sendvault release", "policy_told": "policy told",
                 "assigned_to": "assign", "follow_up": "follow-up"}


def today(vault) -> dt.date:
    """Today's date where the officer is."""
    return vault.today()




def check_provider(provider: str | None, private: bool) -> str:
    """Who provided a note's information (default the officer); ``private`` only for what someone else provided."""
    return provided.check(provider, private)


def _by_person(record: dict, provider: str | None) -> tuple[str, int] | None:
    """``--from 3``: (person 3's role, 3); None for a role's word."""
    if provider is None or not provider.isdigit():
        return None
    from . import people

    role, number = people.parse_from(record, provider)
    return role, number


def add_note(vault, cid: str, text: str, provider: str | None = None, private: bool = False) -> dict:
    provider = check_provider(provider, private)
    text = text.strip()
    if not text:
        raise SendvaultError("the note is empty; nothing was written")

    def change(record: dict) -> None:
        from . import people

        note = {"at": instant(vault.now()), "by": vault.officer.name, "text": text}
        people.set_source(record, note, provider, private)
        record.setdefault("notes", []).append(note)

    return vault.update_case(cid, change, "note")


def close_case(vault, cid: str, outcome: str, evaluation: dict[str, int] | None = None,
               time_spent: int | None = None) -> dict:
    """Close with an outcome of the service's list; optionally the evaluation answers (scores 1 to 5) and the
    minutes spent on the case (issue 25)."""
    from . import categories

    if outcome not in categories.known(vault.config, "outcome"):
        raise InvalidRecord("that is not an outcome of the service's list",
                            hint="one of: " + ", ".join(categories.codes_in_force(vault.config, "outcome")))
    if outcome not in categories.codes_in_force(vault.config, "outcome"):
        raise InvalidRecord("the service has retired that outcome",
                            hint="one of: " + ", ".join(categories.codes_in_force(vault.config, "outcome")))
    evaluation = categories.check_evaluation(vault.config, evaluation or {})
    if time_spent is not None and not 1 <= time_spent <= 100000:
        raise UsageError("--time-spent is minutes, 1 to 100000")

    def change(record: dict) -> None:
        if record["status"] == "closed":
            raise SendvaultError(f"case {cid} is already closed", hint=f"'sendvault reopen {cid}' reopens it")
        record["status"] = "closed"
        record["closed"] = {"date": today(vault).isoformat(), "outcome": outcome, "by": vault.officer.name,
                            **({"evaluation": evaluation} if evaluation else {}),
                            **({"time_spent": time_spent} if time_spent else {})}
        record_event(vault, record, "closed", outcome=outcome)

    return vault.update_case(cid, change, "close")


def reopen_case(vault, cid: str) -> dict:
    def change(record: dict) -> None:
        if record["status"] != "closed":
            raise SendvaultError(f"case {cid} is open already")
        record["status"] = "open"
        del record["closed"]
        record_event(vault, record, "reopened")

    return vault.update_case(cid, change, "reopen")


def editable(record: dict) -> dict:
    """The part of ``record`` an officer may change with ``edit`` (``EDITABLE``), in that order."""
    return {k: record[k] for k in EDITABLE if k in record}


def kept_out(record: dict) -> list[str]:
    """What ``edit`` leaves out of the file, in words ("2 notes", "the case history (3 entries)"); no content."""
    out = []
    for key in ("notes", "documents", "papers", "consents", "disclosures", "breaches", "holds", "policy_told", "history"):
        n = len(record.get(key) or ())
        if n:
            out.append(f"{codes.label(key)} ({n} {'entry' if n == 1 else 'entries'})")
    for key in ("closed", "follow_up"):
        if key in record:
            out.append(codes.label(key))
    return out


def merge_edit(original: dict, edited: dict) -> dict:
    """The whole record after an edit: ``edited`` (the fields the officer saw) over the rest of ``original``.

    Fields left out of the editor's file (notes, history, holds...) come back
    untouched; a field of ``EDITABLE`` removed from the file is removed.
    """
    record = {k: v for k, v in original.items() if k not in EDITABLE}
    record.update(edited)
    return record


def _kept_answer(problem: str, original: dict, record: dict) -> bool:
    """Whether ``problem`` is about an answer of the service's lists that the edit left as it was: words typed
    before the list, or a code since retired, do not stop an edit of something else (issue 25)."""
    import re

    from . import categories

    entry = re.match(re.escape(codes.label("profile.issues")) + r" \(entry (\d+)\) ", problem)
    if entry:  # one issue of several: kept when the case already held it, whatever else changed in the list
        issues = (record.get("profile") or {}).get("issues") or []
        n = int(entry[1]) - 1
        return n < len(issues) and issues[n] in ((original.get("profile") or {}).get("issues") or [])
    for path in categories.FIELDS.values():
        section, key = path.split(".")
        if problem.startswith(codes.label(path) + " ") and section in original and \
                (original.get(section) or {}).get(key) == (record.get(section) or {}).get(key):
            return True
    return False


def edit_problems(original: dict, record: dict, config: dict, today: dt.date) -> list[str]:
    """Every problem of an edited ``record`` at once, in intake's words (fields named by their labels)."""
    problems = [
        intake.say(k, "cannot be changed with edit") + (f" (use 'sendvault {EDIT_COMMANDS[k]}')" if k in EDIT_COMMANDS else "")
        for k in sorted(set(original) | set(record))
        if k not in EDITABLE and (k in original or k in intake.SYSTEM_FIELDS) and k not in ("updated", "updated_by", "provided")
        and record.get(k) != original.get(k)
    ]
    # The case's people are not intake's [[people]] (those are numbered and dated as added): changed by 'person',
    # never by edit (the check above), so intake's reading of them is not for an edit.
    fields = {k: v for k, v in record.items() if k not in intake.SYSTEM_FIELDS and k != "people"}
    try:
        intake.prepare(fields, config, today)
    except (InvalidRecord, RefusedRecord) as exc:
        problems += [p for p in exc.problems if p not in problems and not _kept_answer(p, original, record)]
    # What the family consented to at intake is a consent record: changed only by
    # 'consent grant' and 'consent withdraw', which keep the history.
    for path, before, after in (
            ("record_personal_details", original.get("record_personal_details"), record.get("record_personal_details")),
            ("contact.referral_permission", (original.get("contact") or {}).get("referral_permission"),
             (record.get("contact") or {}).get("referral_permission"))):
        if before != after:
            problems.append(intake.say(path, "cannot be changed with edit (use 'sendvault consent grant' or 'withdraw')"))
    withdrawn = any(e["scope"] == "store-personal-details" and e["action"] == "withdraw" for e in consent.history(original))
    if withdrawn and not consent.personal_details_allowed(original):
        # Permission to keep them was withdrawn: they come back only with a new grant.
        problems += [intake.say(s, "is not allowed: consent to keep personal details was withdrawn")
                     for s in intake.IDENTIFYING_SECTIONS if s in record and s not in original]
    return problems


def apply_edit(vault, cid: str, original: dict, edited: dict, provider: str | None = None,
               private: bool = False) -> dict | None:
    """Store an officer's edit, checked like an intake; returns the record, or None if nothing changed.

    ``edited`` is what the editor's file held (``editable(original)``, changed);
    the rest of ``original`` is merged back untouched. The fields it changes are
    recorded as provided by ``provider`` (and ``private``, if they asked); without
    a provider each keeps the source it had. Refused if the case changed on disk
    since the editor opened (another officer's note would otherwise be lost).
    """
    if provider is not None:
        provider = provided.check(provider, private)
    elif private:
        provided.check("officer", private)  # says: name the provider with --from
    stray = "provided" in edited and edited["provided"] != original.get("provided")
    by_person = _by_person(original, provider)
    record = provided.after_edit(original, merge_edit(original, {k: v for k, v in edited.items() if k != "provided"}),
                                 provider, private, by_person)
    problems = edit_problems(original, record, vault.config, today(vault))
    if stray:
        problems.insert(0, intake.say("provided", "cannot be changed in the file (use 'sendvault edit ID --from WHO "
                                                  "[--private]' for the fields you change, or with --field PATH)"))
    if problems:
        raise InvalidRecord(f"the edit has {len(problems)} problem(s); nothing was saved", problems)
    if record == original:
        return None

    def change(current: dict) -> dict:
        if current != original:
            raise SendvaultError(
                f"case {cid} was changed by someone else while you were editing; your edit was not saved",
                hint=f"run 'sendvault edit {cid}' again",
            )
        new = dict(record)
        record_event(vault, new, "edited")
        return new

    return vault.update_case(cid, change, "edit")


def mark_provided(vault, cid: str, fields: list[str], provider: str | None, private: bool) -> dict | None:
    """``edit --field``: record who provided fields already in the case, and whether they asked it not be shared.

    Returns the record, or None if that was already recorded. An unknown field is refused, naming it (a field
    name, never a value)."""
    if provider is None:
        raise UsageError("--field needs --from: who provided it", hint="e.g. --from young-person --private --field child.school")
    provider = provided.check(provider, private)
    wanted = list(dict.fromkeys(f.strip() for f in fields))

    def change(record: dict) -> dict | None:
        missing = [f for f in wanted if not provided.present(record, f) or f.split(".")[0] not in provided.SECTIONS]
        if missing:
            raise InvalidRecord(f"case {cid} has no such field: {', '.join(missing)}",
                                hint="a field of the first contact, caller, child, contact preferences or profile, "
                                     "as 'sendvault edit' shows it, e.g. child.school or person (a whole section)")
        new = provided.mark(record, wanted, provider, private, _by_person(record, provider))
        if new.get("provided") == record.get("provided"):
            raise _Unchanged
        record_event(vault, new, "edited")
        return new

    try:
        return vault.update_case(cid, change, "edit")
    except _Unchanged:
        return None


class _Unchanged(Exception):
    """Nothing to record: the case is left as it was (and not written)."""


def row(record: dict, names: bool = False) -> dict:
    """One line of ``list``: nothing identifying unless ``names``."""
    out = {
        "id": record["id"],
        "opened": record["contact"]["date"],
        "status": record["status"],
        "kind": record["kind"],
        "caller": record["contact"]["caller"],
        "support_level": record["profile"].get("support_level"),
    }
    if names:
        out["person"] = record.get("person", {}).get("name")
        out["child"] = record.get("child", {}).get("name")
    return out


# --- policy versions (R4, R32) ---------------------------------------------------


def told_version(record: dict) -> str:
    """The latest policy version this service user was told of."""
    told = record.get("policy_told") or []
    return told[-1]["version"] if told else record["contact"]["policy_explained"]["version"]


def cannot_be_told(record: dict) -> bool:
    """An anonymous contact or a general enquiry: no way to reach them holds, so they cannot be told of a new version."""
    return record.get("anonymous") is True or record["kind"] == "general-enquiry"


def not_told(vault, damaged: list[str] | None = None, columns: Callable[[dict], dict] | None = None) -> dict:
    """The open cases whose service user has not been told of the current policy version.

    ``{"not_told": [{id, told, opened, **columns(record)}], "cannot_be_told": n}``:
    open anonymous contacts and general enquiries on an older version are only
    counted. A case that cannot be read is skipped, its id added to ``damaged``.
    The list is sorted by ``officer`` and ``last_activity`` if ``columns`` gives them.
    """
    current = vault.config["policy"]["version"]

    def pending(record: dict) -> tuple[str, dict | None] | None:
        if record["status"] != "open" or told_version(record) == current:
            return None
        if cannot_be_told(record):
            return ("cannot", None)
        return ("pending", {"id": record["id"], "told": told_version(record), "opened": record["contact"]["date"],
                            **(columns(record) if columns else {})})

    found = [p for p in vault.map_cases(pending, damaged=damaged) if p]
    listed = sorted((p for what, p in found if what == "pending"), key=lambda p: (p.get("officer", ""), p.get("last_activity", ""), p["id"]))
    return {"not_told": listed, "cannot_be_told": sum(1 for what, _ in found if what == "cannot")}


def set_policy(vault, version: str) -> None:
    vault.require_manager()
    version = version.strip()
    if not version or len(version) > 40:
        raise InvalidRecord("a policy version is 1 to 40 characters, e.g. 2026-04")

    def change(config: dict) -> None:
        if version in {h["version"] for h in config["policy"].get("history", [])}:
            raise SendvaultError(f"policy version {version} was used before", hint="give the new version a new name")
        config["policy"]["version"] = version
        config["policy"].setdefault("history", []).append(
            {"version": version, "date": today(vault).isoformat(), "set_by": vault.officer.name}
        )

    vault.update_config(change, "policy set", detail=f"version {version}")


def record_told(vault, cid: str, copy_given: bool) -> dict:
    version = vault.config["policy"]["version"]

    def change(record: dict) -> None:
        record.setdefault("policy_told", []).append(
            {"version": version, "date": today(vault).isoformat(), "by": vault.officer.name, "copy_given": copy_given}
        )

    return vault.update_case(cid, change, "policy told")


# --- the service's own contact details (printed on what leaves the service) ---------------

_SERVICE_EMAIL = r"[^@\s]+@[^@\s]+\.[^@\s]+"
_ADDRESS_LINES = (2, 6)


def tidy_service_details(phone: str | None, email: str | None, address: str | None) -> dict:
    """The service's phone, e-mail and postal address as given, checked and tidied (only those given).

    Checked before the vault is opened: a mistyped detail is refused before the passphrase.
    The address is lines separated by commas or new lines, its postcode last.
    """
    import re

    out: dict = {}
    if phone is not None:
        text = " ".join(phone.split())
        ext = intake.EXTENSION.search(text)
        number = text[:ext.start()].strip() if ext else text
        problem = (None if re.fullmatch(r"[0-9+() -]{1,24}", number) else "is written with digits, spaces, + and brackets") \
            or intake.phone_problem(number)
        if problem:
            raise UsageError(f"--phone {problem}", hint="e.g. --phone \"01632 960000\" (an extension after ext)")
        out["phone"] = number + (f" ext {re.sub(r'[^0-9]', '', ext.group())}" if ext else "")
    if email is not None:
        text = email.strip()
        if not re.fullmatch(_SERVICE_EMAIL, text) or len(text) > 254:
            raise UsageError("--email must be an address such as help@sendiass.example.org")
        out["email"] = text
    if address is not None:
        lines = [" ".join(part.split()) for part in re.split(r"[,\n]", address)]
        lines = [ln for ln in lines if ln]
        words = lines[-1].split() if lines else []
        for k in (2, 1):  # "Salisbury SP1 2AB": the postcode on a line of its own
            if len(words) > k and intake.tidy_postcode(" ".join(words[-k:])):
                lines[-1:] = [" ".join(words[:-k]), " ".join(words[-k:])]
                break
        postcode = intake.tidy_postcode(lines[-1]) if lines else None
        low, high = _ADDRESS_LINES
        if postcode is None:
            raise UsageError("--address must end with the service's postcode",
                             hint="e.g. --address \"12 High Street, Salisbury, SP1 2AB\"")
        lines[-1] = postcode
        if not low <= len(lines) <= high or any(len(ln) > 80 or not ln.isprintable() for ln in lines):
            raise UsageError(f"--address is {low} to {high} lines of up to 80 characters, separated by commas",
                             hint="e.g. --address \"12 High Street, Salisbury, SP1 2AB\"")
        out["address"] = lines
    return out


def service_details(config: dict) -> dict:
    """The service's contact details as set (phone, email, address), any of them missing."""
    return dict(config.get("service_details") or {})


def set_service_details(vault, details: dict) -> dict:
    """Managers set the service's contact details (``tidy_service_details``) in vault.toml, sealed and audited."""
    vault.require_manager()
    if not details:
        raise UsageError("give --phone, --email or --address to change them")

    def change(config: dict) -> None:
        config["service_details"] = {**(config.get("service_details") or {}), **details}

    vault.update_config(change, "service details", detail="set " + ", ".join(sorted(details)))
    return service_details(vault.config)
