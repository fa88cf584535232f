"""share/store: share links open while live, and give nothing away once expired, revoked, or guessed.

Why: a share link is the only key to someone's job search. It must be unguessable (256 random bits), stored only
as a digest, refused alike whether unknown, expired or revoked, turned off by its owner's revoke key and by
nobody else's, and what sits behind it must be the redacted snapshot only. Every test runs on both backends the
app supports: SQLite in tmp_path and a real PostgreSQL server (each test in a schema of its own, dropped after;
see conftest.py for where the server comes from). The clock is never read: every call gets `now=`, and a store's
own clock raises.
"""

from __future__ import annotations

import ast
import base64
import datetime as dt
import hashlib
import hmac
import secrets
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from share_data import ORIGINAL_SECRETS, PARAMS

from applytics.share import store as store_module
from applytics.share.redact import Redaction, redact
from applytics.share.snapshot import ShareProblem
from applytics.share.store import (
    DEFAULT_DAYS,
    EXPIRY_CHOICES,
    SQLITE_FILE,
    ShareStore,
    default_store,
    digest,
    sqlite_url,
)

NOW = dt.datetime(2026, 10, 10, 9, 30, tzinfo=dt.UTC)
SECOND = dt.timedelta(seconds=1)
LIB = Path(__file__).resolve().parents[3] / "lib" / "applytics"


def no_clock() -> dt.datetime:
    raise AssertionError("a test passes now= to every call: the store must not read its clock here")


@dataclass
class Backend:
    store: ShareStore
    table: str  # the table's name as plain SQL must write it
    schema: str | None = None

    def twin(self, clock=no_clock) -> ShareStore:
        """Another store on the same database and schema: another replica."""
        return ShareStore(self.store.url.render_as_string(hide_password=False), clock=clock, schema=self.schema)

    def raw_rows(self) -> list[dict[str, object]]:
        """Every stored row, read with plain SQL (no model, no decoding)."""
        with self.store.engine.connect() as conn:
            return [dict(r) for r in conn.execute(sa.text(f"SELECT * FROM {self.table}")).mappings()]

    def raw_bytes(self) -> bytes:
        """Every byte of every stored value, text and binary alike."""
        out = b""
        for row in self.raw_rows():
            for value in row.values():
                out += bytes(value) if isinstance(value, (bytes, memoryview)) else str(value).encode("utf-8")
                out += b"\x00"
        return out


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request, tmp_path):
    if request.param == "sqlite":
        store = ShareStore(sqlite_url(tmp_path), clock=no_clock)
        yield Backend(store, "applytics_shares")
        store.close()
        return
    url = request.getfixturevalue("postgres_url")
    schema = f"share_test_{secrets.token_hex(6)}"
    admin = sa.create_engine(url)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    store = ShareStore(url, clock=no_clock, schema=schema)
    try:
        yield Backend(store, f'"{schema}".applytics_shares', schema)
    finally:
        store.close()
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def snapshot(resolved):
    return redact(resolved, Redaction(), PARAMS, {"source": ["LinkedIn"]})


# ---------------------------------------------------------------- create, open, expire


def test_a_created_link_opens_to_the_same_snapshot(backend, snapshot):
    new = backend.store.create(snapshot, now=NOW)
    opened = backend.store.open(new.token, now=NOW + SECOND)
    assert opened is not None
    pd.testing.assert_frame_equal(opened.frame, snapshot.frame)
    assert opened.settings == snapshot.settings and opened.redaction == snapshot.redaction
    assert opened.created_at == NOW and opened.expires_at == NOW + dt.timedelta(days=DEFAULT_DAYS) == new.expires_at
    assert DEFAULT_DAYS == 30 and EXPIRY_CHOICES == (1, 7, 30, 90)


@pytest.mark.parametrize("days", EXPIRY_CHOICES)
def test_a_link_works_until_it_expires_then_not_at_all(backend, snapshot, days):
    new = backend.store.create(snapshot, days=days, now=NOW)
    end = NOW + dt.timedelta(days=days)
    assert backend.store.open(new.token, now=end - SECOND) is not None
    assert backend.store.open(new.token, now=end) is None
    assert backend.store.open(new.token, now=end + dt.timedelta(days=400)) is None


