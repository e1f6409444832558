"""Disclosure: share (with consent or under a breach decision) and breach (a manager's decision, R19)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, List, Optional

import typer

from ..basics.errors import UsageError
from . import common, output

commands = typer.Typer()

To = Annotated[str, typer.Option("--to", help="The party: the organisation or role, e.g. \"Thistlecombe Primary School\".")]
Only = Annotated[Optional[List[str]], typer.Option("--only", metavar="PARTS", help="The parts to pass on, e.g. first-contact,profile,notes (default: all), or single fields of a part, e.g. profile.sen_stage,profile.primary_need; a person of the case by number, person-3, or one of their details, person-3.phone.")]


@commands.command(rich_help_panel=common.CONSENT)
def share(
    ctx: typer.Context,
    case_id: common.CaseId,
    to: To,
    out: Annotated[Path, typer.Option("--out", help="The file to write (outside the vault), e.g. for-school.pdf.")],
    only: Only = None,
    recipient: Annotated[Optional[List[str]], typer.Option("--recipient", metavar="AGE-KEY", help="An age public key (age1...) the party gave: write an age file instead of a PDF.")] = None,
    password: Annotated[bool, typer.Option("--password", help="A PDF with a generated password, shown once: the default, said explicitly (refused with any other form).")] = False,
    type_password: Annotated[bool, typer.Option("--type-password", help="Type the PDF's password instead (asked on the terminal).")] = False,
    plaintext: Annotated[bool, typer.Option("--plaintext", help="Write it unprotected (a PDF, or Markdown for a .md name). Avoid.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace the output file if it exists.")] = False,
    document: Annotated[Optional[List[str]], typer.Option("--document", metavar="DOC", help="A document of the case to pass on too, by its number (repeat for more): inside the PDF as a file attachment, or inside the age file. With consent only.")] = None,
) -> None:
    """Pass chosen parts of a case to a party, with their consent or under a breach decision.

    Refused (exit 5, no file) unless share-information consent for that party is in
    force, or a manager's breach decision names that party and every part asked for.
    By default (or with --password) the file is a PDF locked with a generated
    password shown once: tell it to the party by phone, never in the same email as
    the file. --type-password asks for the password instead; --recipient writes an
    age file; --plaintext an unprotected one. The share is recorded in the case.

    The young person's say: while they refuse that others see their records
    ('consent refuse ID see-records'), a parent's consent is no basis. What they
    provided and asked to keep private (a --private note or detail) goes only with
    their own consent to that party (or under a breach decision); otherwise it is
    left out, and you are told how much.

    --only chooses what goes: whole parts, or single fields of the first contact, the
    caller, the child, the contact preferences and the profile (a school told the SEN
    stage and the primary need, without ethnicity, locality or the support level).

    Example:  sendvault share K7M3-Q9P2 --to "Thistlecombe Primary School" --only first-contact,profile --out for-school.pdf
    Example:  sendvault share K7M3-Q9P2 --to "Thistlecombe Primary School" --only child.school,profile.sen_stage,profile.primary_need --out for-school.pdf
    Example:  sendvault share K7M3-Q9P2 --to "local authority SEN team" --only profile --document 2 --document 5 --out for-la.pdf
    """
    from ..disclosure import share as disclosure  # its PDF machinery stays out of every other command's start-up
    from ..records.documents import check_numbers

    documents = check_numbers(document)
    sections = disclosure.sections_of(only)
    typed = "" if type_password else None
    kind = disclosure.output_kind(out, recipient, plaintext, typed)
    party = disclosure.check_party(to)
    # --password names the default form; with any other form it would be silently overruled, so it is refused.
    if password and kind != "pdf-password":
        raise UsageError("--password is for the PDF; leave it out with --recipient or --plaintext")
    if password and type_password:
        raise UsageError("--password generates the PDF's password and --type-password asks for one: give one of the two")
    if type_password:
        typed = common.ask_pdf_password()
    vault, cid = common.open_case(ctx, case_id)
    made = disclosure.share(vault, cid, party, sections, out, output=kind, recipients=recipient, password=typed,
                            overwrite=force, documents=documents)
    basis = "consent" if made.disclosure["basis"] == "consent" else f"breach decision {made.disclosure['breach']}"
    output.info(f"case {cid}: shared {len(sections)} part(s)" + (f" and {len(made.disclosure['documents'])} document(s)"
                if made.disclosure.get("documents") else "") + f" on the basis of {basis}; written to the output file")
    common.say_if_service_details_missing(vault)
    if made.withheld:
        output.info(f"case {cid}: {made.withheld} note(s) or detail(s) the young person asked to keep private were "
                    "left out: sharing them needs the young person's own share-information consent to that party")
    if made.others_withheld:
        output.info(f"case {cid}: {made.others_withheld} note(s) or detail(s) a parent, carer or professional asked to "
                    "keep private were left out: a family's consent does not pass on another person's confidence; "
                    "only a manager's breach decision can")
    if kind.endswith("plaintext"):
        output.info("warning: the file is not protected; send it only by a secure route and delete your copy")
    if made.password and not type_password:
        output.info(f"password: {made.password}")
        output.info("tell it to the party by phone; it is shown only this once and not kept")


@commands.command(rich_help_panel=common.CONSENT)
def breach(
    ctx: typer.Context,
    case_id: common.CaseId,
    reason: Annotated[str, typer.Option("--reason", help="risk-of-harm, crime, threat-to-staff-or-users or legal-obligation.")],
    approved_by: Annotated[str, typer.Option("--approved-by", help="The manager who made the decision.")],
    told_parent: Annotated[str, typer.Option("--told-parent", help="yes or no: was the parent told?")],
    to: To,
    account: Annotated[str, typer.Option("--account", help="What happened and why the exception applies; - reads it from stdin.")],
    why_not: Annotated[Optional[str], typer.Option("--why-not", help="Why the parent was not told (needed with --told-parent no).")] = None,
    only: Only = None,
    document: Annotated[Optional[List[str]], typer.Option("--document", metavar="DOC", help="A document of the case the decision covers too, by its number (repeat for more); none unless named.")] = None,
) -> None:
    """Record a manager's decision to pass information on without consent (managers only).

    Only for: risk of harm to a child, young person or vulnerable adult; preventing
    or detecting a crime; illegal activity threatening staff or service users; a
    legal obligation (a court or production order). It covers only the party and
    the parts it names, and the documents it names with --document (a young
    person's private one included); a share to that party then cites it.

    Example:  sendvault breach K7M3-Q9P2 --reason risk-of-harm --approved-by "Ann Smith" --told-parent no --why-not "it would put the child at risk" --to "children's social care" --only caller,child,notes --account -
    """
    from ..disclosure import share as disclosure  # its PDF machinery stays out of every other command's start-up

    from ..records.documents import check_numbers

    documents = check_numbers(document)
    sections = disclosure.sections_of(only)
    text = common.read_stdin("account") if account == "-" else account
    told = disclosure.check_breach_request(reason, told_parent, why_not, text)
    party = disclosure.check_party(to)
    vault, cid = common.open_case(ctx, case_id)
    entry = disclosure.record_breach(vault, cid, reason=reason, approved_by=approved_by, told_parent=told,
                                     why_not=why_not, party=party, sections=sections, account=text,
                                     documents=documents)
    named = f", {len(documents)} document(s)" if documents else ""
    output.info(f"case {cid}: breach decision {entry['number']} recorded ({len(sections)} part(s){named}); "
                f"'sendvault share {cid} --to ...' may now pass on those parts to that party")
