"""``sendvault intake``: the questions, in the order a call goes.

Every answer is checked as it is typed and asked again if wrong. Nothing is
written until the officer confirms the summary; Ctrl-C or end of input at any
point writes nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Callable, Optional

import typer

from ..records import answers, codes, intake, provided
from ..basics.errors import InvalidRecord, Refused, RefusedRecord, SendvaultError
from . import common, output

commands = typer.Typer()


@commands.command("intake", rich_help_panel=common.CASE_WORK)
def intake_command(
    ctx: typer.Context,
    from_file: Annotated[
        Optional[str], typer.Option("--from", help="Read the intake from a TOML file ('-' for standard input) instead of asking.")
    ] = None,
    json: Annotated[bool, typer.Option("--json", help="Print {\"id\": ...} as JSON.")] = False,
) -> None:
    """Open a new case: asks the questions of a first contact, or reads them from a file.

    The consent rules are kept: a referral needs the family's permission, the
    confidentiality policy must have been explained, an anonymous contact or one
    without permission to record personal details stores no identifying detail, and
    someone without parental responsibility gets a general enquiry (general
    information only). Prints the new case id. The intake file is described in
    docs/intake-file.md.

    Example:  sendvault intake --from call.toml
    """
    # What needs no key is checked before the passphrase is asked: a terminal for the
    # questions, the file's form.
    if from_file is None:
        common.require_terminal("intake asks its questions", "use 'sendvault intake --from FILE'")
    else:
        fields = intake.load_toml(_read_source(from_file))
    vault = ctx.obj.open()
    today = vault.today()
    if from_file is None:
        fields = _ask_intake(vault.config, today)
    try:
        fields = intake.prepare(fields, vault.config, today)
    except (InvalidRecord, RefusedRecord) as exc:  # refused by policy: exit 5, typed or from a file
        output.error(exc.message)
        output.problem_list(exc.problems)
        if exc.hint:  # the service's list, when an answer is not on it
            output.info(f"hint: {exc.hint}")
        raise typer.Exit(exc.exit_code)
    cid = vault.create_case(fields)
    if json:
        output.emit_json({"id": cid})
    else:
        output.out(cid)
    if from_file is None:
        output.info(f"case {cid} opened")


def _read_source(from_file: str) -> str:
    try:
        if from_file == "-":
            return common.read_stdin("intake file")
        return Path(from_file).read_text(encoding="utf-8")
    except FileNotFoundError:
        # The file's name is not repeated: it may be a family's name.
        raise SendvaultError("no intake file at that path") from None
    except (OSError, UnicodeDecodeError):
        raise SendvaultError("cannot read the intake file as UTF-8 text") from None


# --- the interactive questions ----------------------------------------------------


def _console():
    # Our own prompts use markup; anything typed or read passes through output.safe.
    return output.console(stderr=True, markup=True)


def _ask(question: str, check: Callable[[str], object] | None = None, default: str | None = None, optional: bool = False,
         shown: str | None = None, on_help: Callable[[], None] | None = None):
    """Ask until the answer passes ``check`` (which returns the value or raises).

    ``shown`` is how the default is shown (a date in words); ``on_help`` is called
    when the answer is '?' (the list of choices again).
    """
    from rich.markup import escape
    from rich.prompt import Prompt

    con = _console()
    suffix = " [dim](Enter to skip)[/dim]" if optional and default is None else ""
    if default is not None:
        suffix += f" [cyan]({escape(shown or default)})[/cyan]"
    while True:
        answer = Prompt.ask(escape(question) + suffix, console=con, default="" if default is not None or optional else ...,
                            show_default=False)
        answer = (answer or "").strip()
        if on_help is not None and answer == "?":
            on_help()
            continue
        if not answer:
            if default is not None:
                answer = default
            elif optional:
                return None
            else:
                con.print("[red]an answer is needed[/red]")
                continue
        if check is None:
            return answer
        try:
            return check(answer)
        except InvalidRecord as exc:
            con.print(exc.problems[0] if exc.problems else exc.message, style="red", markup=False)


def _show_choices(options: list[str], descriptions: dict[str, str] | None) -> None:
    """The options, numbered: with their descriptions in one or two columns, or on one line if they need none."""
    from rich.table import Table

    con = _console()
    described = {o: d for o, d in (descriptions or {}).items() if intake.fold(d) != intake.fold(o).replace("-", " ")}
    if not described:
        con.print("  ".join(f"{i}) {o}" for i, o in enumerate(options, 1)), style="dim", markup=False, highlight=False)
        return
    inline = "  ".join(f"{i}) {o}" + (f" ({described[o]})" if o in described else "") for i, o in enumerate(options, 1))
    if len(options) <= 8 and len(inline) <= con.width:
        con.print(inline, style="dim", markup=False, highlight=False)
        return
    rows = [(f"{i})", o, described.get(o, "")) for i, o in enumerate(options, 1)]
    widest = max(len(n) + len(o) + len(d) for n, o, d in rows) + 6
    columns = 2 if len(rows) > 8 and 2 * widest + 4 <= con.width else 1
    per = -(-len(rows) // columns)
    grid = Table.grid(padding=(0, 1))
    for _ in range(columns):
        grid.add_column(justify="right", style="dim")
        grid.add_column(style="bold")
        grid.add_column(style="dim")
    for r in range(per):
        cells: list[str] = []
        for c in range(columns):
            i = r + c * per
            cells += list(rows[i]) if i < len(rows) else ["", "", ""]
        grid.add_row(*cells)
    con.print(grid)


def _choose(question: str, field: str, default: str | None = None, optional: bool = False, values: list[str] | None = None):
    """One of the field's codes: by its number, the code, a start of it, or words of its description."""
    options = values or intake.choices(field)
    descriptions = codes.descriptions(field) if values is None and field in codes.DESCRIPTIONS else None
    what = codes.label(field)
    _show_choices(options, descriptions)
    hint = " (number, code or words; ? lists them)" if descriptions else ""
    return _ask(question + hint, lambda answer: answers.choose(answer, options, what, descriptions), default, optional,
                on_help=lambda: _show_choices(options, descriptions))


