"""Shared by the share tests: a small resolved tracker worked out by hand, and the PostgreSQL the store tests need.

The store tests run against both backends the app supports: SQLite in tmp_path and a real PostgreSQL server.
The server's URL comes from APPLYTICS_TEST_POSTGRES_URL, which .ci/run exports after starting one with
scripts/postgres_for_tests.sh. Without it: in CI the tests fail (a skipped backend must never pass for a tested
one); on a developer's machine, as root, they run that script themselves; otherwise they fail saying how.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from share_data import hand_resolved

ROOT = Path(__file__).resolve().parents[3]
POSTGRES_SCRIPT = ROOT / "scripts" / "postgres_for_tests.sh"
POSTGRES_ENV = "APPLYTICS_TEST_POSTGRES_URL"


@pytest.fixture
def resolved() -> pd.DataFrame:
    return hand_resolved()


# ---------------------------------------------------------------- PostgreSQL


def _started_here() -> str:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(
            f"{POSTGRES_ENV} is not set in CI: .ci/run must start PostgreSQL (scripts/postgres_for_tests.sh) and "
            "export the URL it prints before the tests run."
        )
    if os.geteuid() != 0:
        pytest.fail(
            f'The share store tests need a PostgreSQL server: run `eval "$(sudo {POSTGRES_SCRIPT.relative_to(ROOT)})"` '
            f"(it installs and starts one and prints the export of {POSTGRES_ENV}), or set {POSTGRES_ENV} yourself."
        )
    done = subprocess.run(["bash", str(POSTGRES_SCRIPT)], capture_output=True, text=True, timeout=300, check=False)
    found = re.search(rf"^export {POSTGRES_ENV}=(\S+)$", done.stdout, re.MULTILINE)
    if done.returncode != 0 or not found:
        pytest.fail(f"{POSTGRES_SCRIPT.name} could not start PostgreSQL:\n{done.stderr}{done.stdout}")
    return found.group(1)


@pytest.fixture(scope="session")
def postgres_url() -> str:
    return os.environ.get(POSTGRES_ENV, "").strip() or _started_here()
