"""The service's own coded lists (issue 25): how they heard about us, issues, localities, levels, outcomes, evaluation.

A list lives in vault.toml's ``[categories]`` (sealed with the rest of the file; changed
by managers only, through ``Vault.update_config``, so every change is audited). A vault
that never changed a list uses the shipped defaults (``DEFAULTS``).

Versioning: codes are stable. A code, once added, keeps its words for ever; a list only
gains codes (``add``) and retires them (``retire``, dated). A case therefore keeps the
meaning it was recorded with without storing a list version on every case: its code is
read with the words it was added with, retired or not, and the list in force in any
reporting year is the codes added before the year ended and not retired before it
began (``in_force``). Rewording a code would change the meaning of every case that
holds it, so it is refused: retire the code and add a new one.

Pure functions over the configuration, but for the three changes at the end.
"""

from __future__ import annotations

import datetime as dt
import re

from ..basics.errors import InvalidRecord, UsageError

LISTS = ("heard_about", "issues", "locality", "level", "outcome", "evaluation")
# The field of a case each list codes ("evaluation" codes the questions of ``closed.evaluation``).
FIELDS = {"heard_about": "contact.heard_about", "issues": "profile.issues", "locality": "profile.locality",
          "level": "profile.level", "outcome": "closed.outcome", "evaluation": "closed.evaluation"}
TITLES = {"heard_about": "How they heard about the service", "issues": "Issues raised", "locality": "Localities",
          "level": "Intervention levels", "outcome": "Outcomes", "evaluation": "Evaluation questions (scored 1 to 5)"}
# The fields whose codes are shown to people in the words of the vault's list (show, copies, redaction, the
# report): a closing's outcome in the history too.
WORDED = {"profile.issues": "issues", "closed.outcome": "outcome", "history.outcome": "outcome",
          "contact.heard_about": "heard_about", "profile.level": "level", "history.level": "level",
          "history.from_level": "level"}
OTHER = "other"  # "other" with words: always offered, never retired, counted as other
CODE = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
LOCALITY = re.compile(r"[^\x00-\x1f\x7f]{1,60}")  # localities were always names ("North"), as vault init takes them
SCORES = range(1, 6)
INACTIVE_AFTER_DAYS = 91  # about three months without activity: the IASS Network's "inactive"

# Where each default comes from is said in docs/reporting.md ("The service's categories").
_HEARD_ABOUT = {
    "school": "A school, college or early-years setting",
    "health": "A health professional (GP, health visitor, therapist)",
    "local-authority": "The local authority (SEN team, social care)",
    "local-offer": "The Local Offer website",
    "website": "Our website or an internet search",
    "social-media": "Social media",
    "family-friends": "Family or friends",
    "support-group": "A parent carer forum, support group or charity",
    "used-before": "Used the service before",
    "event": "A talk, event or leaflet of the service",
    OTHER: "Another way (in words)",
}
# The case format's enumerations before issue 25 made them lists: a case recorded then keeps these meanings.
_ISSUES = {
    "ehc-needs-assessment": "Education, health and care needs assessment",
    "ehc-plan": "Education, health and care plan",
    "annual-review": "Annual review of an EHC plan",
    "sen-support": "SEN support in school or setting",
    "exclusion": "Exclusion or suspension",
    "admissions": "School admissions",
    "attendance": "Attendance",
    "transport": "Home to school transport",
    "transition": "Transition between phases or to adulthood",
    "tribunal": "SEND Tribunal appeal",
    "complaint": "Complaint",
    "health": "Health services",
    "social-care": "Social care",
    "bullying": "Bullying",
    OTHER: "Another issue",
}
_OUTCOMES = {
    "information-given": "Information given",
    "advice-given": "Advice given",
    "resolved": "Resolved",
    "signposted": "Signposted to another service",
    "referred-on": "Referred on to another service",
    "tribunal": "Went to the SEND Tribunal",
    "no-further-contact": "No further contact",
    "withdrawn": "Withdrawn by the family or young person",
    OTHER: "Another outcome",
}
_LEVELS = {
    "1": "Level 1: information and advice, typically under two hours in one intervention",
    "2": "Level 2: Level 1 plus help with paperwork, communication with the school or local authority, "
         "exclusions, meetings and home visits",
    "3": "Level 3: casework, over a period of time",
    "4": "Level 4: SEND Tribunal and equivalent complex legal casework",
}
_EVALUATION = {
    "met-needs": "The information, advice or support met my needs",
    "confident": "I feel more confident to take things forward",
    "recommend": "I would recommend the service to others",
}


