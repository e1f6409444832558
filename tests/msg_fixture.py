"""A small Outlook .msg made from scratch, for the tests of attaching e-mails (issue 24).

Nothing writes .msg files (extract-msg and olefile only read them), so this builds one: an OLE
compound file (MS-CFB, version 3: 512-byte sectors, the mini stream for streams under 4 KiB) holding
the streams of an Outlook message (MS-OXMSG): its class, subject, sender, recipients' display lines,
body, submit time, and attachments (each a storage with its file name and data). Synthetic content only.
"""

from __future__ import annotations

import datetime as dt
import struct

SECTOR, MINI, CUTOFF = 512, 64, 4096
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def _props(header: bytes, entries: list[tuple[int, int, bytes]]) -> bytes:
    """A property stream: its header, then (tag, flags, 8-byte value) entries."""
    return header + b"".join(struct.pack("<II", tag, flags) + value.ljust(8, b"\0") for tag, flags, value in entries)


def _filetime(when: dt.datetime) -> bytes:
    return struct.pack("<Q", int((when - dt.datetime(1601, 1, 1, tzinfo=dt.timezone.utc)).total_seconds() * 10_000_000))


def message_streams(subject: str, sender_name: str, sender_email: str, to: str, cc: str, body: str,
                    sent: dt.datetime, attachments: list[tuple[str, bytes]]) -> dict[tuple[str, ...], bytes]:
    """The streams of an Outlook message, by path of storage names."""
    s: dict[tuple[str, ...], bytes] = {}
    text = lambda prop, value: s.__setitem__((f"__substg1.0_{prop}001F",), _utf16(value))
    text("001A", "IPM.Note")
    text("0037", subject)
    text("0E1D", subject)  # normalized subject
    text("0C1A", sender_name)
    text("0C1F", sender_email)
    text("0C1E", "SMTP")
    text("5D01", sender_email)
    text("0042", sender_name)
    text("0E04", to)
    text("0E03", cc)
    text("1000", body)
    recipients = [(kind, part.strip()) for kind, line in ((1, to), (2, cc)) for part in line.split(";") if part.strip()]
    for i, (kind, who) in enumerate(recipients):
        name, _, address = who.partition("<")
        address = address.rstrip(">").strip() or name.strip()
        store = f"__recip_version1.0_#{i:08X}"
        s[(store, "__substg1.0_3001001F")] = _utf16(name.strip())
        s[(store, "__substg1.0_3003001F")] = _utf16(address)
        s[(store, "__substg1.0_39FE001F")] = _utf16(address)
        s[(store, "__substg1.0_3002001F")] = _utf16("SMTP")
        s[(store, "__properties_version1.0")] = _props(b"\0" * 8, [
            (0x0C150003, 6, struct.pack("<I", kind)),  # recipient type: 1 To, 2 Cc
            (0x0FFE0003, 6, struct.pack("<I", 6)),  # object type: mail user
        ])
    n = len(attachments)
    header = struct.pack("<8xIIII8x", len(recipients), n, len(recipients), n)
    s[("__properties_version1.0",)] = _props(header, [
        (0x00390040, 6, _filetime(sent)),  # client submit time
        (0x0E060040, 6, _filetime(sent)),  # delivery time
        (0x0E070003, 6, struct.pack("<I", 0x10 if n else 0)),  # flags: has attachments
    ])
    for i, (name, data) in enumerate(attachments):
        store = f"__attach_version1.0_#{i:08X}"
        s[(store, "__substg1.0_3707001F")] = _utf16(name)
        s[(store, "__substg1.0_3704001F")] = _utf16(name[:12])
        s[(store, "__substg1.0_3703001F")] = _utf16("." + name.rsplit(".", 1)[-1])
        s[(store, "__substg1.0_37010102")] = data
        s[(store, "__properties_version1.0")] = _props(b"\0" * 8, [
            (0x37050003, 6, struct.pack("<I", 1)),  # attach method: by value
            (0x0E200003, 6, struct.pack("<I", len(data))),  # attachment size
            (0x0FFE0003, 6, struct.pack("<I", 7)),  # object type: attachment
        ])
    s[("__nameid_version1.0", "__substg1.0_00020102")] = b""
    s[("__nameid_version1.0", "__substg1.0_00030102")] = b""
    s[("__nameid_version1.0", "__substg1.0_00040102")] = b""
    return s


