"""Reading and working cases: show, list, find, note, edit, close, reopen."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from ..records import casework, codes, intake, provided
from ..basics import ids
from ..basics.errors import InvalidRecord, SendvaultError, UsageError
from ..basics.spelling import fold
from . import common, output

commands = typer.Typer()

# An id typed with a space ('d8ww v6ax') arrives as two arguments: the commands that
# take one id accept the second half as an extra argument (see ``_case_id``).
_SPLIT_ID = {"allow_extra_args": True}


def _whole_id(text: str) -> bool:
    try:
        ids.normalise(text)
    except UsageError:
        return False
    return True


def _case_id(ctx: typer.Context, case_id: str) -> str:
    """The id typed, its second half given as a second argument if it was typed after a space."""
    extra = ctx.args
    if not extra:
        return case_id
    if len(extra) == 1 and not _whole_id(case_id) and _whole_id(case_id + extra[0]):
        return case_id + extra[0]
    raise UsageError("too many arguments", hint=f'give one case id; quote one typed with a space, e.g. {ctx.command_path} "d8ww v6ax"')


def _note_id(ctx: typer.Context, case_id: str, text: str | None) -> tuple[str, str | None]:
    """``note d8ww v6ax "..."``: the id's halves joined, the note the argument after them."""
    extra = ctx.args
    if text is not None and len(extra) <= 1 and not _whole_id(case_id) and _whole_id(case_id + text):
        return case_id + text, (extra[0] if extra else None)
    if extra:
        raise UsageError("too many arguments",
                         hint='quote the note, e.g. sendvault note ID "...", or give it on standard input with -')
    return case_id, text


@commands.command(rich_help_panel=common.CASE_WORK, context_settings=_SPLIT_ID)
def show(ctx: typer.Context, case_id: common.CaseId, json: common.JsonOpt = False) -> None:
    """Show one case in full.

    Example:  sendvault show K7M3-Q9P2 --json
    """
    vault, cid = common.open_case(ctx, _case_id(ctx, case_id))
    record = vault.read_case(cid)
    vault.audit("show", cid)
    if json:
        if "documents" in record:  # as 'documents' lists them: never a document's file name or key
            from ..records import documents

            record = {**record, "documents": documents.rows(record)}
        output.emit_json(record)
        return
    from ..records import categories

    _render_case(record, categories.described(vault.config))


@commands.command("list", rich_help_panel=common.CASE_WORK)
def list_cases(
    ctx: typer.Context,
    status: Annotated[Optional[str], typer.Option("--status", help="open, closed, or inactive (open, with nothing done for the time the service sets: 'sendvault categories settings').")] = None,
    names: Annotated[bool, typer.Option("--names", help="Also show the caller's and child's names.")] = False,
    mine: Annotated[bool, typer.Option("--mine", help="Only the cases you hold.")] = False,
    officer: Annotated[Optional[str], typer.Option("--officer", metavar="NAME", help="Only the cases this officer holds (a leaver too).")] = None,
    follow_up: Annotated[bool, typer.Option("--follow-up", help="Only follow-ups overdue or due in the next 7 days, oldest first, with their reason (open cases unless --status closed).")] = False,
    consent_scope: Annotated[Optional[str], typer.Option("--consent", metavar="SCOPE", help="Only cases where this consent is in force, e.g. mailing-list.")] = None,
    party: Annotated[Optional[str], typer.Option("--party", help="With --consent: only consent for this party.")] = None,
    consent_review: Annotated[bool, typer.Option("--consent-review", help="Only cases with a consent past or within 30 days of its review date, soonest first.")] = False,
    sar_due: Annotated[bool, typer.Option("--sar-due", help="Open subject-access requests (closed cases too), with their due dates, overdue first.")] = False,
    json: common.JsonOpt = False,
) -> None:
    """List cases: id, opened, status, officer, last activity, caller type, support level (names only with --names).

    Example:  sendvault list --mine --follow-up
    """
    from ..records import caseload, categories, consent

    if status not in (None, "open", "closed", "inactive"):
        raise UsageError("--status must be open, closed or inactive")
    consent.selector(consent_scope, party, consent_review, dt.date.today(), {})  # usage checked before any key
    if sar_due and (follow_up or consent_scope or consent_review or names):
        raise UsageError("--sar-due goes alone (with --status, --mine or --officer)")
    vault = ctx.obj.open()
    today = casework.today(vault)
    if sar_due:
        _list_sar_due(vault, today, status, mine, officer, json)
        return
    inactive = status == "inactive"  # derived from the last activity, never stored (issue 25)
    selected = caseload.selection(vault, today, "open" if inactive else status, mine, officer, follow_up)
    by_consent = consent.selector(consent_scope, party, consent_review, today, vault.config) \
        if consent_scope or consent_review else None

    def row(record: dict) -> dict | None:
        found = selected.row(record, names)
        if found is not None and inactive and categories.status(record, vault.config, today) != "inactive":
            return None
        if found is None or by_consent is None:
            return found
        extra = by_consent(record)
        return None if extra is None else {**found, **extra}

    damaged: list[str] = []
    # The caseload columns come from the index's head alone; a consent filter needs the whole summary.
    rows = [r for r in vault.rows(row, damaged=damaged, progress=common.index_progress(), light=by_consent is None) if r]
    selected.sort(rows)
    if consent_review:
        rows.sort(key=lambda r: (r["review"], r["id"]))
    filters = [f for f, on in (("inactive", inactive), ("mine", mine), ("officer", officer is not None), ("follow-up", follow_up),
                               ("consent", consent_scope is not None), ("consent review", consent_review)) if on]
    vault.audit("list", detail=f"{len(rows)} cases{' with names' if names else ''}" + (f" ({', '.join(filters)})" if filters else ""))
    common.print_rows(rows, json, f"{len(rows)} case(s)", damaged)