def _defaults(name: str, config: dict) -> dict[str, str]:
    if name == "locality":
        return {place: place for place in config.get("localities") or ()}
    return {"heard_about": _HEARD_ABOUT, "issues": _ISSUES, "level": _LEVELS, "outcome": _OUTCOMES,
            "evaluation": _EVALUATION}[name]


def defaults(name: str) -> dict[str, str]:
    """The shipped codes of list ``name`` (not the locality) and their words: a vault that never changed it."""
    return dict(_defaults(name, {}))


def entries(config: dict, name: str) -> list[dict]:
    """Every code the list ever held, in order: {code, words, added?, added_by?, retired?, retired_by?}."""
    if name not in LISTS:
        raise UsageError(f"no list '{name}'", hint="the lists are: " + ", ".join(LISTS))
    stored = (config.get("categories") or {}).get(name)
    if stored is not None:
        return [dict(e) for e in stored]
    return [{"code": code, "words": words} for code, words in _defaults(name, config).items()]


def in_force(config: dict, name: str, on: dt.date | None = None) -> list[dict]:
    """The codes an officer may choose on ``on`` (default: now): added by then and not yet retired."""
    day = on.isoformat() if on else "9999-12-31"
    return [e for e in entries(config, name)
            if e.get("added", "") <= day and not ("retired" in e and (on is None or e["retired"] <= day))]


def codes_in_force(config: dict, name: str) -> list[str]:
    return [e["code"] for e in in_force(config, name)]


def known(config: dict, name: str) -> dict[str, str]:
    """Every code the list ever held and its words, retired ones included: what a recorded code means."""
    return {e["code"]: e["words"] for e in entries(config, name)}


def words(config: dict, name: str, code: str) -> str | None:
    return known(config, name).get(code)


def described(config: dict) -> dict[str, dict[str, str]]:
    """Field path -> {code: words} for the fields whose codes are the vault's lists (``WORDED``), retired codes
    included: what shows a case (show, a copy, a share, a case study) reads a code with."""
    return {path: known(config, name) for path, name in WORDED.items()}


def hint(config: dict, name: str) -> str:
    """The list an officer may choose from, for a refusal's hint."""
    return f"{TITLES[name].lower()}: " + ", ".join(codes_in_force(config, name))


def problem(config: dict, name: str, value) -> str | None:
    """Why ``value`` cannot be recorded in list ``name`` now, or None (a value of the wrong type: the schema says)."""
    if not isinstance(value, str) or value in codes_in_force(config, name):
        return None
    retired = " (the service has retired that code)" if value in known(config, name) else ""
    return "must be one of: " + ", ".join(codes_in_force(config, name)) + retired


# --- the status of a case: open, inactive (derived, never stored) or closed ---------------------------


def inactive_after(config: dict) -> int:
    return int((config.get("categories") or {}).get("inactive_after_days", INACTIVE_AFTER_DAYS))


def status(record: dict, config: dict, today: dt.date) -> str:
    """'closed', or 'inactive' (open, but nothing done for ``inactive_after`` days), or 'open'.

    Derived each time from the last activity (``activity.last_activity``): never stored, so
    a note on an inactive case makes it open again with nothing else to remember."""
    from ..store.activity import last_activity

    if record.get("status") == "closed":
        return "closed"
    last = dt.date.fromisoformat(last_activity(record))
    return "inactive" if (today - last).days > inactive_after(config) else "open"


# --- changes (managers; through the vault's one path for vault.toml, so sealed and audited) -----------


def _check_code(name: str, code: str) -> str:
    code = code.strip()
    if not (LOCALITY if name == "locality" else CODE).fullmatch(code):
        raise UsageError("a locality is a name of 1 to 60 characters" if name == "locality" else
                         "a code is 1 to 40 lower-case letters, digits and hyphens, starting with a letter or digit",
                         hint="e.g. 'parent-forum'")
    return code