def _yes(question: str, default: bool | None = None) -> bool:
    """Yes or no: yes, no, y or n in any case; Enter takes the default, if there is one."""
    shown = None if default is None else ("yes" if default else "no")
    return _ask(question + " [y/n]", answers.yes_no, shown)


def _date(question: str, field: str, default: str | None = None, optional: bool = False, not_after: dt.date | None = None):
    """A date typed day first (12/03/2017, 12 March 2017) or as ISO; returned as ISO text."""
    what = codes.label(field)

    def check(answer: str) -> str:
        value = answers.parse_date(answer, what, today=not_after)
        if not_after and value > not_after:
            problem = intake.say(field, "is in the future")
            raise InvalidRecord(problem, [problem])
        return value.isoformat()

    shown = answers.format_date(dt.date.fromisoformat(default)) if default else None
    return _ask(question + " (e.g. 12/03/2017)", check, default, optional, shown=shown)


def _ask_intake(config: dict, today: dt.date) -> dict:
    con = _console()
    con.print("[bold]New contact[/bold]  (Ctrl-C at any point: nothing is written)")
    contact: dict = {}
    contact["date"] = _date("Date of first contact", "contact.date", today.isoformat(), not_after=today)
    contact["channel"] = _choose("How did they contact us", "contact.channel", "phone")

    contact["route"] = _choose("Route", "contact.route", "self")
    if contact["route"] != "self":
        contact["referrer"] = _ask("Referrer's role (a role, not a name, e.g. health visitor)")
        if not _yes("Has the parent or young person given permission for this referral?"):
            raise Refused(
                "a referral is accepted only once the parent's or young person's permission is recorded; nothing was written",
                hint="ask the referrer to get permission first, or take the family's own call",
            )
        contact["referral_permission"] = {
            "given_by": _choose("Permission given by", "contact.referral_permission.given_by"),
            "date": _date("Permission given on", "contact.referral_permission.date", contact["date"], not_after=today),
            "method": _choose("How was permission given", "contact.referral_permission.method", "verbal"),
        }

    version = config["policy"]["version"]
    if not _yes(f"Has the confidentiality policy (version {version}) been explained?"):
        raise Refused(
            "the confidentiality policy must be explained at first contact; nothing was written",
            hint="explain the policy, then start the intake again",
        )
    contact["policy_explained"] = {"version": version, "date": contact["date"], "copy_given": _yes("Was a copy given or sent?", False)}

    fields: dict = {"kind": "case", "contact": contact}
    fields["anonymous"] = _yes("Does the caller wish to stay anonymous?", False)
    if fields["anonymous"]:
        con.print("[dim]anonymous: no identifying question will be asked[/dim]")
    fields["record_personal_details"] = (not fields["anonymous"]) and _yes("Permission to record personal details?", True)

    contact["caller"] = _choose("Who is calling", "contact.caller", "parent-carer")
    if contact["caller"] in ("parent-carer", "other-family"):
        contact["parental_responsibility"] = _yes("Do they hold parental responsibility?", contact["caller"] == "parent-carer")
        if not contact["parental_responsibility"]:
            fields["kind"] = "general-enquiry"
            con.print("[yellow]general information only: recorded as a general enquiry with no personal details[/yellow]")
    contact.update(_ask_heard_about(config))

    dob = None
    if fields["kind"] == "case" and fields["record_personal_details"]:
        fields.update(_ask_personal(today, contact.get("caller")))
        dob = fields.get("child", {}).get("date_of_birth")
    fields["profile"] = _ask_profile(config, dob, contact["date"])
    _ask_private(fields)
    _confirm_summary(fields, config)
    return fields


