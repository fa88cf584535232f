"""User text in Markdown-rendering elements: one escaping helper, used everywhere.

Why: Streamlit renders Markdown (bold, links, images, colour, icons, KaTeX) in titles, captions, alerts,
expander and widget labels and help tooltips, and GitHub-flavoured Markdown links bare URLs even in escaped
text. A company name or a column header typed by the user (or by whoever sent them the file) must show as
typed. The source scan keeps every future call honest: a value interpolated into such an element must go
through `escape_markdown` or carry a numeric/date format spec.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from apptest_support import new_app, run_ok, upload
from hypothesis import given
from hypothesis import strategies as st

from applytics.schema import USER_SEGMENT_PREFIX
from ui.render import WORD_JOINER, escape_markdown

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted([ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")])

# Streamlit calls whose text argument, label or help tooltip is rendered as Markdown.
MARKDOWN_CALLS = frozenset(
    [
        "markdown",
        "caption",
        "subheader",
        "header",
        "title",
        "write",
        "info",
        "warning",
        "error",
        "success",
        "toast",
        "expander",
        "popover",
        "metric",
        "button",
        "download_button",
        "link_button",
        "page_link",
        "checkbox",
        "toggle",
        "radio",
        "selectbox",
        "multiselect",
        "segmented_control",
        "pills",
        "slider",
        "select_slider",
        "text_input",
        "text_area",
        "number_input",
        "date_input",
        "time_input",
        "file_uploader",
        "color_picker",
        "tabs",
        "form_submit_button",
    ]
)
TEXT_KEYWORDS = ("body", "label", "help")


def _is_escape_call(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "escape_markdown"


def _unsafe_parts(node: ast.expr) -> list[ast.expr]:
    """The parts of a text argument that could carry unescaped user text into Markdown."""
    if isinstance(node, ast.Constant) or _is_escape_call(node):
        return []
    if isinstance(node, ast.JoinedStr):
        unsafe = []
        for part in node.values:
            if isinstance(part, ast.Constant):
                continue
            assert isinstance(part, ast.FormattedValue)
            spec = ast.unparse(part.format_spec) if part.format_spec is not None else ""
            formatted = spec and not spec.rstrip("'\"").endswith("s")  # a number or a date, never text
            if not (_is_escape_call(part.value) or formatted):
                unsafe.append(part.value)
        return unsafe
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _unsafe_parts(node.left) + _unsafe_parts(node.right)
    if isinstance(node, ast.IfExp):
        return _unsafe_parts(node.body) + _unsafe_parts(node.orelse)
    if isinstance(node, ast.List | ast.Tuple):
        return [bad for element in node.elts for bad in _unsafe_parts(element)]
    return [node]


def unescaped_markdown(source: str) -> list[tuple[int, str]]:
    """(line, expression) of each value that reaches a Markdown-rendering call unescaped."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in MARKDOWN_CALLS or not (node.args or node.keywords):
            continue
        texts = node.args[:1] + [k.value for k in node.keywords if k.arg in TEXT_KEYWORDS]
        found += [(bad.lineno, ast.unparse(bad)) for text in texts for bad in _unsafe_parts(text)]
    return found


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_markdown_call_takes_unescaped_values(path: Path) -> None:
    offenders = unescaped_markdown(path.read_text(encoding="utf-8"))
    assert offenders == [], f"{path.name}: wrap these in escape_markdown(...) (line, value): {offenders}"


@pytest.mark.parametrize(
    ("code", "flagged"),
    [
        ('st.subheader(f"Stage conversion by {labels[chosen].lower()}")', ["labels[chosen].lower()"]),
        ("st.caption(detail)", ["detail"]),
        ("st.metric(label, value, help=help_text, border=True)", ["label", "help_text"]),
        ('box.expander(f"{email.company} — {email.role}")', ["email.company", "email.role"]),
        ('st.info("Over " + str(n) + " rows")', ["str(n)"]),
        ('st.tabs(["One", name])', ["name"]),
        ('st.caption(f"{name!s:s}")', ["name"]),
        ('st.subheader(f"{RATE.label} by {escape_markdown(label)}")', ["RATE.label"]),
        ('st.caption(f"Over {figures.mature:,} applications, as of {day:%d %b %Y}")', []),
        ("st.error(escape_markdown(problem.message))", []),
        ('st.warning("Constant text, **bold** on purpose")', []),
        ('st.caption(f"{k:,} of {n:,}" if n else "none yet")', []),
        ("name.title()", []),
        ('frame.rename(columns={"a": "b"})', []),
    ],
)
def test_the_scan_flags_user_values_and_passes_escaped_ones(code: str, flagged: list[str]) -> None:
    assert [text for _, text in unescaped_markdown(code)] == flagged