def test_now_may_be_in_any_time_zone_but_must_say_which(backend, snapshot):
    paris = dt.timezone(dt.timedelta(hours=2))
    new = backend.store.create(snapshot, days=1, now=NOW.astimezone(paris))
    assert backend.store.open(new.token, now=NOW + dt.timedelta(hours=23)) is not None
    assert backend.store.open(new.token, now=(NOW + dt.timedelta(days=1)).astimezone(paris)) is None
    with pytest.raises(ValueError, match="aware"):
        backend.store.open(new.token, now=dt.datetime(2026, 10, 10, 9, 30))


def test_the_injected_clock_is_used_when_no_now_is_given(backend, snapshot):
    moments = iter([NOW, NOW + dt.timedelta(hours=1), NOW + dt.timedelta(days=2)])
    store = backend.twin(clock=lambda: next(moments))
    try:
        new = store.create(snapshot, days=1)
        assert new.expires_at == NOW + dt.timedelta(days=1)
        assert store.open(new.token) is not None  # an hour later
        assert store.open(new.token) is None  # two days later
    finally:
        store.close()


# ---------------------------------------------------------------- revoke


def test_a_wrong_revoke_key_changes_nothing_and_the_right_one_turns_the_link_off(backend, snapshot):
    new = backend.store.create(snapshot, now=NOW)
    assert backend.store.revoke(new.token, secrets.token_urlsafe(32), now=NOW) is False
    off_by_one = new.revoke_key[:-1] + ("A" if new.revoke_key[-1] != "A" else "B")
    assert backend.store.revoke(new.token, off_by_one, now=NOW) is False
    assert backend.store.revoke(new.token, new.token, now=NOW) is False  # the token is not its own revoke key
    assert backend.store.open(new.token, now=NOW) is not None
    assert backend.store.revoke(new.token, new.revoke_key, now=NOW + SECOND) is True
    assert backend.store.open(new.token, now=NOW + 2 * SECOND) is None
    assert backend.store.revoke(new.token, new.revoke_key, now=NOW + 3 * SECOND) is True  # still off: no error
    (row,) = backend.raw_rows()
    assert bytes(row["snapshot"]) == b""  # wiped at once, not at the next purge
    assert row["revoked_at"] is not None


def test_a_link_can_be_revoked_by_its_id_and_only_its_own(backend, snapshot):
    first = backend.store.create(snapshot, now=NOW)
    second = backend.store.create(snapshot, now=NOW)
    assert backend.store.revoke(first.id, second.revoke_key, now=NOW) is False
    assert backend.store.revoke(first.id, first.revoke_key, now=NOW) is True
    assert backend.store.open(first.token, now=NOW) is None
    assert backend.store.open(second.token, now=NOW) is not None


@pytest.mark.parametrize("which", ["unknown-token", "0123456789abcdef", "", "x" * 10_000])
def test_revoking_what_does_not_exist_says_false(backend, snapshot, which):
    new = backend.store.create(snapshot, now=NOW)
    name = secrets.token_urlsafe(32) if which == "unknown-token" else which
    assert backend.store.revoke(name, new.revoke_key, now=NOW) is False


# ---------------------------------------------------------------- guessing gets nothing


def test_unknown_expired_and_revoked_tokens_give_one_and_the_same_answer(backend, snapshot):
    expired = backend.store.create(snapshot, days=1, now=NOW - dt.timedelta(days=2))
    revoked = backend.store.create(snapshot, now=NOW)
    backend.store.revoke(revoked.token, revoked.revoke_key, now=NOW)
    answers = [backend.store.open(t, now=NOW) for t in (secrets.token_urlsafe(32), expired.token, revoked.token)]
    assert answers == [None, None, None]


