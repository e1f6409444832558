"""What every command module shares: the global options, keys, option types, help panels, tables.

A command module imports this (and ``output``), never ``app`` nor another command
module. It defines ``commands = typer.Typer()`` and its commands on it, each in
one of the help panels below::

    from . import common, output

    commands = typer.Typer()

    @commands.command(rich_help_panel=common.CASE_WORK)
    def show(ctx: typer.Context, case_id: common.CaseId, json: common.JsonOpt = False) -> None:
        \"\"\"Show one case in full.

        Example:  sendvault show K7M3-Q9P2
        \"\"\"
        vault, cid = common.open_case(ctx, case_id)

A sub-group is a ``typer.Typer(...)`` added to ``commands`` with a name and a
panel: ``commands.add_typer(officer_app, name="officer", rich_help_panel=common.TEAM)``.
``app.py`` then lists the module among those it registers.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Iterator, Optional

import typer

from ..basics import ids
from ..basics.errors import SendvaultError, UsageError, VaultCorrupt
from . import output, process

# The help panels of ``sendvault --help``, in the order officers think of the work.
CASE_WORK = "Case work"
CONSENT = "Consent and disclosure"
RECORDS = "Records and retention"
TEAM = "Team and keys"
CHECKS = "Checks"
PANELS = (CASE_WORK, CONSENT, RECORDS, TEAM, CHECKS)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON on stdout (messages go to stderr).")]
CaseId = Annotated[str, typer.Argument(help="The case id, e.g. K7M3-Q9P2 (case and hyphen don't matter).")]


# The commands that use no vault, or no identity of the officer's: a --vault or --identity typed on their command
# line would be accepted and ignored. Only the command line is refused: SENDVAULT_VAULT and SENDVAULT_IDENTITY are
# set in the environment for every command.
UNUSED_GLOBALS = {
    "keygen": ("--vault", "--identity"), "init": ("--vault", "--identity"), "clone": ("--vault", "--identity"),
    "serve-init": ("--vault", "--identity"), "lock": ("--vault", "--identity"), "unlock": ("--vault",),
    "passphrase": ("--vault",),
}


class State:
    """The global options, passed to every command as ``ctx.obj``."""

    def __init__(self, vault: Optional[Path], identity: Optional[Path]):
        self.vault_path = vault
        self.identity_path = identity

    def open(self, unlock: bool = True):
        """The vault, unlocked with the caller's identity unless ``unlock`` is false."""
        from ..store.vault import Vault

        if self.vault_path is None:
            raise SendvaultError("no vault given", hint="pass --vault PATH or set SENDVAULT_VAULT")
        vault = Vault.open(self.vault_path)
        _fetch_documents_on_demand()
        vault.unrecorded = lambda command: output.info(
            f"note: this vault is read-only here, so this {command} is not recorded in its audit trail")
        if unlock:
            self.unlock(vault)
        return vault

    def unlock(self, vault) -> None:
        """Unlock an opened vault: through the agent, or with the identity file."""
        if not unlock_with_agent(vault, self.identity_path):
            vault.unlock(load_identity(self.identity_path))


def _fetch_documents_on_demand() -> None:
    """A partial clone's documents come from the server when read: the core's reading (store/) may not
    import sync, so the command line joins them (docs/architecture.md)."""
    from ..store import documents
    from ..sync import partial

    documents.install_fetcher(partial.ON_DEMAND)


def unlock_with_agent(vault, explicit: Optional[Path] = None) -> bool:
    """Unlock ``vault`` through the running agent (``sendvault unlock``), if there is one whose key is an officer's here.

    ``SENDVAULT_AGENT=off`` keeps a command (a cron job with its own plain key) to its identity file.
    An ``explicit`` identity (--identity, SENDVAULT_IDENTITY) wins over an agent unlocked from
    another file: the audit trail must name the officer whose key was given.
    """
    if os.environ.get("SENDVAULT_AGENT", "").lower() in ("off", "0", "no"):
        return False
    from ..agent import keyholder as agent
    from ..basics.errors import NoKeyError

    try:
        found = agent.find()
        if found is None:
            return False
        if explicit is not None and found.status().get("source") != agent.file_id(explicit):
            return False
        vault.unlock_with(found.recipients(), found.unwrap)
        return True
    except agent.AgentError as exc:
        output.info(f"warning: {exc} (asking for your identity instead)")
    except NoKeyError:  # the agent holds another officer's or another vault's key
        vault.keys.unwrap = None
    return False