# Who a young person's or a professional's confidence is kept from, in the question asked.
_KEPT_FROM = {"young-person": "Did the young person ask that any of this is kept from their parent or carer?",
              "professional": "Did the professional ask that any of this is kept confidential?"}


def _ask_private(fields: dict) -> None:
    """Who provided the answers is the caller (``provided``); asked only where a confidence is likely to matter:
    the young person or a professional calling, with personal details recorded. A parent's own wish is recorded
    with 'edit --from parent-carer --private --field ...'."""
    who = provided.caller(fields)
    if fields["kind"] != "case" or not fields["record_personal_details"] or who not in _KEPT_FROM:
        return
    if not _yes(_KEPT_FROM[who], False):
        return
    options = [p for p in provided.paths(fields) if p.split(".")[0] != "contact" or p == "contact.heard_about"]
    labels = {p: _summary_label(p) for p in options}
    _show_choices(options, labels)
    chosen = _ask("Which (numbers or names, separated by commas)",
                  lambda answer: answers.choose_many(answer, options, "the answers", labels),
                  on_help=lambda: _show_choices(options, labels))
    fields["provided"] = {"fields": {p: {"from": who, "private": True} for p in chosen}}


def _ask_personal(today: dt.date, caller: str | None = None) -> dict:
    def field(name: str):
        return lambda answer: intake.check_field(name, answer)

    if caller == "professional":
        return _ask_referral(today, field)

    # A young person calling about themselves is the caller and the young person: asked their name
    # once, and never their "relationship to the child".
    themselves = caller == "young-person"
    person = {
        "name": _ask("Young person's name" if themselves else "Caller's name", optional=True),
        "address": _ask("Postal address", optional=True),
        "postcode": _ask("Postcode", field("person.postcode"), optional=True),
        "phone": _ask("Phone", field("person.phone"), optional=True),
        "email": _ask("Email", field("person.email"), optional=True),
        "relationship": None if themselves else _ask("Relationship to the child", optional=True),
    }
    child = {
        "name": person["name"] if themselves else _ask("Child or young person's name", optional=True),
        "date_of_birth": _date("Their date of birth", "child.date_of_birth", optional=True, not_after=today),
        "school": _ask("School or setting", optional=True),
    }
    prefs = {
        "call_at_work": _yes("OK to call them at work?", False),
        "answerphone_messages": _yes("OK to leave answerphone messages?", False),
        "messages_with_family": _yes("OK to leave messages with family or colleagues?", False),
    }
    if person["address"]:
        prefs["post_ok"] = _yes("Is that the right address to post to?", True)
    out = {"contact_preferences": prefs}
    for name, section in (("person", person), ("child", child)):
        kept = {k: v for k, v in section.items() if v is not None}
        if kept:
            out[name] = kept
    return out