# ---------------------------------------------------------------- the helper itself

# The GFM autolink literal patterns (mdast-util-gfm-autolink-literal), applied to text once escapes are
# resolved: a WORD JOINER anywhere inside the scheme, `www.` or after the `@` stops each of them.
GFM_URL = re.compile(r"(https?://|www(?=\.))([-.\w]+)", re.I)
GFM_EMAIL = re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)")
MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # CommonMark: a backslash before ASCII punctuation


def as_rendered_text(markdown: str) -> str:
    return MARKDOWN_ESCAPE.sub(r"\1", markdown)


@pytest.mark.parametrize(
    ("typed", "expected_markdown"),
    [
        ("**Acme**", r"\*\*Acme\*\*"),
        ("[click](http://x.invalid/)", "\\[click\\]\\(http\u2060\\://x\\.invalid/\\)"),
        ("see www.example.com", "see www\u2060\\.example\\.com"),
        ("HTTPS://EXAMPLE.COM", "HTTPS\u2060\\://EXAMPLE\\.COM"),
        ("jobs@acme.io", "jobs@\u2060acme\\.io"),
        (":red[alarm] $x^2$ :material/home:", "\\:red\\[alarm\\] \\$x^2\\$ \\:material/home\\:"),
        ("Acme & Co", "Acme & Co"),
    ],
)
def test_escape_markdown_by_hand(typed: str, expected_markdown: str) -> None:
    assert escape_markdown(typed) == expected_markdown


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_characters=WORD_JOINER), max_size=60))
def test_escaped_text_reads_as_typed_and_never_autolinks(typed: str) -> None:
    shown = as_rendered_text(escape_markdown(typed))
    assert shown.replace(WORD_JOINER, "") == typed
    assert GFM_URL.search(shown) is None
    assert GFM_EMAIL.search(shown) is None


@given(st.sampled_from(["http://", "https://", "www.", "a@b.co"]), st.text(max_size=10), st.text(max_size=10))
def test_link_patterns_anywhere_are_broken(pattern: str, before: str, after: str) -> None:
    shown = as_rendered_text(escape_markdown(before + pattern + after))
    assert GFM_URL.search(shown) is None and GFM_EMAIL.search(shown) is None


# ---------------------------------------------------------------- on the pages

HOSTILE_HEADER = "**Bold** [link](http://x.invalid/) :red[red] $x^2$"


def test_a_hostile_segment_header_shows_escaped_in_the_conversion_subheaders() -> None:
    rows = [f"Acme {i},2026-0{1 + i % 9}-1{i % 10},{'Rejected' if i % 3 else 'Interview'},{'A' if i % 2 else 'B'}"
            for i in range(40)]  # fmt: skip
    csv = (f'Company,Date applied,Status,"{HOSTILE_HEADER}"\n' + "\n".join(rows) + "\n").encode()
    mapping = json.dumps({"format": "applytics-mapping", "version": 1, "columns": {HOSTILE_HEADER: "segment"}})
    at = new_app()
    run_ok(at)
    upload(at, "tracker.csv", csv)
    at.file_uploader(key="mapping_upload").upload("mapping.json", mapping.encode(), "application/json")
    run_ok(at)
    at.switch_page("pages/conversion.py")
    run_ok(at)
    run_ok(at.selectbox(key="segment").set_value(USER_SEGMENT_PREFIX + HOSTILE_HEADER))
    # the page lower-cases the header in its headings: "**bold** [link](…"
    shown = escape_markdown(HOSTILE_HEADER.lower())
    subheaders = [s.value for s in at.subheader]
    assert f"Response rate by {shown}" in subheaders, subheaders
    assert f"Stage conversion by {shown}" in subheaders, subheaders
