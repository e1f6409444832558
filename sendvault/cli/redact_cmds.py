"""Redaction: anonymised case studies (R28) and free-standing texts with no identifying detail left (R15)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..basics.errors import SendvaultError, UsageError
from . import common, output

commands = typer.Typer()

STYLE_HELP = "How identifiers are replaced: 'words' (the child, the parent, a primary school) or 'tags' ([CHILD], [PARENT])."
DATES_HELP = ("How dates are replaced: 'month' (4 May 2026 becomes May 2026) or 'age' (the child's age then: "
              "'at age 12'; the month and year where the case has no date of birth).")


@commands.command(rich_help_panel=common.RECORDS)
def redact(
    ctx: typer.Context,
    case_id: Annotated[Optional[str], typer.Argument(help="The case to make a case study of, e.g. K7M3-Q9P2.")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="Write the redacted Markdown to this file (asked first).")] = None,
    text: Annotated[Optional[str], typer.Option("--text", help="Redact this text file instead ('-' for standard input); with ID, the case's identifiers too.")] = None,
    style: Annotated[str, typer.Option("--style", help=STYLE_HELP)] = "words",
    dates: Annotated[str, typer.Option("--dates", help=DATES_HELP)] = "month",
    review: Annotated[bool, typer.Option("--review", help="Show the redacted text with every replacement highlighted.")] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Write --out without asking (you have reviewed the text).")] = False,
    include_private: Annotated[bool, typer.Option("--include-private", help="Put in the notes their provider asked to keep private (left out otherwise).")] = False,
) -> None:
    """Make an anonymised case study of a case, or redact a free-standing text.

    The case study gives the profile in general terms (age band, setting, need) and
    the notes with every identifier replaced: names, addresses, schools, phone
    numbers, emails, dates and reference numbers. It is meant to hold no personal
    data, but you are its last check: without --yes, --out shows the review and asks.

    Notes marked private (what someone told us in confidence) are left out unless
    --include-private; the account of a breach decision never goes in. You are told
    how many of each were left out.

    Example:  sendvault redact K7M3-Q9P2 --out case-study.md
    Example:  sendvault redact K7M3-Q9P2 --review --dates age
    Example:  sendvault redact --text quote.txt --style tags
    """
    from ..disclosure import redact as engine, redact_names

    if style not in engine.STYLES:
        raise UsageError("--style must be 'words' or 'tags'")
    if dates not in engine.DATES:
        raise UsageError("--dates must be 'month' or 'age'")
    if case_id is None and text is None:
        raise UsageError("give a case id, or --text FILE", hint="e.g. sendvault redact K7M3-Q9P2 --out case-study.md")
    if include_private and case_id is None:
        raise UsageError("--include-private is for a case study: give the case id")
    if dates == "age" and case_id is None:  # without a case there is no date of birth: 'age' would be 'month'
        raise UsageError("--dates age needs the case id, for the child's date of birth", hint="or use --dates month")
    if yes and out is None:  # --yes confirms writing --out; alone it would be accepted and do nothing
        raise UsageError("--yes confirms writing --out: give --out FILE, or leave --yes out")
    if out is not None and not yes:
        common.require_terminal("redact --out asks you to confirm the redacted text", "review it, then pass --yes")
    source = _read_text(text) if text is not None else None
    known, vault, cid = redact_names.Known(), None, None
    if case_id is not None:
        vault, cid = common.open_case(ctx, case_id)
        known, record = _known(redact_names, vault, cid)
    if source is not None:
        result = engine.redact_text(source, known, style, dates)
    else:
        from ..records import categories

        result = engine.case_study(record, known, style, dates, include_private, categories.described(vault.config))
    if review or (out is not None and not yes):
        _show(result)
    elif out is None:
        output.out(result.text.rstrip("\n"))
    if result.left_out:
        said = " and ".join(f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in result.left_out.items())
        output.info(f"left out of the case study: {said}"
                    + (" (--include-private puts private notes in)" if "private note" in result.left_out else ""))
    if out is not None:
        _write(out, result.text, yes)
    if vault is not None:
        vault.audit("redact", case=cid, detail=f"{len(result.replacements)} replaced" + (", written" if out else ""))


def _known(redact_names, vault, cid: str):
    record = vault.read_case(cid)
    lists = vault.config.get("redaction", {})
    known = redact_names.known_from_case(record, officers=tuple(o.name for o in vault.officers),
                                         schools=tuple(lists.get("schools", ())), places=tuple(lists.get("places", ())))
    return known, record


def _read_text(name: str) -> str:
    if name == "-":
        return common.read_stdin("text")
    try:
        return Path(name).read_text(encoding="utf-8-sig")  # a byte-order mark is not part of the text
    except FileNotFoundError:
        raise SendvaultError("the --text file does not exist") from None
    except (OSError, UnicodeDecodeError):
        raise SendvaultError("the --text file cannot be read as UTF-8 text") from None


def _show(result) -> None:
    """The redacted text, every replacement highlighted: reverse video on a terminal (it shows without colour
    too), ⟦between brackets⟧ where the output is not one (a pipe to a pager or a file)."""
    from rich.text import Text

    console = output.console()
    if console.is_terminal:
        shown = Text(result.text)
        for r in result.replacements:
            shown.stylize("bold reverse", r.out_start, r.out_end)
    else:
        pieces, at = [], 0
        for r in sorted(result.replacements, key=lambda r: r.out_start):
            pieces += [result.text[at:r.out_start], "⟦", result.text[r.out_start:r.out_end], "⟧"]
            at = r.out_end
        shown = Text("".join(pieces + [result.text[at:]]))
    console.print(shown, soft_wrap=not console.is_terminal)  # piped: the lines as they are, not cut at 80
    output.info(f"{len(result.replacements)} replacement(s) highlighted; check for anything that still identifies someone")


def _write(out: Path, text: str, yes: bool) -> None:
    from ..store import storage

    if out.exists() and out.is_dir():
        raise UsageError("--out is a directory; give a file name")
    if not out.parent.is_dir():
        raise SendvaultError("the directory of --out does not exist")
    if not yes:
        from rich.prompt import Confirm

        if not Confirm.ask("Write this redacted text to the file?", console=output.console(stderr=True), default=False):
            raise SendvaultError("nothing was written")
    storage.write_outside(out, text.encode("utf-8"))
    output.info(f"written to {out.name}; it is meant to hold no personal data: check it before use")