def add(vault, name: str, code: str, text: str) -> dict:
    """Add ``code`` with its words to list ``name`` (or bring a retired code back, with its own words)."""
    vault.require_manager()
    entries(vault.config, name)  # an unknown list is refused before anything else
    code = _check_code(name, code)
    text = " ".join(text.split())
    if not 1 <= len(text) <= 200 or any(ord(c) < 32 for c in text):
        raise UsageError("the words of a code are 1 to 200 characters on one line")
    today = vault.today().isoformat()

    def change(config: dict) -> None:
        listed = entries(config, name)
        for e in listed:
            if e["code"] == code:
                if e["words"] != text:
                    raise UsageError(f"'{code}' already means \"{e['words']}\": a code keeps its words, or the cases "
                                     "recorded with it would change meaning",
                                     hint=f"retire it ('sendvault categories retire {name} {code}') and add a new code")
                if "retired" not in e:
                    raise UsageError(f"'{code}' is already on the list")
                e.pop("retired"), e.pop("retired_by", None)
                e["added"], e["added_by"] = today, vault.officer.name
                break
        else:
            listed.append({"code": code, "words": text, "added": today, "added_by": vault.officer.name})
        config.setdefault("categories", {})[name] = listed
        _keep_localities(config, name, listed)

    vault.update_config(change, "categories add", detail=f"{name}: {code}" if name != "locality" else name)
    return known(vault.config, name)


def retire(vault, name: str, code: str) -> dict:
    """Retire ``code``: no longer offered; cases that hold it keep it, with its words."""
    vault.require_manager()
    listed = entries(vault.config, name)
    if code == OTHER and name != "locality":
        raise UsageError("'other' cannot be retired: an answer the list has no code for is recorded as other")
    if code not in {e["code"] for e in listed if "retired" not in e}:
        raise UsageError(f"'{code}' is not a code in force on the list", hint=hint(vault.config, name))
    if len([e for e in listed if "retired" not in e]) == 1:
        raise UsageError("a list keeps at least one code in force")
    today = vault.today().isoformat()

    def change(config: dict) -> None:
        current = entries(config, name)
        for e in current:
            if e["code"] == code and "retired" not in e:
                e["retired"], e["retired_by"] = today, vault.officer.name
        config.setdefault("categories", {})[name] = current
        _keep_localities(config, name, current)

    vault.update_config(change, "categories retire", detail=f"{name}: {code}" if name != "locality" else name)
    return known(vault.config, name)


def _keep_localities(config: dict, name: str, listed: list[dict]) -> None:
    # ``localities`` (what 'init --locality' set) stays the codes in force, for readers of the older form.
    if name == "locality":
        config["localities"] = [e["code"] for e in listed if "retired" not in e]


NATIONAL = ("heard_about", "issues", "level", "outcome", "evaluation")  # the lists 'report --iass' maps


def set_national(vault, name: str, code: str, category: str | None) -> None:
    """Map a code of list ``name`` to a national category for 'report --iass' (None: unmapped)."""
    vault.require_manager()
    if name not in NATIONAL:
        raise UsageError(f"the national categories map: {', '.join(NATIONAL)}")
    if code not in known(vault.config, name):
        raise UsageError(f"'{code}' is not a code of the list", hint=hint(vault.config, name))
    if category is not None:
        category = " ".join(category.split())
        if not 1 <= len(category) <= 80:
            raise UsageError("a national category's name is 1 to 80 characters")

    def change(config: dict) -> None:
        table = config.setdefault("categories", {}).setdefault("iass", {}).setdefault(name, {})
        if category is None:
            table[code] = "Not mapped"
        else:
            table[code] = category

    vault.update_config(change, "categories national", detail=f"{name}: {code}")


def set_inactive_after(vault, days: int) -> int:
    vault.require_manager()
    if not 7 <= days <= 3650:
        raise UsageError("--inactive-after is 7 to 3650 days")

    def change(config: dict) -> None:
        config.setdefault("categories", {})["inactive_after_days"] = days

    vault.update_config(change, "categories settings", detail=f"inactive after {days} days")
    return days


