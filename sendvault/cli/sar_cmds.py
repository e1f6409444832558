"""Subject access (R25): sar request (record a request) and sar (make the copy)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..records import answers
from ..basics.errors import UsageError
from . import common, output

commands = typer.Typer()

_WHO = {"parent": "the parent or carer", "young-person": "the young person", "other": "another person in the case"}


def _whose(entry: dict) -> str:
    """'person 3 (the parent or carer)': never a name on the terminal's scrollback."""
    return (f"person {entry['person']} ({_WHO[entry['for']]})" if "person" in entry else _WHO[entry["for"]])


sar_app = typer.Typer(
    help="Subject access: record a request for a family's own records, then make the copy.\n\n"
    "'sar request ID' records a request and its due date; 'sar copy ID' (or simply 'sar ID') makes the "
    "copy of everything held about the requester, with what is not theirs to see withheld.\n\n"
    "Example:  sendvault sar request K7M3-Q9P2 --for parent --received 31/01/2027\n\n"
    "Example:  sendvault sar K7M3-Q9P2 --for parent --out copy-for-parent.pdf",
    no_args_is_help=True,
)
commands.add_typer(sar_app, name="sar", rich_help_panel=common.CONSENT)
# 'sar ID ...' is 'sar copy ID ...': what officers typed before 'copy' had a name (app.py reads this).
DEFAULT_SUBCOMMANDS = {"sar": "copy"}

Who = Annotated[str, typer.Option("--for", metavar="PERSON", help="Whose request: one of the case's people by their number in 'sendvault show' (or their name); parent or young-person where the case has one of them.")]
Format = Annotated[str, typer.Option("--format", help="pdf (password-protected, the default), html, md or json (unprotected: with --plaintext).")]
Plaintext = Annotated[bool, typer.Option("--plaintext", help="Needed for --format html, md or json: the file is not protected.")]
TypePassword = Annotated[bool, typer.Option("--type-password", help="Type the PDF's password instead of a generated one (asked on the terminal).")]
Force = Annotated[bool, typer.Option("--force", help="Replace the output file if it exists.")]


@sar_app.command("request")
def sar_request(
    ctx: typer.Context,
    case_id: common.CaseId,
    who: Who = "",
    received: Annotated[Optional[str], typer.Option("--received", help="The day it was received, e.g. 31/01/2027 (default: today).")] = None,
) -> None:
    """Record a subject-access request and its due date: one calendar month (31 January is due on 28 or 29 February).

    'list --sar-due' and 'today' show the open ones; 'sar copy' answers it.

    Example:  sendvault sar request K7M3-Q9P2 --for 3 --received 31/01/2027

    Example:  sendvault sar request K7M3-Q9P2 --for parent
    """
    from ..disclosure import sar as core  # its PDF machinery stays out of every other command's start-up

    requester = core.check_for(who)
    day = None if received is None else answers.parse_date(received, "the request's date")
    vault, cid = common.open_case(ctx, case_id)
    entry = core.request(vault, cid, requester, day)
    output.info(f"case {cid}: subject-access request {entry['number']} from {_whose(entry)} recorded; "
                f"received {entry['received']}, due {entry['due']}")


@sar_app.command("copy")
def sar_copy(
    ctx: typer.Context,
    case_id: common.CaseId,
    who: Who = "",
    out: Annotated[Optional[Path], typer.Option("--out", help="The copy's file (outside the vault), e.g. copy-for-parent.pdf.")] = None,
    fmt: Format = "pdf",
    plaintext: Plaintext = False,
    type_password: TypePassword = False,
    force: Force = False,
) -> None:
    """Make the copy for a subject-access request ('sar ID' for short): everything held about the requester.

    What is not theirs to see is withheld: the notes and details a young person
    (12 or over, see 'sar-settings') asked to keep private, from the parent;
    information about a young person of 16 or over, from the parent, without the
    young person's share-information consent to the parent; other people's names
    in notes (redacted). A cover page says whom the records were shared with, and
    what was withheld and why (kinds and counts, never the content). The PDF is
    locked with a password shown once. The copy is recorded in the case.

    The copy holds the requester's own details and nobody else's: never another
    parent's address, phone or e-mail. Someone without parental responsibility, or
    a professional, gets their own information only.

    Example:  sendvault sar K7M3-Q9P2 --for 3 --out copy-for-mother.pdf
    """
    from ..disclosure import sar as core

    requester = core.check_for(who)
    if out is None:
        raise UsageError("--out is needed: the file to write the copy to")
    kind = core.check_format(fmt, plaintext)
    if type_password and kind != "pdf-password":
        raise UsageError("--type-password is for the PDF")
    typed = common.ask_pdf_password() if type_password else None
    vault, cid = common.open_case(ctx, case_id)
    made = core.make(vault, cid, requester, out, kind, password=typed, overwrite=force)
    withheld = sum(w.count for w in made.withheld if w.listed)
    unlisted = sum(w.count for w in made.withheld if not w.listed)
    output.info(f"case {cid}: subject-access request {made.request['number']} answered for {_whose(made.request)}; "
                f"{withheld} item(s) withheld or redacted (listed on the cover page); written to the output file")
    common.say_if_service_details_missing(vault)
    if unlisted:
        output.info(f"also left out, and not listed on the cover: {unlisted} item(s) of an exception to "
                    f"confidentiality the parent was not told of")
    _handed_over(kind, made.password, type_password)