def test_a_token_off_by_its_last_character_opens_nothing(backend, snapshot):
    new = backend.store.create(snapshot, now=NOW)
    for char in "AQgw_-":
        if char != new.token[-1]:
            assert backend.store.open(new.token[:-1] + char, now=NOW) is None
    for near in (new.token[:-1], new.token + "A", new.token.upper(), " " + new.token, new.id, digest(new.token)):
        assert backend.store.open(near, now=NOW) is None, near
    assert backend.store.open(new.token, now=NOW) is not None


@pytest.mark.parametrize("token", ["", "a", "x" * 100_000, "é" * 43, "../../etc/passwd", None, 42])
def test_malformed_tokens_open_nothing(backend, token):
    assert backend.store.open(token, now=NOW) is None  # type: ignore[arg-type]


def test_the_found_digest_is_compared_in_constant_time(backend, snapshot, monkeypatch):
    calls = []
    compare = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return compare(a, b)

    new = backend.store.create(snapshot, now=NOW)
    monkeypatch.setattr(store_module.hmac, "compare_digest", spy)
    assert backend.store.open(new.token, now=NOW) is not None
    assert calls == [(digest(new.token), digest(new.token))]
    assert backend.store.revoke(new.token, new.revoke_key, now=NOW)
    assert calls[-1] == (digest(new.revoke_key), digest(new.revoke_key))


def test_tokens_and_revoke_keys_are_256_random_bits_and_never_repeat(backend, snapshot):
    made = [backend.store.create(snapshot, now=NOW) for _ in range(12)]
    secrets_made = [m.token for m in made] + [m.revoke_key for m in made]
    assert len(set(secrets_made)) == len(secrets_made)
    assert len({m.id for m in made}) == len(made)
    for secret in secrets_made:
        assert len(base64.urlsafe_b64decode(secret + "=")) == 32  # 256 bits, at least the 128 asked for
    assert all(m.token not in repr(m) and m.revoke_key not in repr(m) for m in made)


def test_only_the_digests_are_stored_never_the_token_or_the_revoke_key(backend, snapshot):
    new = backend.store.create(snapshot, now=NOW)
    (row,) = backend.raw_rows()
    assert row["token_hash"] == hashlib.sha256(new.token.encode()).hexdigest()
    assert row["revoke_hash"] == hashlib.sha256(new.revoke_key.encode()).hexdigest()
    stored = backend.raw_bytes()
    assert new.token.encode() not in stored and new.revoke_key.encode() not in stored


def test_nothing_unredacted_reaches_the_database(backend, resolved):
    backend.store.create(redact(resolved, Redaction(), PARAMS, {"company": "Borealis"}), now=NOW)
    stored = backend.raw_bytes().lower()
    for secret in ORIGINAL_SECRETS:
        assert secret.lower().encode() not in stored, secret
    assert b"company 1" in stored and b"2026-08-31" in stored  # the redacted frame is what is there


def test_the_store_takes_a_snapshot_and_nothing_else(backend, resolved, snapshot):
    for not_a_snapshot in (resolved, snapshot.to_bytes(), snapshot.frame, {"frame": resolved}):
        with pytest.raises(TypeError, match="redact"):
            backend.store.create(not_a_snapshot, now=NOW)  # type: ignore[arg-type]
    for days in (0, -1, 366, 1.5, True, "30"):
        with pytest.raises(ValueError, match="1 to 365"):
            backend.store.create(snapshot, days=days, now=NOW)  # type: ignore[arg-type]
    assert backend.store.purge_expired(now=NOW) == 0  # (creates the table, had nothing reached it)
    assert backend.raw_rows() == []


# ---------------------------------------------------------------- purging, replicas


