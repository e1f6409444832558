"""Consent: grant, withdraw, show. The current state is always worked out from the history."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from ..records import answers, consent
from ..basics.errors import UsageError
from . import common, output

commands = typer.Typer()
consent_app = typer.Typer(
    help="Consent as a history: what the family agreed to, to whom, and any withdrawal.\n\n"
    "Scopes: store-personal-details, contact-professional, access-records, share-information, "
    "mailing-list, quotes, photographs, act-on-behalf; and see-records, which a young person may refuse.\n\n"
    "Example:  sendvault consent grant K7M3-Q9P2 share-information --party \"Thistlecombe Primary School\"",
    no_args_is_help=True,
)
commands.add_typer(consent_app, name="consent", rich_help_panel=common.CONSENT)

Scope = Annotated[str, typer.Argument(help="What the consent covers, e.g. share-information, mailing-list.")]
Party = Annotated[Optional[str], typer.Option("--party", help="The organisation or role, e.g. \"local authority SEN team\" (contact-professional, access-records, share-information).")]
Date = Annotated[Optional[str], typer.Option("--date", help="The day it was given, e.g. 12/03/2026 (default: today).")]
Note = Annotated[Optional[str], typer.Option("--note", help="A short note (no details of other people).")]


def _date(text: str | None, what: str) -> dt.date | None:
    return None if text is None else answers.parse_date(text, what)


@consent_app.command("grant")
def consent_grant(
    ctx: typer.Context,
    case_id: common.CaseId,
    scope: Scope,
    party: Party = None,
    given_by: Annotated[str, typer.Option("--by", help="Whose consent: parent-carer or young-person.")] = "parent-carer",
    method: Annotated[str, typer.Option("--method", help="verbal or written (photographs: written only).")] = "verbal",
    date: Date = None,
    review: Annotated[Optional[str], typer.Option("--review", help="When to check it again (default: the vault's review period, if set).")] = None,
    note: Note = None,
) -> None:
    """Record a consent, before acting on it.

    From the age the service sets (16 unless configured) only the young person's own
    consent covers their information.

    Example:  sendvault consent grant K7M3-Q9P2 contact-professional --party "Thistlecombe Primary School" --by parent-carer
    """
    consent.check_request(scope, party, given_by, method)
    day, again = _date(date, "the consent's date"), _date(review, "the review date")
    vault, cid = common.open_case(ctx, case_id)
    event = consent.grant(vault, cid, scope, given_by=given_by, method=method, party=party, date=day, note=note, review=again)
    output.info(f"case {cid}: {scope} consent recorded" + (f" (review by {event['review']})" if "review" in event else ""))


@consent_app.command("refuse")
def consent_refuse(
    ctx: typer.Context,
    case_id: common.CaseId,
    scope: Annotated[str, typer.Argument(help="What the young person refuses: see-records (others, parents included, seeing their records).")],
    party: Annotated[Optional[str], typer.Option("--party", help="Only this organisation or role, e.g. \"parent-carer\" (default: everyone outside the service, parents included).")] = None,
    method: Annotated[str, typer.Option("--method", help="verbal or written.")] = "verbal",
    date: Annotated[Optional[str], typer.Option("--date", help="The day they said so, e.g. 12/03/2026 (default: today).")] = None,
    note: Note = None,
) -> None:
    """Record a young person's refusal that others, parents included, see their records.

    From the age the service sets for a young person's privacy (12 unless changed with
    'sar-settings'), a young person who understands what they are asking may refuse.
    While the refusal is in force a parent's subject-access copy holds the parent's
    own information only, and 'share' needs the young person's own consent (or a
    manager's breach decision). 'consent withdraw ID see-records' lifts it.

    Example:  sendvault consent refuse K7M3-Q9P2 see-records --method written --note "Discussed with her on her own"
    """
    consent.check_request(scope, party, "young-person", method)
    day = _date(date, "the refusal's date")
    vault, cid = common.open_case(ctx, case_id)
    consent.refuse(vault, cid, scope, method=method, party=party, date=day, note=note)
    output.info(f"case {cid}: the young person's refusal recorded ({scope}"
                + (" for that party)" if party else ": everyone outside the service, parents included)"))


@consent_app.command("withdraw")
def consent_withdraw(
    ctx: typer.Context,
    case_id: common.CaseId,
    scope: Scope,
    party: Party = None,
    given_by: Annotated[Optional[str], typer.Option("--by", help="Only this person's consent: parent-carer or young-person (default: whoever gave it).")] = None,
    date: Date = None,
    note: Note = None,
) -> None:
    """Record that a consent, or a young person's refusal, is withdrawn, from now on (the history keeps both).

    Withdrawing store-personal-details removes the personal and contact details and
    the notes from the case, keeps its profile and history, and gives it a new key,
    so no earlier copy of its file can be opened again.

    Example:  sendvault consent withdraw K7M3-Q9P2 mailing-list
    """
    consent.check_request(scope, party, given_by, None)
    day = _date(date, "the withdrawal's date")
    vault, cid = common.open_case(ctx, case_id)
    events, removed = consent.withdraw(vault, cid, scope, party=party, given_by=given_by, date=day, note=note)
    if scope in consent.REFUSABLE:
        output.info(f"case {cid}: the young person's {scope} refusal withdrawn")
    else:
        output.info(f"case {cid}: {scope} consent withdrawn ({len(events)} grant(s))")
    if removed:
        output.info(f"case {cid}: personal details, notes and other free text removed; the case has a new key")


@consent_app.command("show")
def consent_show(ctx: typer.Context, case_id: common.CaseId, json: common.JsonOpt = False) -> None:
    """Show a case's consents: what is in force now (and any refusal), the whole history, breach decisions and disclosures.

    Example:  sendvault consent show K7M3-Q9P2
    """
    vault, cid = common.open_case(ctx, case_id)
    record = vault.read_case(cid)
    vault.audit("consent show", cid)
    data = {"id": cid, "in_force": consent.current(record), "refused": consent.refusals(record),
            "history": consent.history(record),
            "breaches": record.get("breaches", []), "disclosures": record.get("disclosures", [])}
    if json:
        output.emit_json(data)
        return
    common.print_consents(data)


@consent_app.command("defaults")
def consent_defaults(
    ctx: typer.Context,
    review_months: Annotated[Optional[int], typer.Option("--review-months", help="Consents recorded without a review date are checked again after this many months.")] = None,
    no_review: Annotated[bool, typer.Option("--no-review", help="Stop giving new consents a review date.")] = False,
    own_consent_age: Annotated[Optional[int], typer.Option("--own-consent-age", help="From this age only the young person's own consent covers their information (default 16).")] = None,
) -> None:
    """Show the service's consent defaults, or change them (managers only).

    Example:  sendvault consent defaults --review-months 24
    """
    if no_review and review_months is not None:
        raise UsageError("--review-months and --no-review cannot be used together")
    vault = ctx.obj.open()
    if review_months is None and own_consent_age is None and not no_review:
        settings = vault.config.get("consent", {})
    else:
        settings = consent.set_defaults(vault, review_months, own_consent_age, no_review)
    months = settings.get("review_months")
    output.out(f"review: {f'after {months} months' if months else 'no review date unless one is given'}")
    output.out(f"own consent from age: {settings.get('own_consent_age', consent.OWN_CONSENT_AGE)}")
