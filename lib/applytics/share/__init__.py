"""Sharing: live sources, and (issue 10) redacted snapshots behind read-only links."""