def default_identity_path() -> Path:
    """``$XDG_CONFIG_HOME/sendvault/identity`` (``~/.config/sendvault/identity`` by default).

    Without HOME (a service account, a bare cron or systemd unit) there is no default:
    guessing one from the password database could read or write a key where nobody
    looks for it.
    """
    xdg = os.environ.get("XDG_CONFIG_HOME", "")
    if os.path.isabs(xdg):  # the XDG rule: a relative value is ignored
        return Path(xdg) / "sendvault" / "identity"
    home = os.environ.get("HOME", "")
    if not os.path.isabs(home):
        raise UsageError("HOME is not set, so there is no default identity file",
                         hint="pass --identity FILE or set SENDVAULT_IDENTITY")
    return Path(home) / ".config" / "sendvault" / "identity"


def load_identity(path: Optional[Path]):
    """The identities in ``path`` (the default identity if None), asking its passphrase on the terminal if it has one."""
    from ..store import crypto

    path = path or default_identity_path()

    def ask() -> str:
        # Asked again after the agent's idle time-out too: say how to be asked once a session. Only where it can be
        # asked: without a terminal the one error line stands alone (cron mails it).
        if has_terminal():
            output.info("tip: 'sendvault unlock' asks your passphrase once for a working session")
        return ask_secret(f"passphrase for {path}: ")

    return crypto.load_identity_file(path, ask)


def has_terminal() -> bool:
    """Whether there is a terminal to ask a passphrase on (``/dev/tty``, not standard input)."""
    try:
        os.close(os.open("/dev/tty", os.O_RDWR))
    except OSError:
        return False
    return True


def ask_secret(prompt: str) -> str:
    """Read a passphrase from the terminal itself, never from an argument or a pipe."""
    import getpass

    if not has_terminal():  # getpass falls back to stdin without one: refuse instead
        raise SendvaultError(
            "a passphrase is needed but there is no terminal to ask it on",
            hint="unattended jobs (cron) use an identity made with 'sendvault keygen --no-passphrase'",
        )
    return getpass.getpass(prompt)


def ask_pdf_password() -> str:
    """``--type-password``: a PDF's password typed twice on the terminal, 12 characters at least."""
    typed = ask_secret("password for the PDF: ")
    if len(typed) < 12 or typed != ask_secret("the same again: "):
        raise UsageError("the passwords differ or are shorter than 12 characters")
    return typed


def require_terminal(what: str, instead: str) -> None:
    """Stop at once, before any key is asked, if a command's questions have no terminal (stdin) to be asked on.

    ``what`` says what would be asked; ``instead`` names the option that replaces
    the prompt. One line, exit 2: the command line must say what the prompt would have.
    """
    if not stdin_is_terminal():
        raise UsageError(f"{what} on a terminal and there is none: {instead}")


def require_editor_terminal(command: str, instead: str) -> None:
    """Stop before any plaintext is written if the editor would have no terminal: it would draw the record into a log."""
    from ..records import editing

    if not editing.has_terminal():
        raise UsageError(f"{command} opens an editor, which needs a terminal, and there is none: {instead}")
    if not (os.environ.get("VISUAL") or os.environ.get("EDITOR")) and editing.default_editor() == "vi":
        output.info("opening vi, the only editor here: press i to type, then Esc and :wq Enter to save and leave "
                    "(:q! Enter leaves without saving); to use another, set EDITOR, e.g. export EDITOR=nano")


def stdin_is_terminal() -> bool:
    """Whether standard input is a terminal (False when it was closed)."""
    if process.STDIN_CLOSED or sys.stdin is None:
        return False
    try:
        return sys.stdin.isatty()
    except (ValueError, OSError):
        return False


def read_stdin(what: str, line: bool = False) -> str:
    """``what`` (e.g. "note") from standard input, as text in the locale's encoding; one clear error otherwise.

    Standard input that is closed, binary (a NUL byte) or not text in the locale's
    encoding (Latin-1 bytes in a UTF-8 locale) is refused: a note saved as mojibake
    is worse than one asked for again. ``line``: the first line only.
    """
    if process.STDIN_CLOSED or sys.stdin is None or sys.stdin.closed:
        raise UsageError(f"standard input is closed, so there is no {what} to read from it",
                         hint=f"give the {what} on the command line, or pipe it in")
    encoding = getattr(sys.stdin, "encoding", None) or "utf-8"
    raw = getattr(sys.stdin, "buffer", None)
    try:
        if raw is None:  # a text-only stream (an embedding program's): its own decoding
            data = (sys.stdin.readline() if line else sys.stdin.read()).encode(encoding)
        else:
            data = raw.readline() if line else raw.read()
        if b"\0" in data:
            raise UsageError(f"standard input holds binary data (a NUL byte), not a {what}")
        return data.decode(encoding).removeprefix("\ufeff")  # a byte-order mark is not part of the text
    except UnicodeError:  # (a ValueError: caught first)
        pass
    except (OSError, ValueError):
        raise UsageError(f"standard input cannot be read, so there is no {what}") from None
    raise UsageError(f"standard input is not {encoding} text, so it was not taken as the {what}",
                     hint="convert it first, e.g. iconv -f latin1 -t utf-8 FILE | sendvault ...")


