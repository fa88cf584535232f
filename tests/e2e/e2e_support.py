"""Starting the dashboard as a real server, and where Chromium is: shared by the e2e conftest and tests."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STARTUP_SECONDS = 60


_PROCESSES: dict[str, subprocess.Popen] = {}


def server_pid(base: str) -> int:
    return _PROCESSES[base].pid


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def dashboard_server(log_path: Path, *options: str, script: str = "app.py") -> Iterator[str]:
    """`streamlit run app.py` (or another script) from the repo root on a free port, with further `--name value`
    options; yields the base URL once /_stcore/health is ok. `server_pid(base)` is the process."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("APPLYTICS_")}  # the sample, no deployer settings
    env["APPLYTICS_DATA_DIR"] = str(log_path.parent / "data")  # share links go to this run's own SQLite file
    command = [
        sys.executable, "-m", "streamlit", "run", script,
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
        *options,
    ]  # fmt: skip
    with log_path.open("w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    _PROCESSES[base] = process
    try:
        wait_until_healthy(process, base, log_path)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def wait_until_healthy(process: subprocess.Popen, base: str, log_path: Path) -> None:
    """Until `base`/_stcore/health answers ok; fails with the server's log if it exits or never answers."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        if process.poll() is not None:
            pytest.fail(f"streamlit exited with code {process.returncode} before serving:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as answer:
                if answer.read().strip() == b"ok":
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            pytest.fail(
                f"streamlit did not answer {base}/_stcore/health within {STARTUP_SECONDS} s:\n{log_path.read_text()}"
            )
        time.sleep(0.25)  # polling a port that is not open yet: there is no state to wait on
