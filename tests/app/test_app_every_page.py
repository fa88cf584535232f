"""Every page of the navigation renders, without a traceback, for the sample, the uploads and edge cases."""

from __future__ import annotations

import pytest
from apptest_support import ROOT, describe_exceptions, errors, french_csv, upload

SHARED_LINK_ONLY = {"pages/shared_data.py"}  # registered only on a share link: tests/app/test_app_share.py
PAGES = sorted(
    f"pages/{path.name}"
    for path in (ROOT / "pages").glob("*.py")
    if not path.name.startswith("_") and f"pages/{path.name}" not in SHARED_LINK_ONLY
)

INPUTS = {
    "sample": None,
    "hand-xlsx": None,  # filled from the hand_xlsx fixture
    "french-csv": ("suivi.csv", french_csv("cp1252")),
    "header-only-csv": ("new.csv", b"Company,Role,Date Applied,Status\r\n"),
    "one-application": ("one.csv", b"Company,Role,Date Applied,Status\r\nAcme,Analyst,2026-11-18,Applied\r\n"),
    "no-dates-no-status": ("plain.csv", b"Company,Role\r\nAcme,Analyst\r\nBorealis,Engineer\r\n"),
}


@pytest.mark.parametrize("source", list(INPUTS))
def test_every_page_renders(at, hand_xlsx, source):
    if source == "hand-xlsx":
        upload(at, hand_xlsx.name, hand_xlsx.data)
    elif INPUTS[source] is not None:
        upload(at, *INPUTS[source])
    assert not errors(at)
    assert {"pages/overview.py", "pages/data.py", "pages/share.py"} <= set(PAGES)
    broken = {}
    for page in PAGES:
        at.switch_page(page).run()
        if at.exception:
            broken[page] = describe_exceptions(at)
        elif not at.title:
            broken[page] = "no title"
    if broken:
        pytest.fail("\n".join(f"{page} on {source}: {problem}" for page, problem in broken.items()), pytrace=False)