def require_passphrase_terminal(instead: str) -> None:
    """Stop at once if a new passphrase is to be typed and there is no terminal (it is never read from a pipe)."""
    if not has_terminal():
        raise UsageError(f"passphrases are only read from a terminal and there is none: {instead}")


def open_case(ctx: typer.Context, case_id: str):
    """The unlocked vault and the case id as typed, normalised (a malformed id fails before any key is asked)."""
    cid = ids.normalise(case_id)
    return ctx.obj.open(), cid


def index_progress():
    """What to tell the officer while the index reads cases: a progress bar on a terminal.

    From 500 cases (a first run, a large sync): a bar on stderr that moves as each
    batch is read, or one line where stderr is not a terminal (a log).
    """
    bar = {}

    def progress(done: int, total: int) -> None:
        if total < 500:
            return
        if not sys.stderr.isatty():
            if done == 0:
                output.info(f"updating the index: reading {total} new or changed case(s) ...")
            return
        if "bar" not in bar:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            bar["bar"] = Progress(TextColumn("updating the index"), BarColumn(), MofNCompleteColumn(),
                                  TimeRemainingColumn(), console=output.console(stderr=True), transient=True)
            bar["task"] = bar["bar"].add_task("", total=total)
            bar["bar"].start()
        bar["bar"].update(bar["task"], completed=done)
        if done >= total:
            bar["bar"].stop()
            output.info(f"index updated: {total} case(s) read")

    return progress


def print_rows(rows: list[dict], json: bool, caption: str, damaged: list[str] = ()) -> None:
    """The rows; then, if some cases could not be read, say so and fail (exit 1)."""
    if damaged:
        caption = ""
    print_table(rows, json, caption)
    report_damaged(damaged)


def report_damaged(damaged: list[str]) -> None:
    """If some cases could not be read (``vault.map_cases(..., damaged=)``), say which and fail (exit 1)."""
    if damaged:
        shown = ", ".join(damaged[:10]) + (" ..." if len(damaged) > 10 else "")
        raise VaultCorrupt(f"{len(damaged)} case(s) could not be read and are not listed: {shown}",
                           hint="'sendvault verify' says what is wrong with each")


LONG_LIST = 200  # rows: beyond this, a plain table (every cell whole, columns aligned)


def print_table(rows: list[dict], json: bool, caption: str) -> None:
    """Case rows (``casework.row``) as JSON, or as a table on stdout with ``caption`` on stderr.

    Up to ``LONG_LIST`` rows a rich table; a longer list (a whole vault's) is printed
    as plain aligned columns, in a fraction of the time, nothing cut.
    """
    if json:
        output.emit_json_rows(rows)
        return
    columns = [c for c in ("id", "opened", "status", "officer", "request", "for", "received", "due", "days_left", "last_activity", "told", "follow_up", "reason", "consent", "scope", "review", "kind", "caller",
                           "support_level", "person", "child", "matched") if rows and c in rows[0]]
    if len(rows) > LONG_LIST:  # rich lays out a table in ~1 ms a row: 20 s for a whole vault
        output.plain_table(columns, [[_cell(c, r[c]) for c in columns] for r in rows])
        if caption:
            output.info(caption)
        return
    from rich.table import Table

    table = Table()  # the count is said once, on stderr, below
    for c in columns:
        table.add_column(c, no_wrap=c in ("id", "opened", "status", "last_activity", "follow_up"))
    for r in rows:
        table.add_row(*[_cell(c, r[c]) for c in columns])
    if rows:
        output.console().print(table)
    if caption:
        output.info(caption)


def _cell(column: str, value) -> str:
    if column == "matched":  # field paths, said as an officer would (the JSON keeps the paths)
        from ..records import codes

        return ", ".join(codes.label(p).removeprefix("the ") for p in value)
    if column == "days_left":
        return str(value)
    return ", ".join(value) if isinstance(value, list) else str(value or "")


