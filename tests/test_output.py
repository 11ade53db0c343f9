"""The output formats, on hand-built results: golden text per format, the summary's counts, SARIF validity."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from urllib.request import url2pathname

import pytest

from tfvarfix.output import (
    BUILTIN_RULES,
    OutputFormat,
    Report,
    RuleInfo,
    UnsupportedOutputError,
    render,
    rule_info,
)
from tfvarfix.output.github import escape_data, escape_property
from tfvarfix.output.report import display_path
from tfvarfix.types import (
    Diagnostic,
    Edit,
    FileResult,
    FileStatus,
    Fix,
    FixSafety,
    Position,
    Range,
    Severity,
    VerifyCheck,
)

SCHEMA_NAME = "sarif-schema-2.1.0.json"

SOURCE = (
    "import tensorflow as tf\n"
    "\n"
    'lstm = tf.keras.layers.LSTM(4, name="rnn")\n'
    "kernel = lstm.kernel\n"
    'dense = tf.keras.layers.Dense(2, name="rnn")\n'
)


def span(line: int, column: int, end_line: int, end_column: int) -> Range:
    return Range(Position(line, column), Position(end_line, end_column))


SAFE_FIX = Fix("Insert `.cell`", FixSafety.SAFE, (Edit(span(4, 13, 4, 13), ".cell"),), VerifyCheck.REPAIRS)
UNSAFE_FIX = Fix(
    "Make the name unique", FixSafety.UNSAFE, (Edit(span(5, 38, 5, 43), '"rnn_1"'),), VerifyCheck.EQUIVALENT
)
SHAPE = Diagnostic(
    "TFV102", "weight-shape-mismatch", "a (3, 4) value cannot fit `kernel` (1, 16)", span(3, 7, 3, 42)
)
RNN = Diagnostic(
    "TFV103",
    "rnn-weight-on-layer",
    "`lstm.kernel` raises AttributeError; use `lstm.cell.kernel`",
    span(4, 9, 4, 20),
    SAFE_FIX,
)
DUPLICATE = Diagnostic(
    "TFV104",
    "duplicate-layer-name",
    "layer name 'rnn' is used twice in one model",
    span(5, 38, 5, 43),
    UNSAFE_FIX,
)
SYNTAX = Diagnostic("TFV001", "syntax-error", "syntax error: '(' was never closed", span(1, 4, 1, 4))


def info(code: str, name: str, summary: str, availability: str, safety: str) -> RuleInfo:
    return RuleInfo(code, name, summary, availability, safety, f"rules/{code}.md", summary + "\n\nMore.")


RULES = {
    "TFV102": info(
        "TFV102", "weight-shape-mismatch", "Finds values that cannot fit a weight.", "never", "unsafe"
    ),
    "TFV103": info(
        "TFV103", "rnn-weight-on-layer", "Finds weights read on an RNN layer.", "sometimes", "safe"
    ),
    "TFV104": info("TFV104", "duplicate-layer-name", "Finds two layers with one name.", "always", "unsafe"),
}


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def small_report(**options: Any) -> Report:
    results = (
        FileResult("model.py", (RNN, SHAPE, DUPLICATE), source=SOURCE),  # out of order on purpose
        FileResult(str(Path.cwd() / "pkg" / "broken.py"), (SYNTAX,), FileStatus.FAILED, source="x = (\n"),
        FileResult("pkg/clean.py", (), FileStatus.SKIPPED, source="print('hi')\n"),
    )
    return Report(results, RULES, tool_version="0.1.0", **options)


def output(report: Report, fmt: OutputFormat, color: bool = False) -> str:
    buffer = io.StringIO()
    render(report, fmt, buffer, color)
    return buffer.getvalue()


# ------------------------------------------------------------------------------------------------ concise
def test_concise() -> None:
    assert output(small_report(), OutputFormat.CONCISE) == (
        "model.py:3:8: TFV102 a (3, 4) value cannot fit `kernel` (1, 16)\n"
        "model.py:4:10: TFV103 [*] `lstm.kernel` raises AttributeError; use `lstm.cell.kernel`\n"
        "model.py:5:39: TFV104 layer name 'rnn' is used twice in one model\n"
        "pkg/broken.py:1:5: TFV001 syntax error: '(' was never closed\n"
        "Found 4 errors.\n"
        "[*] 1 fixable with the --fix option (1 hidden fix can be enabled with the --unsafe-fixes option).\n"
    )


def test_concise_with_unsafe_fixes_marks_unsafe_fixes_and_hides_nothing() -> None:
    text = output(small_report(unsafe_fixes=True), OutputFormat.CONCISE)
    assert "model.py:5:39: TFV104 [*] layer name" in text
    assert text.endswith("Found 4 errors.\n[*] 2 fixable with the --fix option.\n")


# --------------------------------------------------------------------------------------------------- full
FULL = """\
model.py:3:8: TFV102 a (3, 4) value cannot fit `kernel` (1, 16)
  |
1 | import tensorflow as tf
2 |
3 | lstm = tf.keras.layers.LSTM(4, name="rnn")
  |        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ TFV102
