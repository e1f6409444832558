"""Intake: the rules a new case must meet before anything is stored (R1-R9, R13).

Pure functions over plain dicts: the CLI asks the questions (or reads a file),
this module says what is wrong, in words an officer can act on, naming the field
by its label ("the child's date of birth", from ``codes``) and never quoting a
value (it may be personal data).
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib

from . import codes, provided
from ..basics import schema
from ..store import search
from ..basics.errors import InvalidRecord, RefusedRecord

# former_details: what people of the case were once recorded as (people.remember), for redaction only.
IDENTIFYING_SECTIONS = ("person", "child", "contact_preferences", "people", "former_details")
SYSTEM_FIELDS = ("format", "id", "created", "created_by", "updated", "updated_by", "status", "closed",
                 "notes", "consents", "disclosures", "breaches", "holds", "policy_told", "history", "assigned_to", "follow_up")
AGE_BANDS = [("0-4", 0, 4), ("5-10", 5, 10), ("11-15", 11, 15), ("16-18", 16, 18), ("19-25", 19, 25)]
DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def choices(path: str) -> list[str]:
    """The allowed values of an enumerated field of the case schema, e.g. 'contact.channel'."""
    case = schema.load("case")
    defs = case["$defs"]
    node: dict = case
    for part in path.split("."):
        props = node.get("properties", {})
        node = props[part]
        while "$ref" in node or "items" in node:  # a list's items hold its codes, or its fields ('consents.scope')
            node = defs[node["$ref"].split("/")[-1]] if "$ref" in node else node["items"]
    coded = [branch for branch in node.get("anyOf", ()) if "enum" in branch]  # codes, or a form beside them
    return list(coded[0]["enum"] if coded else node["enum"])


def say(path: str, predicate: str) -> str:
    """One problem in words: the field's label, then ``predicate`` ("is in the future"), its verb agreeing."""
    if codes.plural(path):
        predicate = re.sub(r"^(is|has|was)\b", lambda m: {"is": "are", "has": "have", "was": "were"}[m[1]], predicate)
    return f"{codes.label(path)} {predicate}"


def _problem(path: str, predicate: str) -> tuple[str, str]:
    return path, say(path, predicate)


class _Refusal(tuple):
    """A (path, words) problem that is a refusal by the service's policy, not a mistake in the record.

    What the contact told us (or did not) means the record cannot be kept as it is:
    a referral without the family's permission (R2, refused at the prompts too),
    identifying details where none may be stored (R3 anonymous, R5 no permission,
    R7 general enquiry), casework without parental responsibility (R8). A missing
    explanation of the policy (R4) is not one of them: in a file it is an incomplete
    record (exit 1), whereas the prompts ask, and a "no" there is refused (exit 5).
    It compares equal to the plain (path, words) tuple.
    """


def _refusal(path: str, predicate: str) -> tuple[str, str]:
    return _Refusal((path, say(path, predicate)))


# --- single fields, checked as they are typed ----------------------------------


def parse_date(text: str, field: str) -> str:
    """An ISO date from ``YYYY-MM-DD`` (the only form accepted: 02/11 is ambiguous)."""
    text = text.strip()
    try:
        if not DATE_RE.match(text):
            raise ValueError
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        problem = say(field, "must be a date in the form YYYY-MM-DD")
        raise InvalidRecord(problem, [problem]) from None


_FIELD_FORMS = {
    "person.postcode": "must be a UK postcode such as EX1 2NP",
    "person.phone": "must be written with digits, spaces, + and brackets only, such as 07700 900123",
    "person.email": "must be an address such as name@example.org",
}


def _pattern(field: str) -> re.Pattern:
    # The schema is the one statement of each field's form.
    section, key = field.split(".")
    defs = schema.load("case")["$defs"]
    node = defs[section]["properties"][key]
    if "$ref" in node:  # person.phone and the others share one definition with everyone's details
        node = defs[node["$ref"].rsplit("/", 1)[-1]]
    return re.compile(node["pattern"])