def _list_sar_due(vault, today: dt.date, status: str | None, mine: bool, officer: str | None, json: bool) -> None:
    from ..records import caseload

    selected = caseload.selection(vault, today, status, mine, officer)

    def rows_of(record: dict) -> list[dict] | None:
        if selected.status is not None and record["status"] != selected.status:
            return None
        if selected.holder is not None and not caseload.held_by(record, selected.holder):
            return None
        return caseload.sar_rows(record, today) or None

    damaged: list[str] = []
    rows = [r for found in vault.rows(rows_of, damaged=damaged, progress=common.index_progress()) if found for r in found]
    rows.sort(key=lambda r: (r["due"], r["id"], r["request"]))
    overdue = sum(1 for r in rows if r["days_left"] < 0)
    vault.audit("list", detail=f"{len(rows)} subject-access requests (sar-due)")
    common.print_rows(rows, json, f"{len(rows)} open subject-access request(s), {overdue} overdue", damaged)


@commands.command(rich_help_panel=common.CASE_WORK)
def find(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Part of a name, postcode, email, phone number, school or document title; - reads it from standard input (kept out of shell history).")],
    json: common.JsonOpt = False,
) -> None:
    """Find cases by name, postcode, email, phone, school or a document's title (case- and accent-insensitive, partial words too).

    Any spelling a reader sees as the same matches: 'lukasz' finds Łukasz,
    'soren' Søren, 'strasse' Straße, and invisible characters pasted in
    (zero-width spaces, soft hyphens, direction marks) are ignored.

    Example:  sendvault find "jane exa"
    """
    if text == "-":
        text = common.read_stdin("search text", line=True)
    if len(fold(text).strip()) < 2:  # invisible characters are no characters
        raise UsageError("search for at least two characters")
    vault = ctx.obj.open()

    damaged: list[str] = []
    found = vault.find(text, damaged=damaged, progress=common.index_progress())
    rows = [{**casework.row(record, names=True), "matched": hits} for record, hits in found]
    # The search text may itself be personal data: the audit trail keeps only the count.
    vault.audit("find", detail=f"{len(rows)} matches")
    common.print_rows(rows, json, f"{len(rows)} match(es)", damaged)


