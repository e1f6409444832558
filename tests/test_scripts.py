"""Every script in the documents families receive (issue 20, item 6): sendvault/disclosure/fonts.py and the PDF.

A school's share and a family's subject-access copy are made through the real CLI with
names and notes in the scripts the services' families write; the protected PDF is opened
with qpdf and its text read back with pdftotext. Right-to-left text comes back wrapped in
direction marks, and shaped Indic text (Bengali, Gurmukhi, Gujarati, Devanagari) with
spaces where a vowel sign was moved before its consonant: those names are compared with
direction marks and spaces taken out. What text extraction cannot show, the glyphs, is
checked in the PDF's fonts: no character is drawn with a font's .notdef glyph (a box).
"""

from __future__ import annotations

import base64
import copy
import json
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from conftest import SAMPLE_CASE, Env, make_case, one_line_error, show
from test_disclosure import password_of, pdftotext, requires_pdf_tools
from test_export import FULL, document

from sendvault.disclosure import fonts, handover, pdf_layout

SCHOOL = "Thistlecombe Primary School"

# One name a script (or language where two share a script), as families write them; for Vietnamese
# words, not a name (subject access rightly withholds "Nguyễn" in a note as a third party's name).
NAMES = {
    "Polish": "Zdzisław Łukasiewicz-Wąsowska", "Romanian": "Ștefan Țurcanu", "Portuguese": "João Conceição",
    "Somali": "Cabdiraxmaan Xasan Maxamed", "Turkish": "Ayşe Yıldız Çağlar", "Vietnamese": "cảm ơn rất nhiều, hẹn gặp lại",
    "Kurdish (Latin)": "Şêrko Bêkes", "Greek": "Ελένη Παπαδοπούλου", "Cyrillic": "Олександр Шевченко",
    "Hebrew": "שרה כהן", "Arabic": "محمد عبد الله", "Urdu": "عائشہ صدیقی", "Persian": "زهرا محمدی‌نژاد",
    "Pashto": "ګل بي بي ځدراڼ", "Shahmukhi": "ہرپریت سنگھ ڈھلوں", "Kurdish (Sorani)": "شێرکۆ بێکەس",
    "Gurmukhi": "ਹਰਪ੍ਰੀਤ ਸਿੰਘ ਢਿੱਲੋਂ", "Bengali": "রহিম উদ্দিন চৌধুরী", "Gujarati": "પ્રિયા પટેલ",
    "Tamil": "சுப்பிரமணியன் கிருஷ்ணன்", "Devanagari": "प्रिया शर्मा", "Chinese (Simplified)": "张伟 李娜",
    "Chinese (Traditional)": "陳大文 黃美玲", "Amharic": "ሰላም ተስፋዬ", "Tigrinya": "ኣብርሃም ገብረመድህን",
    "Emoji": "🥰 👍🏽 🙏 😀",
}
# Scripts whose shaping moves or joins glyphs, so that pdftotext returns extra spaces or direction marks.
SHAPED = {"Hebrew", "Arabic", "Urdu", "Persian", "Pashto", "Shahmukhi", "Kurdish (Sorani)", "Gurmukhi", "Bengali",
          "Gujarati", "Devanagari"}