def _ask_referral(today: dt.date, field) -> dict:
    """A professional made contact: their work details, then the parent's or carer's own (person 3, given by the
    professional), then the child. The family's details are never the professional's (issue 23)."""
    con = _console()
    con.print("[dim]the professional's work details[/dim]")
    work = {"name": _ask("Professional's name", optional=True), "organisation": _ask("Their organisation", optional=True),
            "job": _ask("Their job (e.g. SENCo)", optional=True),
            "phone": _ask("Work phone", field("person.phone"), optional=True),
            "email": _ask("Work email", field("person.email"), optional=True)}
    out: dict = {}
    con.print("[dim]the parent's or carer's own details (ask only what the professional may pass on)[/dim]")
    parent = {"name": _ask("Parent or carer's name", optional=True),
              "relationship": _ask("Their relationship to the child", optional=True),
              "phone": _ask("Their phone", field("person.phone"), optional=True),
              "email": _ask("Their email", field("person.email"), optional=True),
              "address": _ask("Their postal address", optional=True),
              "postcode": _ask("Their postcode", field("person.postcode"), optional=True)}
    parent = {k: v for k, v in parent.items() if v is not None}
    if parent:
        parent["parental_responsibility"] = _yes("Do they hold parental responsibility?", True)
        prefs = {"call_at_work": _yes("OK to call them at work?", False),
                 "answerphone_messages": _yes("OK to leave answerphone messages?", False),
                 "messages_with_family": _yes("OK to leave messages with family or colleagues?", False)}
        if parent.get("address"):
            prefs["post_ok"] = _yes("Is that the right address to post to?", True)
        out["people"] = [{"role": "parent-carer", "from": "professional", **parent, "contact_preferences": prefs}]
    child = {"name": _ask("Child or young person's name", optional=True),
             "date_of_birth": _date("Their date of birth", "child.date_of_birth", optional=True, not_after=today),
             "school": _ask("School or setting", optional=True)}
    for name, section in (("person", work), ("child", child)):
        kept = {k: v for k, v in section.items() if v is not None}
        if kept:
            out[name] = kept
    return out


def _ask_profile(config: dict, dob: str | None, contact_date: str) -> dict:
    profile: dict = {}
    band = intake.age_band(intake.age_on(dob, contact_date)) if dob else None
    if band:
        _console().print(f"[dim]age band {band} (from the date of birth)[/dim]")
        profile["age_band"] = band
    else:
        profile["age_band"] = _choose("Age band", "profile.age_band", optional=True)
    profile["school_phase"] = _choose("School phase", "profile.school_phase", optional=True)
    profile["sen_stage"] = _choose("SEN stage", "profile.sen_stage", optional=True)
    profile["primary_need"] = _choose("Primary need (DfE code)", "profile.primary_need", optional=True)
    profile["ethnicity"] = _choose("Ethnicity", "profile.ethnicity", "NOBT")
    if config.get("localities") or (config.get("categories") or {}).get("locality"):
        profile["locality"] = _choose_listed("Locality", config, "locality", optional=True)
    profile["issues"] = _ask_issues(config)
    profile["support_level"] = _choose("Support level", "profile.support_level", "information")
    profile["level"] = _choose_listed("Intervention level", config, "level", optional=True)
    return {k: v for k, v in profile.items() if v}


