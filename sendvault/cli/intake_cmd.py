"""``sendvault intake``: the questions, in the order a call goes.

Every answer is checked as it is typed and asked again if wrong. Nothing is
written until the officer confirms the summary; Ctrl-C or end of input at any
point writes nothing.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Callable, Optional

import typer

from .. import intake
from ..errors import InvalidRecord, Refused, RefusedRecord, SendvaultError
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

    Consent rules are enforced: a referral needs the family's permission (R2), the
    confidentiality policy must have been explained (R4), an anonymous contact or one
    without permission to record personal details stores no identifying detail (R3, R5),
    and someone without parental responsibility gets a general enquiry (R7, R8).
    Prints the new case id.

    Example:  sendvault intake --from call.toml
    """
    # What needs no key is checked before the passphrase is asked: a terminal for the
    # questions, the file's form.
    if from_file is None:
        common.require_terminal("intake asks its questions", "use 'sendvault intake --from FILE'")
    else:
        fields = intake.load_toml(_read_source(from_file))
    vault = ctx.obj.open()
    today = vault.now().date()
    if from_file is None:
        fields = _ask_intake(vault.config, today)
    try:
        fields = intake.prepare(fields, vault.config, today)
    except (InvalidRecord, RefusedRecord) as exc:  # refused by policy: exit 5, typed or from a file
        output.error(exc.message)
        output.problem_list(exc.problems)
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
            return sys.stdin.read()
        return Path(from_file).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SendvaultError(f"no intake file at {from_file}") from None
    except (OSError, UnicodeDecodeError):
        raise SendvaultError(f"cannot read {from_file} as UTF-8 text") from None


# --- the interactive questions ----------------------------------------------------


def _console():
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def _ask(question: str, check: Callable[[str], object] | None = None, default: str | None = None, optional: bool = False):
    """Ask until the answer passes ``check`` (which returns the value or raises)."""
    from rich.prompt import Prompt

    con = _console()
    while True:
        answer = Prompt.ask(question + (" [dim](Enter to skip)[/dim]" if optional else ""), console=con,
                            default=default if default is not None else ("" if optional else ...), show_default=default is not None)
        answer = (answer or "").strip()
        if not answer:
            if optional:
                return None
            con.print("[red]an answer is needed[/red]")
            continue
        if check is None:
            return answer
        try:
            return check(answer)
        except InvalidRecord as exc:
            con.print(exc.problems[0] if exc.problems else exc.message, style="red", markup=False)


def _choose(question: str, field: str, default: str | None = None, optional: bool = False, values: list[str] | None = None):
    options = values or intake.choices(field)

    def check(answer: str) -> str:
        folded = answer.casefold()
        if folded.isdigit() and 1 <= int(folded) <= len(options):
            return options[int(folded) - 1]
        exact = [o for o in options if o.casefold() == folded]
        starts = [o for o in options if o.casefold().startswith(folded)]
        if exact or len(starts) == 1:
            return (exact or starts)[0]
        raise InvalidRecord("choose one", [f"choose one of: {', '.join(options)} (or its number)"])

    listing = "  ".join(f"{i}) {o}" for i, o in enumerate(options, 1))
    _console().print(f"[dim]{listing}[/dim]")
    return _ask(question, check, default, optional)


def _yes(question: str, default: bool | None = None) -> bool:
    from rich.prompt import Confirm

    return Confirm.ask(question, console=_console(), default=default if default is not None else ...)


def _date(question: str, field: str, default: str | None = None, optional: bool = False, not_after: dt.date | None = None):
    def check(answer: str) -> str:
        value = intake.parse_date(answer, field)
        if not_after and dt.date.fromisoformat(value) > not_after:
            raise InvalidRecord("future", [f"{field}: cannot be in the future"])
        return value

    return _ask(question + " (YYYY-MM-DD)", check, default, optional)


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
                "a referral is accepted only once the parent's or young person's permission is recorded (R2); nothing was written",
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
            "the confidentiality policy must be explained at first contact (R4); nothing was written",
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
            con.print("[yellow]general information only: recorded as a general enquiry with no personal details (R7, R8)[/yellow]")
    heard = _ask("How did they hear about us", optional=True)
    if heard:
        contact["heard_about"] = heard

    dob = None
    if fields["kind"] == "case" and fields["record_personal_details"]:
        fields.update(_ask_personal(today))
        dob = fields.get("child", {}).get("date_of_birth")
    fields["profile"] = _ask_profile(config, dob, contact["date"])
    _confirm_summary(fields)
    return fields


def _ask_personal(today: dt.date) -> dict:
    def field(name: str):
        return lambda answer: intake.check_field(name, answer)

    person = {
        "name": _ask("Caller's name", optional=True),
        "address": _ask("Postal address", optional=True),
        "postcode": _ask("Postcode", field("person.postcode"), optional=True),
        "phone": _ask("Phone", field("person.phone"), optional=True),
        "email": _ask("Email", field("person.email"), optional=True),
        "relationship": _ask("Relationship to the child", optional=True),
    }
    child = {
        "name": _ask("Child or young person's name", optional=True),
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
    profile["ethnicity"] = _choose("Ethnicity (DfE code; REFU refused, NOBT not obtained)", "profile.ethnicity", "NOBT")
    if config.get("localities"):
        profile["locality"] = _choose("Locality", "profile.locality", values=config["localities"], optional=True)
    profile["issues"] = _ask_issues()
    profile["support_level"] = _choose("Support level", "profile.support_level", "information")
    return {k: v for k, v in profile.items() if v}


def _ask_issues() -> list[str]:
    options = intake.choices("profile.issues")

    def check(answer: str) -> list[str]:
        chosen = []
        for part in answer.replace(",", " ").split():
            if part.isdigit() and 1 <= int(part) <= len(options):
                chosen.append(options[int(part) - 1])
            elif part in options:
                chosen.append(part)
            else:
                raise InvalidRecord("unknown issue", ["unknown issue; choose from the numbers or names listed"])
        return list(dict.fromkeys(chosen))

    _console().print("[dim]" + "  ".join(f"{i}) {o}" for i, o in enumerate(options, 1)) + "[/dim]")
    return _ask("Issues (numbers or names, separated by commas)", check, optional=True) or []


def _confirm_summary(fields: dict) -> None:
    from rich.table import Table

    con = _console()
    con.rule("summary")
    grid = Table.grid(padding=(0, 2))
    for k, v in common.flatten(fields):
        grid.add_row(k, output.plain(v))  # what was typed, shown as typed
    con.print(grid)
    if not _yes("Save this case?", True):
        raise Refused("not saved; nothing was written")
