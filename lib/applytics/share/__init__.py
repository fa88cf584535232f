"""Sharing: live sources, and (issue 10) redacted snapshots behind read-only links.

- `source`: the tracker a hosted dashboard reads from a URL, a Google Sheets link or a file path.
- `redact`: the resolved applications frame -> a `Snapshot`, hiding what the owner chose (`Redaction`); `preview`.
- `snapshot`: what a snapshot is and promises; its bytes (JSON with explicit dtypes, never pickle).
- `store`: share links (SQLAlchemy: SQLite by default, PostgreSQL via APPLYTICS_DATABASE_URL): random tokens
  stored as SHA-256 digests, expiry, revoke keys. The only module that imports SQLAlchemy; nothing here imports
  it on `import applytics.share`.
"""
