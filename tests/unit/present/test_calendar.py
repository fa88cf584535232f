"""calendar: the To-do list as an iCalendar file (RFC 5545) and as CSV.

Why: issue #11 — the seeker puts the follow-ups in their own calendar. A calendar app must read the file as
written (checked by parsing it back with the `icalendar` package, not by our own reader): one all-day event
per item on its due day, text with commas, semicolons, line breaks and emoji intact, lines folded at 75 octets
without splitting a character, CRLF only. UIDs are stable across exports (re-importing updates, not doubles)
and the bytes depend on the as-of day, never on the clock.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import icalendar
from hypothesis import given
from hypothesis import strategies as st

from applytics.analytics.actions import TodoItem
from applytics.present.calendar import (
    PRODID,
    escape_text,
    fold,
    ics_calendar,
    item_uid,
    summary,
    todo_csv,
)

AS_OF = dt.date(2026, 11, 20)


def item(kind: str = "follow_up", company: str = "Acme", role: str = "Data Analyst", **fields: object) -> TodoItem:
    values: dict[str, object] = {
        "due_on": dt.date(2026, 11, 20),
        "applied_on": dt.date(2026, 11, 13),
        "to": "",
        "subject": "Following up",
        "body": "Dear hiring team,\n\nThank you.",
    }
    values.update(fields)
    return TodoItem(kind=kind, company=company, role=role, **values)  # type: ignore[arg-type]


HOSTILE = item(
    "feedback",
    company="Smith, Jones; & Co \\ Ltd 🚀",
    role="Data Analyst,\nLondon; remote 👩‍💻",
    due_on=dt.date(2026, 11, 10),
    applied_on=dt.date(2026, 10, 20),
    to="hr@smith.example",
    subject="Feedback; please, thanks",
)
ITEMS = [
    HOSTILE,
    item("thank_you", company="Cobalt", role="Data Engineer", due_on=dt.date(2026, 11, 18)),
    item(),
]


def events(data: bytes) -> list[icalendar.Event]:
    return icalendar.Calendar.from_ical(data).walk("VEVENT")


def test_parsed_back_one_all_day_event_per_item_on_its_due_day() -> None:
    data = ics_calendar(ITEMS, AS_OF)
    calendar = icalendar.Calendar.from_ical(data)
    assert (str(calendar["VERSION"]), str(calendar["PRODID"])) == ("2.0", PRODID)
    found = events(data)
    assert len(found) == 3
    starts = [event["DTSTART"].dt for event in found]
    assert starts == [dt.date(2026, 11, 10), dt.date(2026, 11, 18), dt.date(2026, 11, 20)]
    assert all(type(start) is dt.date for start in starts)  # all-day: a DATE, not a date-time
    ends = [event["DTEND"].dt for event in found]  # the day after: a one-day event
    assert ends == [dt.date(2026, 11, 11), dt.date(2026, 11, 19), dt.date(2026, 11, 21)]
    assert b"DTSTART;VALUE=DATE:20261110\r\n" in data


def test_text_with_commas_semicolons_line_breaks_and_emoji_round_trips_exactly() -> None:
    (hostile, *_) = events(ics_calendar(ITEMS, AS_OF))
    title = "Ask for feedback: Smith, Jones; & Co \\ Ltd 🚀 — Data Analyst,\nLondon; remote 👩‍💻"
    assert str(hostile["SUMMARY"]) == title
    assert str(hostile["SUMMARY"]) == summary(HOSTILE)
    assert str(hostile["DESCRIPTION"]) == (
        "To: hr@smith.example\nSubject: Feedback; please, thanks\n\nDear hiring team,\n\nThank you."
    )


def test_escaping_by_hand() -> None:
    # RFC 5545 §3.3.11: backslash, semicolon and comma escaped, each line break (CRLF, LF, CR) written as \n.
    assert escape_text("a,b;c\\d\ne\r\nf\rg") == "a\\,b\\;c\\\\d\\ne\\nf\\ng"
    assert escape_text("tab\tstays, bell\x07 shows") == "tab\tstays\\, bell␇ shows"  # TEXT allows no other control


def test_uids_are_stable_across_exports_and_differ_between_items() -> None:
    first = [str(event["UID"]) for event in events(ics_calendar(ITEMS, AS_OF))]
    again = [str(event["UID"]) for event in events(ics_calendar(ITEMS, dt.date(2026, 11, 27)))]
    assert first == again
    assert len(set(first)) == 3
    assert all(uid.endswith("@applytics") for uid in first)
    assert first[2] == item_uid(item())
    # The identity is kind + company + role + day applied: a new due day or message keeps the UID…
    assert item_uid(item(due_on=dt.date(2026, 12, 1), body="Other")) == item_uid(item())
    # …and each part of the identity changes it.
    for changed in (item("stale"), item(company="Acme Ltd"), item(role="Analyst"), item(applied_on=None)):
        assert item_uid(changed) != item_uid(item())


def test_two_items_with_the_same_identity_are_still_two_events() -> None:
    uids = [str(event["UID"]) for event in events(ics_calendar([item(), item()], AS_OF))]
    assert uids == [item_uid(item()), item_uid(item()).replace("@", "-2@")]


def test_the_stamp_is_the_as_of_day_and_the_bytes_are_deterministic() -> None:
    data = ics_calendar(ITEMS, AS_OF)
    assert data == ics_calendar(list(ITEMS), AS_OF)
    assert [event["DTSTAMP"].dt for event in events(data)] == [dt.datetime(2026, 11, 20, tzinfo=dt.UTC)] * 3
    later = ics_calendar(ITEMS, dt.date(2026, 11, 21))
    assert later.replace(b"DTSTAMP:20261121T000000Z", b"DTSTAMP:20261120T000000Z") == data


def test_every_line_ends_in_crlf_and_fits_75_octets() -> None:
    data = ics_calendar([*ITEMS, item(body="é" * 300 + "🚀" * 100)], AS_OF)
    assert data.endswith(b"END:VCALENDAR\r\n")
    lines = data.split(b"\r\n")
    assert lines[-1] == b""
    assert all(b"\r" not in line and b"\n" not in line for line in lines)
    assert max(len(line) for line in lines) == 75
    assert all(len(line) <= 75 for line in lines)
    for line in lines:
        line.decode("utf-8")  # each physical line holds whole characters


def test_folding_by_hand() -> None:
    assert fold("A" * 80) == b"A" * 75 + b"\r\n " + b"A" * 5 + b"\r\n"
    # "SUMMARY:" is 8 octets and each é 2: 8 + 33 x 2 = 74, one more would make 76 — so 33 on the first line,
    # and the other 7 (14 octets) after the continuation space.
    assert fold("SUMMARY:" + "é" * 40) == ("SUMMARY:" + "é" * 33).encode() + b"\r\n " + ("é" * 7).encode() + b"\r\n"
    # A 4-octet emoji that would end at octet 77 moves whole to the next line.
    assert fold("X" * 73 + "😀") == b"X" * 73 + b"\r\n " + "😀".encode() + b"\r\n"
    assert fold("") == b"\r\n"


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400), st.integers(min_value=0, max_value=80))
def test_folding_never_splits_a_character_and_unfolds_to_the_line(text: str, prefix: int) -> None:
    line = "X" * prefix + escape_text(text)
    folded = fold(line)
    physical = folded.split(b"\r\n")
    assert physical[-1] == b""
    for number, part in enumerate(physical[:-1]):
        assert len(part) <= 75
        part.decode("utf-8")  # raises if a multi-byte character were split
        assert number == 0 or part.startswith(b" ")
    assert folded.replace(b"\r\n ", b"").removesuffix(b"\r\n").decode("utf-8") == line


# Text a person types: any character but controls and surrogates, line breaks included (a CR-LF pair reads as one).
TYPED = st.text(
    alphabet=st.one_of(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), st.just("\n")),
    max_size=120,
)


@given(TYPED, TYPED)
def test_any_typed_company_and_role_round_trip_through_icalendar(company: str, role: str) -> None:
    typed = item(company=company, role=role, body=role)
    (event,) = events(ics_calendar([typed], AS_OF))
    assert str(event["SUMMARY"]) == summary(typed)
    assert str(event["DESCRIPTION"]).endswith("\n\n" + role)


def test_an_empty_list_is_a_valid_empty_calendar() -> None:
    data = ics_calendar([], AS_OF)
    assert data == b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:" + PRODID.encode() + b"\r\nCALSCALE:GREGORIAN\r\n" + (
        b"END:VCALENDAR\r\n"
    )
    assert events(data) == []


def test_the_csv_lists_every_item_with_cells_made_inert() -> None:
    risky = item(company='=HYPERLINK("http://x.invalid")', to="a@b.example", subject="Hi")
    data = todo_csv([risky, HOSTILE])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["To do", "Company", "Role", "Due", "Applied", "To", "Subject", "Message", "Mail link"]
    assert rows[1][:7] == [
        "Follow-ups due", "'=HYPERLINK(\"http://x.invalid\")", "Data Analyst", "2026-11-20", "2026-11-13",
        "a@b.example", "Hi",
    ]  # fmt: skip
    assert rows[1][7] == "Dear hiring team, ↵  ↵ Thank you."  # export.inert_text: one row per item
    assert rows[1][8] == risky.mailto
    assert rows[2][:3] == ["Feedback to request", "Smith, Jones; & Co \\ Ltd 🚀", "Data Analyst, ↵ London; remote 👩‍💻"]
    assert len(rows) == 3