def compound_file(streams: dict[tuple[str, ...], bytes]) -> bytes:
    """An MS-CFB version 3 file holding ``streams`` (paths of storage names to their bytes)."""
    # The directory: the root, then every storage and stream, each storage's children as a balanced tree.
    entries = [{"name": "Root Entry", "type": 5, "children": {}}]
    nodes = {(): 0}
    for path in sorted(streams):
        for depth in range(1, len(path) + 1):
            sub = path[:depth]
            if sub not in nodes:
                nodes[sub] = len(entries)
                is_stream = depth == len(path)
                entries.append({"name": sub[-1], "type": 2 if is_stream else 1, "children": {},
                                "data": streams[path] if is_stream else None})
                entries[nodes[sub[:-1]]]["children"][sub[-1]] = nodes[sub]

    sectors: list[bytes] = []
    fat: list[int] = []

    def chain(data: bytes) -> int:
        if not data:
            return END
        start = len(sectors)
        count = (len(data) + SECTOR - 1) // SECTOR
        for k in range(count):
            sectors.append(data[k * SECTOR:(k + 1) * SECTOR].ljust(SECTOR, b"\0"))
            fat.append(start + k + 1 if k < count - 1 else END)
        return start

    mini, minifat = bytearray(), []
    for e in entries[1:]:
        data = e.get("data")
        if e["type"] != 2:
            e["start"], e["size"] = 0, 0
        elif len(data) >= CUTOFF:
            e["start"], e["size"] = chain(data), len(data)
        elif not data:
            e["start"], e["size"] = END, 0
        else:
            first = len(mini) // MINI
            count = (len(data) + MINI - 1) // MINI
            mini += data.ljust(count * MINI, b"\0")
            minifat += [first + k + 1 if k < count - 1 else END for k in range(count)]
            e["start"], e["size"] = first, len(data)
    entries[0]["start"], entries[0]["size"] = chain(bytes(mini)), len(mini)
    minifat_bytes = struct.pack(f"<{len(minifat)}I", *minifat) if minifat else b""
    minifat_bytes = minifat_bytes.ljust(((len(minifat_bytes) + SECTOR - 1) // SECTOR) * SECTOR, b"\xff")
    minifat_start = chain(minifat_bytes)

    def key(name: str) -> tuple:
        return (len(name), name.upper())

    def tree(ids: list[int]) -> int:
        if not ids:
            return NOSTREAM
        mid = len(ids) // 2
        entries[ids[mid]]["left"] = tree(ids[:mid])
        entries[ids[mid]]["right"] = tree(ids[mid + 1:])
        return ids[mid]

    for e in entries:
        kids = sorted(e["children"].values(), key=lambda i: key(entries[i]["name"]))
        e["child"] = tree(kids)
    directory = b""
    for e in entries:
        name = _utf16(e["name"]) + b"\0\0"
        directory += struct.pack("<64sHBBIII16sIQQIQ", name, len(name), e["type"], 1, e.get("left", NOSTREAM),
                                 e.get("right", NOSTREAM), e["child"], b"\0" * 16, 0, 0, 0, e["start"], e["size"])
    empty = struct.pack("<64sHBBIII16sIQQIQ", b"", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM, b"\0" * 16, 0, 0, 0, 0, 0)
    while len(directory) % SECTOR:
        directory += empty
    dir_start = chain(directory)

    fat_count = 1
    while (len(sectors) + fat_count) > fat_count * (SECTOR // 4):
        fat_count += 1
    fat_ids = list(range(len(sectors), len(sectors) + fat_count))
    fat += [FATSECT] * fat_count
    fat += [FREE] * (fat_count * (SECTOR // 4) - len(fat))
    assert fat_count <= 109
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat)
    for k in range(fat_count):
        sectors.append(fat_bytes[k * SECTOR:(k + 1) * SECTOR])
    difat = fat_ids + [FREE] * (109 - fat_count)
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
              + struct.pack("<HHHHH6xIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6, 0, fat_count, dir_start, 0, CUTOFF,
                            minifat_start if minifat else END, len(minifat_bytes) // SECTOR if minifat else 0, END, 0)
              + struct.pack("<109I", *difat))
    assert len(header) == SECTOR
    return header + b"".join(sectors)


def outlook_message(**fields) -> bytes:
    return compound_file(message_streams(**fields))
