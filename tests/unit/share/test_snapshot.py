"""share/snapshot: the stored form of a share reads back as the same frame, and refuses anything else.

Why: the read-only dashboard recomputes every page from the stored frame, so each column must come back with its
dtype (an ordered stage category, day-precision dates, nullable flags); and bytes that did not come from
`redact` — damaged, from another version, or claiming a redaction they do not honour — must never be shown.
JSON with explicit dtypes, never pickle: reading a share runs no code.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
import pickle

import numpy as np
import pandas as pd
import pytest
from share_data import PARAMS

from applytics.share.redact import Redaction, redact
from applytics.share.snapshot import FORMAT, MAX_SNAPSHOT_BYTES, VERSION, ShareProblem, Snapshot

KEEP_ALL = Redaction(
    number_companies=False, keep_notes=True, keep_links=True, keep_contacts=True, keep_reasons=True, weekly_dates=False
)


def every_dtype(resolved: pd.DataFrame) -> pd.DataFrame:
    """The hand frame plus a column of each other dtype a frame may carry."""
    n = len(resolved)
    return resolved.assign(
        events=np.arange(1, n + 1, dtype="int64"),
        **{
            "segment: Score": [1.5, None, 2.0, float("nan")][:n],
            "segment: Count": pd.array([1, None, 3, 4][:n], dtype="Int64"),
            "segment: Team": pd.Series(["Data", None, "BI", "Data"][:n], dtype="str"),
            "segment: Level": pd.Series(["a", None, "b", "a"][:n], dtype="string"),
            "segment: Flag": pd.Series([True, None, False, None][:n], dtype=object),
        },
    )


def test_every_column_comes_back_with_its_dtype_and_values(resolved):
    frame = every_dtype(resolved)
    back = Snapshot.from_bytes(redact(frame, KEEP_ALL, PARAMS).to_bytes()).frame
    pd.testing.assert_frame_equal(back, frame.reset_index(drop=True))
    assert back["furthest_stage"].cat.ordered and list(back["furthest_stage"].cat.categories) == [
        "applied",
        "screen",
        "interview",
        "offer",
    ]
    assert str(back["applied_on"].dtype) == str(resolved["applied_on"].dtype)


def test_an_empty_dashboard_reads_back_too(resolved):
    empty = resolved.iloc[0:0]
    back = redact(empty, Redaction(), PARAMS).frame
    pd.testing.assert_frame_equal(back, empty.reset_index(drop=True))


def test_the_bytes_are_plain_utf8_json_with_the_dtypes_written_out(resolved):
    data = redact(resolved, Redaction(), PARAMS).to_bytes()
    document = json.loads(data.decode("utf-8"))
    assert document["format"] == FORMAT and document["version"] == VERSION
    assert document["rows"] == 4
    columns = {c["name"]: c for c in document["columns"]}
    assert columns["furthest_stage"]["dtype"] == "category" and columns["furthest_stage"]["ordered"] is True
    assert columns["applied_on"]["values"] == ["2026-08-31", "2026-08-31", "2026-09-07", "2026-09-14"]
    assert columns["mature"]["dtype"] == "bool"
    assert document["redaction"] == Redaction().to_dict()
    assert b"\x80\x04" not in data[:2]  # not a pickle (protocol 4+ starts so); json.loads above already read it


def test_params_and_settings_read_back(resolved):
    snapshot = Snapshot.from_bytes(redact(resolved, Redaction(), PARAMS, {"source": ["LinkedIn"]}).to_bytes())
    assert snapshot.params == PARAMS
    assert snapshot.filters == {"source": ["LinkedIn"]}
    assert snapshot.redaction == Redaction()
    assert snapshot.created_at is None and snapshot.expires_at is None  # set by the store


def test_the_frame_handed_out_is_a_copy(resolved):
    snapshot = redact(resolved, Redaction(), PARAMS)
    handed = snapshot.frame
    handed.loc[0, "company"] = "Acme Analytics"
    assert snapshot.frame.loc[0, "company"] == "Company 1"
    assert "Acme" not in snapshot.to_bytes().decode("utf-8")


def test_a_snapshot_survives_copies_and_in_process_caches(resolved):
    snapshot = redact(resolved, Redaction(), PARAMS)
    dated = dataclasses.replace(snapshot, created_at=dt.datetime(2026, 10, 10, tzinfo=dt.UTC))
    for copied in (copy.deepcopy(dated), pickle.loads(pickle.dumps(dated))):
        assert copied == dated and copied.created_at == dated.created_at
        pd.testing.assert_frame_equal(copied.frame, snapshot.frame)
        dataclasses.replace(copied, expires_at=None)  # still a Snapshot that can be re-dated


def _rewritten(data: bytes, change) -> bytes:
    document = json.loads(data)
    change(document)
    return json.dumps(document).encode("utf-8")


def _column(document: dict, name: str) -> dict:
    return next(c for c in document["columns"] if c["name"] == name)


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda d: _column(d, "company")["values"].__setitem__(0, "Acme Analytics"), "company names"),
        (lambda d: _column(d, "notes")["values"].__setitem__(0, "a note"), "notes it should drop"),
        (lambda d: _column(d, "role")["values"].__setitem__(0, "see https://x.example/1"), "web address"),
        (lambda d: _column(d, "role")["values"].__setitem__(0, "ann@x.example"), "e-mail address"),
        (lambda d: _column(d, "applied_on")["values"].__setitem__(0, "2026-09-02"), "dates not rounded"),
        (lambda d: d["columns"].append({**_column(d, "role"), "name": "original: Company"}), "never holds"),
        (lambda d: d["columns"].remove(_column(d, "mature")), "not the resolved"),
        (lambda d: d.__setitem__("version", 99), "another version"),
        (lambda d: d.__setitem__("format", "pickle"), "damaged"),
        (lambda d: d.__setitem__("rows", 5), "damaged"),
        (lambda d: d["redaction"].pop("keep_notes"), "damaged"),
        (lambda d: _column(d, "furthest_stage")["values"].__setitem__(0, "hired"), "damaged"),
        (lambda d: d["settings"].__setitem__("as_of", "yesterday"), "settings"),
    ],
)
def test_bytes_that_break_a_promise_are_refused(resolved, change, says):
    data = redact(resolved, Redaction(), PARAMS).to_bytes()
    with pytest.raises(ShareProblem, match=says):
        Snapshot.from_bytes(_rewritten(data, change))


@pytest.mark.parametrize("data", [b"", b"\x80\x04K\x01.", b"not json", b"[]", b'{"format": 1}', b"\xff\xfe"])
def test_bytes_that_are_not_a_snapshot_are_refused(data):
    with pytest.raises(ShareProblem):
        Snapshot.from_bytes(data)


def test_oversize_bytes_are_refused_before_parsing():
    with pytest.raises(ShareProblem, match="larger than"):
        Snapshot.from_bytes(b" " * (MAX_SNAPSHOT_BYTES + 1))
