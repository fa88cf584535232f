"""The package's layers, read from the source: imports only point down, and nothing under lib/ imports streamlit.

Why: the layers (lib/applytics/__init__.py, docs/architecture.md) keep each part testable on its own and the
analytics free of the UI: share -> present -> analytics -> intake -> schema, text, errors; cli may use everything.
`share` (snapshots, the link store, live sources) sits above present, so nothing below it can reach the database.
One upward import, even inside a function, and a layer can no longer be used or tested without the one above.

The rules are checked on the syntax tree of every module (`import x`, `from x import y`, relative imports,
imports inside functions or `if TYPE_CHECKING:`, and importlib.import_module / __import__ with a literal
name), never by importing the code. The checkers are plain functions, each also run on a small synthetic tree
in tmp_path that breaks every rule, so a checker that finds nothing is itself caught.
"""

from __future__ import annotations

import ast
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LIB = ROOT / "lib"
PACKAGE = "applytics"

BASE = frozenset({"schema", "text", "errors"})
# layer -> the layers its modules may import from (their own included); None: anything
ALLOWED: dict[str, frozenset[str] | None] = {
    "errors": frozenset(),
    "text": frozenset(),
    "schema": frozenset(),
    "package": frozenset(),  # applytics/__init__.py: run before every other module, so it imports none
    "intake": frozenset({"intake"}) | BASE,
    "analytics": frozenset({"analytics", "intake"}) | BASE,
    "present": frozenset({"present", "analytics", "intake"}) | BASE,
    "share": frozenset({"share", "present", "analytics", "intake"}) | BASE,
    "cli": None,
}
FORBIDDEN_EVERYWHERE = ("streamlit",)
SYS_PATH_SCANNED = ("app.py", "pages", "ui", "bench", "scripts", "lib")  # tests/ is not scanned (see below)


# ---------------------------------------------------------------- reading the imports


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, e.g. applytics.intake.read
    target: str  # what it imports, resolved to an absolute name, e.g. applytics.schema
    line: int
    source: str  # the statement as written, e.g. "from ..schema import STAGES"