# The forms Royal Mail issues (A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA, and GIR 0AA),
# with the letters each position may hold: "QQ1 1QQ" has the shape of a postcode and is none.
_POSTCODE = re.compile(r"(GIR0AA|[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY])"
                       r"[0-9][ABD-HJLNP-UW-Z]{2})")
# "01632 960123 ext 204", "x204", "extension 204": a switchboard's extension after the number.
_EXTENSION = re.compile(r"\s*(?:ext\.?|extn\.?|extension|x)\s*[0-9]{1,6}$", re.IGNORECASE)


EXTENSION = _EXTENSION  # for the service's own number (casework.tidy_service_details)


def tidy_postcode(value: str) -> str | None:
    """A UK postcode written as Royal Mail writes it ("sp12ab" is "SP1 2AB"), or None if it cannot be one."""
    squashed = re.sub(r"\s+", "", value).upper()
    return f"{squashed[:-3]} {squashed[-3:]}" if _POSTCODE.fullmatch(squashed) else None


def phone_problem(value: str) -> str | None:
    """Why ``value`` cannot be a phone number to call, or None: a UK number has 10 or 11 digits with its
    area code ("960123" alone reaches no one), an international one 8 to 15 after the +."""
    number = _EXTENSION.sub("", value)
    key = search.phone_key(number)
    if key.startswith("+"):
        return None if 8 <= len(key) - 1 <= 15 else "is not a whole international number (8 to 15 digits after the +)"
    if not key.startswith("0"):
        return "must start with 0 (with its area code) or + and the country code"
    return None if len(key) in (10, 11) else "is not a whole UK number: it has 10 or 11 digits with the area code"


# A role names no one: "the SENCo at Hill Top Academy", not "Mr Okafor, SENCo".
_TITLED_NAME = re.compile(r"\b(?:mr|mrs|ms|miss|mx|dr|doctor|prof|professor|sir|dame)\.?\s+[A-Z][\w'-]+", re.IGNORECASE)


def check_field(field: str, value: str) -> str:
    """The tidied value of a typed field, or ``InvalidRecord`` saying what form it must take."""
    value = value.strip()
    if field == "person.postcode":
        tidy = tidy_postcode(value)
        if tidy is None:
            raise InvalidRecord(say(field, _FIELD_FORMS[field]), [say(field, _FIELD_FORMS[field])])
        return tidy
    form = _FIELD_FORMS.get(field)
    if form and not _pattern(field).match(value):
        raise InvalidRecord(say(field, form), [say(field, form)])
    if field == "person.phone" and (problem := phone_problem(value)):
        raise InvalidRecord(say(field, problem), [say(field, problem)])
    if field == "contact.referrer" and _TITLED_NAME.search(value):
        problem = say(field, "names a person: record their role only, e.g. SENCo or health visitor")
        raise InvalidRecord(problem, [problem])
    return value


def age_on(date_of_birth: str, on: str) -> int:
    dob, day = dt.date.fromisoformat(date_of_birth), dt.date.fromisoformat(on)
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def age_band(age: int) -> str | None:
    for band, lo, hi in AGE_BANDS:
        if lo <= age <= hi:
            return band
    return None


# --- whole records -------------------------------------------------------------


def load_toml(text: str) -> dict:
    """Parse an intake file; TOML dates become ISO strings, as records hold them.

    A byte-order mark (Notepad and Excel write one) is dropped: it is not part of the text.
    """
    try:
        data = tomllib.loads(text.removeprefix("\ufeff"))
        if _too_deep(data):
            raise RecursionError
    except RecursionError:
        raise InvalidRecord(f"the intake file nests tables or lists more than {MAX_DEPTH} deep; no intake needs that",
                            [f"(file): nested more than {MAX_DEPTH} deep"]) from None
    except tomllib.TOMLDecodeError as exc:
        # tomllib names the line and column; some messages also quote a key, which is dropped.
        reason = str(exc) if not any(q in str(exc) for q in "'\"") else re.sub(r".*(\(at line [^)]*\)).*", r"\1", str(exc))
        raise InvalidRecord(f"the intake file is not valid TOML {reason}" if reason.startswith("(") else
                            f"the intake file is not valid TOML ({reason})", [f"(file): not valid TOML ({reason})"]) from None
    return _dates_to_text(data)


