"""The vault's JSON Schemas (vault-schema/), their examples, and the two validators.

sendvault validates with jsonschema-rs on the fast path (``sendvault.basics.schema.validate``)
and with jsonschema (draft 2020-12) to list every problem. Both must give the same
answer on every example and on generated records, or a record could be stored that
the full validator would reject, or a refusal come with no reason.
"""

from __future__ import annotations

import copy
import json
import os
import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from sendvault.basics import schema
from sendvault.records import categories
from sendvault.basics.errors import InvalidRecord

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "vault-schema"
EXAMPLES = SCHEMA_DIR / "examples"
NAMES = ["case", "config", "audit-entry", "audit-head", "destruction", "statistics", "paper-register", "report", "extract", "import-mapping"]
# SCHEMA_EXAMPLES=3000 for a longer search (the default keeps `make test` quick).
PROPERTY = settings(max_examples=int(os.environ.get("SCHEMA_EXAMPLES", "150")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def full_validator(name: str):
    # sendvault's full validator: draft 2020-12, with "pattern" read as ECMA-262 reads it.
    return schema.full_validator(name)


def fast_ok(name: str, data) -> bool:
    try:
        schema.validate(name, data, "example")
        return True
    except InvalidRecord:
        return False


def full_ok(name: str, data) -> bool:
    return full_validator(name).is_valid(data)


def verdicts(name: str, data) -> tuple[bool, bool]:
    return fast_ok(name, data), full_ok(name, data)


def examples(prefix: str) -> list[tuple[str, Path]]:
    return [(name, p) for name in NAMES for p in sorted((EXAMPLES / name).glob(f"{prefix}-*.json"))]


VALID = examples("valid")
INVALID = examples("invalid")


def load(p: Path):
    return json.loads(p.read_text(encoding="utf-8"))


def _id(item) -> str:
    name, p = item
    return f"{name}/{p.stem}"


# --- the schemas themselves ------------------------------------------------------


def test_every_schema_file_is_tested():
    assert sorted(p.name.removesuffix(".schema.json") for p in SCHEMA_DIR.glob("*.schema.json")) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_schema_is_valid_draft_2020_12(name):
    doc = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert doc["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(doc)
    assert doc == schema.load(name), "sendvault.basics.schema loads another copy of the schema"


@pytest.mark.parametrize("name", NAMES)
def test_each_schema_has_examples_of_both_kinds(name):
    assert len(list((EXAMPLES / name).glob("valid-*.json"))) >= 2
    assert len(list((EXAMPLES / name).glob("invalid-*.json"))) >= 3
    # Nothing else in the folder: a misnamed file would silently go untested.
    assert all(p.name.startswith(("valid-", "invalid-")) and p.suffix == ".json" for p in (EXAMPLES / name).iterdir())


# Keywords every draft since 7 reads alike, and both validators implement the same way.
# The schemas keep to them: the property tests below could not reach every corner of
# the newer keywords (unevaluatedProperties, dependentRequired, prefixItems...), and
# "format" is an assertion for some validators and an annotation for others.
SHARED_KEYWORDS = {
    "$schema", "$id", "$ref", "$defs", "$comment", "title", "description", "default", "examples",
    "type", "enum", "const", "properties", "patternProperties", "additionalProperties", "required",
    "items", "minItems", "maxItems", "uniqueItems", "contains", "minLength", "maxLength", "pattern",
    "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minProperties",
    "maxProperties", "propertyNames", "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
}
ANNOTATIONS = {"description", "title", "$comment", "default", "examples"}


def _subschemas(node, where="#"):
    """Every schema object within ``node``, with a JSON-pointer-like location."""
    if not isinstance(node, dict):
        return
    yield where, node
    for key in ("properties", "patternProperties", "$defs"):
        for name, sub in node.get(key, {}).items():
            yield from _subschemas(sub, f"{where}/{key}/{name}")
    for key in ("items", "additionalProperties", "contains", "propertyNames", "not", "if", "then", "else"):
        if isinstance(node.get(key), dict):
            yield from _subschemas(node[key], f"{where}/{key}")
    for key in ("allOf", "anyOf", "oneOf"):
        for i, sub in enumerate(node.get(key, [])):
            yield from _subschemas(sub, f"{where}/{key}/{i}")


@pytest.mark.parametrize("name", NAMES)
def test_schema_uses_only_keywords_both_validators_share(name):
    for where, node in _subschemas(schema.load(name)):
        unknown = set(node) - SHARED_KEYWORDS
        assert not unknown, f"{name}.schema.json {where}: {sorted(unknown)} are outside the keywords both validators read alike"
        assert not isinstance(node.get("items"), list), f"{name}.schema.json {where}: tuple 'items' differs between drafts"


@pytest.mark.parametrize("name", NAMES)
def test_ref_has_no_sibling_constraints(name):
    """Draft 7 (the fast path) ignores every keyword beside $ref; 2020-12 applies them: they would disagree."""
    for where, node in _subschemas(schema.load(name)):
        if "$ref" in node:
            assert set(node) - {"$ref"} <= ANNOTATIONS, f"{name}.schema.json {where}: constraints beside $ref"
            assert node["$ref"].startswith("#/$defs/"), f"{name}.schema.json {where}: only local #/$defs/ references"


# --- the examples -------------------------------------------------------------------


@pytest.mark.parametrize("item", VALID, ids=list(map(_id, VALID)))
def test_valid_example_passes_both_validators(item):
    name, p = item
    data = load(p)
    errors = [e.message for e in full_validator(name).iter_errors(data)]
    assert errors == [], errors
    schema.validate(name, data, p.name)  # raises with the problems if the fast path disagrees


@pytest.mark.parametrize("item", INVALID, ids=list(map(_id, INVALID)))
def test_invalid_example_fails_both_validators(item):
    name, p = item
    data = load(p)
    assert not full_ok(name, data), "jsonschema accepts it"
    with pytest.raises(InvalidRecord) as exc:
        schema.validate(name, data, p.name)
    # The refusal says what is wrong, field by field.
    assert exc.value.problems and exc.value.problems != ["the record does not match its schema"]


@pytest.mark.parametrize("item", INVALID, ids=list(map(_id, INVALID)))
def test_invalid_example_breaks_exactly_one_rule(item):
    name, p = item
    errors = list(full_validator(name).iter_errors(load(p)))
    assert len(errors) == 1, [e.message for e in errors]


@pytest.mark.parametrize("item", [i for i in VALID if i[0] in ("case", "config")], ids=_id)
def test_valid_record_survives_toml(item):
    """Cases and vault.toml are stored as TOML: every valid example round-trips unchanged."""
    _, p = item
    data = load(p)
    assert tomllib.loads(tomli_w.dumps(data)) == data


def test_problems_never_echo_personal_data():
    data = load(EXAMPLES / "case" / "valid-full.json")
    secret = "Jane Secretname"
    data["person"]["name"] = secret * 20  # too long
    data["person"]["postcode"] = secret  # not a postcode
    data["child"]["school"] = [secret]  # not a string
    data["profile"]["issues"] = [secret, secret]  # not an issue, repeated
    with pytest.raises(InvalidRecord) as exc:
        schema.validate("case", data, "case K7M3-Q9P2")
    assert len(exc.value.problems) >= 4
    assert secret not in exc.value.message
    assert all(secret not in p for p in exc.value.problems)


# --- generated case records -------------------------------------------------------

DATE = r"[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])"
INSTANT = r"20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]Z"
CASE_ID = r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"

dates = st.from_regex(DATE, fullmatch=True)
instants = st.from_regex(INSTANT, fullmatch=True)
words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=60)
officers = st.sampled_from(["Ann Smith", "Bo Jones", "Cy Patel"])
ENUM = full_validator("case").schema["$defs"]

person = st.fixed_dictionaries({}, optional={
    "name": words,
    "address": words,
    "postcode": st.sampled_from(["EX1 2NP", "SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT"]),
    "phone": st.sampled_from(["07700 900123", "+44 7700 900123", "(01632) 960 001", "0161-496-0000"]),
    "email": st.sampled_from(["jane@example.org", "a.b@example.co.uk"]),
    "relationship": words,
})
child = st.fixed_dictionaries({}, optional={"name": words, "date_of_birth": dates, "school": words})
preferences = st.fixed_dictionaries({}, optional={
    k: st.booleans() for k in ("call_at_work", "answerphone_messages", "messages_with_family", "post_ok")
})
identifying = st.one_of(
    st.tuples(st.just("person"), person),
    st.tuples(st.just("child"), child),
    st.tuples(st.just("contact_preferences"), preferences),
)
profile = st.fixed_dictionaries({}, optional={
    "age_band": st.sampled_from(ENUM["profile"]["properties"]["age_band"]["enum"]),
    "school_phase": st.sampled_from(ENUM["profile"]["properties"]["school_phase"]["enum"]),
    "sen_stage": st.sampled_from(ENUM["profile"]["properties"]["sen_stage"]["enum"]),
    "primary_need": st.sampled_from(ENUM["profile"]["properties"]["primary_need"]["enum"]),
    "ethnicity": st.sampled_from(ENUM["profile"]["properties"]["ethnicity"]["enum"]),
    "locality": words,
    "issues": st.lists(st.sampled_from(list(categories.defaults("issues"))), unique=True, max_size=4),
    "support_level": st.sampled_from(ENUM["profile"]["properties"]["support_level"]["enum"]),
})
notes = st.lists(st.fixed_dictionaries({"at": instants, "by": officers, "text": words}), max_size=3)


@st.composite
def cases(draw) -> dict:
    """Any record the case schema should accept, built rule by rule."""
    kind = draw(st.sampled_from(["case", "general-enquiry"]))
    anonymous = draw(st.booleans())
    record_personal_details = draw(st.booleans())
    route = draw(st.sampled_from(["self", "professional", "other"]))
    caller = draw(st.sampled_from(["parent-carer", "young-person", "child", "other-family", "professional"]))
    contact = {
        "date": draw(dates),
        "channel": draw(st.sampled_from(ENUM["contact"]["properties"]["channel"]["enum"])),
        "route": route,
        "caller": caller,
        "policy_explained": {"version": draw(words), "date": draw(dates), "copy_given": draw(st.booleans())},
    }
    if route != "self":
        contact["referrer"] = draw(words)
        contact["referral_permission"] = {
            "given_by": draw(st.sampled_from(["parent-carer", "young-person"])),
            "date": draw(dates),
            "method": draw(st.sampled_from(["verbal", "written"])),
        }
    if kind == "case" and caller in ("parent-carer", "other-family"):
        contact["parental_responsibility"] = True
    elif draw(st.booleans()):
        contact["parental_responsibility"] = draw(st.booleans())
    if draw(st.booleans()):
        contact["heard_about"] = draw(words)
    record = {
        "format": "sendvault-case/1",
        "id": draw(st.from_regex(CASE_ID, fullmatch=True)),
        "created": draw(instants),
        "created_by": draw(officers),
        "updated": draw(instants),
        "updated_by": draw(officers),
        "status": draw(st.sampled_from(["open", "closed"])),
        "kind": kind,
        "anonymous": anonymous,
        "record_personal_details": record_personal_details,
        "contact": contact,
        "profile": draw(profile),
    }
    if kind == "general-enquiry" and "support_level" in record["profile"]:
        record["profile"]["support_level"] = "information"  # R7: general information only
    if record["status"] == "closed":
        record["closed"] = {"date": draw(dates), "outcome": draw(st.sampled_from(list(categories.defaults("outcome")))), "by": draw(officers)}
    if kind == "case" and not anonymous and record_personal_details:
        for section, value in draw(st.lists(identifying, unique_by=lambda t: t[0], max_size=3)):
            record[section] = value
    n = draw(notes)
    if n:
        record["notes"] = n
    return record


@PROPERTY
@given(cases())
def test_generated_cases_are_accepted_by_both(record):
    assert verdicts("case", record) == (True, True)


@PROPERTY
@given(cases(), identifying)
def test_anonymous_record_with_identifying_section_is_rejected(record, section):
    """R3: an anonymous contact stores no identifying data, whatever else the record says."""
    record["anonymous"] = True
    name, value = section
    record[name] = value
    assert verdicts("case", record) == (False, False)


@PROPERTY
@given(cases(), identifying)
def test_identifying_section_without_permission_to_record_is_rejected(record, section):
    """R5: without permission to record personal details, only [profile] and contact facts."""
    record["record_personal_details"] = False
    name, value = section
    record[name] = value
    assert verdicts("case", record) == (False, False)


@PROPERTY
@given(cases(), identifying)
def test_general_enquiry_with_identifying_section_is_rejected(record, section):
    """R7: a general enquiry holds no personal details."""
    record["kind"] = "general-enquiry"
    record["contact"]["parental_responsibility"] = True  # keep the other rules satisfied
    name, value = section
    record[name] = value
    assert verdicts("case", record) == (False, False)


@PROPERTY
@given(cases(), st.sampled_from(["professional", "other"]), st.booleans())
def test_referral_without_permission_is_rejected(record, route, keep_referrer):
    """R2: a referral by a professional or another third party needs the recorded permission."""
    record["contact"]["route"] = route
    record["contact"].pop("referral_permission", None)
    if keep_referrer:
        record["contact"]["referrer"] = "health visitor"
    assert verdicts("case", record) == (False, False)


@PROPERTY
@given(cases(), st.sampled_from(["parent-carer", "other-family"]), st.sampled_from([False, None]))
def test_casework_for_family_without_parental_responsibility_is_rejected(record, caller, pr):
    """R7/R8: casework for a family caller needs parental responsibility; else it is a general enquiry."""
    record["kind"] = "case"
    record["contact"]["caller"] = caller
    if pr is None:
        record["contact"].pop("parental_responsibility", None)
    else:
        record["contact"]["parental_responsibility"] = pr
    assert verdicts("case", record) == (False, False)


@PROPERTY
@given(cases())
def test_closed_section_exactly_when_closed(record):
    flipped = copy.deepcopy(record)
    if record["status"] == "closed":
        del flipped["closed"]
    else:
        flipped["closed"] = {"date": "2027-01-01", "outcome": "resolved", "by": "Ann Smith"}
    assert verdicts("case", flipped) == (False, False)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=False, allow_infinity=False) | words,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(words, inner, max_size=3),
    max_leaves=6,
)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, prefix + (i,))


