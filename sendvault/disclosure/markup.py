"""The document (``render.Document``) as JSON for machines, Markdown, or a self-contained HTML page."""

from __future__ import annotations

import html
import json
import re
from dataclasses import asdict

from .render import Document, summary

def to_json(doc: Document) -> str:
    """The document for machines: the same words, with each field's schema path."""
    data = asdict(doc)
    data["made_on"] = doc.made_on.isoformat()
    data["basis"] = {**{k: v for k, v in asdict(doc.basis).items() if v is not None}, "sentence": doc.basis.sentence()}
    if doc.basis.given_on:
        data["basis"]["given_on"] = doc.basis.given_on.isoformat()
    data["contents"] = doc.contents
    data["notice"] = doc.notice
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_block(text: str) -> str:
    return "\n".join(_md(line) + ("  " if line else "") for line in text.split("\n")).rstrip()


def to_markdown(doc: Document) -> str:
    out = [f"# {_md(doc.title)}", "", f"**{_md(doc.service)}**", ""]
    out += [f"- **{k}:** {_md(v)}" for k, v in summary(doc)]
    out += ["", f"> {_md(doc.notice)}", ""]
    for s in doc.sections:
        out += [f"## {_md(s.title)}", ""]
        if s.empty:
            out += ["_Nothing is recorded here._", ""]
        if s.fields:
            out += ["| | |", "|---|---|"] + [f"| {_md(f.label)} | {_md(f.value).replace(chr(10), '<br>')} |" for f in s.fields]
            out.append("")
        for e in s.entries:
            out += [f"### {_md(e.heading)}", ""]
            out += [f"- {_md(f.label)}: {_md(f.value)}" for f in e.fields]
            if e.fields:
                out.append("")
            if e.text:
                out += [_md_block(e.text), ""]
    out += ["---", "", _md(doc.notice), ""]
    return "\n".join(out)


_CSS = """
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #222; max-width: 46em; margin: 2em auto;
       padding: 0 1em; line-height: 1.45; }
header { border-bottom: 3px solid #1f5f6b; margin-bottom: 1.2em; }
.service { color: #1f5f6b; font-weight: bold; font-size: 1.3em; }
.confidential { float: right; color: #a33; font-weight: bold; letter-spacing: .08em; }
h1 { font-size: 1.5em; margin: .4em 0; }
h2 { color: #1f5f6b; border-bottom: 1px solid #cfdfe2; padding-bottom: .15em; margin-top: 1.6em; }
h3 { font-size: 1em; color: #444; margin-bottom: .2em; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .3em .6em .3em 0; border-bottom: 1px solid #e6e6e6; }
th { width: 38%; color: #555; font-weight: normal; }
.summary { background: #f1f6f7; padding: .6em 1em; }
.summary th { width: 22%; font-weight: bold; color: #1f5f6b; }
.text { white-space: pre-wrap; }
footer { margin-top: 2em; border-top: 1px solid #ccc; font-size: .85em; color: #666; }
"""


def to_html(doc: Document) -> str:
    e = html.escape
    out = ["<!DOCTYPE html>", '<html lang="en-GB">', "<head>", '<meta charset="utf-8">',
           f"<title>{e(doc.title)}</title>", f"<style>{_CSS}</style>", "</head>", "<body>",
           f'<header><span class="confidential">CONFIDENTIAL</span><div class="service">{e(doc.service)}</div>'
           f"<h1>{e(doc.title)}</h1></header>", '<table class="summary">']
    out += [f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in summary(doc)]
    out.append("</table>")
    for s in doc.sections:
        out.append(f"<section><h2>{e(s.title)}</h2>")
        if s.empty:
            out.append("<p><em>Nothing is recorded here.</em></p>")
        if s.fields:
            out.append("<table>" + "".join(f'<tr><th>{e(f.label)}</th><td class="text">{e(f.value)}</td></tr>'
                                           for f in s.fields) + "</table>")
        for en in s.entries:
            out.append(f"<article><h3>{e(en.heading)}</h3>")
            if en.fields:
                out.append("<table>" + "".join(f"<tr><th>{e(f.label)}</th><td>{e(f.value)}</td></tr>"
                                               for f in en.fields) + "</table>")
            if en.text:
                out.append(f'<p class="text">{e(en.text)}</p>')
            out.append("</article>")
        out.append("</section>")
    out += [f"<footer><p>{e(doc.notice)}</p></footer>", "</body>", "</html>", ""]
    return "\n".join(out)
