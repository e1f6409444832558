"""Subject access (R25): sar request (record a request) and sar (make the copy)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import answers
from ..errors import UsageError
from . import common, output

commands = typer.Typer()

_WHO = {"parent": "the parent or carer", "young-person": "the young person"}


@commands.command(rich_help_panel=common.CONSENT, context_settings={"allow_extra_args": False})
def sar(
    ctx: typer.Context,
    first: Annotated[str, typer.Argument(metavar="[request] ID", help="The case id; or 'request' then the case id, to record a request.")],
    case_id: Annotated[Optional[str], typer.Argument(metavar="", help="The case id, after 'request'.", show_default=False)] = None,
    who: Annotated[str, typer.Option("--for", help="Whose request: parent (the parent or carer) or young-person.")] = "",
    received: Annotated[Optional[str], typer.Option("--received", help="With request: the day it was received, e.g. 31/01/2027 (default: today).")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="The copy's file (outside the vault), e.g. copy-for-parent.pdf.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="pdf (password-protected, the default), html, md or json (unprotected: with --plaintext).")] = "pdf",
    plaintext: Annotated[bool, typer.Option("--plaintext", help="Needed for --format html, md or json: the file is not protected.")] = False,
    type_password: Annotated[bool, typer.Option("--type-password", help="Type the PDF's password instead of a generated one (asked on the terminal).")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace the output file if it exists.")] = False,
) -> None:
    """Subject access: record a request for a family's own records, then make the copy.

    'sar request ID --for parent|young-person [--received DATE]' records the request
    and its due date: one calendar month (31 January is due on 28 or 29 February).
    'list --sar-due' and 'today' show the open ones.

    'sar ID --for parent|young-person --out FILE' makes the copy of everything held
    about the requester, with what is not theirs to see withheld: the notes and
    details a young person (12 or over, see 'sar-settings') asked to keep private,
    from the parent; information about a young person of 16 or over, from the
    parent, without the young person's share-information consent to the parent;
    other people's names in notes (redacted). A cover page says whom the records
    were shared with, and what was withheld and why (kinds and counts, never the
    content). The PDF is locked with a password shown once. The copy is recorded
    in the case.

    Example:  sendvault sar request K7M3-Q9P2 --for parent --received 31/01/2027
    Example:  sendvault sar K7M3-Q9P2 --for parent --out copy-for-parent.pdf
    """
    from .. import sar as core  # its PDF machinery stays out of every other command's start-up

    requesting = first.strip().lower() == "request"
    if requesting and not case_id:
        raise UsageError("give the case id after 'request'", hint="e.g. sendvault sar request K7M3-Q9P2 --for parent")
    if not requesting and case_id:
        raise UsageError("too many arguments", hint="sendvault sar ID --for ... --out FILE, or sendvault sar request ID --for ...")
    requester = core.check_for(who)
    if requesting:
        if out is not None or plaintext or type_password or force or fmt != "pdf":
            raise UsageError("'sar request' records the request only: --out, --format and the password options go with 'sar ID'")
        day = None if received is None else answers.parse_date(received, "the request's date")
        vault, cid = common.open_case(ctx, case_id)
        entry = core.request(vault, cid, requester, day)
        output.info(f"case {cid}: subject-access request {entry['number']} from {_WHO[requester]} recorded; "
                    f"received {entry['received']}, due {entry['due']}")
        return
    if received is not None:
        raise UsageError("--received goes with 'sar request'")
    if out is None:
        raise UsageError("--out is needed: the file to write the copy to")
    kind = core.check_format(fmt, plaintext)
    if type_password and kind != "pdf-password":
        raise UsageError("--type-password is for the PDF")
    typed = common.ask_pdf_password() if type_password else None
    vault, cid = common.open_case(ctx, first)
    made = core.make(vault, cid, requester, out, kind, password=typed, overwrite=force)
    withheld = sum(w.count for w in made.withheld if w.listed)
    unlisted = sum(w.count for w in made.withheld if not w.listed)
    output.info(f"case {cid}: subject-access request {made.request['number']} answered for {_WHO[requester]}; "
                f"{withheld} item(s) withheld or redacted (listed on the cover page); written to the output file")
    if unlisted:
        output.info(f"also left out, and not listed on the cover: {unlisted} item(s) of an exception to "
                    f"confidentiality the parent was not told of")
    if not kind.startswith("pdf"):
        output.info("warning: the file is not protected; hand it over by a secure route and delete your copy")
    if made.password and not type_password:
        output.info(f"password: {made.password}")
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
    from .. import sar as core

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