def flatten(section: dict, prefix: str = "") -> Iterator[tuple[str, str]]:
    """A record's section as (dotted.key, text) pairs: lists joined with commas, booleans as yes/no."""
    for k, v in section.items():
        if isinstance(v, dict):
            yield from flatten(v, f"{prefix}{k}.")
        elif isinstance(v, list):
            yield f"{prefix}{k}", ", ".join(map(str, v))
        elif isinstance(v, bool):
            yield f"{prefix}{k}", "yes" if v else "no"
        else:
            yield f"{prefix}{k}", str(v)


# --- a case in words (``show``) ------------------------------------------------------


def field_words(path: str) -> str:
    """A field's label as a row heading: 'child.date_of_birth' -> "Child's date of birth"."""
    from ..records import codes

    words = codes.label(path)
    words = words[len("whether "):] if words.startswith("whether ") else words  # "Caller has parental responsibility: yes"
    words = words[4:] if words.startswith("the ") else words
    return words[:1].upper() + words[1:]


def value_words(path: str, value, lists: dict | None = None) -> str:
    """A field's value for people: yes/no, codes described ('ASD (Autistic Spectrum Disorder)'), lists joined.

    ``lists``: the vault's words of its listed fields (``categories.described``), which a service extends."""
    from ..records import codes

    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(value_words(path, v, lists) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{field_words(f'{path}.{k}').lower()}: {value_words(f'{path}.{k}', v, lists)}"
                         for k, v in value.items())
    from ..records import categories

    base = ".".join(p for p in path.split(".") if not p.isdigit())
    lists = categories.described({}) if lists is None else lists  # without a vault: the shipped words
    words = (lists.get(base) or codes.DESCRIPTIONS.get(base, {})).get(value)
    if words is None:
        return str(value)
    return f"{value} ({words})" if str(value).isupper() else words


def field_rows(path: str, section: dict, lists: dict | None = None) -> Iterator[tuple[str, str]]:
    """A record's section as (heading, value) rows in words; a sub-section's fields each get a row."""
    for k, v in section.items():
        if isinstance(v, dict):
            yield from field_rows(f"{path}.{k}", v, lists)
        else:
            yield field_words(f"{path}.{k}"), value_words(f"{path}.{k}", v, lists)


def when(stamp: str) -> str:
    """An instant ('2026-11-02T10:04:00Z') as the local date and time, '2026-11-02 10:04'; a date as it is."""
    import datetime as dt

    if "T" not in stamp:
        return stamp
    t = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone()
    return t.strftime("%Y-%m-%d %H:%M")


def _event_words(item: dict, lists: dict | None = None) -> str:
    from ..records import codes

    by = item["by"]
    event = item["event"]
    if event == "closed":
        return f"closed by {by}: " + value_words("history.outcome", item["outcome"], lists).lower() if "outcome" in item else f"closed by {by}"
    if event == "assigned":
        return f"handed from {item['from']} to {item['to']} by {by}"
    if event == "follow-up-set":
        return f"follow-up set for {item['due']} by {by}: {item['reason']}"
    if event == "follow-up-done":
        return f"follow-up of {item['due']} done by {by}: {item['reason']}"
    if event.startswith("person-"):
        return f"person {item['person']} {event.split('-', 1)[1]} by {by}"
    if event == "document-removed":
        return f"document {item['document']} detached by {by}"
    if event.startswith("paper-"):  # by number only: a folder's label may name the family
        verb = {"added": "recorded", "out": "taken out"}.get(event[6:], event[6:])
        return f"paper file {item['paper']} {verb} by {by}"
    return f"{codes.DESCRIPTIONS['history.event'].get(event, event).lower()} by {by}"


def case_history(record: dict, lists: dict | None = None) -> list[tuple[str, str]]:
    """What happened to a case, oldest first, as (when, words): opened, edits, closing, reopening,
    holds, hand-overs, follow-ups, policy versions told, consents and disclosures (notes are shown whole)."""
    items: list[tuple[str, str]] = [(record["created"], f"opened by {record['created_by']}")]
    items += [(h["at"], _event_words(h, lists)) for h in record.get("history") or ()]
    for h in record.get("holds") or ():
        items.append((h["at"], f"legal hold placed by {h['by']}: {h['reason']}"))
        if "released_at" in h:
            items.append((h["released_at"], f"legal hold released by {h.get('released_by', 'a manager')}"))
    for t in record.get("policy_told") or ():
        copy = {True: ", a copy given", False: ", no copy given"}.get(t.get("copy_given"), "")
        items.append((t["date"], f"told of policy version {t['version']} by {t['by']}{copy}"))
    for c in record.get("consents") or ():
        party = f" ({c['party']})" if c.get("party") else ""
        items.append((c["at"], f"{value_words('consents.action', c['action']).lower()}: "
                               f"{value_words('consents.scope', c['scope'])}{party}, recorded by {c['by']}"))
    for b in record.get("breaches") or ():
        told = "parent told" if b.get("told_parent") else "parent not told"
        items.append((b["at"], f"breach decision {b['number']} recorded by {b['by']}, approved by {b['approved_by']}: "
                               f"{value_words('breaches.reason', b['reason']).lower()}, for {b['to']}; {told}"))
    for d in record.get("documents") or ():
        items.append((d["at"], f"document {d['number']} attached by {d['by']}"))
    for d in record.get("disclosures") or ():
        basis = _basis_words(d, "with consent", "under breach decision {}", "subject access: request {}")
        items.append((d["at"], f"disclosed to {d['to']} by {d['by']} ({basis}): {', '.join(d.get('sections') or ())}"))
    items.sort(key=lambda i: i[0] if "T" in i[0] else i[0] + "~")  # a date alone: last of its day
    return [(when(at), words) for at, words in items]


