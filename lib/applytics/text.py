"""Text folding shared by header, status and source matching."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[\W_]+")  # anything but a letter or digit, in any script
MISSING_WORDS = frozenset({"", "null", "none", "n a", "na", "nan", "nat", "-", "--", "?", "tbd", "nil", "无", "暂无"})


@lru_cache(maxsize=65536)
def fold(value: object) -> str:
    """Lower-case, accent-free, punctuation-free form: 'Entreprise ' and 'entreprise' meet here.

    Letters of every script are kept ('申请日期' stays itself), so vocabularies beyond Latin ones can match."""
    if value is None:
        return ""
    text = str(value)
    if text.isascii():  # no accent to strip (NFKD leaves ASCII as it is): most cells, at a fraction of the cost
        return _NON_WORD.sub(" ", text.lower()).strip()
    text = _strip_accents(_strip_accents(text).lower()).replace("ß", "ss")
    return _NON_WORD.sub(" ", text).strip()


def _strip_accents(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def is_missing(value: object) -> bool:
    """Blank cells and the words people type for 'nothing here'."""
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    if isinstance(value, str):
        stripped = value.strip()
        folded = fold(stripped)
        if not folded:  # punctuation alone says nothing; a mark (✓, ×, √) is a value
            return not any(unicodedata.category(ch).startswith("S") for ch in stripped)
        return folded in MISSING_WORDS
    return False


def clean_text(value: object) -> str | None:
    """A cell as display text, or None when it says nothing."""
    if is_missing(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    joined = " ".join(text.split())
    return text if joined == text else joined  # the cell's own string when it is clean: no second copy is kept


def whole_in_range(text: str, low: int, high: int) -> bool:
    """A typed whole number (ASCII digits, spaces around allowed) from low to high: a link's or a command's setting."""
    cleaned = str(text).strip()
    return cleaned.isascii() and cleaned.isdecimal() and low <= int(cleaned) <= high
