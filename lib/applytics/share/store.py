"""The share-link store: redacted snapshots behind random tokens, with expiry and a revoke key (SQLAlchemy 2.x).

Why: a link to a read-only dashboard must work from any replica, stop working when it expires or its owner
turns it off, and give nothing away to someone guessing. So:
- the token is `secrets.token_urlsafe(32)` (256 random bits); the revoke key, shown once to the owner, too;
- only their SHA-256 digests are stored (a digest of 256 random bits cannot be turned back or guessed), and a
  digest found is compared again with `hmac.compare_digest`;
- an unknown, expired or revoked token gives the same answer, None, so a page can only say "this link is not
  valid"; revoking wipes the snapshot at once, and `purge_expired` (run by each `create` too) deletes the rows;
- only a `Snapshot` is accepted, and a Snapshot only comes from `redact(...)`: nothing un-redacted is stored;
- the clock is injected (`clock`, or `now=` on each call), so expiry is testable without waiting.

Backends: SQLite by default (a file in the data folder: APPLYTICS_DATA_DIR, else $XDG_DATA_HOME/applytics or
~/.local/share/applytics, created on first use), PostgreSQL when APPLYTICS_DATABASE_URL is set (several
replicas may share it: the table is created under an advisory lock). Only this module imports SQLAlchemy, so
the rest of the package imports fast.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import re
import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from applytics.share.snapshot import ShareProblem, Snapshot

DATABASE_URL_ENV = "APPLYTICS_DATABASE_URL"
DATA_DIR_ENV = "APPLYTICS_DATA_DIR"
SQLITE_FILE = "shares.sqlite3"
DEFAULT_DAYS = 30
EXPIRY_CHOICES = (1, 7, 30, 90)  # what the Share page offers; any whole number of days up to MAX_DAYS is accepted
MAX_DAYS = 365
TOKEN_BYTES = 32  # 256 bits; secrets.token_urlsafe(32) is 43 characters
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,128}")
_ID_SHAPE = re.compile(r"[0-9a-f]{16}")
_CREATE_LOCK = 0x4170_706C  # pg_advisory_xact_lock key while creating the table ("Appl")
LINK_NOT_VALID = "This link is not valid: it may have expired, or its owner may have turned it off."

metadata = sa.MetaData()
shares = sa.Table(
    "applytics_shares",
    metadata,
    sa.Column("id", sa.String(16), primary_key=True),  # public: names a share to its owner; not a secret
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),  # sha256(token), hex
    sa.Column("revoke_hash", sa.String(64), nullable=False),  # sha256(revoke key), hex
    sa.Column("created_at", sa.DateTime(), nullable=False),  # UTC, naive in the database
    sa.Column("expires_at", sa.DateTime(), nullable=False, index=True),
    sa.Column("revoked_at", sa.DateTime(), nullable=True),
    sa.Column("snapshot", sa.LargeBinary(), nullable=False),  # Snapshot.to_bytes(): redacted JSON; b"" once revoked
)


@dataclass(frozen=True)
class NewShare:
    """What `create` hands the owner, once: the link's token and the key that turns it off (neither is stored)."""

    id: str
    token: str
    revoke_key: str
    expires_at: dt.datetime

    def __repr__(self) -> str:  # keep the secrets out of logs and tracebacks
        return f"NewShare(id={self.id!r}, expires_at={self.expires_at!r})"


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class ShareStore:
    """Share links in one database. `url`: any SQLAlchemy URL (sqlite:///path, postgresql://…); `schema`: a
    PostgreSQL schema to keep the table in (None: the default one)."""

    def __init__(
        self,
        url: str,
        *,
        clock: Callable[[], dt.datetime] = utc_now,
        schema: str | None = None,
    ) -> None:
        self.url = _driver_url(url)
        self.clock = clock
        options: dict[str, object] = {"pool_pre_ping": True}
        if self.url.get_backend_name() == "sqlite":
            options["connect_args"] = {"timeout": 30}
        engine = sa.create_engine(self.url, **options)
        self.engine: Engine = engine.execution_options(schema_translate_map={None: schema}) if schema else engine
        self._ready = False
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"ShareStore({self.url.render_as_string(hide_password=True)!r})"

    # ------------------------------------------------------------ the four operations

    def create(self, snapshot: Snapshot, days: int = DEFAULT_DAYS, now: dt.datetime | None = None) -> NewShare:
        """Store a redacted snapshot for `days` days; the token and revoke key are returned, never stored."""
        if not isinstance(snapshot, Snapshot):
            raise TypeError("ShareStore.create takes a Snapshot made by applytics.share.redact.redact(...)")
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
            raise ValueError(f"a share lasts 1 to {MAX_DAYS} whole days, not {days!r}")
        moment = self._now(now)
        new = NewShare(
            id=secrets.token_hex(8),
            token=secrets.token_urlsafe(TOKEN_BYTES),
            revoke_key=secrets.token_urlsafe(TOKEN_BYTES),
            expires_at=moment + dt.timedelta(days=days),
        )
        with self._begin() as conn:
            conn.execute(sa.delete(shares).where(_gone(moment)))
            conn.execute(
                sa.insert(shares).values(
                    id=new.id,
                    token_hash=digest(new.token),
                    revoke_hash=digest(new.revoke_key),
                    created_at=_naive(moment),
                    expires_at=_naive(new.expires_at),
                    revoked_at=None,
                    snapshot=snapshot.to_bytes(),
                )
            )
        return new

    def open(self, token: str, now: dt.datetime | None = None) -> Snapshot | None:
        """The snapshot behind a live link; None alike for an unknown, expired or revoked token."""
        moment = _naive(self._now(now))
        if not isinstance(token, str) or not _TOKEN_SHAPE.fullmatch(token):
            return None
        wanted = digest(token)
        with self._connect() as conn:
            columns = (shares.c.token_hash, shares.c.created_at, shares.c.expires_at, shares.c.revoked_at)
            row = conn.execute(sa.select(*columns, shares.c.snapshot).where(shares.c.token_hash == wanted)).first()
        if row is None or not hmac.compare_digest(row.token_hash, wanted):
            return None
        if row.revoked_at is not None or row.expires_at <= moment:
            return None
        return Snapshot.from_bytes(row.snapshot, created_at=_aware(row.created_at), expires_at=_aware(row.expires_at))

    def revoke(self, token_or_id: str, revoke_key: str, now: dt.datetime | None = None) -> bool:
        """Turn a link off for good with the key shown when it was made (the link's token or its id names it).

        True when the key fits (and the link is off from now on, its snapshot wiped), False otherwise."""
        moment = _naive(self._now(now))
        if not isinstance(token_or_id, str) or not isinstance(revoke_key, str):
            return False
        if not _TOKEN_SHAPE.fullmatch(revoke_key):
            return False
        if _ID_SHAPE.fullmatch(token_or_id):
            which = shares.c.id == token_or_id
        elif _TOKEN_SHAPE.fullmatch(token_or_id):
            which = shares.c.token_hash == digest(token_or_id)
        else:
            return False
        with self._begin() as conn:
            row = conn.execute(sa.select(shares.c.id, shares.c.revoke_hash, shares.c.revoked_at).where(which)).first()
            if row is None or not hmac.compare_digest(row.revoke_hash, digest(revoke_key)):
                return False
            if row.revoked_at is None:
                conn.execute(sa.update(shares).where(shares.c.id == row.id).values(revoked_at=moment, snapshot=b""))
        return True

    def purge_expired(self, now: dt.datetime | None = None) -> int:
        """Delete expired and revoked shares; how many rows went."""
        moment = self._now(now)
        with self._begin() as conn:
            return conn.execute(sa.delete(shares).where(_gone(moment))).rowcount or 0

    def close(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------ plumbing

    def _now(self, now: dt.datetime | None) -> dt.datetime:
        moment = self.clock() if now is None else now
        if not isinstance(moment, dt.datetime) or moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError("the share store needs an aware datetime (UTC) for now, e.g. datetime.now(UTC)")
        return moment.astimezone(dt.UTC)

    @contextmanager
    def _connect(self) -> Iterator[Connection]:
        self._create_table()
        with _reachable(self), self.engine.connect() as conn:
            yield conn

    @contextmanager
    def _begin(self) -> Iterator[Connection]:
        self._create_table()
        with _reachable(self), self.engine.begin() as conn:
            yield conn

    def _create_table(self) -> None:
        """Create the table on first use (once per store). Under PostgreSQL an advisory lock keeps replicas that
        start together from racing; a race lost anyway is retried, the table then being there."""
        if self._ready:
            return
        with self._lock, _reachable(self):
            if self._ready:
                return
            for attempt in (1, 2):
                try:
                    with self.engine.begin() as conn:
                        if conn.dialect.name == "postgresql":
                            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CREATE_LOCK})
                        metadata.create_all(conn, checkfirst=True)
                    break
                except (sa.exc.ProgrammingError, sa.exc.IntegrityError, sa.exc.OperationalError):
                    if attempt == 2:
                        raise
            self._ready = True


