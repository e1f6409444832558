"""Documents and e-mails in the case file: attach, documents, open, detach (docs/documents.md)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..basics.errors import SendvaultError, UsageError
from . import common, output

commands = typer.Typer()

DocNumber = Annotated[str, typer.Argument(metavar="DOC", help="The document's number, as 'sendvault documents ID' lists it.")]


def _number(text: str) -> int:
    from ..records import documents

    return documents.check_numbers([text])[0]


@commands.command(rich_help_panel=common.CASE_WORK)
def attach(
    ctx: typer.Context,
    case_id: common.CaseId,
    files: Annotated[list[str], typer.Argument(metavar="FILE", help="The files: a letter, plan or report (PDF, Word, an image...), or an e-mail saved as .eml or Outlook .msg.")],
    provider: Annotated[Optional[str], typer.Option("--from", metavar="WHO", help="Who provided it: parent-carer, young-person, professional or officer (the default).")] = None,
    private: Annotated[bool, typer.Option("--private", help="They asked that it not be shared: left out of anyone else's subject-access copy.")] = False,
    title: Annotated[Optional[str], typer.Option("--title", help="What to call it (default: the file's name; an e-mail's subject).")] = None,
    kind: Annotated[Optional[str], typer.Option("--kind", help="ehc-plan, draft-ehc-plan, la-letter, school-report, professional-report, family-letter, email or other (the default).")] = None,
    remove_original: Annotated[bool, typer.Option("--remove-original", help="Delete your file once the vault's copy has been read back and checked (on an SSD its blocks may survive: docs/documents.md).")] = False,
) -> None:
    """Keep documents in a case: each encrypted under the case's protection, streamed, in a file of its own.

    An e-mail (.eml, or Outlook's .msg) becomes a note (sender, recipients, date,
    subject, text) and one document per attachment, and is kept itself too. Say
    who provided it with --from, and --private when they asked that it not be
    shared. With --remove-original your own copy is deleted after the vault's copy
    was checked ("code and password protect ... then delete it from the computer").

    Example:  sendvault attach K7M3-Q9P2 ~/Downloads/draft-plan.pdf --kind draft-ehc-plan --from parent-carer --remove-original
    Example:  sendvault attach K7M3-Q9P2 "Re: annual review.msg" --from professional
    """
    from ..records import documents, provided

    provided.check(provider, private)  # usage checked before any key
    if kind is not None:
        documents.check_kind(kind)
    if title is not None and len(files) > 1:
        raise UsageError("--title names one file: attach the files one at a time to give each a title")
    if title is not None and not title.strip():
        raise UsageError("--title is empty")
    vault, cid = common.open_case(ctx, case_id)
    vault.read_case(cid)  # an unknown case fails before any file is read
    documents.check_all(vault, files)
    for path, label in zip(files, documents.labels(files)):
        done = documents.attach(vault, cid, path, label, provider, private, title, kind, remove_original)
        what = ", ".join(str(x) for x in done.numbers)
        if done.note is not None:
            output.info(f"{label}: an e-mail, filed in case {cid} as note {done.note} and document(s) {what} "
                        f"({len(done.numbers) - 1} attachment(s) and the e-mail itself)"
                        + (f"; its sender is in the case: recorded as from person {done.sender}" if done.sender else ""))
        else:
            output.info(f"{label}: attached to case {cid} as document {what}")
        if done.removed_original:
            output.info(f"{label}: the original was deleted (the vault's copy was checked first); on an SSD its "
                        "blocks may survive until reused: docs/documents.md")


@commands.command(rich_help_panel=common.CASE_WORK)
def documents(ctx: typer.Context, case_id: common.CaseId, json: common.JsonOpt = False) -> None:
    """List a case's documents: number, title, kind, who provided it, size, when and by whom attached.

    Example:  sendvault documents K7M3-Q9P2 --json
    """
    from ..records import documents as docs

    vault, cid = common.open_case(ctx, case_id)
    rows = docs.rows(vault.read_case(cid))
    vault.audit("documents", cid, f"{len(rows)} documents")
    if json:
        output.emit_json(rows)
        return
    if not rows:
        output.info(f"case {cid} has no documents")
        return
    output.plain_table(["doc", "title", "kind", "from", "size", "added", "by"],
                       [[str(r["number"]), r["title"] + (" (private)" if r.get("private") else ""), r["kind"], r["from"],
                         _size(r["size"]), common.when(r["added"]), r["by"]] for r in rows])


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB"):
        if n < 1024 or unit == "MB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


@commands.command("open", rich_help_panel=common.CASE_WORK)
def open_document(
    ctx: typer.Context,
    case_id: common.CaseId,
    number: DocNumber,
    out: Annotated[Optional[str], typer.Option("--out", metavar="FILE", help="Write a decrypted copy to FILE instead (unprotected: delete it after).")] = None,
    force: Annotated[bool, typer.Option("--force", help="With --out: replace FILE if it exists.")] = False,
) -> None:
    """Open a document in the desktop's viewer, decrypted into a private RAM-backed folder, removed after.

    Without a desktop (or a viewer) say --out FILE to write a copy where you choose;
    that copy is not protected, as 'share --plaintext' is not: delete it when done.

    Example:  sendvault open K7M3-Q9P2 3
    Example:  sendvault open K7M3-Q9P2 3 --out ~/plan.pdf
    """
    from ..records import documents as docs
    from ..records.editing import ViewSession, desktop_viewer

    doc = _number(number)
    if force and out is None:
        raise UsageError("--force goes with --out")
    vault, cid = common.open_case(ctx, case_id)
    entry = docs.find(vault.read_case(cid), doc)
    if out is not None:
        from ..disclosure.handover import write_output_pieces

        write_output_pieces(out, lambda write: docs.read(vault, cid, doc, write, "open --out"), overwrite=force)
        output.info(f"document {doc} of case {cid} written to the output file")
        output.info("warning: the file is not protected; send it only by a secure route and delete your copy")
        return
    viewer = desktop_viewer()
    if viewer is None:
        raise SendvaultError("there is no desktop viewer here (no display, or no xdg-open) to show the document",
                             hint=f"write a copy with 'sendvault open {cid} {doc} --out FILE' (and delete it after)")
    with ViewSession(f"document-{doc}.{entry['type']}") as session:
        session.fill(lambda write: docs.read(vault, cid, doc, write))
        if session.show(viewer) != 0:
            raise SendvaultError("the desktop's viewer could not open the document; its copy was removed",
                                 hint=f"write a copy with 'sendvault open {cid} {doc} --out FILE' (and delete it after)")
        # Most openers return as soon as the viewer has the file: the copy stays until the officer says.
        output.info("the document is open; press Enter when you have closed it (its decrypted copy is then removed)")
        _wait_for_enter()
    output.info(f"document {doc} of case {cid}: its decrypted copy was removed")


def _wait_for_enter() -> None:
    import sys

    try:
        if sys.stdin is not None and not sys.stdin.closed:
            sys.stdin.readline()  # a closed or empty input (EOF): at once
    except (OSError, ValueError):
        pass


@commands.command(rich_help_panel=common.CASE_WORK)
def detach(
    ctx: typer.Context,
    case_id: common.CaseId,
    number: DocNumber,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Remove a document from a case: its file shredded, the removal kept in the case's history.

    Example:  sendvault detach K7M3-Q9P2 3
    """
    from ..records import documents as docs

    doc = _number(number)
    vault, cid = common.open_case(ctx, case_id)
    docs.find(vault.read_case(cid), doc)
    if not yes:
        if not common.stdin_is_terminal():
            raise UsageError("detach destroys the document: confirm on a terminal, or give --yes")
        from rich.prompt import Confirm

        if not Confirm.ask(f"Destroy document {doc} of case {cid}? It cannot be recovered", default=False,
                           console=output.console(stderr=True)):
            raise SendvaultError("nothing was detached")
    if docs.detach(vault, cid, doc):
        output.info(f"document {doc} detached from case {cid} and its file shredded")
    else:
        output.info(f"document {doc} detached from case {cid}; its file could not be shredded (the disk said no), and "
                    "nobody can open it now: the next attach to the case removes it ('sendvault verify' notes it)")


@commands.command("documents-settings", rich_help_panel=common.RECORDS)
def documents_settings(
    ctx: typer.Context,
    max_mb: Annotated[Optional[int], typer.Option("--max-mb", metavar="MB", help="The largest document attach takes, 1 to 2000 MB (default 50). Managers only.")] = None,
    json: common.JsonOpt = False,
) -> None:
    """Show or change the largest document the vault takes (changing: managers; audited).

    Example:  sendvault documents-settings --max-mb 100
    """
    from ..records import documents as docs

    vault = ctx.obj.open()
    if max_mb is not None:
        current = docs.configure(vault, max_mb)
        output.info(f"documents settings changed: largest document {current['max_mb']} MB")
    else:
        current = docs.settings(vault.config)
    if json:
        output.emit_json(current)
        return
    output.out(f"largest document: {current['max_mb']} MB (attach refuses a larger file)")