def _choose_listed(question: str, config: dict, name: str, default: str | None = None, optional: bool = False):
    """One of the service's codes in force for list ``name`` (issue 25), offered with its words."""
    from ..records import categories

    listed = {e["code"]: e["words"] for e in categories.in_force(config, name)}
    options = list(listed)
    what = codes.label(categories.FIELDS[name])
    _show_choices(options, listed)
    return _ask(question + " (number, code or words; ? lists them)",
                lambda answer: answers.choose(answer, options, what, listed), default, optional,
                on_help=lambda: _show_choices(options, listed))


def _ask_heard_about(config: dict) -> dict:
    """How they heard about the service: a code of the service's list; "other" with the words they used."""
    from ..records import categories

    code = _choose_listed("How did they hear about us", config, "heard_about", optional=True)
    if not code:
        return {}
    if code != categories.OTHER:
        return {"heard_about": code}
    words = _ask("In their words (never published)", optional=True)
    return {"heard_about": code, **({"heard_about_other": words} if words else {})}


def _ask_issues(config: dict) -> list[str]:
    from ..records import categories

    descriptions = {e["code"]: e["words"] for e in categories.in_force(config, "issues")}
    options = list(descriptions)
    _show_choices(options, descriptions)
    return _ask("Issues (numbers or names, separated by commas; ? lists them)",
                lambda answer: answers.choose_many(answer, options, codes.label("profile.issues"), descriptions),
                optional=True, on_help=lambda: _show_choices(options, descriptions)) or []


def _confirm_summary(fields: dict, config: dict) -> None:
    from rich.table import Table

    from ..records.people import DETAILS as people_details

    con = _console()
    con.rule("summary")
    grid = Table.grid(padding=(0, 2))
    for path, text in common.flatten({k: v for k, v in fields.items() if k not in ("provided", "people")}):
        grid.add_row(_summary_label(path), output.plain(_summary_value(path, text, config)))  # what was typed, shown as typed
    for n, other in enumerate(fields.get("people") or (), 3):  # everyone else: one row each, numbered as 'show' will
        shown = [str(v) for k, v in other.items() if k in people_details]
        pr = {True: ", with parental responsibility", False: ", without parental responsibility"}.get(
            other.get("parental_responsibility"), "")
        grid.add_row(f"Person {n}: {codes.describe('people.role', other['role']).lower()}{pr}", output.plain(", ".join(shown)))
    for path, who in provided.private_fields(fields):
        grid.add_row("Not to be shared", output.plain(f"{_summary_label(path)} (from {codes.describe('provided.from', who).lower()})"))
    con.print(grid)
    if not _yes("Save this case?", True):
        raise SendvaultError("not saved; nothing was written")


def _summary_label(path: str) -> str:
    """'child.date_of_birth' as the officer says it: "Child's date of birth"."""
    words = codes.label(path)
    for lead in ("the ", "whether "):
        words = words[len(lead):] if words.startswith(lead) else words
    return words[:1].upper() + words[1:]


def _summary_value(path: str, text: str, config: dict) -> str:
    """A date in words, a code with its description; anything else as typed."""
    if intake.DATE_RE.match(text):
        try:
            return answers.format_date(dt.date.fromisoformat(text))
        except ValueError:
            return text
    from ..records import categories

    described = categories.described(config).get(path) or codes.DESCRIPTIONS.get(path, {})
    if path == "profile.issues":
        return "; ".join(described.get(code, code) for code in text.split(", "))
    if text in described and intake.fold(described[text]) != intake.fold(text).replace("-", " "):
        return f"{text} ({described[text]})"
    return text