_MARKS = re.compile(r"[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def squash(text: str) -> str:
    """NFC, without spaces or direction marks: what shaped text compares on."""
    return _MARKS.sub("", unicodedata.normalize("NFC", text))


def round_trips(text: str) -> dict[str, bool]:
    """Each name: found in ``text`` exactly (NFC), or for a shaped script once spaces and marks are out."""
    nfc = unicodedata.normalize("NFC", text)
    found = {k: (unicodedata.normalize("NFC", v) in nfc) or (k in SHAPED and squash(v) in squash(text))
             for k, v in NAMES.items()}
    # pdftotext puts an emoji drawn in DejaVu (😀) on a line of its own, before the colour ones.
    found["Emoji"] = all(e in nfc for e in NAMES["Emoji"].split())
    return found


def _cmap_pairs(data: bytes) -> dict[int, int]:
    """A CMap's code -> value entries (bfchar, cidchar and bfrange lines)."""
    out: dict[int, int] = {}
    text = data.decode("latin-1")
    for _, block in re.findall(r"begin(bf|cid)char(.*?)end\1char", text, re.S):
        for code, value in re.findall(r"<([0-9A-Fa-f]+)>\s+(<[0-9A-Fa-f]+>|\d+)", block):
            out[int(code, 16)] = int(value.strip("<>"), 16) if value.startswith("<") else int(value)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, value in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            for i, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[code] = int(value, 16) + i
    return out


def drawn_as_notdef(pdf: Path, password: str) -> dict[str, int]:
    """Per embedded font, how many characters the PDF draws with glyph 0 (.notdef, a box): should be none.

    qpdf opens the protected file and gives every object as JSON with its stream decoded.
    A character drawn is a code of the font's ToUnicode map with a real character; its glyph
    is the font's CIDToGIDMap entry (TrueType), its CMap's CID (CFF), or the name the
    Differences give it (Type 3, the colour emoji).
    """
    q = subprocess.run(["qpdf", f"--password={password}", "--json=2", "--json-stream-data=inline",
                        "--decode-level=generalized", str(pdf), "-"], capture_output=True, timeout=120)
    assert q.returncode == 0, q.stderr
    objects = json.loads(q.stdout)["qpdf"][1]

    def obj(ref: str) -> dict:
        return objects[f"obj:{ref}"]

    def stream(ref: str) -> bytes:
        return base64.b64decode(obj(ref)["stream"]["data"])

    found: dict[str, int] = {}
    for o in objects.values():
        font = o.get("value")
        if not isinstance(font, dict) or font.get("/Type") != "/Font" or "/ToUnicode" not in font:
            continue
        drawn = [code for code, uni in _cmap_pairs(stream(font["/ToUnicode"])).items() if uni]
        name = font.get("/BaseFont") or font.get("/Name")
        if font.get("/Subtype") == "/Type3":
            differences = font["/Encoding"]["/Differences"]
            names = dict(zip(differences[::2], differences[1::2]))
            found[name] = sum(names.get(code) == "/.notdef" for code in drawn)
            continue
        cid_font = obj(font["/DescendantFonts"][0])["value"]
        if "/CIDToGIDMap" in cid_font:
            gids = stream(cid_font["/CIDToGIDMap"])
            found[name] = sum(gids[2 * c:2 * c + 2] in (b"", b"\0\0") for c in drawn)
        else:  # CFF (Chinese): the encoding's CMap gives each code its CID
            cids = _cmap_pairs(stream(font["/Encoding"]))
            found[name] = sum(cids.get(c, 0) == 0 for c in drawn)
    assert found, "no embedded font found"
    return found


def every_script_case() -> dict:
    case = json.loads(json.dumps(SAMPLE_CASE))
    case["person"]["name"] = NAMES["Bengali"]
    case["child"]["name"] = NAMES["Chinese (Traditional)"]
    return case


def note_of_every_script(env: Env, cid: str, sep: str = "\n") -> None:
    text = sep.join(f"{k}: {v}" for k, v in NAMES.items())
    r = env.cli("note", cid, text)
    assert r.exit_code == 0, r.stderr


@pytest.fixture
def out(ram_dir) -> Path:
    return ram_dir


def checked(pdf: Path, password: str) -> str:
    """The PDF's text, after the checks every document here must pass; returns it."""
    assert subprocess.run(["qpdf", "--requires-password", str(pdf)], capture_output=True).returncode == 0
    opened = pdftotext(pdf, password)
    assert opened.returncode == 0, opened.stderr
    text = opened.stdout
    missing = [k for k, ok in round_trips(text).items() if not ok]
    assert not missing, (missing, text)
    assert "\u25a1" not in text and "\ufffd" not in text  # no white square, no replacement character
    notdef = drawn_as_notdef(pdf, password)
    assert not any(notdef.values()), notdef
    names = " ".join(notdef)
    for family in ("NotoSansBengali", "NotoSansArabic", "NotoSansGurmukhi", "NotoSansCJK", "NotoColorEmoji"):
        assert family in names, (family, names)
    assert all("+" in n for n in notdef if n.startswith("/") and "Emoji" not in n)  # subsets, not whole fonts
    return text


# --- through the CLI ----------------------------------------------------------------------------


@requires_pdf_tools
def test_a_share_shows_every_script(env: Env, out: Path):
    cid = make_case(env, every_script_case())
    note_of_every_script(env, cid)
    assert env.cli("consent", "grant", cid, "share-information", "--party", SCHOOL).exit_code == 0
    r = env.cli("share", cid, "--to", SCHOOL, "--out", str(out / "share.pdf"), "--password")
    assert r.exit_code == 0, r.stderr
    text = checked(out / "share.pdf", password_of(r.stderr))
    assert "陳大文" in text and "রহিম" in squash(text)


@requires_pdf_tools
def test_a_subject_access_copy_shows_every_script(env: Env, out: Path):
    cid = make_case(env, every_script_case())
    note_of_every_script(env, cid)
    assert env.cli("sar", "request", cid, "--for", "parent").exit_code == 0
    r = env.cli("sar", cid, "--for", "parent", "--out", str(out / "copy.pdf"))
    assert r.exit_code == 0, r.stderr
    checked(out / "copy.pdf", password_of(r.stderr))


@requires_pdf_tools
def test_a_one_page_share_in_many_scripts_stays_small(env: Env, out: Path):
    """The fonts are subsetted: a dozen fonts add tens of kilobytes, not megabytes."""
    cid = make_case(env, every_script_case())
    note_of_every_script(env, cid, sep="; ")
    assert env.cli("consent", "grant", cid, "share-information", "--party", SCHOOL).exit_code == 0
    r = env.cli("share", cid, "--to", SCHOOL, "--only", "caller,notes", "--out", str(out / "s.pdf"),
                "--password")
    assert r.exit_code == 0, r.stderr
    pdf = out / "s.pdf"
    assert pdftotext(pdf, password_of(r.stderr)).stdout.count("\f") == 1  # one page
    # Measured: 115 KB with twelve fonts (DejaVu Regular and Bold, ten Noto subsets, the colour emoji);
    # a Latin-only share: ~60 KB. The whole fonts would be over 30 MB (Chinese's alone is 19 MB).
    assert pdf.stat().st_size < 300_000, pdf.stat().st_size


@pytest.mark.parametrize("character, named", [
    ("\ue000", "U+E000 (a private-use character)"),
    ("\U00017000", "U+17000 (Tangut script)"),
])
@pytest.mark.parametrize("command", ["share", "sar"])
def test_a_character_no_font_has_is_refused_naming_its_script(env: Env, out: Path, character, named, command):
    case = every_script_case()
    secret = f"Nasrin Begum{character}Ahmed"
    case["person"]["name"] = secret
    cid = make_case(env, case)
    target = out / "copy.pdf"
    if command == "share":
        assert env.cli("consent", "grant", cid, "share-information", "--party", SCHOOL).exit_code == 0
        r = env.cli("share", cid, "--to", SCHOOL, "--out", str(target), "--password")
    else:
        assert env.cli("sar", "request", cid, "--for", "parent").exit_code == 0
        r = env.cli("sar", cid, "--for", "parent", "--out", str(target))
    line = one_line_error(r)
    assert r.exit_code == 1
    assert named in line and "nothing was written" in line
    assert "Nasrin" not in r.stderr and "Ahmed" not in r.stderr and character not in r.stderr
    assert "sendvault edit" in r.stderr  # the hint: what the officer can do
    assert list(out.iterdir()) == []
    record = show(env, cid)
    assert not record.get("disclosures")


def test_a_script_whose_fonts_are_not_installed_names_the_package(env: Env, out: Path, monkeypatch):
    monkeypatch.setattr(fonts, "NOTO_DIRS", ())
    fonts._script_faces.cache_clear()
    try:
        cid = make_case(env, every_script_case())
        assert env.cli("consent", "grant", cid, "share-information", "--party", SCHOOL).exit_code == 0
        r = env.cli("share", cid, "--to", SCHOOL, "--out", str(out / "s.pdf"), "--password")
    finally:
        fonts._script_faces.cache_clear()
    line = one_line_error(r)
    assert "(Bengali script)" in line and "U+09" in line
    assert "apt-get install fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji" in r.stderr
    assert list(out.iterdir()) == []


# --- the choice of fonts ----------------------------------------------------------------------


def test_each_script_gets_its_own_font_and_latin_text_none():
    assert fonts.plan(["Jane Example, Zoë Łukasiewicz, Ελένη, Олександр"]).fallbacks == ()
    chosen = {f.family for f in fonts.plan([NAMES["Bengali"], NAMES["Urdu"], NAMES["Tamil"]]).fallbacks}
    assert chosen == {"notobengali", "notoarabic", "nototamil"}
    # Arabic script always in Noto's Arabic, never half in DejaVu (which lacks Urdu's ے): a word in two fonts does not join.
    assert fonts.plan(["محمد"]).fallbacks[0].family == "notoarabic"


def test_chinese_in_the_form_the_family_writes():
    assert fonts.chinese_form(NAMES["Chinese (Traditional)"]) == "traditional"
    assert fonts.chinese_form(NAMES["Chinese (Simplified)"]) == "simplified"
    assert fonts.plan([NAMES["Chinese (Traditional)"]]).fallbacks[0].index == 3  # Noto Sans CJK TC
    assert fonts.plan([NAMES["Chinese (Simplified)"]]).fallbacks[0].index == 2  # SC


def test_a_refusal_names_code_points_and_scripts_never_the_text():
    with pytest.raises(fonts.NoGlyph) as e:
        fonts.plan(["Private \ue001 and \U00017001 and \U000e0000 and \U000f0000 words"])
    message = e.value.message
    assert "4 characters" in message and "U+E001 (a private-use character)" in message
    assert "U+17001 (Tangut script)" in message and "U+E0000 (unassigned in Unicode)" in message
    assert "Private" not in message and "words" not in message and message.isascii()


@requires_pdf_tools
def test_persian_with_a_zero_width_non_joiner_stays_in_order(out: Path):
    """fpdf2's bidi left a ZWNJ at the paragraph's level: in a line that starts in English, the
    Persian word was cut in two and its halves swapped (زهرا محمدی‌نژاد read as نژاد‌زهرا محمدی)."""
    record = copy.deepcopy(FULL)
    record["notes"][0]["text"] = "Mother's name: زهرا محمدی‌نژاد (Persian); Pashto: ګل‌ بي بي"
    data = pdf_layout.to_pdf(document(record, sections=["notes"]), "pw")
    text = pdftotext(handover.write_output(out / "p.pdf", data), "pw").stdout
    assert squash("زهرا محمدی‌نژاد") in squash(text) and squash("ګل‌ بي بي") in squash(text)


@requires_pdf_tools
def test_the_notdef_check_sees_a_box(out: Path):
    """The check above can fail: a font made to claim ক while drawing glyph 0 is caught."""
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod

    pdf = FPDF()
    pdf.add_font("dejavu", "", str(fonts.dejavu().regular))
    font = pdf.fonts["dejavu"]
    font.cmap[0x0995], font.glyph_ids[0x0995] = ".notdef", 0
    pdf.add_page()
    pdf.set_font("dejavu", "", 12)
    pdf.cell(0, 10, "Box: \u0995")
    pdf.set_encryption(owner_password="owner", user_password="pw", encryption_method=EncryptionMethod.AES_256)
    (out / "box.pdf").write_bytes(bytes(pdf.output()))
    assert drawn_as_notdef(out / "box.pdf", "pw") == {"/MPDFAA+DejaVuSansBook": 1}


# Emoji from every block a message brings (faces, hands, people, transport, places, weather, food, objects,
# symbols), each alone: fpdf2 failed on a colour font given a unicode range ('data'), for most emoji but 😀.
ALONE = ["🛳", "🚀", "🙂", "👍", "🎉", "🌈", "🍕", "📞", "🏫", "❤️", "🧒🏾", "👨‍👩‍👧", "🇬🇧", "✅"]


@requires_pdf_tools
@pytest.mark.parametrize("emoji", ALONE)
def test_an_emoji_alone_in_a_note_is_drawn(out: Path, emoji):
    record = copy.deepcopy(FULL)
    record["notes"][0]["text"] = f"Sam sent {emoji} to say thanks"
    data = pdf_layout.to_pdf(document(record, sections=["notes"]), "pw")
    path = handover.write_output(out / "e.pdf", data)
    assert not any(drawn_as_notdef(path, "pw").values())  # no character drawn as a box
    assert "Sam sent" in pdftotext(path, "pw").stdout
