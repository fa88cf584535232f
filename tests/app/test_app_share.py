"""Share & export through AppTest: create a read-only link, open it in a fresh session, revoke it.

Why: a link is the one way the dashboard leaves the owner's session. The fresh session must see the same
figures, redacted as chosen, with no way to upload or change settings; a revoked or unknown token must see
only "this link is not valid"; the store (SQLite in a temporary data folder here; PostgreSQL in
tests/unit/share) must hold nothing the owner chose to hide.
"""

from __future__ import annotations

import sqlite3

import pytest
from apptest_support import AS_OF, OVERVIEW_PAGE, errors, infos, metrics, new_app, run_ok

from applytics.share.store import LINK_NOT_VALID, SQLITE_FILE

SHARE_PAGE = "pages/share.py"


@pytest.fixture
def data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path):
    monkeypatch.setenv("APPLYTICS_DATA_DIR", str(tmp_path))
    from ui.shared import share_store

    share_store.clear()  # one store per process: point it at this test's folder
    yield tmp_path
    share_store.clear()


def owner(data_dir) -> object:
    at = run_ok(new_app())
    run_ok(at.date_input(key="as_of").set_value(AS_OF))
    at.switch_page(SHARE_PAGE)
    return run_ok(at)


def created_link(at) -> tuple[str, str]:
    run_ok(at.button(key="create_share").click())
    link, key = (block.value for block in at.code)
    return link, key


def visitor(token: str):
    at = new_app()
    at.query_params["share"] = token
    return run_ok(at)


def test_the_share_page_offers_the_three_downloads_and_the_redaction(data_dir):
    at = owner(data_dir)
    assert {"download_html", "download_xlsx", "download_csv"} <= {b.key for b in at.get("download_button")}
    boxes = {box.key: box.value for box in at.checkbox}
    assert boxes["share_redact_number_companies"] is True
    assert boxes["share_redact_weekly_dates"] is True
    assert boxes["share_redact_keep_notes"] is False
    assert at.selectbox(key="share_days").value == 30


def test_a_link_opens_the_same_figures_read_only_and_redacted(data_dir):
    at = owner(data_dir)
    at.switch_page(OVERVIEW_PAGE)
    expected = metrics(run_ok(at))
    at.switch_page(SHARE_PAGE)
    link, key = created_link(run_ok(at))
    token = link.rsplit("share=", 1)[1]
    assert len(token) >= 43 and len(key) >= 43  # 256 random bits each, URL-safe base64

    shared = visitor(token)
    assert metrics(shared) == expected
    assert any(
        text.startswith("Shared on ") and "A read-only view, as of 20 Nov 2026" in text for text in infos(shared)
    )
    assert not shared.get("file_uploader"), "a link has nothing to upload"
    assert "as_of" not in {widget.key for widget in shared.date_input}

    stored = sqlite3.connect(data_dir / SQLITE_FILE).execute("select token_hash, snapshot from applytics_shares")
    token_hash, snapshot = stored.fetchone()
    assert token not in token_hash and token.encode() not in snapshot
    assert b"Harbourline Travel" not in snapshot and b"Company 1" in snapshot  # the sample's first company


def test_a_revoked_link_is_not_valid_and_its_data_is_gone(data_dir):
    at = owner(data_dir)
    link, key = created_link(at)
    run_ok(at.text_input(key="revoke_link").input(link))
    run_ok(at.text_input(key="revoke_key").input(key))
    run_ok(at.button(key="revoke_share").click())
    assert any("The link is turned off" in s.value for s in at.success)

    gone = visitor(link.rsplit("share=", 1)[1])
    assert errors(gone) == [LINK_NOT_VALID]
    assert not gone.metric


def test_a_wrong_revoke_key_leaves_the_link_working(data_dir):
    at = owner(data_dir)
    link, _ = created_link(at)
    run_ok(at.text_input(key="revoke_link").input(link))
    run_ok(at.text_input(key="revoke_key").input("not-the-key"))
    run_ok(at.button(key="revoke_share").click())
    assert any("do not match a live share" in text for text in errors(at))
    assert metrics(visitor(link.rsplit("share=", 1)[1]))["Applications"] == "180"


@pytest.mark.parametrize("token", ["made-up-token-0123456789abcdef", "x", "<script>"])
def test_an_unknown_token_is_plainly_not_valid(data_dir, token):
    at = visitor(token)
    assert errors(at) == [LINK_NOT_VALID]
    assert not at.metric and not at.get("file_uploader")


@pytest.mark.parametrize(
    "page",
    [
        "pages/conversion.py",
        "pages/pace.py",
        "pages/timing.py",
        "pages/rejections.py",
        "pages/insights.py",
        "pages/todo.py",
        "pages/shared_data.py",
    ],
)
def test_every_page_of_a_shared_link_renders_from_the_snapshot(data_dir, page):
    link, _ = created_link(owner(data_dir))
    shared = visitor(link.rsplit("share=", 1)[1])
    shared.switch_page(page)
    run_ok(shared)
    assert shared.title, page
    assert not errors(shared), errors(shared)
    if page == "pages/shared_data.py":
        rows = shared.dataframe[0].value
        assert len(rows) == 180 and set(rows["company"]) == {
            f"Company {n}" for n in range(1, rows["company"].nunique() + 1)
        }


def test_a_link_made_from_a_filtered_view_keeps_the_filter_and_says_so(data_dir):
    at = new_app()
    at.query_params["source"] = "Referral"
    at.query_params["as_of"] = AS_OF.isoformat()
    run_ok(at)
    assert metrics(at)["Applications"] == "32"  # the sample's Referral rows (tests/app/test_app_filters.py)
    at.switch_page(SHARE_PAGE)
    link, _ = created_link(run_ok(at))
    shared = visitor(link.rsplit("share=", 1)[1])
    assert metrics(shared)["Applications"] == "32"
    assert any("Only the applications with source Referral." in text for text in infos(shared)), infos(shared)


def test_a_dashboard_too_big_to_share_says_so_in_the_preview_and_on_the_button(data_dir, monkeypatch):
    from applytics.share import snapshot

    monkeypatch.setattr(snapshot, "MAX_SNAPSHOT_BYTES", 10_000)  # the sample's 180 rows are more than 10 kB
    at = owner(data_dir)
    too_big = [w.value for w in at.warning if "too big to share" in w.value]
    assert too_big and "a share holds at most" in too_big[0]
    run_ok(at.button(key="create_share").click())
    assert any("too big to share" in e for e in errors(at))
    assert not at.code  # no link was made


def test_the_preview_of_a_long_tracker_sends_the_first_rows_only(data_dir):
    # 5,003 applications: the preview shows 5,000 of them and says so; the link would store every one.
    rows = b"".join(b"Firm %d,Analyst,2026-09-01,Applied\n" % i for i in range(5_003))
    at = run_ok(new_app())
    run_ok(at.file_uploader(key="upload").upload("long.csv", b"Company,Role,Date applied,Status\n" + rows, "text/csv"))
    at.switch_page(SHARE_PAGE)
    run_ok(at)
    assert "The first 5,000 of 5,003 rows; the link stores them all." in [c.value for c in at.caption]
    assert [len(d.value) for d in at.dataframe] == [5_000]  # the preview is the page's one table