@commands.command(rich_help_panel=common.CASE_WORK, context_settings=_SPLIT_ID)
def note(
    ctx: typer.Context,
    case_id: common.CaseId,
    text: Annotated[Optional[str], typer.Argument(help="The note (quote it), or - to read it from standard input (kept out of shell history).")] = None,
    editor: Annotated[bool, typer.Option("--editor", help="Write the note in $EDITOR (in RAM, never on disk).")] = False,
    insecure_tmp: Annotated[bool, typer.Option("--insecure-tmp", help="With --editor where there is no /dev/shm: edit on disk, overwritten and removed after.")] = False,
    provider: Annotated[str, typer.Option("--from", metavar="WHO", help="Who provided the information: parent-carer, young-person, professional or officer (the default).")] = "officer",
    private: Annotated[bool, typer.Option("--private", help="They asked that it not be shared: left out of anyone else's subject-access copy.")] = False,
) -> None:
    """Add a note to a case: progress, agreed actions, outcome (only what is relevant to the case).

    Say who provided what it records with --from, and --private when they asked
    that it not be shared (a young person's confidence, say): a subject-access copy
    for anyone else leaves it out.

    Example:  sendvault note K7M3-Q9P2 "Called school SENCo with consent; meeting booked for 3 Dec."
    Example:  sendvault note K7M3-Q9P2 "Worried about the move to college; not to tell mum yet." --from young-person --private
    """
    casework.check_provider(provider, private)
    case_id, text = _note_id(ctx, case_id, text)
    if (text is None) == (not editor):
        raise UsageError("give the note as TEXT or use --editor (one of the two)")
    if insecure_tmp and not editor:
        raise UsageError("--insecure-tmp goes with --editor")
    vault, cid = common.open_case(ctx, case_id)
    vault.read_case(cid)  # an unknown case fails before the editor opens
    if editor:
        common.require_editor_terminal("note --editor", "give the note as TEXT, or - to read it from standard input")
    if text == "-":
        text = common.read_stdin("note")
    if editor:
        from ..records.editing import EditSession

        with EditSession(allow_disk=insecure_tmp, suffix=".txt") as session:
            session.write(f"\n# Note for case {cid}. Lines starting with # are ignored; an empty note is not saved.\n")
            if session.run_editor() != 0:
                raise SendvaultError("the editor failed; the note was not saved")
            text = "\n".join(ln for ln in session.read().splitlines() if not ln.startswith("#"))
    casework.add_note(vault, cid, text, provider, private)
    output.info(f"note added to {cid}")


@commands.command(rich_help_panel=common.CASE_WORK, context_settings=_SPLIT_ID)
def edit(
    ctx: typer.Context,
    case_id: common.CaseId,
    insecure_tmp: Annotated[bool, typer.Option("--insecure-tmp", help="Where there is no /dev/shm: edit on disk, overwritten and removed after.")] = False,
    provider: Annotated[Optional[str], typer.Option("--from", metavar="WHO", help="Who provided the fields you change: parent-carer, young-person, professional or officer (default: each keeps who it was from).")] = None,
    private: Annotated[bool, typer.Option("--private", help="With --from: they asked that it not be shared (left out of anyone else's subject-access copy).")] = False,
    fields: Annotated[Optional[list[str]], typer.Option("--field", metavar="PATH", help="With --from: record it for this field as it is, e.g. child.school or person (a whole section), without opening the editor (repeat for more).")] = None,
) -> None:
    """Edit a case's record in $EDITOR, from a RAM-backed directory; checked on save.

    The plaintext is removed however the edit ends (saved, discarded, an error, a signal).

    Say who provided what you change with --from, and --private when they asked
    that it not be shared; without --from each field keeps who it was from. With
    --field, record that for fields already there, without the editor.

    Example:  EDITOR=nano sendvault edit K7M3-Q9P2
    Example:  sendvault edit K7M3-Q9P2 --from young-person --private --field child.school
    """
    import tomli_w

    from ..records.editing import EditSession

    if provider is not None or private:
        casework.check_provider(provider, private)  # usage checked before any key
    if fields and provider is None:
        raise UsageError("--field needs --from: who provided it", hint="e.g. --from young-person --private --field child.school")
    if fields and insecure_tmp:
        raise UsageError("--insecure-tmp goes with the editor, not with --field")
    if fields:
        vault, cid = common.open_case(ctx, _case_id(ctx, case_id))
        marked = casework.mark_provided(vault, cid, fields, provider, private)
        output.info(f"case {cid}: " + ("unchanged; that was recorded already" if marked is None else
                                       f"{len(set(fields))} field(s) recorded as from " + (f"person {int(provider)}" if provider.strip().isdigit()
                                                                            else codes.describe('provided.from', provider).lower())
                                       + (", not to be shared" if private else "")))
        return
    vault, cid = common.open_case(ctx, _case_id(ctx, case_id))
    original = vault.read_case(cid)
    common.require_editor_terminal("edit", "a script changes a case with its own commands (note, close, assign, follow-up, consent)")
    left_out = casework.kept_out(original)
    header = (f"# Case {cid}. Save and quit to store; the record is checked first.\n"
              "# Only the contact's facts are here: the first contact, the caller, the child, the contact\n"
              "# preferences, the profile, the kind of record and whether it is anonymous.\n"
              + ("# Kept as they are, and not shown here (each has its own command):\n#   "
                 + "\n#   ".join(left_out) + "\n" if left_out else ""))
    saved, shown = None, False
    try:
        with EditSession(allow_disk=insecure_tmp) as session:
            session.write(header + tomli_w.dumps(casework.editable(original)))
            shown = True
            while True:
                if session.run_editor() != 0:
                    raise SendvaultError("the editor failed; nothing was saved")
                try:
                    saved = casework.apply_edit(vault, cid, original, intake.load_toml(session.read()), provider, private)
                    break
                except InvalidRecord as exc:
                    output.error(exc.message)
                    output.problem_list(exc.problems)
                    from rich.prompt import Confirm

                    if not Confirm.ask("Edit again? (no discards your changes)", default=True, console=output.console(stderr=True)):
                        raise SendvaultError("edit discarded; nothing was saved") from None
    finally:
        if shown and saved is None:  # the record was shown in the editor: a read, whatever became of the edit
            vault.audit("edit discarded", cid)
    if saved is None:
        output.info(f"case {cid} unchanged; nothing was saved")
        return
    output.info(f"case {cid} saved")


