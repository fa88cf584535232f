"""ui/settings: which values in a link a whole-number setting takes (the rest are refused with a note)."""

from __future__ import annotations

import pytest

from applytics.text import whole_in_range


@pytest.mark.parametrize(
    ("typed", "taken"),
    [("10", True), (" 7 ", True), ("1", True), ("100", True), ("0", False), ("101", False), ("abc", False),
     ("5.5", False), ("-3", False), ("", False), ("١٢", False)],
)  # fmt: skip
def test_only_whole_numbers_in_range_are_taken(typed: str, taken: bool) -> None:
    assert whole_in_range(typed, 1, 100) is taken
