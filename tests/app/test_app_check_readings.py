"""Overview's "Check these readings": the import's questions come first, each confirmed in one click.

Why: issue #8 — nothing uncertain is silently applied to the headline figures without being listed; the
sample, read with confidence, asks nothing.
"""

from __future__ import annotations

from apptest_support import OVERVIEW_PAGE, plain, run_ok, upload
from builders import GENERIC_CSV


def subheaders(at) -> list[str]:
    return [plain(s.value) for s in at.subheader]


def questions(at) -> list[str]:
    return [plain(m.value) for m in at.markdown if "is read as" in plain(m.value)]


def test_the_sample_asks_nothing(at):
    assert "Check these readings" not in subheaders(at)
    assert not [b for b in at.button if b.label == "Confirm"]


def test_a_guess_is_asked_about_first_and_a_confirm_settles_it(at):
    upload(at, "generic.csv", GENERIC_CSV, "text/csv")
    at.switch_page(OVERVIEW_PAGE)
    run_ok(at)
    assert subheaders(at)[0] == "Check these readings"
    assert questions(at) == [
        "“Column A” is read as the company — its cells look like employer names "
        "(Acme Analytics, Borealis Ltd, Cobalt Health, …)."
    ]
    (confirm,) = [b for b in at.button if b.label == "Confirm"]
    run_ok(confirm.click())
    assert "Check these readings" not in subheaders(at)
    assert {m.label: m.value for m in at.metric}["Applications"] == "4"


def test_many_odd_status_words_ask_ten_questions_and_count_the_rest(at):
    # 14 made-up status words (each on one row) and a column read from its values: the column comes first (it
    # changes every figure), then nine of the words; the other five are counted, not drawn as buttons.
    rows = b"".join(b"Firm %d,zq%02d,2026-09-%02d\n" % (i, i, i + 1) for i in range(14))
    upload(at, "odd.csv", b",Status,Date applied\n" + rows, "text/csv")
    at.switch_page(OVERVIEW_PAGE)
    run_ok(at)
    asked = [plain(m.value) for m in at.markdown if " — " in plain(m.value)]
    assert len(asked) == 10
    assert asked[0].startswith("“Column A” is read as the company")
    assert asked[1] == "Status “zq00” counts as applied, in progress — it is not a word we know (1 row(s))."
    assert len([b for b in at.button if b.label == "Confirm"]) == 10
    assert "5 more: the Data page lists every one." in [plain(c.value) for c in at.caption]