@commands.command(rich_help_panel=common.CASE_WORK, context_settings=_SPLIT_ID)
def close(
    ctx: typer.Context,
    case_id: common.CaseId,
    outcome: Annotated[str, typer.Option("--outcome", help="A code of the service's list of outcomes, or a start or words of it ('sendvault categories show outcome').")],
    evaluation: Annotated[Optional[list[str]], typer.Option("--evaluation", metavar="QUESTION=SCORE", help="The service user's answer to one of the service's evaluation questions, 1 to 5 (repeat for each; 'sendvault categories show evaluation').")] = None,
    time_spent: Annotated[Optional[int], typer.Option("--time-spent", metavar="MINUTES", help="The time spent on the case, in minutes.")] = None,
) -> None:
    """Close a case with its outcome, and the service user's evaluation if they gave one.

    Example:  sendvault close K7M3-Q9P2 --outcome advice-given
    Example:  sendvault close K7M3-Q9P2 --outcome resolved --evaluation met-needs=5 --evaluation confident=4 --time-spent 90
    """
    from ..records import answers, categories

    scores = {}
    for given in evaluation or ():
        question, _, score = given.partition("=")
        if not score.strip().isdigit():
            raise UsageError("--evaluation takes QUESTION=SCORE, e.g. met-needs=4")
        scores[question.strip()] = int(score)
    cid = ids.normalise(_case_id(ctx, case_id))
    vault = ctx.obj.open(unlock=False)  # the service's list is in vault.toml: checked before any key is asked
    offered = {e["code"]: e["words"] for e in categories.in_force(vault.config, "outcome")}
    if outcome not in categories.known(vault.config, "outcome"):  # a retired code as it is: close_case says so
        outcome = answers.choose(outcome, list(offered), "--outcome", offered)
    ctx.obj.unlock(vault)
    casework.close_case(vault, cid, outcome, scores, time_spent)
    output.info(f"case {cid} closed ({outcome})")


@commands.command(rich_help_panel=common.CASE_WORK, context_settings=_SPLIT_ID)
def reopen(ctx: typer.Context, case_id: common.CaseId) -> None:
    """Reopen a closed case.

    Example:  sendvault reopen K7M3-Q9P2
    """
    vault, cid = common.open_case(ctx, _case_id(ctx, case_id))
    casework.reopen_case(vault, cid)
    output.info(f"case {cid} reopened")


# --- rendering ----------------------------------------------------------------