def set_level(vault, cid: str, level: str) -> dict:
    """Record a case's intervention level now; the change (from, to, who, when) goes in its history."""
    from .history import record_event

    if level not in codes_in_force(vault.config, "level"):
        raise InvalidRecord("that is not an intervention level of the service", hint=hint(vault.config, "level"))

    def change(record: dict) -> None:
        profile = record.setdefault("profile", {})
        before = profile.get("level")
        if before == level:
            raise UsageError(f"the case is at level {level} already")
        profile["level"] = level
        record_event(vault, record, "level-changed", level=level, **({"from_level": before} if before else {}))

    return vault.update_case(cid, change, "level", detail=lambda: f"level {level}")


def level_history(record: dict) -> list[tuple[str, str, str]]:
    """(when, who, level) of each level the case had, oldest first: the intake's, then each change."""
    changes = [(h["at"], h["by"], h["level"]) for h in record.get("history") or () if h.get("event") == "level-changed"]
    first = next((h.get("from_level") for h in record.get("history") or () if h.get("event") == "level-changed"),
                 (record.get("profile") or {}).get("level"))
    return ([(record["created"], record["created_by"], first)] if first else []) + changes


def check_evaluation(config: dict, answers: dict[str, int]) -> dict[str, int]:
    """The evaluation answers to record at close: questions in force, scores 1 to 5."""
    allowed = codes_in_force(config, "evaluation")
    for question, score in answers.items():
        if question not in allowed:
            raise InvalidRecord("an evaluation question is not on the service's list",
                                hint="the questions: " + ", ".join(allowed))
        if score not in SCORES:
            raise InvalidRecord("an evaluation score is 1 to 5", hint="1 = not at all, 5 = fully")
    return dict(answers)


# --- existing vaults: free answers typed before the list, mapped to its codes --------------------------


def _key(text: str) -> str:
    """An answer as the mapping compares it: folded, hyphens and runs of spaces as one space."""
    from ..basics.spelling import fold

    return " ".join(fold(text).replace("-", " ").split())


def plan_mapping(vault, rules: dict[str, str]) -> list[tuple[str, str, str | None]]:
    """(case id, the answer as typed, its code or None) of every case whose heard_about is words, not a code.

    An answer is mapped by the manager's ``rules`` (answer -> code, compared folded), or else on its own when
    it is a code or a code's words of the list in force ("Social media" is social-media); else it stays words,
    counted as other. Read through the index; nothing is written."""
    vault.require_manager()
    allowed = codes_in_force(vault.config, "heard_about")
    listed = known(vault.config, "heard_about")
    given = {}
    for answer, code in rules.items():
        if code not in allowed:
            raise UsageError("a mapping names a code that is not on the list", hint=hint(vault.config, "heard_about"))
        given[_key(answer)] = code
    automatic = {_key(c): c for c in allowed} | {_key(listed[c]): c for c in allowed}

    def one(summary: dict):
        answer = (summary.get("contact") or {}).get("heard_about")
        if not isinstance(answer, str) or answer in listed:
            return None
        k = _key(answer)
        return summary["id"], answer, given.get(k) or automatic.get(k)

    return sorted(found for found in vault.rows(one) if found)


def apply_mapping(vault, plan: list[tuple[str, str, str | None]]) -> int:
    """Write each mapped answer's code into its case (audited per case, with no words); the number changed.

    An answer mapped to "other" keeps its words as ``heard_about_other``; any other code replaces them."""
    vault.require_manager()
    done = 0
    for cid, answer, code in plan:
        if code is None:
            continue

        def change(record: dict, answer=answer, code=code) -> None:
            contact = record.get("contact") or {}
            if contact.get("heard_about") != answer:  # changed since the plan was made: left as it is now
                raise _Changed
            contact["heard_about"] = code
            if code == OTHER:
                contact["heard_about_other"] = answer

        try:
            vault.update_case(cid, change, "categories map", detail=lambda: "heard_about")
            done += 1
        except _Changed:
            continue
    vault.audit("categories map", detail=f"heard_about: {done} answers mapped to codes, "
                                         f"{sum(1 for _, _, c in plan if c is None)} left as other")
    return done


class _Changed(Exception):
    """The case's answer changed between the plan and the write."""
