"""How long one interaction takes on the Overview page with a 100k-row tracker, measured with AppTest.

Run: .venv/bin/python bench/rerun_speed.py [--rows N] [--repeat K] [--root DIR]
Two measurements, interleaved, medians of K repeats (then the peak memory of every page on the upload):
  settings change  the ghost-days number input set to a new value, then the rerun it causes
  no change        a plain rerun (what a click elsewhere or a widget that does not feed the figures costs)

The workbook comes from bench/import_speed.py's make_workbook, so the same file is measured in every tree:
`--root` points at another checkout of the project (its app.py, pages/, ui/ and bench/import_speed.py), e.g.
    cd /tmp/orig && /tmp/orig/.venv/bin/python /work/main/bench/rerun_speed.py --root /tmp/orig
AppTest time includes the script run and turning its messages into the element tree: the same in every tree.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import os
import statistics
import time
from pathlib import Path

import pandas as pd

UPLOAD_CAP = 10 * 1024 * 1024  # .streamlit/config.toml: server.maxUploadSize = 10 (MB)
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def as_on_a_running_server() -> None:
    """As tests/app/conftest.py does: after the first run a live server is out of the legacy `pages/` mode for
    good, while AppTest re-detects the folder before every run (each rerun would otherwise be two runs)."""
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init


def tree_workbook(root: Path, rows: int) -> bytes:
    """The tree's own bench/import_speed.make_workbook (Streamlit puts app.py's folder on the path itself)."""
    spec = importlib.util.spec_from_file_location("import_speed", root / "bench" / "import_speed.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_workbook(rows)


def timed_run(runnable) -> float:  # noqa: ANN001
    start = time.perf_counter()
    at = runnable.run()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise SystemExit(f"the app raised: {[e.message for e in at.exception]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    args = parser.parse_args()
    root = args.root.resolve()
    os.chdir(root)
    os.environ.pop("APPLYTICS_FILE", None)
    from streamlit.testing.v1 import AppTest

    data = tree_workbook(root, args.rows)
    assert len(data) < UPLOAD_CAP, f"the workbook ({len(data) / 1e6:.1f} MB) must be under the upload cap"
    as_on_a_running_server()
    at = AppTest.from_file(str(root / "app.py"), default_timeout=600)
    first = timed_run(at)
    before_upload = kib("VmRSS")
    upload = timed_run(at.file_uploader(key="upload").upload("bench.xlsx", data, XLSX_MIME))
    shown = {m.label: m.value for m in at.metric}.get("Applications")
    assert shown is not None and shown.replace(",", "") == str(args.rows), f"Overview shows {shown} applications"
    timed_run(at)  # one warm rerun before measuring
    settings, unchanged, bare = [], [], []
    for i in range(args.repeat):  # interleaved, so all three see the same machine state
        settings.append(timed_run(at.number_input(key="ghost_days").set_value(31 + i)))
        unchanged.append(timed_run(at))
        start = time.perf_counter()
        pd.read_excel(io.BytesIO(data), engine="calamine")
        bare.append(time.perf_counter() - start)
    print(f"tree: {root}")
    print(f"workbook: {args.rows:,} rows x 8 columns, {len(data) / 1e6:.2f} MB; {args.repeat} interleaved repeats")
    print(f"first run (sample): {first * 1000:8.0f} ms   upload and import: {upload * 1000:8.0f} ms")
    print(f"rerun after a settings change (ghost days): median {statistics.median(settings) * 1000:8.0f} ms")
    print(f"rerun with nothing changed:                 median {statistics.median(unchanged) * 1000:8.0f} ms")
    ratio = statistics.median(settings) / statistics.median(bare)
    print(f"bare pd.read_excel(calamine) of the file:   median {statistics.median(bare) * 1000:8.0f} ms; "
          f"settings-change rerun / bare read: {ratio:.2f}x (target <= 0.15x)")  # fmt: skip
    print("all settings-change runs (ms):", " ".join(f"{t * 1000:.0f}" for t in settings))
    print("all no-change runs (ms):      ", " ".join(f"{t * 1000:.0f}" for t in unchanged))
    every_page_memory(at, before_upload)


PAGES = ("overview", "conversion", "pace", "timing", "rejections", "insights", "todo", "cohort", "data", "share")


def kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def every_page_memory(at, before_upload: int) -> None:  # noqa: ANN001
    """Issue 12's peak-RSS row: this process's peak resident size (VmHWM) once every page has run on the upload,
    over its size before the upload (streamlit, the libraries and the sample already in), against the canonical
    frame's own size (pandas' deep memory_usage)."""
    mib = 1024 * 1024
    steps = []
    for page in PAGES:
        at.switch_page(f"pages/{page}.py")
        timed_run(at)
        steps.append(f"{page} {(kib('VmHWM') - before_upload) / mib:,.0f}")
    print("peak RSS growth after each page (MiB):", ", ".join(steps))
    apps = at.session_state["memo"]["import"]
    frame = max(result.normalized.apps.memory_usage(deep=True).sum() for result in apps.values())
    grown = kib("VmHWM") - before_upload
    print(f"peak RSS growth, upload + every page ({len(PAGES)}): {grown / mib:,.0f} MiB; canonical frame "
          f"{frame / mib:,.0f} MiB; ratio {grown / frame:.2f}x (target <= 3x)")  # fmt: skip


if __name__ == "__main__":
    main()
