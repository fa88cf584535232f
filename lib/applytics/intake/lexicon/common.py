"""Patterns no single language owns: phrasings that mix the languages' words, and marks people tick."""

REASONS: dict[str, tuple[str, ...]] = {
    "internal candidate": (
        r"intern(al|ally|e|o|en|er)? (candidate|hire|candidat|candidato|bewerber|besetzt|besetzung|kandidat)",
        r"(candidat|candidato|bewerber|kandidat)\w* intern",
    ),
}

MARKS = {"✓": True, "✔": True, "√": True, "☑": True, "✅": True, "×": False, "✗": False, "✘": False, "❌": False}