def _render_case(record: dict, lists: dict) -> None:
    from rich.panel import Panel
    from rich.table import Table

    from ..records import caseload

    con = output.console()
    title = f"case {record['id']}: {record['status']}"
    summary = Table.grid(padding=(0, 2))
    rows = [("Kind", common.value_words("kind", record["kind"])),
            ("Held by", caseload.assigned_to(record)),
            ("Last activity", caseload.last_activity(record))]
    fu = caseload.follow_up(record)
    if fu:
        rows.append(("Follow-up", f"{fu['date']}: {fu['reason']}"))
    if "closed" in record:
        closed = record["closed"]
        rows.append(("Closed", f"{closed['date']} by {closed['by']}: {common.value_words('closed.outcome', closed['outcome'], lists)}"))
    rows += [(common.field_words(k), common.value_words(k, record[k])) for k in ("anonymous", "record_personal_details")]
    if "imported" in record:  # brought in from another system ('sendvault import'): its reference there, and when
        rows.append(("Imported", f"{common.when(record['imported']['at'])} by {record['imported']['by']}, "
                                 f"reference {record.get('legacy_ref', '?')} in the old system"))
    for heading, text in rows:
        summary.add_row(output.plain(heading), output.plain(text))
    con.print(Panel(summary, title=output.plain(title), title_align="left"))

    history = Table.grid(padding=(0, 2))
    for at, words in common.case_history(record, lists):
        history.add_row(output.plain(at), output.plain(words))
    con.print(Panel(history, title="history", title_align="left"))

    for section in ("contact", "person", "child", "contact_preferences", "profile"):
        if section in record:
            grid = Table.grid(padding=(0, 2))
            for heading, text in common.field_rows(section, record[section], lists):
                grid.add_row(output.plain(heading), output.plain(text))
            con.print(Panel(grid, title=common.field_words(section).lower(), title_align="left"))
    _render_people(con, record)
    private = provided.private_fields(record)
    if private:
        grid = Table.grid(padding=(0, 2))
        for path, who in private:
            grid.add_row(output.plain(common.field_words(path)), output.plain(f"from {codes.describe('provided.from', who).lower()}"))
        con.print(Panel(grid, title="asked not to be shared (left out of others' subject-access copies)", title_align="left"))
    if record.get("documents"):
        from ..records import documents

        grid = Table.grid(padding=(0, 2))
        for d in documents.rows(record):
            source = f"from {codes.describe('documents.from', d['from']).lower()}" + (", not to be shared" if d.get("private") else "")
            grid.add_row(output.plain(f"document {d['number']}"), output.plain(d["title"]),
                         output.plain(codes.describe("documents.kind", d["kind"])), output.plain(source),
                         output.plain(f"{d['size']:,} bytes"))
        con.print(Panel(grid, title="documents ('sendvault open ID DOC' shows one)", title_align="left"))
    if record.get("papers"):
        _render_papers(con, record)
    for n in record.get("notes", []):
        source = "" if "from" not in n else f", from {codes.describe('notes.from', n['from']).lower()}" + \
            (f" (person {n['from_person']})" if "from_person" in n else "") + \
            (", not to be shared" if n.get("private") else "")
        con.print(Panel(output.plain(n["text"]), title=output.plain(f"note, {common.when(n['at'])} by {n['by']}{source}"),
                        title_align="left"))


def _render_papers(con, record: dict) -> None:
    """The case's paper files (R34): number, where, whose cabinet, who has it out, label; shredded ones last."""
    from rich.panel import Panel
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    for p in sorted(record["papers"], key=lambda p: ("shredded" in p, p["number"])):
        place = codes.describe("papers.where", p["where"]) + (f" ({p['keeper']})" if p.get("keeper") else "")
        if "shredded" in p:
            state = f"shredded {common.when(p['shredded']['at'])}, recorded by {p['shredded']['by']}"
        elif p.get("out"):
            state = f"OUT with {p['out']['by']} since {common.when(p['out']['since'])}: {p['out']['risk_assessment']}"
        else:
            state = "in place"
        text = " / ".join(t for t in (p.get("label"), p.get("note")) if t)
        grid.add_row(output.plain(f"paper file {p['number']}"), output.plain(place), output.plain(state), output.plain(text))
    con.print(Panel(grid, title="paper files ('sendvault paper --help')", title_align="left"))


def _render_people(con, record: dict) -> None:
    """Everyone in the case by number (what 'sar request --for' and '--from' take); professionals apart."""
    from rich.panel import Panel
    from rich.table import Table

    from ..records import people

    everyone = people.everyone(record)
    if len(everyone) < 2 and not record.get("people"):
        return  # who made contact alone: their panel above says it all
    for title, group in (("people (numbers for --for and --from)", [p for p in everyone if p.role != "professional"]),
                         ("professionals (work details)", [p for p in everyone if p.role == "professional"])):
        if not group:
            continue
        grid = Table.grid(padding=(0, 2))
        for p in group:
            shown = [p.details[k] for k in ("name", "organisation", "job", "phone", "email", "address", "postcode")
                     if p.details.get(k)]
            source = "" if p.number < people.FIRST_OTHER or p.source[0] == "officer" else \
                f"; details from {('person ' + str(p.source[1])) if p.source[1] else p.source[0]}" + \
                (", not to be shared" if p.private else "")
            grid.add_row(output.plain(str(p.number)), output.plain(p.words().split(", ", 1)[1] + source),
                         output.plain(", ".join(shown)))
        con.print(Panel(grid, title=title, title_align="left"))
