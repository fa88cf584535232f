"""The one exception the import pipeline lets out, so callers can show its message as is."""

from __future__ import annotations


class ImportProblem(Exception):
    """A file we cannot use, explained for a person: what was found, where, and how to fix it."""

    def __init__(self, what: str, fix: str = "") -> None:
        self.what = what
        self.fix = fix
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return f"{self.what} {self.fix}".strip()