MAX_DEPTH = 16  # an intake's own nesting is 3 deep


def _too_deep(value) -> bool:
    """Deeper than ``MAX_DEPTH``, looked at without recursion (a hostile file nests thousands deep)."""
    stack = [(value, 0)]
    while stack:
        v, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        if isinstance(v, dict):
            stack.extend((x, depth + 1) for x in v.values())
        elif isinstance(v, list):
            stack.extend((x, depth + 1) for x in v)
    return False


def _dates_to_text(value):
    if isinstance(value, dict):
        return {k: _dates_to_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_to_text(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.tzinfo is None and value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def rule_problems(record: dict, config: dict, today: dt.date) -> list[str]:
    """The policies' rules that a schema says badly or not at all, in officers' words."""
    return [words for _, words in _rules(record, config, today)]


def _rules(record: dict, config: dict, today: dt.date) -> list[tuple[str, str]]:
    # (field path, words): the path is kept to tell the schema's restatements of a rule apart.
    out: list[tuple[str, str]] = []
    contact = record.get("contact") if isinstance(record.get("contact"), dict) else {}
    present = [s for s in IDENTIFYING_SECTIONS if s in record]
    if record.get("anonymous") is True and present:
        out += [_refusal(s, "is not allowed in an anonymous contact (no identifying details are stored)") for s in present]
    elif record.get("record_personal_details") is False and present:
        out += [_refusal(s, "is not allowed without permission to record personal details") for s in present]
    elif record.get("kind") == "general-enquiry" and present:
        out += [_refusal(s, "is not allowed in a general enquiry (no personal details)") for s in present]
    profile = record.get("profile") if isinstance(record.get("profile"), dict) else {}
    if record.get("kind") == "general-enquiry" and profile.get("support_level") not in (None, "information"):
        out.append(_problem("profile.support_level",
                            "must be information: a general enquiry gets general information only"))
    if contact.get("route") in ("professional", "other"):
        if "referrer" not in contact:
            out.append(_problem("contact.referrer", "is required for a referral (a role, not a name)"))
        if "referral_permission" not in contact:
            out.append(_refusal("contact.referral_permission", "is missing: a referral is accepted only once the parent's "
                                "or young person's permission is recorded: who gave it, when and how"))
    if "policy_explained" not in contact:
        out.append(_problem("contact.policy_explained", "is missing: record that the confidentiality policy was "
                            "explained, its version, the date, and whether a copy was given"))
    else:
        version = contact["policy_explained"].get("version") if isinstance(contact["policy_explained"], dict) else None
        known = {h["version"] for h in config["policy"].get("history", [])} | {config["policy"]["version"]}
        if isinstance(version, str) and version not in known:  # another type: the schema says so
            out.append(_problem("contact.policy_explained.version",
                                f"is not a policy version of this vault (the current one is {config['policy']['version']})"))
    if record.get("kind") == "case" and contact.get("caller") in ("parent-carer", "other-family"):
        if contact.get("parental_responsibility") is not True:
            out.append(_refusal("contact.parental_responsibility", "must be yes for casework: casework is only for the "
                                "young person or someone with parental responsibility; without it, record a general "
                                "enquiry (kind = \"general-enquiry\")"))
    out += _date_problems(record, contact, today)
    out += _category_problems(contact, profile, config)
    return out


def _category_problems(contact: dict, profile: dict, config: dict) -> list[tuple[str, str]]:
    """The answers the service codes (issue 25) checked against its lists in force; a value is never quoted."""
    from . import categories

    out = []
    checked = [("heard_about", "contact.heard_about", contact.get("heard_about")), ("level", "profile.level", profile.get("level"))]
    if config.get("localities") or (config.get("categories") or {}).get("locality"):  # a vault with no localities has no list
        checked.append(("locality", "profile.locality", profile.get("locality")))
    for name, path, value in checked:
        if problem := categories.problem(config, name, value):
            out.append(_problem(path, problem))
    issues = profile.get("issues") if isinstance(profile.get("issues"), list) else []
    for n, issue in enumerate(issues):  # not code-shaped: the schema says so; a code off the list is ours, unquoted
        if isinstance(issue, str) and categories.CODE.fullmatch(issue) and (problem := categories.problem(config, "issues", issue)):
            out.append(_problem(f"profile.issues.{n}", problem))
    if "heard_about_other" in contact and contact.get("heard_about") != categories.OTHER:
        out.append(_problem("contact.heard_about_other", 'goes with heard_about = "other" only'))
    return out


def category_hint(problems: list[str], config: dict) -> str | None:
    """The hint of a refused intake that names a list: where the lists are shown."""
    from . import categories

    for name in categories.LISTS:
        if any(p.startswith(codes.label(categories.FIELDS[name]) + " ") and "must be one of" in p for p in problems):
            return f"the service's lists: 'sendvault categories show' ({categories.hint(config, name)})"
    return None


def _date_problems(record: dict, contact: dict, today: dt.date) -> list[tuple[str, str]]:
    out = []
    date = contact.get("date")
    if isinstance(date, str) and DATE_RE.match(date):
        try:
            if dt.date.fromisoformat(date) > today:
                out.append(_problem("contact.date", "is in the future"))
        except ValueError:
            out.append(_problem("contact.date", "is not a real date"))
            return out
    child = record.get("child") if isinstance(record.get("child"), dict) else {}
    dob = child.get("date_of_birth")
    if isinstance(dob, str) and DATE_RE.match(dob) and isinstance(date, str) and DATE_RE.match(date):
        try:
            age = age_on(dob, date)
        except ValueError:
            return out + [_problem("child.date_of_birth", "is not a real date")]
        band = age_band(age)
        if age < 0:
            out.append(_problem("child.date_of_birth", "is after the date of first contact"))
        elif band is None:
            out.append(_problem("child.date_of_birth",
                                "makes them older than 25: the service is for children and young people aged 0 to 25"))
        else:
            profile = record.get("profile") if isinstance(record.get("profile"), dict) else {}
            given = profile.get("age_band")
            if given is not None and given != band:
                out.append(_problem("profile.age_band", f"does not match the child's date of birth (which gives {band})"))
    return out


def prepare(fields: dict, config: dict, today: dt.date) -> dict:
    """Check an intake (from a file or the prompts) against every rule and the schema.

    Returns the fields to store (age band derived from a date of birth), or raises
    listing every problem at once: ``RefusedRecord`` (exit 5) if any of them is a
    refusal by policy (see ``_Refusal``), else ``InvalidRecord`` (exit 1). One
    meaning per exit code: a refusal from a file exits as the same refusal typed.
    """
    fields, problems = people_from_intake(dict(fields))  # [[people]] as the case holds them
    problems += [_problem(k, "is set by sendvault, not by an intake file") for k in SYSTEM_FIELDS if k in fields]
    child, contact = fields.get("child"), fields.get("contact")
    if isinstance(child, dict) and isinstance(contact, dict) and "date_of_birth" in child and "date" in contact:
        try:
            band = age_band(age_on(child["date_of_birth"], contact["date"]))
            profile = fields.setdefault("profile", {})
            if band and isinstance(profile, dict):
                profile.setdefault("age_band", band)
        except (TypeError, ValueError):
            pass  # reported below with the field's name
    problems += _typed_fields(fields)
    problems += _rules(fields, config, today)
    problems += [p for p in provided.problems(fields) if p not in problems]
    # Checked as the record it would become; system fields are reported above, once.
    candidate = {
        **{k: v for k, v in fields.items() if k not in SYSTEM_FIELDS},
        "format": "sendvault-case/2", "id": "0000-0000", "created": "2000-01-01T00:00:00Z", "created_by": "x",
        "updated": "2000-01-01T00:00:00Z", "updated_by": "x", "status": "open",
    }
    try:
        schema.validate("case", candidate, "the intake")
    except InvalidRecord as exc:
        ours = {path for path, _ in problems}  # the schema's restatements of these are dropped, nothing else
        for raw in exc.problems:
            path, words = _schema_problem(raw)
            if (path, words) not in problems and not _covered(path, raw, ours):
                problems.append((path, words))
    if problems:
        found = [words for _, words in problems]
        if any(isinstance(p, _Refusal) for p in problems):
            raise RefusedRecord(f"the intake has {len(found)} problem(s); nothing was written", found,
                                category_hint(found, config))
        raise InvalidRecord(f"the intake has {len(found)} problem(s); nothing was written", found,
                            category_hint(found, config))
    return fields


# --- the intake file's [[people]] ----------------------------------------------------------

_INTAKE_KEYS = {"role", "name", "relationship", "parental_responsibility", "made_contact", "phone", "email", "address",
                "postcode", "contact_preferences", "organisation", "job", "date_of_birth", "school", "left_education",
                "from", "private"}
_ROLES = ("parent-carer", "young-person", "child", "other-family", "professional")
_CHILD_ROLES = ("young-person", "child")
_PERSON_KEYS = ("name", "relationship", "phone", "email", "address", "postcode", "organisation", "job")
_CHILD_KEYS = ("name", "date_of_birth", "school", "left_education")


def people_from_intake(fields: dict) -> tuple[dict, list[tuple[str, str]]]:
    """An intake's ``[[people]]`` as the case holds them: who made contact as ``[person]`` (their role as
    ``contact.caller``), the child or young person as ``[child]`` (one person with who made contact when they
    called themselves), everyone else in ``people`` numbered from 3. Returns (fields, problems as (path, words))."""
    listed = fields.get("people")
    if "people" not in fields or not isinstance(listed, list):
        return fields, []
    fields = {k: v for k, v in fields.items() if k != "people"}
    problems: list[tuple[str, str]] = []
    contact = fields.setdefault("contact", {}) if isinstance(fields.get("contact", {}), dict) else {}
    others: list[dict] = []
    callers = children = 0
    for i, entry in enumerate(listed, 1):
        where = f"people[{i}]"
        if not isinstance(entry, dict):
            problems.append((where, f"{where} must be a [[people]] table"))
            continue
        unknown = sorted(set(entry) - _INTAKE_KEYS)
        problems += [(f"{where}.{k}", f"{where} has unknown field '{k}'") for k in unknown]
        role = entry.get("role")
        if role not in _ROLES:
            problems.append((f"{where}.role", f"{where}.role must be one of: {', '.join(_ROLES)}"))
            continue
        if entry.get("made_contact") is True:
            callers += 1
            if "person" in fields or callers > 1:
                problems.append((f"{where}.made_contact", "only one person made contact ([person] or one of "
                                 "[[people]] with made_contact = true)"))
                continue
            if contact.get("caller", role) != role:
                problems.append((f"{where}.role", f"{where}.role does not match contact.caller"))
            contact["caller"] = role
            if "parental_responsibility" in entry:
                contact["parental_responsibility"] = entry["parental_responsibility"]
            if isinstance(entry.get("contact_preferences"), dict):
                fields["contact_preferences"] = entry["contact_preferences"]
            person = {k: entry[k] for k in _PERSON_KEYS if k in entry}
            if person:
                fields["person"] = person
            if role not in _CHILD_ROLES:
                problems += [(f"{where}.{k}", f"{where}.{k} is only for the child or young person")
                             for k in sorted(set(entry) & {"date_of_birth", "school", "left_education"})]
            if role in _CHILD_ROLES:
                if "child" in fields:
                    problems.append((where, "a case is about one child or young person ([child] or one of [[people]])"))
                    continue
                children += 1
                child = {k: entry[k] for k in _CHILD_KEYS if k in entry}
                if child:
                    fields["child"] = child
            continue
        if role in _CHILD_ROLES:
            children += 1
            if "child" in fields or children > 1:
                problems.append((where, "a case is about one child or young person ([child] or one of [[people]])"))
                continue
            extra = sorted(set(entry) - set(_CHILD_KEYS) - {"role", "made_contact"})
            problems += [(f"{where}.{k}", f"{where}.{k} is not kept for the child (their contact is through "
                                          "who made contact)") for k in extra]
            child = {k: entry[k] for k in _CHILD_KEYS if k in entry}
            if child:
                fields["child"] = child
            continue
        extra = sorted(set(entry) & {"date_of_birth", "school", "left_education"})
        problems += [(f"{where}.{k}", f"{where}.{k} is only for the child or young person") for k in extra]
        other = {k: entry[k] for k in _PERSON_KEYS + ("parental_responsibility", "contact_preferences", "from", "private")
                 if k in entry}
        others.append({"number": 3 + len(others), "role": role, **other})  # 1 made contact, 2 the child
    if others:
        fields["people"] = others
    return fields, problems


def _typed_fields(fields: dict) -> list[tuple[str, str]]:
    """The postcode written as Royal Mail writes it, and the checks typed answers get, for a file's fields too."""
    out = []
    parts = [("person", key, fields.get("person")) for key in ("postcode", "phone")] + \
        [("contact", "referrer", fields.get("contact"))] + \
        [("person", key, p) for p in fields.get("people") or () if isinstance(p, dict) for key in ("postcode", "phone")]
    for section, key, part in parts:
        if isinstance(part, dict) and isinstance(part.get(key), str):
            field = f"{section}.{key}"
            try:
                part[key] = check_field(field, part[key])
            except InvalidRecord as exc:
                out.append((field, exc.problems[0]))
    return out


def _covered(path: str, raw: str, ours: set[str]) -> bool:
    # The schema restates the rules above in its own words; keep only ours.
    if raw == "(top level): is not allowed here":  # the schema's form of R3/R5/R7
        return bool(ours & set(IDENTIFYING_SECTIONS))
    # A fault reported at a field is not said again for the parts under it (the schema's "from is not allowed here"
    # under an officer's private entry).
    return path in ours or any(path.startswith(p + ".") for p in ours)


_TYPES = {"boolean": "true or false", "string": "text", "array": "a list", "object": "a [section] of fields",
          "integer": "a whole number", "number": "a number"}


def _schema_problem(problem: str) -> tuple[str, str]:
    """A line of ``schema.problems`` ('contact.date: must be ...') as (path, words with the field's label)."""
    where, _, message = problem.partition(": ")
    path = "" if where == "(top level)" else where
    if m := re.fullmatch(r"'([a-z_]+)' is a required property", message):
        path = f"{path}.{m[1]}" if path else m[1]  # named by the missing field, as our rules name it
        return path, say(path, "is missing")
    if m := re.fullmatch(r"must be of type (\w+)", message):
        message = f"must be {_TYPES.get(m[1], m[1])}"
    elif m := re.fullmatch(r"violates (minLength|maxLength|minItems|maxItems) (\d+)", message):
        unit = "characters" if m[1].endswith("Length") else "items"
        message = f"is too short (at least {m[2]} {unit})" if m[1].startswith("min") else f"is too long (at most {m[2]} {unit})"
    elif message.startswith("unknown field"):
        message = "has " + message
    return path, say(path, message)


# --- searching -----------------------------------------------------------------


# Kept here for the modules that fold text as intake does; the search itself is search.py.
fold = search.fold
phone_key = search.phone_key
matches = search.matches