@PROPERTY
@given(cases(), st.data())
def test_validators_agree_on_any_change(record, data):
    """Replace or delete any part of a valid record: jsonschema-rs and jsonschema give one verdict."""
    paths = [p for p in _paths(record) if p]
    path = data.draw(st.sampled_from(paths))
    parent = record
    for k in path[:-1]:
        parent = parent[k]
    if data.draw(st.booleans()) and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = data.draw(json_values)
    fast, full = verdicts("case", record)
    assert fast == full, f"jsonschema-rs says {fast}, jsonschema says {full}"


@PROPERTY
@given(
    st.fixed_dictionaries({
        "seq": st.integers(min_value=-1, max_value=10**6),
        "at": instants,
        "device": st.from_regex(r"[0-9a-f]{16}", fullmatch=True),
        "officer": st.text(max_size=20),
        "command": st.sampled_from(["init", "intake", "officer add", "retention purge", "Show", ""]),
        "case": st.none() | st.from_regex(CASE_ID, fullmatch=True) | st.just("k7m3-q9p2"),
        "prev": st.from_regex(r"[0-9a-f]{64}", fullmatch=True) | st.just("0"),
    }, optional={"detail": st.text(max_size=220)})
)
def test_validators_agree_on_audit_entries(entry):
    fast, full = verdicts("audit-entry", entry)
    assert fast == full