@sar_app.command("unconfirmed")
def sar_unconfirmed(
    ctx: typer.Context,
    case_id: Annotated[Optional[str], typer.Argument(help="The case whose parent asked (its open request is answered); none for a parent we hold nothing about.", show_default=False)] = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="The reply's file (outside the vault), e.g. reply.pdf.")] = None,
    who: Annotated[Optional[str], typer.Option("--for", metavar="PERSON", help="Whose open request it answers, where the case has more than one (their number in 'sendvault show', or parent).")] = None,
    fmt: Format = "pdf",
    plaintext: Plaintext = False,
    type_password: TypePassword = False,
    force: Force = False,
) -> None:
    """Answer a parent with the reply that neither confirms nor denies that we hold records.

    For a parent who gave us nothing of their own, asking about a young person who
    asked that no one sees their records, or who is 16 or over and has not agreed:
    any copy, even an empty one, would tell the parent that the young person
    contacted us, so 'sar copy' refuses and this reply is given instead. It holds
    nothing of the case (no reference, no name): it reads the same whether or not we
    hold a record, and the same as the reply to a parent we hold nothing about
    (give no ID). With an ID, the parent's open request is recorded as answered.

    Example:  sendvault sar unconfirmed K7M3-Q9P2 --out reply.pdf
    """
    from ..disclosure import sar as core, unconfirmed

    if out is None:
        raise UsageError("--out is needed: the file to write the reply to")
    kind = core.check_format(fmt, plaintext)
    if type_password and kind != "pdf-password":
        raise UsageError("--type-password is for the PDF")
    typed = common.ask_pdf_password() if type_password else None
    if case_id is None:
        vault, cid = ctx.obj.open(), None
    else:
        vault, cid = common.open_case(ctx, case_id)
    if who is not None and cid is None:
        raise UsageError("--for goes with a case's ID (whose open request it answers)")
    made = unconfirmed.make(vault, cid, out, kind, password=typed, overwrite=force, who=who)
    if cid is not None:
        output.info(f"case {cid}: subject-access request {made.request['number']} answered for {_whose(made.request)} "
                    f"with the reply that neither confirms nor denies; written to the output file")
    else:
        output.info("the reply that neither confirms nor denies was written to the output file")
    _handed_over(kind, made.password, type_password)


def _handed_over(kind: str, password: str | None, typed: bool) -> None:
    if not kind.startswith("pdf"):
        output.info("warning: the file is not protected; hand it over by a secure route and delete your copy")
    if password and not typed:
        output.info(f"password: {password}")
        output.info("tell it to the requester by phone or in person; it is shown only this once and not kept")


@commands.command("sar-settings", rich_help_panel=common.CONSENT)
def sar_settings(
    ctx: typer.Context,
    private_age: Annotated[Optional[int], typer.Option("--private-age", metavar="AGE", help="From this age (10 to 18) what a young person asked to keep private is withheld from a parent's copy (default 12). Managers only.")] = None,
    json: common.JsonOpt = False,
) -> None:
    """Show or change how subject-access copies are made (changing: managers).

    Shows the age from which a young person's private notes and details are
    withheld from a parent's copy, and the age of the young person's own consent
    (16 unless 'consent defaults' says otherwise). The change is audited.

    Example:  sendvault sar-settings --private-age 13
    """
    from ..disclosure import sar as core

    vault = ctx.obj.open()
    if private_age is not None:
        current = core.configure(vault, private_age)
        output.info(f"subject-access settings changed: private age {current['private_age']}")
    else:
        current = core.settings(vault.config)
    if json:
        output.emit_json(current)
        return
    output.out(f"private age: {current['private_age']} (from this age what a young person asks to keep private is "
               f"withheld from a parent's copy)")
    output.out(f"own-consent age: {current['own_consent_age']} (from this age a parent's copy holds nothing of the "
               f"young person's without their consent; set with 'consent defaults')")
