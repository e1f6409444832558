"""Everyone in a case (issue 23): add, change and remove the people besides who made contact and the child."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..basics.errors import SendvaultError, UsageError
from . import common, output

commands = typer.Typer()

person_app = typer.Typer(
    help="The people in a case besides who made contact (person 1) and the child (person 2): a second "
    "parent, the parent of a professional referral, professionals (work details), other family. "
    "Each change is recorded in the case's history by the person's number, never their name.\n\n"
    "Example:  sendvault person add K7M3-Q9P2 --role parent-carer --name \"Grace Mensah\" --phone 07700 900123 "
    "--parental-responsibility yes --from professional",
    no_args_is_help=True,
)
commands.add_typer(person_app, name="person", rich_help_panel=common.CASE_WORK)

_Role = Annotated[Optional[str], typer.Option("--role", help="parent-carer, other-family or professional.")]
_Name = Annotated[Optional[str], typer.Option("--name", help="Their name.")]
_Relationship = Annotated[Optional[str], typer.Option("--relationship", help="To the child, e.g. father, grandmother.")]
_Phone = Annotated[Optional[str], typer.Option("--phone", help="Their phone number ('' clears it).")]
_Email = Annotated[Optional[str], typer.Option("--email", help="Their e-mail address ('' clears it).")]
_Address = Annotated[Optional[str], typer.Option("--address", help="Their postal address ('' clears it).")]
_Postcode = Annotated[Optional[str], typer.Option("--postcode", help="Their postcode ('' clears it).")]
_Org = Annotated[Optional[str], typer.Option("--organisation", help="A professional's organisation (work details).")]
_Job = Annotated[Optional[str], typer.Option("--job", help="A professional's job, e.g. SENCo.")]
_PR = Annotated[Optional[str], typer.Option("--parental-responsibility", metavar="YES|NO",
                                            help="Whether a parent or carer holds parental responsibility (subject access depends on it).")]
_Work = Annotated[Optional[str], typer.Option("--call-at-work", metavar="YES|NO", help="Whether they may be called at work.")]
_Answerphone = Annotated[Optional[str], typer.Option("--answerphone", metavar="YES|NO", help="Whether answerphone messages may be left.")]
_Messages = Annotated[Optional[str], typer.Option("--messages-with-family", metavar="YES|NO",
                                                  help="Whether messages may be left with family or colleagues.")]
_Post = Annotated[Optional[str], typer.Option("--post", metavar="YES|NO", help="Whether post may be sent to their address.")]
_From = Annotated[Optional[str], typer.Option("--from", metavar="WHO",
                                              help="Who gave us their details: parent-carer, young-person, professional, officer (the default), or a person's number.")]
_Private = Annotated[bool, typer.Option("--private", help="With --from: whoever gave them asked that they are not shared (left out of anyone else's subject-access copy).")]
_Who = Annotated[str, typer.Argument(metavar="PERSON", help="Their number in 'sendvault show' (3 onward), or their name.")]


def _yes_no(value: str | None, option: str) -> bool | None:
    from ..records.answers import yes_no

    if value is None:
        return None
    try:
        return yes_no(value)
    except SendvaultError:
        raise UsageError(f"{option} is yes or no") from None


def _details(name, relationship, phone, email, address, postcode, organisation, job, pr) -> dict:
    return {"name": name, "relationship": relationship, "phone": phone, "email": email, "address": address,
            "postcode": postcode, "organisation": organisation, "job": job,
            "parental_responsibility": _yes_no(pr, "--parental-responsibility")}


def _preferences(work, answerphone, messages, post) -> dict:
    given = {"call_at_work": _yes_no(work, "--call-at-work"), "answerphone_messages": _yes_no(answerphone, "--answerphone"),
             "messages_with_family": _yes_no(messages, "--messages-with-family"), "post_ok": _yes_no(post, "--post")}
    return {k: v for k, v in given.items() if v is not None}


@person_app.command("add")
def add(
    ctx: typer.Context, case_id: common.CaseId, role: _Role = None, name: _Name = None,
    relationship: _Relationship = None, phone: _Phone = None, email: _Email = None, address: _Address = None,
    postcode: _Postcode = None, organisation: _Org = None, job: _Job = None, parental_responsibility: _PR = None,
    call_at_work: _Work = None, answerphone: _Answerphone = None, messages_with_family: _Messages = None,
    post: _Post = None, provider: _From = None, private: _Private = False,
) -> None:
    """Add someone to an open case: a second parent, the parent of a professional referral, a professional, other family.

    Say who gave us their details with --from (a role, or a person's number in the case).
    They get the next number; 'sendvault show' lists everyone with their numbers, and
    'sendvault sar request ID --for 3' takes a request from person 3.

    Example:  sendvault person add K7M3-Q9P2 --role parent-carer --relationship mother --name "Grace Mensah" --phone "07700 900123" --parental-responsibility yes --from professional

    Example:  sendvault person add K7M3-Q9P2 --role professional --name "Ade Okafor" --organisation "Riverside Academy" --job SENCo --email a.okafor@example.org
    """
    from ..records import people

    if role is None:
        raise UsageError("say their role with --role: parent-carer, other-family or professional")
    vault, cid = common.open_case(ctx, case_id)
    number = people.add(vault, cid, role.strip().lower(),
                        _details(name, relationship, phone, email, address, postcode, organisation, job,
                                 parental_responsibility),
                        _preferences(call_at_work, answerphone, messages_with_family, post), provider, private)
    output.info(f"person {number} added to {cid}")


@person_app.command("change")
def change(
    ctx: typer.Context, case_id: common.CaseId, who: _Who, name: _Name = None, relationship: _Relationship = None,
    phone: _Phone = None, email: _Email = None, address: _Address = None, postcode: _Postcode = None,
    organisation: _Org = None, job: _Job = None, parental_responsibility: _PR = None, call_at_work: _Work = None,
    answerphone: _Answerphone = None, messages_with_family: _Messages = None, post: _Post = None,
    provider: _From = None, private: _Private = False,
) -> None:
    """Change someone's details (3 onward; who made contact and the child change with 'sendvault edit').

    Only the details you give change; '' clears one.

    Example:  sendvault person change K7M3-Q9P2 3 --phone "07700 900456" --from 3
    """
    from ..records import people

    vault, cid = common.open_case(ctx, case_id)
    number = people.change(vault, cid, who,
                           _details(name, relationship, phone, email, address, postcode, organisation, job,
                                    parental_responsibility),
                           _preferences(call_at_work, answerphone, messages_with_family, post), provider, private)
    output.info(f"person {number} of {cid} changed")


@person_app.command("remove")
def remove(ctx: typer.Context, case_id: common.CaseId, who: _Who) -> None:
    """Remove someone from an open case (3 onward): their details go; their number is never given to anyone else.

    What they were recorded as is kept for one use only: taking it out of notes in
    anyone else's subject-access copy. What they gave us stays out of those copies.

    Example:  sendvault person remove K7M3-Q9P2 4
    """
    from ..records import people

    vault, cid = common.open_case(ctx, case_id)
    number = people.remove(vault, cid, who)
    output.info(f"person {number} removed from {cid}")