def print_consents(data: dict) -> None:
    """``consent show``: the consents in force, then the whole history, then the disclosures."""
    from rich.table import Table

    console = output.console()
    now = Table(title="in force now", title_justify="left")
    for c in ("scope", "party", "given by", "how", "since", "review"):
        now.add_column(c, no_wrap=c in ("since", "review"))
    for e in data["in_force"]:
        now.add_row(e["scope"], e.get("party", ""), e["given_by"], e.get("method", ""), e["date"], e.get("review", ""))
    if data["in_force"]:
        console.print(now)
    else:
        output.info(f"case {data['id']}: no consent in force")
    if data.get("refused"):
        refused = Table(title="refused by the young person", title_justify="left")
        for c in ("scope", "from whom", "how", "since"):
            refused.add_column(c, no_wrap=c == "since")
        for e in data["refused"]:
            refused.add_row(e["scope"], e.get("party", "everyone outside the service"), e.get("method", ""), e["date"])
        console.print(refused)
    past = Table(title="history", title_justify="left")
    for c in ("date", "what", "scope", "party", "given by", "recorded by", "note"):
        past.add_column(c, no_wrap=c in ("date", "what"))
    for e in data["history"]:
        what = {"grant": "granted", "refuse": "refused"}.get(e["action"], "withdrawn") + (" (at intake)" if e.get("source") == "intake" else "")
        past.add_row(e["date"], what, e["scope"], e.get("party", ""), e["given_by"], e["by"], e.get("note", ""))
    if data["history"]:
        console.print(past)
    if data.get("breaches"):
        decided = Table(title="breach decisions (without consent)", title_justify="left")
        for c in ("no.", "date", "reason", "to", "parts", "approved by", "parent told"):
            decided.add_column(c, no_wrap=c in ("no.", "date"))
        for b in data["breaches"]:
            decided.add_row(str(b["number"]), b["date"], b["reason"], b["to"], _parts_words(b), b["approved_by"],
                            "yes" if b["told_parent"] else "no: " + b.get("why_not_told", ""))
        console.print(decided)
    if data["disclosures"]:
        shared = Table(title="disclosures", title_justify="left")
        for c in ("when", "to", "basis", "parts", "form", "by"):
            shared.add_column(c, no_wrap=c == "when")
        for d in data["disclosures"]:
            basis = _basis_words(d, "consent", "breach {}", "subject access {}")
            shared.add_row(when(d["at"]), d["to"], basis, _parts_words(d), d.get("output", ""), d["by"])
        console.print(shared)


def _parts_words(d: dict) -> str:
    """A decision's or a disclosure's parts, and the documents it names by number."""
    words = ", ".join(d.get("sections") or ())
    if d.get("documents"):
        words += ("; " if words else "") + "documents " + ", ".join(map(str, d["documents"]))
    return words


def _basis_words(d: dict, consent: str, breach: str, sar: str) -> str:
    """A disclosure's basis in the words of a table or the history: consent, a breach decision, a subject-access request."""
    if d["basis"] == "consent":
        return consent
    if d["basis"] == "subject-access":
        return sar.format(d.get("sar", "?"))
    return breach.format(d.get("breach", "?"))


def say_if_service_details_missing(vault) -> None:
    """After a document is made: which of the service's own contact details it could not print, if any."""
    missing = [words for key, words in (("phone", "phone number"), ("email", "e-mail"), ("address", "postal address"))
               if key not in (vault.config.get("service_details") or {})]
    if missing:
        output.info(f"note: the document does not give the service's {', '.join(missing)} (not set); "
                    "a manager sets them with 'sendvault service-details'")