def default_store(clock: Callable[[], dt.datetime] = utc_now) -> ShareStore:
    """The store the app uses: PostgreSQL at APPLYTICS_DATABASE_URL when set, else SQLite in the data folder."""
    url = os.environ.get(DATABASE_URL_ENV, "").strip()
    if url:
        return ShareStore(url, clock=clock)
    return ShareStore(sqlite_url(data_dir()), clock=clock)


def data_dir() -> Path:
    """APPLYTICS_DATA_DIR, else $XDG_DATA_HOME/applytics, else ~/.local/share/applytics; created (owner only)."""
    chosen = os.environ.get(DATA_DIR_ENV, "").strip()
    if chosen:
        folder = Path(chosen).expanduser()
    else:
        base = os.environ.get("XDG_DATA_HOME", "").strip() or str(Path.home() / ".local" / "share")
        folder = Path(base).expanduser() / "applytics"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def sqlite_url(folder: Path) -> str:
    """The SQLite database in `folder`, its file created first readable by the owner only."""
    path = Path(folder) / SQLITE_FILE
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    return sa.URL.create("sqlite", database=str(path)).render_as_string()


def _driver_url(url: str) -> sa.URL:
    """postgres:// and postgresql:// (as hosting platforms hand them out) -> psycopg 3, the driver installed."""
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError as error:
        fix = "Use postgresql://user:password@host/database."
        raise ShareProblem(f"{DATABASE_URL_ENV} is not a database URL.", fix) from error
    if parsed.drivername in ("postgres", "postgresql"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


@contextmanager
def _reachable(store: ShareStore) -> Iterator[None]:
    try:
        yield
    except (sa.exc.OperationalError, sa.exc.InterfaceError) as error:
        where = store.url.render_as_string(hide_password=True)
        raise ShareProblem(
            f"The share store at {where} cannot be reached.", "Check the database is running and the URL is right."
        ) from error


def _gone(moment: dt.datetime) -> sa.ColumnElement[bool]:
    return sa.or_(shares.c.expires_at <= _naive(moment), shares.c.revoked_at.is_not(None))


def _naive(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def _aware(stored: dt.datetime) -> dt.datetime:
    return stored.replace(tzinfo=dt.UTC) if stored.tzinfo is None else stored.astimezone(dt.UTC)
