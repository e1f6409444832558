"""The reply that neither confirms nor denies (R18, R25): for a parent who asks for their records
where any copy would tell them that their child contacted the service.

The reply is made from the service's name, the officer and the day only: nothing of a case
goes in, so it reads the same whether or not we hold a record, and the same for every parent
who asks. With a case, the parent's open request is recorded as answered this way; without
one (a parent we hold nothing about), it is the same document.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from ..basics.errors import Refused, UsageError
from ..records import people
from ..records.answers import format_date
from . import handover
from . import render as export
from .sar import NoOpenRequest, open_requests, request_is_theirs, requester, unconfirmed_reason
from .sar_cover import lay_out
from .share import outside_vault, unwind_on_signals

TITLE = "Your request for information"
ANSWER = ("We have searched our records as you asked. We hold no information about you that we can give you. "
          "Our service is confidential: we do not say whether anyone else has contacted us, or whether we hold "
          "information about anyone else, and we give this same answer to everyone in your position.")
ASKED = "A copy of the information we hold about you (a subject access request under data protection law)."
NEXT = ("If you think we have missed something, tell us and we will look again. You also have the right to complain "
        "to the Information Commissioner's Office: ico.org.uk/make-a-complaint or 0303 123 1113.")


@dataclass(frozen=True)
class _ReplyBasis(export.Basis):
    def sentence(self) -> str:
        return "Your request for the information we hold about you (subject access)."


class UnconfirmedReply(export.Document):
    """The reply's own words: it is not a copy of any record."""

    @property
    def recipient_label(self) -> str:
        return "For"

    @property
    def notice(self) -> str:
        return (f"This is {self.service}'s answer to your request, made on {format_date(self.made_on)}. "
                f"Keep it safe. To reach us: {self.service}{self.phone}.") if self.phone else \
            f"This is {self.service}'s answer to your request, made on {format_date(self.made_on)}. Keep it safe."


def document(*, service: str, made_by: str, made_on: dt.date,
             contact: tuple[tuple[str, str], ...] = ()) -> UnconfirmedReply:
    """The reply: made from nothing of any case (the test compares it with and without one); the
    service's own contact details (``render.contact_of``) are the service's, not the case's."""
    rows = (export.Field("What you asked for", ASKED, "sar_requests.for"),
            export.Field("Our answer", ANSWER, "withheld"),
            export.Field("If you disagree", NEXT, "withheld"))
    return UnconfirmedReply(title=TITLE, service=service, reference="", recipient_party="You", made_by=made_by,
                            made_on=made_on, basis=_ReplyBasis("subject-access", given_by="parent-carer"),
                            sections=(export.Section("our-answer", "Our answer", rows),), contact=contact)


@dataclass(frozen=True)
class Made:
    path: Path
    password: str | None
    request: dict | None


def make(vault, cid: str | None, out: str | os.PathLike, kind: str = "pdf-password", *,
         password: str | None = None, overwrite: bool = False, who: str | None = None) -> Made:
    """Write the reply; with ``cid``, record the parent's open request answered this way.

    Refused where a case's parent may have a real copy: the reply would deny them their records.
    """
    target = outside_vault(vault, out)
    today = vault.today()
    doc = document(service=vault.config.get("service", "sendvault"), made_by=vault.officer.name, made_on=today,
                   contact=export.contact_of(vault.config.get("service_details") or {}))
    secret = (password or handover.new_password()) if kind == "pdf-password" else None
    data = lay_out(doc, kind, secret)
    made: dict = {}

    def write() -> None:
        made["path"] = handover.write_output(target, data, plaintext=kind != "pdf-password", overwrite=overwrite)

    def change(record: dict) -> None:
        made.clear()
        if who is not None:
            person = requester(record, who)
            pending = [r for r in open_requests(record) if request_is_theirs(record, r, person, people.requester_kind(person))]
        else:  # the one open request from anyone but the young person, or say whose
            pending = [r for r in open_requests(record) if r["for"] in ("parent", "other")]
            if len({(r["for"], r.get("person")) for r in pending}) > 1:
                raise UsageError(f"case {record['id']} has open requests from more than one person: say whose with "
                                 "--for (their number)", hint=f"'sendvault list --sar-due' lists them")
            person = requester(record, str(pending[0]["person"]) if pending and "person" in pending[0] else "parent") \
                if pending else None
        if not pending:
            raise NoOpenRequest(f"case {record['id']}: no open subject-access request from "
                                + (f"person {person.number}" if who is not None and person.number else
                                   "the parent or carer"),
                                hint=f"record it first: sendvault sar request {record['id']} --for PERSON")
        if unconfirmed_reason(record, person, today, vault.config) is None:
            raise Refused(f"case {record['id']}: the parent may have a copy of their records; this reply would "
                          "wrongly deny them", hint=f"make the copy: sendvault sar copy {record['id']} --for parent --out FILE")
        write()
        req = pending[0]
        req.update(status="completed", completed=today.isoformat(), completed_by=vault.officer.name, answer="unconfirmed")
        made["request"] = dict(req)

    with unwind_on_signals():
        try:
            if cid is None:
                with vault.locked():
                    write()
                    vault.audit("sar unconfirmed")
            else:
                vault.update_case(cid, change, "sar unconfirmed")
        except BaseException:
            if "path" in made:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(made["path"])
            raise
    return Made(made["path"], secret, made.get("request"))