def test_purge_deletes_expired_and_revoked_links_only(backend, snapshot):
    short = backend.store.create(snapshot, days=1, now=NOW)
    kept = backend.store.create(snapshot, days=30, now=NOW)
    revoked = backend.store.create(snapshot, days=30, now=NOW)
    backend.store.revoke(revoked.id, revoked.revoke_key, now=NOW)
    assert backend.store.purge_expired(now=NOW + dt.timedelta(days=2)) == 2
    assert [r["id"] for r in backend.raw_rows()] == [kept.id]
    assert backend.store.open(kept.token, now=NOW + dt.timedelta(days=2)) is not None
    assert backend.store.open(short.token, now=NOW) is None  # gone, even for a clock set back
    assert backend.store.purge_expired(now=NOW + dt.timedelta(days=2)) == 0


def test_each_new_link_clears_the_expired_ones(backend, snapshot):
    backend.store.create(snapshot, days=1, now=NOW)
    backend.store.create(snapshot, days=7, now=NOW + dt.timedelta(days=3))
    assert len(backend.raw_rows()) == 1


def test_two_stores_on_one_database_share_their_links(backend, snapshot):
    # replicas behind a load balancer: a link made on one opens on another; each creates the table if needed
    other = backend.twin()
    try:
        new = backend.store.create(snapshot, now=NOW)
        assert other.open(new.token, now=NOW) is not None
        assert other.revoke(new.token, new.revoke_key, now=NOW)
        assert backend.store.open(new.token, now=NOW) is None
    finally:
        other.close()


# ---------------------------------------------------------------- configuration


def test_the_default_store_is_sqlite_in_the_data_folder_created_for_the_owner_only(tmp_path, monkeypatch, snapshot):
    folder = tmp_path / "nested" / "data"
    monkeypatch.delenv("APPLYTICS_DATABASE_URL", raising=False)
    monkeypatch.setenv("APPLYTICS_DATA_DIR", str(folder))
    store = default_store(clock=no_clock)
    try:
        assert store.url.get_backend_name() == "sqlite" and store.url.database == str(folder / SQLITE_FILE)
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert stat.S_IMODE((folder / SQLITE_FILE).stat().st_mode) == 0o600
        new = store.create(snapshot, now=NOW)
        assert store.open(new.token, now=NOW) is not None
    finally:
        store.close()


def test_without_a_data_folder_the_default_is_the_users_data_home(tmp_path, monkeypatch):
    monkeypatch.delenv("APPLYTICS_DATABASE_URL", raising=False)
    monkeypatch.delenv("APPLYTICS_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_store(clock=no_clock).url.database == str(tmp_path / "xdg" / "applytics" / SQLITE_FILE)
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    expected = tmp_path / "home" / ".local" / "share" / "applytics" / SQLITE_FILE
    assert default_store(clock=no_clock).url.database == str(expected)


@pytest.mark.parametrize("scheme", ["postgres", "postgresql", "postgresql+psycopg"])
def test_a_database_url_selects_postgresql_through_psycopg(monkeypatch, scheme):
    monkeypatch.setenv("APPLYTICS_DATABASE_URL", f"{scheme}://app:pw@db.internal:5432/applytics")
    store = default_store(clock=no_clock)
    assert store.url.drivername == "postgresql+psycopg" and store.url.host == "db.internal"
    assert "pw" not in repr(store)


def test_an_unreachable_database_is_a_problem_to_show_without_its_password():
    store = ShareStore("postgresql://app:hunter2@127.0.0.1:1/applytics", clock=no_clock)
    with pytest.raises(ShareProblem, match="cannot be reached") as caught:
        store.open(secrets.token_urlsafe(32), now=NOW)
    assert "hunter2" not in str(caught.value)
    with pytest.raises(ShareProblem, match="not a database URL"):
        ShareStore("not a url", clock=no_clock)


def test_only_the_store_module_imports_sqlalchemy():
    importers = []
    for path in sorted(LIB.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(n.split(".")[0] == "sqlalchemy" for n in names):
                importers.append(path.relative_to(LIB).as_posix())
    assert set(importers) == {"share/store.py"}


def test_importing_the_share_package_and_redaction_does_not_load_sqlalchemy():
    code = (
        "import sys, applytics.share, applytics.share.redact, applytics.share.snapshot\n"
        "assert 'sqlalchemy' not in sys.modules, 'sqlalchemy was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