# Plain jsonschema matches "pattern" with Python's re.search, where "$" also matches before a
# final newline; jsonschema-rs, like ECMA-262 (which the spec names), does not. sendvault's full
# validator reads "$" as ECMA-262 does, so the two agree and a refusal always has its reason.
@pytest.mark.parametrize("name, path, example", [
    ("audit-entry", ("device",), "valid-case-entry"),
    ("case", ("id",), "valid-minimal"),
    ("config", ("officers", 0, "name"), "valid-new-vault"),
])
def test_validators_agree_on_a_trailing_newline(name, path, example):
    data = load(EXAMPLES / name / f"{example}.json")
    parent = data
    for k in path[:-1]:
        parent = parent[k]
    parent[path[-1]] += "\n"
    fast, full = verdicts(name, data)
    assert (fast, full) == (False, False), f"jsonschema-rs says {fast}, jsonschema says {full}"
    assert schema.problems(name, data) != ["the record does not match its schema"]


def test_readme_documents_every_example():
    readme = (SCHEMA_DIR / "README.md").read_text(encoding="utf-8")
    for _, p in VALID + INVALID:
        assert f"`{p.stem}`" in readme, f"vault-schema/README.md does not describe examples/{p.parent.name}/{p.name}"
    for name in NAMES:
        assert f"{name}.schema.json" in readme
