"""The vocabulary as data: one table per language, read in the order below.

Each language module holds the same tables, every entry optional: HEADERS (field -> folded header aliases,
strongest first), STATUS (meaning -> regular-expression fragments over folded status text), STAGE_HEADERS
(step kind -> fragments over folded headers), REASONS (rejection-reason category -> fragments), YES, NO and
NEGATION words. `common` holds what no one language owns. Adding a language is adding a module here and its
name to LANGUAGES; adding a word is one line in its language's table.
"""

from __future__ import annotations

from types import ModuleType

from applytics.intake.lexicon import common, de, en, es, fr, it, nl, pt, zh

LANGUAGES: tuple[ModuleType, ...] = (en, fr, es, de, pt, it, nl, zh)


def aliases(field: str) -> tuple[str, ...]:
    """Every language's header aliases for a field, English first, duplicates dropped."""
    return tuple(dict.fromkeys(a for language in LANGUAGES for a in getattr(language, "HEADERS", {}).get(field, ())))


def fields() -> tuple[str, ...]:
    return tuple(dict.fromkeys(f for language in LANGUAGES for f in getattr(language, "HEADERS", {})))


def pattern(table: str, key: str, *, extra: tuple[str, ...] = ()) -> str:
    """One alternation of every language's fragments for `key` in `table` (STATUS, STAGE_HEADERS, REASONS)."""
    fragments = [f for language in (*LANGUAGES, common) for f in getattr(language, table, {}).get(key, ())]
    return "|".join(dict.fromkeys([*fragments, *extra]))


def words(table: str) -> frozenset[str]:
    """Every language's YES, NO or NEGATION words."""
    return frozenset(w for language in LANGUAGES for w in getattr(language, table, ()))
