"""The To-do list as files: an iCalendar (.ics, RFC 5545) with one all-day event per item, and a CSV.

Written by hand (it is small): VCALENDAR 2.0 with a PRODID, a VEVENT per item on its due day (DTSTART;VALUE=DATE,
DTEND the day after), TEXT values escaped (§3.3.11: backslash, semicolon, comma, line breaks as \\n; other control
characters, which TEXT may not hold, as their visible Control Pictures), content lines folded at 75 octets without
splitting a UTF-8 character (§3.1), CRLF line endings. No clock: DTSTAMP is the as-of day at midnight UTC and each
UID a digest of the item's identity (kind, company, role, day applied), so the same list gives the same bytes and a
calendar app re-importing it updates events instead of duplicating them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Iterable

import pandas as pd

from applytics.analytics.actions import KIND_LABELS, TodoItem
from applytics.present.export import safe_frame

PRODID = "-//Applytics//To-do list//EN"
LINE_OCTETS = 75  # §3.1: a content line longer than this is folded
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")  # TEXT allows HTAB and no other control (§3.3.11)
_TEXT_SPECIAL = re.compile(r"[\\;,]")


def escape_text(text: str) -> str:
    """A TEXT value (§3.3.11): `\\` `;` `,` backslash-escaped, each line break as `\\n`."""
    escaped = _TEXT_SPECIAL.sub(lambda found: "\\" + found[0], text)
    lines = _LINE_BREAK.split(escaped)
    return "\\n".join(_CONTROL.sub(_visible_control, line) for line in lines)


def _visible_control(found: re.Match[str]) -> str:
    code = ord(found[0])
    return "␡" if code == 0x7F else chr(0x2400 + code)  # the Control Pictures block: ␀ ␁ … ␟


def fold(line: str) -> bytes:
    """One content line as UTF-8, folded (§3.1): at most 75 octets a physical line (a continuation line's leading
    space included), never inside a character, each ending in CRLF."""
    physical: list[bytes] = []
    current = bytearray()
    for character in line:
        encoded = character.encode("utf-8")
        if len(current) + len(encoded) > LINE_OCTETS:
            physical.append(bytes(current))
            current = bytearray(b" ")
        current += encoded
    physical.append(bytes(current))
    return b"".join(part + b"\r\n" for part in physical)


def item_uid(item: TodoItem) -> str:
    applied = item.applied_on.isoformat() if item.applied_on else ""
    identity = "\x1f".join((item.kind, item.company, item.role, applied))
    return f"{hashlib.sha256(identity.encode('utf-8')).hexdigest()[:32]}@applytics"


def ics_calendar(items: Iterable[TodoItem], as_of: dt.date) -> bytes:
    """Every item as an all-day VEVENT on its due day; the same items and as-of day give the same bytes."""
    stamp = f"{as_of:%Y%m%d}T000000Z"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    seen: Counter[str] = Counter()
    for item in items:
        uid = item_uid(item)
        seen[uid] += 1
        if seen[uid] > 1:  # two rows of the sheet alike in kind, company, role and day: still two events
            uid = uid.replace("@", f"-{seen[uid]}@", 1)
        description = "\n".join(filter(None, (f"To: {item.to}" if item.to else "", f"Subject: {item.subject}")))
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{item.due_on:%Y%m%d}",
            f"DTEND;VALUE=DATE:{item.due_on + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape_text(summary(item))}",
            f"DESCRIPTION:{escape_text(description + chr(10) * 2 + item.body)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return b"".join(fold(line) for line in lines)


SUMMARY_VERB = {"follow_up": "Follow up", "thank_you": "Send a thank-you note", "feedback": "Ask for feedback",
                "stale": "Check in"}  # fmt: skip


def summary(item: TodoItem) -> str:
    """The event's title: what to do, and for which application."""
    return f"{SUMMARY_VERB[item.kind]}: {item.company} — {item.role}"


def todo_table(items: Iterable[TodoItem]) -> pd.DataFrame:
    """One row per item, the columns a person reads in the CSV."""
    rows = [
        {
            "To do": KIND_LABELS[item.kind],
            "Company": item.company,
            "Role": item.role,
            "Due": item.due_on.isoformat(),
            "Applied": item.applied_on.isoformat() if item.applied_on else "",
            "To": item.to,
            "Subject": item.subject,
            "Message": item.body,
            "Mail link": item.mailto,
        }
        for item in items
    ]
    columns = ["To do", "Company", "Role", "Due", "Applied", "To", "Subject", "Message", "Mail link"]
    return pd.DataFrame(rows, columns=columns, dtype=object)


def todo_csv(items: Iterable[TodoItem]) -> bytes:
    """The list as CSV, UTF-8 with a byte-order mark (so Excel reads accents) like workbook.csv_export, every cell
    made inert for spreadsheets (export.safe_frame: a message's line breaks show as ↵)."""
    return safe_frame(todo_table(items)).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