4 | kernel = lstm.kernel
5 | dense = tf.keras.layers.Dense(2, name="rnn")
  |

model.py:4:10: TFV103 [*] `lstm.kernel` raises AttributeError; use `lstm.cell.kernel`
  |
3 | lstm = tf.keras.layers.LSTM(4, name="rnn")
4 | kernel = lstm.kernel
  |          ^^^^^^^^^^^ TFV103
5 | dense = tf.keras.layers.Dense(2, name="rnn")
  |
  = help: Insert `.cell`

model.py:5:39: TFV104 layer name 'rnn' is used twice in one model
  |
3 | lstm = tf.keras.layers.LSTM(4, name="rnn")
4 | kernel = lstm.kernel
5 | dense = tf.keras.layers.Dense(2, name="rnn")
  |                                       ^^^^^ TFV104
  |
  = help: Make the name unique (unsafe)

pkg/broken.py:1:5: TFV001 syntax error: '(' was never closed
  |
1 | x = (
  |     ^ TFV001
  |

Found 4 errors.
[*] 1 fixable with the --fix option (1 hidden fix can be enabled with the --unsafe-fixes option).
"""


def test_full() -> None:
    assert output(small_report(), OutputFormat.FULL) == FULL


def test_full_color_only_when_asked() -> None:
    plain = output(small_report(), OutputFormat.FULL, color=False)
    colored = output(small_report(), OutputFormat.FULL, color=True)
    assert "\x1b[" not in plain
    assert "\x1b[" in colored
    assert _strip_ansi(colored) == plain


def test_machine_formats_never_color() -> None:
    for fmt in (OutputFormat.JSON, OutputFormat.SARIF, OutputFormat.GITHUB):
        assert "\x1b[" not in output(small_report(), fmt, color=True)


def test_full_show_fixes_prints_the_diff() -> None:
    text = output(small_report(show_fixes=True), OutputFormat.FULL)
    assert (
        "  = help: Insert `.cell`\n"
        "\n"
        "Safe fix\n"
        '3 3 | lstm = tf.keras.layers.LSTM(4, name="rnn")\n'
        "4   |-kernel = lstm.kernel\n"
        "  4 |+kernel = lstm.cell.kernel\n"
        '5 5 | dense = tf.keras.layers.Dense(2, name="rnn")\n'
    ) in text
    assert "Unsafe fix\n" in text
    assert '  5 |+dense = tf.keras.layers.Dense(2, name="rnn_1")\n' in text


def test_full_elides_long_ranges_and_stops_at_a_trailing_line_break() -> None:
    source = "".join(f"line{i} = {i}\n" for i in range(1, 21))
    diagnostic = Diagnostic("TFV402", "weight-created-in-call", "long", span(3, 0, 13, 0))
    text = output(Report((FileResult("long.py", (diagnostic,), source=source),)), OutputFormat.FULL)
    assert text == (
        "long.py:3:1: TFV402 long\n"
        "   |\n"
        " 1 | line1 = 1\n"
        " 2 | line2 = 2\n"
        " 3 | line3 = 3\n"
        "   | ^^^^^^^^^\n"
        " 4 | line4 = 4\n"
        "   | ^^^^^^^^^\n"
        " 5 | line5 = 5\n"
        "   | ^^^^^^^^^\n"
        "   | ...\n"
        "11 | line11 = 11\n"
        "   | ^^^^^^^^^^^\n"
        "12 | line12 = 12\n"
        "   | ^^^^^^^^^^^ TFV402\n"
        "13 | line13 = 13\n"
        "14 | line14 = 14\n"
        "   |\n"
        "\n"
        "Found 1 error.\n"
    )


# ------------------------------------------------------------------------------------------ file-level codes
def test_builtin_codes_have_rule_info_and_no_snippet() -> None:
    assert {code: i.name for code, i in BUILTIN_RULES.items()} == {
        "TFV001": "syntax-error",
        "TFV002": "unreadable-file",
        "TFV003": "fix-failed",
        "TFV004": "internal-error",
        "TFV005": "file-too-large",
    }
    unreadable = Diagnostic("TFV002", "unreadable-file", "cannot decode as utf-8", span(1, 0, 1, 0))
    report = Report((FileResult("bin.py", (unreadable,), FileStatus.FAILED),), RULES)
    assert output(report, OutputFormat.FULL) == (
        "bin.py:1:1: TFV002 cannot decode as utf-8\n\nFound 1 error.\n"
    )
    assert output(Report(report.results, RULES, statistics=True), OutputFormat.CONCISE) == (
        "1\tTFV002\tunreadable-file\nFound 1 error.\n"
    )
    sarif = json.loads(output(report, OutputFormat.SARIF))
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["TFV002", "TFV102", "TFV103", "TFV104"]
    assert sarif["runs"][0]["results"][0]["ruleIndex"] == 0
    assert rules[0]["name"] == "unreadable-file"
    assert "helpUri" not in rules[0]


# ---------------------------------------------------------------------------------------------- empty
@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        (OutputFormat.FULL, "All checks passed!\n"),
        (OutputFormat.CONCISE, "All checks passed!\n"),
        (OutputFormat.JSON, "[]\n"),
        (OutputFormat.GITHUB, ""),
    ],
    ids=lambda v: v.value if isinstance(v, OutputFormat) else "",
)
def test_empty_report(fmt: OutputFormat, expected: str) -> None:
    assert output(Report((), RULES), fmt) == expected
    clean = Report((FileResult("a.py", (), source="import keras\n"),), RULES)
    assert output(clean, fmt) == expected


def test_empty_report_is_valid_sarif() -> None:
    document = json.loads(output(Report((), RULES, tool_version="0.1.0"), OutputFormat.SARIF))
    _validate_sarif(document)
    assert document["runs"][0]["results"] == []
    assert [r["id"] for r in document["runs"][0]["tool"]["driver"]["rules"]] == ["TFV102", "TFV103", "TFV104"]


# ------------------------------------------------------------------------------------------- summary counts
def test_fix_mode_counts_fixed_and_remaining() -> None:
    fixed_source = SOURCE.replace("lstm.kernel", "lstm.cell.kernel")
    results = (
        FileResult(
            "model.py",
            (SHAPE,),
            source=SOURCE,
            fixed_source=fixed_source,
            applied_fixes=(RNN, RNN, DUPLICATE),
        ),
    )
    report = Report(results, RULES, fix_mode=True, unsafe_fixes=True)
    assert output(report, OutputFormat.CONCISE) == (
        "model.py:3:8: TFV102 a (3, 4) value cannot fit `kernel` (1, 16)\n"
        "Found 4 errors (3 fixed, 1 remaining).\n"
    )
    shown = output(
        Report(results, RULES, fix_mode=True, unsafe_fixes=True, show_fixes=True), OutputFormat.CONCISE
    )
    assert shown.endswith(
        "\n"
        "Fixed 3 errors:\n"
        "- model.py:\n"
        "    2 × TFV103 (rnn-weight-on-layer)\n"
        "    1 × TFV104 (duplicate-layer-name)\n"
        "\n"
        "Found 4 errors (3 fixed, 1 remaining).\n"
    )
    all_fixed = Report(
        (FileResult("model.py", (), source=SOURCE, applied_fixes=(RNN,)),), RULES, fix_mode=True
    )
    assert output(all_fixed, OutputFormat.FULL) == "Found 1 error (1 fixed, 0 remaining).\n"


def test_full_in_fix_mode_shows_the_fixed_source() -> None:
    fixed_source = SOURCE.replace("lstm.kernel", "lstm.cell.kernel")
    remaining = Diagnostic("TFV104", "duplicate-layer-name", "dup", span(5, 38, 5, 43))
    result = FileResult(
        "model.py", (remaining,), source=SOURCE, fixed_source=fixed_source, applied_fixes=(RNN,)
    )
    text = output(Report((result,), RULES, fix_mode=True), OutputFormat.FULL)
    assert "4 | kernel = lstm.cell.kernel\n" in text


@pytest.mark.parametrize(
    ("unsafe_fixes", "fixes", "expected"),
    [
        (
            False,
            [SAFE_FIX, UNSAFE_FIX, UNSAFE_FIX],
            "[*] 1 fixable with the --fix option (2 hidden fixes can be "
            "enabled with the --unsafe-fixes option).\n",
        ),
        (
            False,
            [UNSAFE_FIX],
            "No fixes available (1 hidden fix can be enabled with the --unsafe-fixes option).\n",
        ),
        (
            False,
            [UNSAFE_FIX, UNSAFE_FIX],
            "No fixes available (2 hidden fixes can be enabled with the --unsafe-fixes option).\n",
        ),
        (False, [SAFE_FIX, SAFE_FIX], "[*] 2 fixable with the --fix option.\n"),
        (True, [SAFE_FIX, UNSAFE_FIX], "[*] 2 fixable with the --fix option.\n"),
        (True, [None], ""),
    ],
    ids=["safe-and-hidden", "one-hidden", "two-hidden", "safe-only", "unsafe-enabled", "no-fix"],
)
def test_fixable_hint(unsafe_fixes: bool, fixes: list[Fix | None], expected: str) -> None:
    diagnostics = tuple(
        Diagnostic("TFV104", "duplicate-layer-name", "dup", span(5, 38 + i, 5, 39 + i), fix)
        for i, fix in enumerate(fixes)
    )
    report = Report((FileResult("model.py", diagnostics, source=SOURCE),), RULES, unsafe_fixes=unsafe_fixes)
    count = len(fixes)
    found = f"Found {count} error{'s' if count > 1 else ''}.\n"
    assert output(report, OutputFormat.CONCISE).endswith(found + expected)


# ------------------------------------------------------------------------------------------------ unicode
def test_unicode_source_lines_do_not_break_the_frame() -> None:
    source = "x = '日本語'; y = lstm.bias\n\tz = 'e\u0301'; w = lstm.kernel\x1b\n😀 = 1\n"
    diagnostics = (
        Diagnostic("TFV103", "rnn-weight-on-layer", "wide", span(1, 15, 1, 24)),
        Diagnostic("TFV103", "rnn-weight-on-layer", "tab, combining and a control", span(2, 14, 2, 25)),
        Diagnostic("TFV103", "rnn-weight-on-layer", "emoji", span(3, 0, 3, 1)),
        Diagnostic("TFV103", "rnn-weight-on-layer", "past the end", span(9, 3, 9, 8)),
        Diagnostic("TFV103", "rnn-weight-on-layer", "column past the line", span(3, 40, 3, 50)),
    )
    text = output(Report((FileResult("u.py", diagnostics, source=source),), RULES), OutputFormat.FULL)
    lines = text.splitlines()

    def frame(header: str) -> list[str]:
        start = lines.index(header) + 1
        return lines[start : lines.index("", start)]

    # Three wide characters take two cells each: the caret sits under `lstm.bias`.
    assert frame("u.py:1:16: TFV103 wide")[1:3] == [
        "1 | x = '日本語'; y = lstm.bias",
        "  |" + " " * (1 + 18) + "^" * 9 + " TFV103",
    ]
    # The tab expands to a stop of four, the combining accent takes no cell, ESC shows as a picture.
    assert frame("u.py:2:15: TFV103 tab, combining and a control")[2:4] == [
        "2 |     z = 'e\u0301'; w = lstm.kernel\u241b",
        "  |" + " " * (1 + 16) + "^" * 11 + " TFV103",
    ]
    assert frame("u.py:3:1: TFV103 emoji")[3:5] == ["3 | 😀 = 1", "  | ^^ TFV103"]
    assert frame("u.py:3:41: TFV103 column past the line")[3:5] == [
        "3 | 😀 = 1",
        "  |" + " " * (1 + 6) + "^ TFV103",
    ]
    assert "u.py:9:4: TFV103 past the end\n\n" in text
    for fmt in OutputFormat:
        output(Report((FileResult("u.py", diagnostics, source=source),), RULES, show_fixes=True), fmt)


def test_missing_or_empty_source_is_not_an_error() -> None:
    diagnostic = Diagnostic("TFV103", "rnn-weight-on-layer", "no source", span(2, 0, 2, 3), SAFE_FIX)
    for source in (None, "", "\n"):
        report = Report((FileResult("gone.py", (diagnostic,), source=source),), RULES, show_fixes=True)
        text = output(report, OutputFormat.FULL)
        assert text.startswith("gone.py:2:1: TFV103 [*] no source\n")


# --------------------------------------------------------------------------------------------------- json
JSON = [
    {
        "code": "TFV102",
        "name": "weight-shape-mismatch",
        "message": "a (3, 4) value cannot fit `kernel` (1, 16)",
        "severity": "error",
        "filename": "model.py",
        "location": {"row": 3, "column": 8},
        "end_location": {"row": 3, "column": 43},
        "fix": None,
        "url": "rules/TFV102.md",
        "noqa_row": 3,
    },
    {
        "code": "TFV103",
        "name": "rnn-weight-on-layer",
        "message": "`lstm.kernel` raises AttributeError; use `lstm.cell.kernel`",
        "severity": "error",
        "filename": "model.py",
        "location": {"row": 4, "column": 10},
        "end_location": {"row": 4, "column": 21},
        "fix": {
            "applicability": "safe",
            "message": "Insert `.cell`",
            "edits": [
                {
                    "content": ".cell",
                    "location": {"row": 4, "column": 14},
                    "end_location": {"row": 4, "column": 14},
                }
            ],
            "verify": "repairs",
            "renames": [],
        },
        "url": "rules/TFV103.md",
        "noqa_row": 4,
    },
    {
        "code": "TFV104",
        "name": "duplicate-layer-name",
        "message": "layer name 'rnn' is used twice in one model",
        "severity": "error",
        "filename": "model.py",
        "location": {"row": 5, "column": 39},
        "end_location": {"row": 5, "column": 44},
        "fix": {
            "applicability": "unsafe",
            "message": "Make the name unique",
            "edits": [
                {
                    "content": '"rnn_1"',
                    "location": {"row": 5, "column": 39},
                    "end_location": {"row": 5, "column": 44},
                }
            ],
            "verify": "equivalent",
            "renames": [],
        },
        "url": "rules/TFV104.md",
        "noqa_row": 5,
    },
    {
        "code": "TFV001",
        "name": "syntax-error",
        "message": "syntax error: '(' was never closed",
        "severity": "error",
        "filename": "pkg/broken.py",
        "location": {"row": 1, "column": 5},
        "end_location": {"row": 1, "column": 5},
        "fix": None,
        "url": None,
        "noqa_row": 1,
    },
]


def test_json() -> None:
    text = output(small_report(), OutputFormat.JSON)
    assert text == json.dumps(JSON, indent=2) + "\n"


def test_json_round_trip() -> None:
    report = small_report()
    items = json.loads(output(report, OutputFormat.JSON))

    def position(location: dict[str, int]) -> Position:
        return Position(location["row"], location["column"] - 1)

    rebuilt: list[Diagnostic] = []
    for item in items:
        fix = None
        if item["fix"] is not None:
            edits = tuple(
                Edit(Range(position(e["location"]), position(e["end_location"])), e["content"])
                for e in item["fix"]["edits"]
            )
            fix = Fix(
                item["fix"]["message"],
                FixSafety(item["fix"]["applicability"]),
                edits,
                VerifyCheck(item["fix"]["verify"]),
            )
        where = Range(position(item["location"]), position(item["end_location"]))
        rebuilt.append(Diagnostic(item["code"], item["name"], item["message"], where, fix))
    assert rebuilt == [SHAPE, RNN, DUPLICATE, SYNTAX]


def test_json_and_sarif_carry_verify_results() -> None:
    report = small_report(verified={("model.py", "TFV103", 4, 9): True, ("model.py", "TFV104", 5, 38): False})
    items = json.loads(output(report, OutputFormat.JSON))
    assert [item["fix"] and item["fix"].get("verified") for item in items] == [None, True, False, None]
    document = json.loads(output(report, OutputFormat.SARIF))
    _validate_sarif(document)
    fixes = [
        r.get("fixes", [{}])[0].get("properties", {}).get("verified") for r in document["runs"][0]["results"]
    ]
    assert fixes == [None, True, False, None]


# -------------------------------------------------------------------------------------------------- sarif
SCHEMA = Path(__file__).resolve().parent / "data" / SCHEMA_NAME  # vendored: see tests/data/README.md


def _sarif_validator() -> Any:
    """A validator for a SARIF log. The vendored copy keeps the log's schema in `definitions/Root` with nothing
    pointing at it, so the file as it stands accepts anything: validate against `#/definitions/Root`."""
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    if "type" not in schema and "Root" in schema.get("definitions", {}):
        schema = {**schema, "$ref": "#/definitions/Root"}  # draft-07: a $ref replaces its siblings
    checker = jsonschema.FormatChecker()
    assert "uri" in checker.checkers, "rfc3986-validator (the test extra) checks SARIF's uri format"
    return jsonschema.Draft7Validator(schema, format_checker=checker)


def _validate_sarif(document: dict[str, Any]) -> None:
    errors = sorted(_sarif_validator().iter_errors(document), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
    # GitHub code scanning and SARIF itself want absolute help and information URIs.
    driver = document["runs"][0]["tool"]["driver"]
    for uri in [r["helpUri"] for r in driver["rules"] if "helpUri" in r] + [
        driver.get("informationUri", "x:y")
    ]:
        assert ":" in uri.split("/")[0], uri


SARIF_RESULT_TFV103 = {
    "ruleId": "TFV103",
    "ruleIndex": 2,
    "level": "error",
    "message": {"text": "`lstm.kernel` raises AttributeError; use `lstm.cell.kernel`"},
    "locations": [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "model.py", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 4, "startColumn": 10, "endLine": 4, "endColumn": 21},
            }
        }
    ],
    "fixes": [
        {
            "description": {"text": "Insert `.cell`"},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": "model.py", "uriBaseId": "%SRCROOT%"},
                    "replacements": [
                        {
                            "deletedRegion": {
                                "startLine": 4,
                                "startColumn": 14,
                                "endLine": 4,
                                "endColumn": 14,
                            },
                            "insertedContent": {"text": ".cell"},
                        }
                    ],
                }
            ],
            "properties": {"safety": "safe", "verify": "repairs"},
        }
    ],
}


def test_sarif() -> None:
    document = json.loads(output(small_report(), OutputFormat.SARIF))
    _validate_sarif(document)
    assert document["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert document["version"] == "2.1.0"
    [run] = document["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("tfvarfix", "0.1.0")
    assert [r["id"] for r in driver["rules"]] == ["TFV001", "TFV102", "TFV103", "TFV104"]
    assert driver["rules"][2] == {
        "id": "TFV103",
        "name": "rnn-weight-on-layer",
        "shortDescription": {"text": "Finds weights read on an RNN layer."},
        "fullDescription": {"text": "Finds weights read on an RNN layer.\n\nMore."},
        "help": {
            "text": "Finds weights read on an RNN layer.\n\nMore.",
            "markdown": "Finds weights read on an RNN layer.\n\nMore.",
        },
        "defaultConfiguration": {"level": "error"},
        "properties": {"fix_availability": "sometimes", "fix_safety": "safe"},
    }
    results = run["results"]
    assert [(r["ruleId"], r["ruleIndex"]) for r in results] == [
        ("TFV102", 1),
        ("TFV103", 2),
        ("TFV104", 3),
        ("TFV001", 0),
    ]
    assert all(driver["rules"][r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    assert results[1] == SARIF_RESULT_TFV103
    assert "fixes" not in results[0]
    assert results[3]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "pkg/broken.py"


def test_sarif_uris_and_help_uris(tmp_path: Path) -> None:
    outside = tmp_path.parent / "else where" / "m.py"
    diagnostic = Diagnostic("TFV102", "weight-shape-mismatch", "x", span(1, 0, 1, 1))
    rules = dict(RULES)
    rules["TFV102"] = RuleInfo(
        "TFV102", "weight-shape-mismatch", "s", "never", "unsafe", "https://example.org/rules/TFV102.md", "f"
    )
    report = Report(
        (FileResult(str(outside), (diagnostic,)), FileResult("sub dir/ü.py", (diagnostic,))),
        rules,
        information_uri="https://example.org/tfvarfix",
    )
    document = json.loads(output(report, OutputFormat.SARIF))
    _validate_sarif(document)
    run = document["runs"][0]
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    assert locations == [
        {"uri": outside.resolve().as_uri()},
        {"uri": "sub%20dir/%C3%BC.py", "uriBaseId": "%SRCROOT%"},
    ]
    driver = run["tool"]["driver"]
    assert driver["informationUri"] == "https://example.org/tfvarfix"
    assert driver["rules"][0]["helpUri"] == "https://example.org/rules/TFV102.md"
    assert "helpUri" not in driver["rules"][1]  # relative: SARIF wants an absolute URI


def test_the_sarif_schema_rejects_what_breaks_it() -> None:
    """The validation bites: each broken copy of a real document is rejected, for the reason broken."""
    document = json.loads(output(small_report(), OutputFormat.SARIF))
    validator = _sarif_validator()
    assert not list(validator.iter_errors(document))
    broken: list[dict[str, Any]] = []
    for mutate in (
        lambda d: d.pop("runs"),
        lambda d: d.update(version="2.0.0"),
        lambda d: d["runs"][0]["results"][0].update(level="fatal"),
        lambda d: d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"].update(
            startLine=0
        ),
        lambda d: d["runs"][0]["tool"]["driver"].pop("name"),
        lambda d: d["runs"][0]["tool"]["driver"]["rules"][0].update(helpUri=5),
        lambda d: d["runs"][0]["tool"]["driver"]["rules"][0].update(helpUri="rules/TFV001.md"),  # relative
        lambda d: d["runs"][0]["tool"]["driver"].update(informationUri="not a uri"),
        lambda d: d.update(unknown=1),
    ):
        copy = json.loads(json.dumps(document))
        mutate(copy)
        broken.append(copy)
    assert [len(list(validator.iter_errors(copy))) > 0 for copy in broken] == [True] * len(broken)


# ------------------------------------------------------------------------------------------------- github
def test_github() -> None:
    assert output(small_report(), OutputFormat.GITHUB) == (
        "::error title=tfvarfix (TFV102),file=model.py,line=3,col=8,endLine=3,endColumn=43"
        "::TFV102 a (3, 4) value cannot fit `kernel` (1, 16)\n"
        "::error title=tfvarfix (TFV103),file=model.py,line=4,col=10,endLine=4,endColumn=21"
        "::TFV103 `lstm.kernel` raises AttributeError; use `lstm.cell.kernel`\n"
        "::error title=tfvarfix (TFV104),file=model.py,line=5,col=39,endLine=5,endColumn=44"
        "::TFV104 layer name 'rnn' is used twice in one model\n"
        "::error title=tfvarfix (TFV001),file=pkg/broken.py,line=1,col=5,endLine=1,endColumn=5"
        "::TFV001 syntax error: '(' was never closed\n"
    )


def test_github_escaping() -> None:
    assert escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert escape_property("a:b,c%d\ne\r") == "a%3Ab%2Cc%25d%0Ae%0D"
    diagnostic = Diagnostic("TFV104", "duplicate-layer-name", "50% of 'a,b':\nsecond line", span(1, 0, 1, 1))
    report = Report((FileResult("we,ird:name%.py", (diagnostic,)),), RULES)
    assert output(report, OutputFormat.GITHUB) == (
        "::error title=tfvarfix (TFV104),file=we%2Cird%3Aname%25.py,line=1,col=1,endLine=1,endColumn=2"
        "::TFV104 50%25 of 'a,b':%0Asecond line\n"
    )


# ------------------------------------------------------------------------------------------------ severity
HAZARD = Diagnostic(
    "TFV104",
    "duplicate-layer-name",
    "layer name 'rnn' is used twice in one subclassed model",
    span(5, 38, 5, 43),
    None,
    Severity.WARNING,
)


def test_a_warning_says_so_in_every_format() -> None:
    rules = dict(RULES)
    rules["TFV104"] = RuleInfo(*dataclasses.astuple(RULES["TFV104"])[:-1], "warning")  # type: ignore[arg-type]
    report = Report((FileResult("model.py", (RNN, HAZARD), source=SOURCE),), rules, quiet=True)
    assert output(report, OutputFormat.CONCISE) == (
        "model.py:4:10: TFV103 [*] `lstm.kernel` raises AttributeError; use `lstm.cell.kernel`\n"
        "model.py:5:39: TFV104 warning: layer name 'rnn' is used twice in one subclassed model\n"
    )
    assert "\x1b[33;1mTFV104\x1b[0m \x1b[33mwarning:\x1b[0m layer" in output(
        report, OutputFormat.CONCISE, True
    )
    assert "\x1b[31;1mTFV103" in output(report, OutputFormat.CONCISE, True)
    full = output(report, OutputFormat.FULL)
    assert "model.py:5:39: TFV104 warning: layer name 'rnn' is used twice in one subclassed model\n" in full
    assert [i["severity"] for i in json.loads(output(report, OutputFormat.JSON))] == ["error", "warning"]
    document = json.loads(output(report, OutputFormat.SARIF))
    _validate_sarif(document)
    [run] = document["runs"]
    assert [r["level"] for r in run["results"]] == ["error", "warning"]
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in run["tool"]["driver"]["rules"]}
    assert levels == {"TFV102": "error", "TFV103": "error", "TFV104": "warning"}
    assert [line.split(" ")[0] for line in output(report, OutputFormat.GITHUB).splitlines()] == [
        "::error",
        "::warning",
    ]


def test_sarif_help_is_the_rule_page() -> None:
    from tfvarfix.rule import registry

    rules = {code: rule_info(rule) for code, rule in registry().rules.items()}
    report = Report((FileResult("model.py", (RNN,), source=SOURCE),), rules, tool_version="0.1.0")
    document = json.loads(output(report, OutputFormat.SARIF))
    _validate_sarif(document)
    by_id = {r["id"]: r for r in document["runs"][0]["tool"]["driver"]["rules"]}
    assert set(by_id) == set(registry().rules)
    tfv103 = by_id["TFV103"]
    page = (Path(__file__).resolve().parents[1] / "rules" / "TFV103.md").read_text(encoding="utf-8")
    assert tfv103["help"]["markdown"] == page
    assert tfv103["help"]["text"].startswith("# TFV103: rnn-weight-on-layer\n")
    assert "<!--" not in tfv103["help"]["text"] and "## Why is this bad?" in tfv103["help"]["text"]
    assert tfv103["helpUri"].startswith("file:///") and tfv103["helpUri"].endswith("/TFV103.md")


def test_the_wheel_ships_the_rule_pages() -> None:
    import fnmatch

    from tfvarfix.catalog import PAGES_DIR
    from tfvarfix.config import tomllib  # tomllib, or tomli before Python 3.11

    root = Path(__file__).resolve().parents[1]
    setup = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    globs = setup["package-data"]["tfvarfix"]
    pages = sorted(p.relative_to(PAGES_DIR.parent).as_posix() for p in PAGES_DIR.glob("*.md"))
    assert len(pages) == len(list((root / "rules").glob("*.md")))
    assert all(any(fnmatch.fnmatch(page, pattern) for pattern in globs) for page in pages)


def test_docs_url_from_project_urls() -> None:
    from tfvarfix.catalog import docs_url_from, page_uri

    assert docs_url_from([]) is None
    assert docs_url_from(["Homepage, https://example.org", "Source, https://example.org/src"]) is None
    base = docs_url_from(["Homepage, https://example.org", "Rules, https://example.org/tfvarfix/rules/"])
    assert base == "https://example.org/tfvarfix/rules"
    assert docs_url_from(["rules , https://example.org/r"]) == "https://example.org/r"  # label: any case
    assert page_uri("TFV103", base) == "https://example.org/tfvarfix/rules/TFV103.md"
    assert page_uri("TFV103").endswith("/rule_pages/TFV103.md")
    assert page_uri("TFV001") == ""  # a code about files has no page


# --------------------------------------------------------------------------------------------- statistics
def test_statistics() -> None:
    extra = FileResult("more.py", (DUPLICATE, DUPLICATE, RNN), source=SOURCE)
    report = Report((*small_report().results, extra), RULES, statistics=True)
    assert output(report, OutputFormat.CONCISE) == (
        "3\tTFV104\t[ ] duplicate-layer-name\n"
        "2\tTFV103\t[*] rnn-weight-on-layer\n"
        "1\tTFV001\t[ ] syntax-error\n"
        "1\tTFV102\t[ ] weight-shape-mismatch\n"
        "Found 7 errors.\n"
        "[*] 2 fixable with the --fix option"
        " (3 hidden fixes can be enabled with the --unsafe-fixes option).\n"
    )
    assert output(report, OutputFormat.FULL) == output(report, OutputFormat.CONCISE)
    assert json.loads(output(report, OutputFormat.JSON)) == [
        {"code": "TFV104", "name": "duplicate-layer-name", "count": 3, "fixable": False},
        {"code": "TFV103", "name": "rnn-weight-on-layer", "count": 2, "fixable": True},
        {"code": "TFV001", "name": "syntax-error", "count": 1, "fixable": False},
        {"code": "TFV102", "name": "weight-shape-mismatch", "count": 1, "fixable": False},
    ]
    for fmt in (OutputFormat.SARIF, OutputFormat.GITHUB):
        with pytest.raises(UnsupportedOutputError):
            output(report, fmt)


def test_statistics_without_fixes_has_no_marker_column() -> None:
    report = Report((FileResult("m.py", (SHAPE, SHAPE), source=SOURCE),), RULES, statistics=True)
    assert output(report, OutputFormat.CONCISE) == "2\tTFV102\tweight-shape-mismatch\nFound 2 errors.\n"
    assert output(Report((), RULES, statistics=True), OutputFormat.CONCISE) == "All checks passed!\n"


# ------------------------------------------------------------------------------------------------- paths
def test_display_path(tmp_path: Path) -> None:
    assert display_path(str(tmp_path / "a" / "b.py"), tmp_path) == str(Path("a", "b.py"))
    assert display_path("./a/b.py", tmp_path) == str(Path("a", "b.py"))
    outside = str(tmp_path.parent / "other.py")
    assert display_path(outside, tmp_path) == outside
    assert display_path("../x.py", tmp_path) == "../x.py"
    assert display_path("-", tmp_path) == "-"


# ----------------------------------------------------------------------------------------------- rule info
class _DocumentedRule:
    """
    ## What it does
    Finds the first thing,
    over two lines.

    And a second paragraph.

    ## Why is this bad?
    Because.

    ## Example
    ```python
    x = 1
    ```
    """

    CODE = "TFV999"
    NAME = "documented-rule"
    MESSAGE = "msg"
    FIX_AVAILABILITY = type("A", (), {"value": "sometimes"})()
    FIX_SAFETY = FixSafety.SAFE


def test_rule_info_from_a_rule_class() -> None:
    built = rule_info(_DocumentedRule)
    assert built.code == "TFV999"
    assert built.name == "documented-rule"
    assert built.summary == "Finds the first thing, over two lines."
    assert built.fix_availability == "sometimes"
    assert built.fix_safety == "safe"
    assert built.help_uri == ""  # no page for a code no rule has
    assert built.severity == "error"
    assert (
        built.full_description
        == "Finds the first thing,\nover two lines.\n\nAnd a second paragraph.\n\nBecause."
    )
    assert built.help_markdown.startswith("## What it does\nFinds the first thing,")
    assert "## Example\n```python\nx = 1\n```" in built.help_markdown
    assert rule_info(_DocumentedRule, "https://example.org/tfvarfix/rules/").help_uri == (
        "https://example.org/tfvarfix/rules/TFV999.md"
    )


def test_rule_info_for_every_registered_rule() -> None:
    from tfvarfix.rule import registry

    for code, rule in registry().rules.items():
        built = rule_info(rule)
        assert built.code == code
        assert built.summary and built.full_description
        assert built.fix_availability in {"never", "sometimes", "always"}
        assert built.fix_safety in {"safe", "unsafe"}
        assert built.severity == rule.SEVERITY.value
        # The page ships with the package: an absolute file URI to a page that exists, and its whole text.
        assert built.help_uri.startswith("file:///") and built.help_uri.endswith(f"/rule_pages/{code}.md")
        page = Path(url2pathname(urlparse(built.help_uri).path))
        assert page.is_file() and built.help_markdown == page.read_text(encoding="utf-8")
        assert built.help_markdown.startswith(f"# {code}: {rule.NAME}\n")


# ---------------------------------------------------------------------------------------------- start-up
def test_output_imports_nothing_heavy() -> None:
    code = (
        "import io, sys\n"
        "from tfvarfix.output import OutputFormat, Report, render\n"
        "from tfvarfix.types import FileResult\n"
        "for fmt in OutputFormat:\n"
        "    render(Report((FileResult('a.py', ()),)), fmt, io.StringIO(), True)\n"
        "print(sorted(m for m in ('rich', 'libcst', 'jsonschema', 'tfvarfix.rule') if m in sys.modules))\n"
    )
    root = Path(__file__).resolve().parents[1]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")])),
    }
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.strip() == "[]"


def _strip_ansi(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def test_a_fix_that_renames_says_so_in_json_and_sarif() -> None:
    from tests.fixtures import TESTDATA
    from tfvarfix import api

    path = TESTDATA / "TFV301" / "bad.py"
    result = api.check_source(path.read_text(encoding="utf-8"), str(path), frozenset({"TFV301"}))
    report = Report(results=(result,))
    out = io.StringIO()
    render(report, OutputFormat.JSON, out, color=False)
    renames = [item["fix"]["renames"] for item in json.loads(out.getvalue()) if item["fix"]]
    assert renames and all(r and r[0]["kind"] == "variable_scope" for r in renames)
    assert {"kind": "variable_scope", "old": "rnn/lstm_cell", "new": "rnn_1/lstm_cell"} in renames[0]
    out = io.StringIO()
    render(report, OutputFormat.SARIF, out, color=False)
    fixes = [f for r in json.loads(out.getvalue())["runs"][0]["results"] for f in r.get("fixes", [])]
    assert fixes and all(f["properties"]["renames"] for f in fixes)