def module_names(package_dir: Path) -> dict[str, Path]:
    """Every module of the package under `package_dir`, by dotted name (a package by its __init__.py)."""
    names = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = list(path.relative_to(package_dir.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _literal_import_call(node: ast.Call) -> str | None:
    """The module named by importlib.import_module("x") or __import__("x"), when the name is a literal."""
    func = node.func
    is_import = (isinstance(func, ast.Name) and func.id in ("__import__", "import_module")) or (
        isinstance(func, ast.Attribute) and func.attr == "import_module"
    )
    if is_import and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
        return node.args[0].value
    return None


def imports_of(module: str, path: Path, known: set[str]) -> list[Import]:
    """Every import in one module's source, with relative names resolved against `module`."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source, filename=str(path))
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Import, ast.ImportFrom)) and not (
            isinstance(node, ast.Call) and _literal_import_call(node)
        ):
            continue
        written = " ".join((ast.get_source_segment(source, node) or "").split())
        if isinstance(node, ast.Import):
            found += [Import(module, alias.name, node.lineno, written) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                if node.level > len(package):
                    found.append(Import(module, "." * node.level + (node.module or ""), node.lineno, written))
                    continue
                base = package[: len(package) - node.level + 1]
                parent = ".".join(base + ([node.module] if node.module else []))
            else:
                parent = node.module or ""
            for alias in node.names:
                submodule = f"{parent}.{alias.name}"
                found.append(Import(module, submodule if submodule in known else parent, node.lineno, written))
        elif isinstance(node, ast.Call) and (name := _literal_import_call(node)):
            found.append(Import(module, name, node.lineno, written))
    return found


def layer_of(module: str, package: str = PACKAGE) -> str | None:
    """applytics.intake.read -> intake, applytics.schema -> schema, applytics -> package; None outside any layer."""
    parts = module.split(".")
    if parts[0] != package:
        return None
    if len(parts) == 1:
        return "package"
    return parts[1] if parts[1] in ALLOWED and parts[1] != "package" else None


def layer_violations(package_dir: Path) -> list[str]:
    """What breaks the layer rules in the package at `package_dir`, one line per module and import."""
    package = package_dir.name
    modules = module_names(package_dir)
    problems = []
    for module, path in modules.items():
        layer = layer_of(module, package)
        where = f"{module} ({path.relative_to(package_dir.parent)})"
        if layer is None:
            problems.append(f"{where} is in no layer: add it to one (or a rule for it to ALLOWED)")
            continue
        for found in imports_of(module, path, set(modules)):
            top = found.target.split(".")[0]
            said = f"{where}, line {found.line}: `{found.source}`"
            if top in FORBIDDEN_EVERYWHERE:
                problems.append(f"{said} imports {found.target}: nothing under lib/ may import {top}")
            elif found.target.startswith("."):
                problems.append(f"{said} is a relative import beyond the top of the package")
            elif top == package:
                target_layer = layer_of(found.target, package)
                allowed = ALLOWED[layer]
                if allowed is None or target_layer == "package" or target_layer in allowed:
                    continue
                may = ", ".join(sorted(allowed)) or f"nothing from {package}"
                problems.append(
                    f"{said} imports {found.target} (layer {target_layer}); the {layer} layer may import: {may}"
                )
    return problems


# ---------------------------------------------------------------- sys.path and stray top-level modules

_MUTATORS = frozenset({"insert", "append", "extend", "remove", "pop", "clear", "reverse", "sort", "__setitem__"})


def _is_sys_path(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "path"
        and isinstance(node.value, ast.Name)
        and node.value.id == "sys"
    )


def sys_path_edits(path: Path, root: Path | None = None) -> list[str]:
    """Where a file's code (not its strings) changes sys.path: a mutating call, an assignment, a del."""
    source = path.read_text(encoding="utf-8")
    shown = path.relative_to(root) if root else path
    edits = []
    for node in ast.walk(ast.parse(source, filename=str(path))):
        hit = False
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            hit = node.func.attr in _MUTATORS and _is_sys_path(node.func.value)
            hit = hit or (node.func.attr == "addsitedir" and isinstance(node.func.value, ast.Name))
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
            for target in targets:
                inner = target.value if isinstance(target, ast.Subscript) else target
                hit = hit or _is_sys_path(inner)
        if hit:
            edits.append(f"{shown}:{node.lineno}: `{ast.get_source_segment(source, node)}`")
    return edits


def python_files(root: Path, scanned: tuple[str, ...]) -> list[Path]:
    files = []
    for name in scanned:
        path = root / name
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files += [p for p in sorted(path.rglob("*.py")) if "__pycache__" not in p.parts]
    return files


def stray_top_level_modules(lib: Path, package: str = PACKAGE) -> list[str]:
    """What lib/ (a path entry of the editable install) would make importable besides the package itself."""
    stray = []
    for entry in sorted(lib.iterdir()):
        if entry.name == package or entry.name.endswith(".egg-info") or entry.name == "__pycache__":
            continue
        if entry.is_file() and entry.suffix in (".py", ".pyc", ".pyi", ".so", ".pth"):
            stray.append(f"{entry.relative_to(lib.parent)} (a top-level module)")
        elif entry.is_dir() and any(entry.rglob("*.py")):
            stray.append(f"{entry.relative_to(lib.parent)}/ (a top-level package beside {package})")
    return stray


# ---------------------------------------------------------------- the rules, on the real tree


def test_every_module_of_the_package_is_found() -> None:
    # a checker that reads no module finds no violation: make sure it reads all the layers
    modules = module_names(LIB / PACKAGE)
    assert {layer_of(m) for m in modules} >= {"package", "schema", "text", "errors", "intake", "analytics", "share"}
    assert "applytics.intake.read" in modules and "applytics.cli" in modules
    assert imports_of("applytics.cli", modules["applytics.cli"], set(modules)), "the cli imports the layers"


def test_imports_only_point_down_the_layers_and_never_reach_streamlit() -> None:
    problems = layer_violations(LIB / PACKAGE)
    assert not problems, "layer rules broken:\n" + "\n".join(problems)


def test_lib_holds_only_the_applytics_package() -> None:
    # lib/ is on sys.path (pyproject: packages found under lib): any module beside applytics becomes importable
    # by a bare name, shadowing a real one
    stray = stray_top_level_modules(LIB)
    assert not stray, "lib/ holds more than the package:\n" + "\n".join(stray)


def test_no_code_outside_tests_edits_sys_path() -> None:
    # The package is installed (editable): app, pages, ui, bench and scripts import it as installed. Test code
    # may run a child process with a `sys.path.insert` inside a string (tests/unit/intake/test_guard.py); the
    # syntax tree never looks inside strings, and tests/ is not scanned.
    files = python_files(ROOT, SYS_PATH_SCANNED)
    assert ROOT / "app.py" in files and any(p.parent.name == "ui" for p in files)
    edits = [edit for path in files for edit in sys_path_edits(path, ROOT)]
    assert not edits, "sys.path edited outside tests:\n" + "\n".join(edits)


# ---------------------------------------------------------------- the checkers can fail: a synthetic tree


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


GOOD_TREE = {
    "applytics/__init__.py": '"""The package."""\n',
    "applytics/errors.py": "class ImportProblem(Exception): ...\n",
    "applytics/text.py": "import re\n",
    "applytics/schema.py": "from __future__ import annotations\nimport pandas as pd\n",
    "applytics/intake/__init__.py": "",
    "applytics/intake/read.py": "from applytics.errors import ImportProblem\nfrom ..text import re\n",
    "applytics/intake/pipeline.py": "from . import read\nfrom .read import ImportProblem\nimport applytics.schema\n",
    "applytics/analytics/__init__.py": "",
    "applytics/analytics/metrics.py": "from applytics.intake import pipeline\nfrom ..schema import pd\n",
    "applytics/present/__init__.py": "",
    "applytics/present/charts.py": "from applytics.analytics.metrics import pd\nfrom applytics import text\n",
    "applytics/share/__init__.py": "",
    "applytics/share/store.py": (
        "from applytics.present import charts\nfrom ..analytics.metrics import pd\nimport sqlalchemy\n"
    ),
    "applytics/cli.py": (
        "from applytics.present import charts\nimport applytics.intake.pipeline\nfrom .share import store\n"
    ),
}


def test_a_tree_that_keeps_the_rules_passes(tmp_path: Path) -> None:
    _write(tmp_path, GOOD_TREE)
    assert layer_violations(tmp_path / "applytics") == []


BAD_IMPORTS = {
    # file -> (source, the import the message must quote, the rule it must name)
    "applytics/errors.py": ("from applytics.text import re\n", "from applytics.text import re", "nothing from"),
    "applytics/schema.py": ("from . import errors\n", "from . import errors", "applytics.errors (layer errors)"),
    "applytics/text.py": ("import applytics.intake.read\n", "import applytics.intake.read", "layer intake"),
    "applytics/intake/read.py": (
        """
        def later():
            from ..analytics import metrics
            return metrics
        """,
        "from ..analytics import metrics",
        "applytics.analytics.metrics (layer analytics); the intake layer may import: errors, intake, schema, text",
    ),
    "applytics/intake/pipeline.py": (
        """
        from typing import TYPE_CHECKING
        if TYPE_CHECKING:
            from applytics.present.charts import pd
        """,
        "from applytics.present.charts import pd",
        "layer present",
    ),
    "applytics/analytics/metrics.py": (
        "import importlib\ncharts = importlib.import_module('applytics.present.charts')\n",
        "importlib.import_module('applytics.present.charts')",
        "layer present",
    ),
    "applytics/present/charts.py": ("from .. import cli\n", "from .. import cli", "applytics.cli (layer cli)"),
    "applytics/present/export.py": (
        "def share():\n    from applytics.share import store\n    return store\n",
        "from applytics.share import store",
        "applytics.share.store (layer share); the present layer may import: analytics, errors, intake, present",
    ),
    "applytics/analytics/pace.py": ("import applytics.share.store\n", "import applytics.share.store", "layer share"),
    "applytics/intake/normalize.py": ("from ..share.store import x\n", "from ..share.store import x", "layer share"),
    "applytics/share/redact.py": ("from applytics import cli\n", "from applytics import cli", "layer cli"),
    "applytics/present/readings.py": (
        "def page():\n    import streamlit as st\n    return st\n",
        "import streamlit as st",
        "nothing under lib/ may import streamlit",
    ),
    "applytics/cli.py": ("from streamlit.testing.v1 import AppTest\n", "from streamlit.testing", "streamlit"),
    "applytics/intake/dates.py": ("from ... import schema\n", "from ... import schema", "beyond the top"),
    "applytics/helpers.py": ("import os\n", "applytics.helpers", "in no layer"),
}


def test_a_tree_that_breaks_each_rule_is_caught_naming_module_and_import(tmp_path: Path) -> None:
    _write(tmp_path, GOOD_TREE)
    _write(tmp_path, {name: source for name, (source, _, _) in BAD_IMPORTS.items()})
    problems = layer_violations(tmp_path / "applytics")
    for name, (_, quoted, rule) in BAD_IMPORTS.items():
        module = name.removesuffix(".py").replace("/", ".")
        named = [p for p in problems if p.startswith(f"{module} (")]
        assert any(quoted in p and rule in p for p in named), (name, quoted, rule, named)
    assert len(problems) == len(BAD_IMPORTS), "\n".join(problems)


def test_a_scratch_copy_of_the_real_package_with_one_upward_import_is_caught(tmp_path: Path) -> None:
    # the real lib, copied, plus one bad import inside a function: the checker must name it and nothing else
    copy = tmp_path / PACKAGE
    for path in (LIB / PACKAGE).rglob("*.py"):
        target = copy / path.relative_to(LIB / PACKAGE)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    before = set(layer_violations(copy))
    schema = copy / "schema.py"
    schema.write_text(
        schema.read_text(encoding="utf-8") + "\n\ndef _late():\n    from .analytics import metrics\n", encoding="utf-8"
    )
    added = set(layer_violations(copy)) - before
    assert len(added) == 1, added
    assert "applytics.schema" in next(iter(added)) and "from .analytics import metrics" in next(iter(added))


@pytest.mark.parametrize(
    ("source", "edits"),
    [
        ("import sys\nsys.path.insert(0, 'x')\n", 1),
        ("import sys\ndef f():\n    sys.path.append('x')\n", 1),
        ("import sys\nsys.path[:0] = ['x', 'y']\n", 1),
        ("import sys\nsys.path += ['x']\n", 1),
        ("import sys\nsys.path = ['x']\n", 1),
        ("import site\nsite.addsitedir('x')\n", 1),
        ("import sys\nprint(sys.path[0], list(sys.path))\n", 0),  # reading it is fine
        ("CHILD = 'import sys; sys.path.insert(0, sys.argv[1])'\n", 0),  # code in a string, run elsewhere
    ],
)
def test_the_sys_path_checker(tmp_path: Path, source: str, edits: int) -> None:
    path = tmp_path / "script.py"
    path.write_text(source, encoding="utf-8")
    assert len(sys_path_edits(path)) == edits


def test_the_stray_module_checker(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    _write(lib, {"applytics/__init__.py": "", "applytics.egg-info/PKG-INFO": "Name: applytics\n"})
    assert stray_top_level_modules(lib) == []
    _write(lib, {"__init__.py": "", "helpers.py": "", "vendored/thing.py": "", "notes/README.md": "x"})
    assert stray_top_level_modules(lib) == [
        "lib/__init__.py (a top-level module)",
        "lib/helpers.py (a top-level module)",
        "lib/vendored/ (a top-level package beside applytics)",
    ]
