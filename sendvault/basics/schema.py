"""JSON Schemas of every vault file format (``vault-schema/``), and validation.

Records are checked on every read and before every write. The fast path is
jsonschema-rs; only when a record fails does the full draft 2020-12 validator
(jsonschema) run, to list every problem with its field.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from .errors import InvalidRecord

_HERE = Path(__file__).resolve().parent
# Installed wheels carry the schemas inside the package; a source checkout has them
# at the repository's top level, where they are maintained.
_CANDIDATES = (_HERE.parent / "vault_schema", _HERE.parent.parent / "vault-schema")


def schema_dir() -> Path:
    for d in _CANDIDATES:
        if (d / "case.schema.json").exists():
            return d
    raise RuntimeError("sendvault's schemas are missing from this installation")


@functools.cache
def load(name: str) -> dict:
    with open(schema_dir() / f"{name}.schema.json", encoding="utf-8") as f:
        return json.load(f)


@functools.cache
def _compiled(name: str):
    """The fast validator (jsonschema-rs, draft 2020-12, compiled in about a millisecond).

    A case is validated on every read: in Rust this is ~4 µs a record, against ~50 µs
    for the pure-Python validator used before, which was a sixth of reading a whole
    vault to build the index. Its regular expressions read ``$`` as ECMA-262 does (no
    match before a final newline), as the full validator below is made to.
    """
    import jsonschema_rs

    return jsonschema_rs.validator_for(load(name))


@functools.cache
def full_validator(name: str):
    """The draft 2020-12 validator, reading ``pattern`` as ECMA-262 does.

    Python's ``$`` also matches before a final newline, ECMA-262's (and
    jsonschema-rs's) does not; without this the two validators would disagree on
    "K7M3-Q9P2\\n", and a refused record would be reported with no reason.
    """
    import re

    from jsonschema import Draft202012Validator, ValidationError, validators

    def pattern(validator, patrn, instance, schema):
        if not validator.is_type(instance, "string"):
            return
        strict = patrn[:-1] + r"\Z" if patrn.endswith("$") and not patrn.endswith("\\$") else patrn
        if not re.search(strict, instance):
            yield ValidationError(f"{instance!r} does not match {patrn!r}")

    cls = validators.extend(Draft202012Validator, {"pattern": pattern})
    return cls(load(name))


def problems(name: str, data: object) -> list[str]:
    """Every way ``data`` fails schema ``name``, as 'field: what is wrong' lines."""
    validator = full_validator(name)
    out = []
    for err in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        out.extend(_describe(err))
    return out or ["the record does not match its schema"]


DATE_PATTERN = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"


def _describe(err) -> list[str]:
    # Conditional rules report through their subschemas; name the fields they touch.
    if err.validator in ("anyOf", "oneOf", "allOf", "if") and err.context:
        lines = []
        for sub in err.context:
            lines.extend(_describe(sub))
        return lines
    where = ".".join(str(p) for p in err.absolute_path) or "(top level)"
    # Never echo a value back: it may be personal data. Field names are fine.
    v, value = err.validator, err.validator_value
    if v == "pattern":
        message = "must be a date in the form YYYY-MM-DD" if value == DATE_PATTERN else "is not in the expected form"
    elif v == "enum":
        message = "must be one of: " + ", ".join(map(str, value))
    elif v == "const":
        message = f"must be {json.dumps(value)}"
    elif v == "type":
        message = f"must be of type {value}"
    elif v == "not":
        message = "is not allowed here"
    elif v == "required":
        message = err.message
    elif v == "additionalProperties":
        import re

        # A key is named back only if it looks like a field name: a key can be anything typed.
        extra = sorted(k for k in err.instance if k not in err.schema.get("properties", {})) if isinstance(err.instance, dict) else []
        named = [k for k in extra if re.fullmatch(r"[a-z][a-z0-9_]{0,39}", k)]
        message = "unknown field(s): " + ", ".join(named) if named and len(named) == len(extra) else "has an unknown field"
    elif v in ("minLength", "maxLength", "minItems", "maxItems", "minimum", "maximum"):
        message = f"violates {v} {value}"
    elif v == "uniqueItems":
        message = "has repeated items"
    else:
        message = f"is not valid ({v})"
    return [f"{where}: {message}"]


def validate(name: str, data: object, what: str) -> None:
    """Raise ``InvalidRecord`` listing every problem if ``data`` fails schema ``name``."""
    try:
        if _compiled(name).is_valid(data):
            return
    except (ValueError, TypeError, OverflowError):
        # A value JSON has no type for (a TOML date written bare, bytes): the full
        # validator decides, and names the field.
        found = [line for err in full_validator(name).iter_errors(data) for line in _describe(err)]
        if not found:
            return
    else:
        found = problems(name, data)
    raise InvalidRecord(f"{what} fails its schema ({len(found)} problem(s)): " + "; ".join(found), found)
