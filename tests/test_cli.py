"""The command line as a user meets it: ruff's conventions, exit codes, formats, config, stdin."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

import pytest

from tfvarfix.cli import main

BUGGY = "import tensorflow as tf\nlstm = tf.keras.layers.LSTM(4)\nlstm.build((None, 3, 5))\nk = lstm.kernel\n"
FIXED = BUGGY.replace("lstm.kernel", "lstm.cell.kernel")
DUPLICATE = (
    "import keras\n"
    "m = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, name='d'), keras.layers.Dense(2, name='d')])\n"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    captured = capsys.readouterr()
    code = exit_info.value.code
    return (code if isinstance(code, int) else 0), captured.out, captured.err


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "model.py").write_text(BUGGY)
    (tmp_path / "dup.py").write_text(DUPLICATE)
    (tmp_path / "clean.py").write_text(FIXED)
    return tmp_path


def test_check_is_the_default_command(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--output-format", "concise", ".")
    code2, out2, _ = run(capsys, "check", "--output-format", "concise", ".")
    assert code == code2 == 1 and out == out2
    assert "model.py:4:5: TFV103 [*]" in out and "dup.py:2:" in out and "TFV104" in out


def test_no_paths_means_the_current_folder(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--output-format", "concise")
    assert code == 1 and "model.py" in out


def test_clean_exit_zero(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "clean.py")
    assert code == 0 and "All checks passed!" in out


def test_fix_writes_safe_fixes_only(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--fix", ".")
    assert (project / "model.py").read_text() == FIXED
    assert (project / "dup.py").read_text() == DUPLICATE  # TFV104's fix is unsafe
    assert code == 1 and "1 remaining" in out


def test_unsafe_fixes_flag(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, "--fix", "--unsafe-fixes", ".")
    assert code == 0
    assert "name='d_1'" in (project / "dup.py").read_text()


def test_unsafe_fixes_from_config(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text("[tool.tfvarfix]\nunsafe-fixes = true\n")
    code, _, _ = run(capsys, "--fix", ".")
    assert code == 0 and "name='d_1'" in (project / "dup.py").read_text()
    (project / "dup.py").write_text(DUPLICATE)
    code, _, _ = run(capsys, "--fix", "--no-unsafe-fixes", ".")
    assert code == 1 and (project / "dup.py").read_text() == DUPLICATE


def test_diff_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--diff", ".")
    assert code == 1
    assert "-k = lstm.kernel\n+k = lstm.cell.kernel" in out
    assert (project / "model.py").read_text() == BUGGY


@pytest.mark.parametrize(
    "args, codes",
    [
        (["--select", "TFV103"], {"TFV103"}),
        (["--select", "TFV1", "--ignore", "TFV103"], {"TFV104"}),
        (["--select", "TFV2", "--extend-select", "TFV104"], {"TFV104"}),
        (["--ignore", "TFV104,TFV103"], set()),
    ],
)
def test_selection(
    project: Path, capsys: pytest.CaptureFixture[str], args: list[str], codes: set[str]
) -> None:
    _, out, _ = run(capsys, "--output-format", "json", *args, ".")
    assert {item["code"] for item in json.loads(out)} == codes


def test_config_selects_and_flags_override(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text('[tool.tfvarfix]\nignore = ["TFV103"]\n')
    _, out, _ = run(capsys, "--output-format", "json", ".")
    assert {item["code"] for item in json.loads(out)} == {"TFV104"}
    _, out, _ = run(capsys, "--output-format", "json", "--extend-select", "TFV103", ".")
    assert {item["code"] for item in json.loads(out)} == {"TFV103", "TFV104"}


def test_per_file_ignores(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text('[tool.tfvarfix]\nper-file-ignores = { "dup.py" = ["TFV104"] }\n')
    _, out, _ = run(capsys, "--output-format", "json", ".")
    assert {(Path(i["filename"]).name, i["code"]) for i in json.loads(out)} == {("model.py", "TFV103")}


@pytest.mark.parametrize(
    "config, named",
    [
        ('[tool.tfvarfix]\nselct = ["TFV1"]\n', "selct"),
        ('[tool.tfvarfix]\nselect = "TFV1"\n', "select"),
        ('[tool.tfvarfix]\nignore = ["XYZ1"]\n', "XYZ1"),
        ("[tool.tfvarfix]\nunsafe-fixes = 3\n", "unsafe-fixes"),
    ],
)
def test_bad_config_is_exit_2_naming_the_key(
    project: Path, capsys: pytest.CaptureFixture[str], config: str, named: str
) -> None:
    (project / "pyproject.toml").write_text(config)
    code, out, err = run(capsys, ".")
    assert code == 2 and named in err and "Traceback" not in out + err


def test_unknown_code_on_the_command_line_is_exit_2(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--select", "TFV999", ".")
    assert code == 2 and "TFV999" in err


def test_usage_error_is_exit_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, "--no-such-option", ".")
    assert code == 2


def test_exit_zero(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, "--exit-zero", ".")
    assert code == 0


def test_quiet_prints_findings_only(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--quiet", "--output-format", "concise", ".")
    assert "Found" not in out and out.count("TFV10") == 2


def test_statistics(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--statistics", ".")
    assert "TFV103" in out and "rnn-weight-on-layer" in out


def test_github_and_sarif(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--output-format", "github", "model.py")
    assert out.startswith("::error title=tfvarfix (TFV103),file=model.py,line=4,col=5,")
    _, out, _ = run(capsys, "--output-format", "sarif", ".")
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} == {"TFV103", "TFV104"}


def test_unknown_output_format_is_exit_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--output-format", "xml", ".")
    assert code == 2 and "xml" in err


def test_stdin(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BUGGY.encode())))
    code, out, _ = run(capsys, "--output-format", "concise", "--stdin-filename", "editor.py", "-")
    assert code == 1 and out.startswith("editor.py:4:5: TFV103")


def test_stdin_fix_prints_the_fixed_source(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BUGGY.encode())))
    code, out, err = run(capsys, "--fix", "--stdin-filename", "editor.py")
    assert out == FIXED and code == 0 and "1 fixed, 0 remaining" in err


def test_show_fixes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--fix", "--show-fixes", "model.py")
    assert "Fixed 1 error" in out and "TFV103" in out


def test_rule_and_rules(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rule", "tfv103")
    assert code == 0 and out.startswith("# TFV103: rnn-weight-on-layer") and "```diff" in out
    code, out, _ = run(capsys, "rules")
    assert code == 0 and out.count("\n") >= 15 and "TFV101" in out
    code, out, _ = run(capsys, "rules", "--output-format", "json")
    assert {"TFV103", "TFV402"} <= {rule["code"] for rule in json.loads(out)}
    code, _, err = run(capsys, "rule", "TFV999")
    assert code == 2 and "TFV999" in err


def test_rule_by_name_as_ruff_accepts_it(capsys: pytest.CaptureFixture[str]) -> None:
    from tfvarfix.rule import registry

    for rule_code, rule in registry().rules.items():
        by_code = run(capsys, "rule", rule_code)
        assert by_code[0] == 0 and by_code[1].startswith(f"# {rule_code}: {rule.NAME}\n")
        assert run(capsys, "rule", rule.NAME) == by_code
        assert run(capsys, "rule", rule.NAME.replace("-", "_").upper()) == by_code
    code, _, err = run(capsys, "rule", "detached-layer")
    assert code == 2 and "unknown rule 'detached-layer'" in err
    code, out, _ = run(capsys, "rule", "TFV002")  # a code about files: no rule class, still a page
    assert code == 0 and out.startswith("# TFV002: unreadable-file\n")
    code, _, err = run(capsys, "rule")
    assert code == 2 and "--all" in err


def test_rule_all_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    from tfvarfix.rule import registry

    codes = sorted(registry().rules)
    code, out, _ = run(capsys, "rule", "--all")
    assert code == 0 and [line[2:8] for line in out.splitlines() if line.startswith("# TFV")] == codes
    code, out, _ = run(capsys, "rule", "duplicate-layer-name", "--output-format", "json")
    entry = json.loads(out)
    assert code == 0 and (entry["code"], entry["severity"]) == ("TFV104", "error")
    assert entry["explanation"] == run(capsys, "rule", "TFV104")[1]
    assert entry["url"].startswith("file:///") and entry["url"].endswith("/rule_pages/TFV104.md")
    page = Path(url2pathname(urlparse(entry["url"]).path))
    assert page.read_text(encoding="utf-8") == entry["explanation"]  # the packaged page is current
    code, _, err = run(capsys, "rule", "TFV104", "--output-format", "yaml")
    assert code == 2 and "yaml" in err


@pytest.mark.parametrize("columns", [40, 72, 160])
def test_rules_wraps_whole_summaries_to_the_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    from tfvarfix.docs import summary
    from tfvarfix.rule import registry

    monkeypatch.setenv("COLUMNS", str(columns))
    code, out, _ = run(capsys, "rules")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Marks: [*]") and any(line.startswith("Severity: (error)") for line in lines)
    # Every wrapped line fits (a single token longer than the width, a long path in backticks, may not; a
    # rule's header line is not wrapped).
    wrapped = [line for line in lines if not line.startswith("TFV")]
    assert all(len(line) <= columns or " " not in line.strip() for line in wrapped), out
    blocks = out.split("\n\n")[1:]
    assert len(blocks) == len(registry().rules)
    for block, (rule_code, rule) in zip(blocks, sorted(registry().rules.items()), strict=True):
        head, *body = block.splitlines()
        mark = (
            "[ ]"
            if rule.FIX_AVAILABILITY.value == "never"
            else ("[*]" if rule.FIX_SAFETY.value == "safe" else "[!]")
        )
        assert head == f"{rule_code} {mark} {rule.NAME} ({rule.SEVERITY.value})"
        assert " ".join(line.strip() for line in body) == summary(rule)  # whole, never cut
        assert all(line.startswith("    ") for line in body)


def test_rules_json_and_bad_format(capsys: pytest.CaptureFixture[str]) -> None:
    from tfvarfix.rule import registry

    code, out, _ = run(capsys, "rules", "--output-format", "json")
    catalog = json.loads(out)
    assert code == 0 and [entry["code"] for entry in catalog] == sorted(registry().rules)
    assert all(entry["severity"] in {"error", "warning"} and entry["url"] for entry in catalog)
    assert all("explanation" not in entry for entry in catalog)
    code, _, err = run(capsys, "rules", "--output-format", "xml")
    assert code == 2 and "xml" in err


def test_json_url_is_the_packaged_page(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--output-format", "json", "model.py")
    [item] = json.loads(out)
    assert code == 1 and item["code"] == "TFV103" and item["severity"] == "error"
    page = Path(url2pathname(urlparse(item["url"]).path))
    assert page.is_file() and page.read_text(encoding="utf-8").startswith("# TFV103: rnn-weight-on-layer\n")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("tfvarfix ")


def test_missing_path_is_reported_and_the_run_goes_on(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--output-format", "concise", "nope.py", "model.py")
    assert code == 1 and "nope.py" in out + err and "TFV103" in out and "Traceback" not in out + err


def test_console_script_runs_without_tensorflow_imports(project: Path) -> None:
    probe = (
        "import sys; from tfvarfix.cli import main\n"
        "try:\n    main(['model.py'])\nexcept SystemExit:\n    pass\n"
        "heavy = sorted(m for m in ('tensorflow', 'keras', 'tf_keras', 'torch', 'jax') if m in sys.modules)\n"
        "print('HEAVY', heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=project)
    assert "HEAVY []" in result.stdout, result.stdout + result.stderr


@pytest.mark.parametrize("output_format", ["concise", "full"])
def test_a_reader_that_goes_away_ends_the_run_quietly(tmp_path: Path, output_format: str) -> None:
    """`tfvarfix check src | head -1`: once the reader closes the pipe, the run stops without a message (it
    printed `internal error: BrokenPipeError`), in the quick path and in the full command line (`full`)."""
    for i in range(60):  # far more output than a pipe's buffer holds, so a write fails once the reader is gone
        (tmp_path / f"m{i}.py").write_text(
            "import keras\n\nlstm = keras.layers.LSTM(4)\nprint(lstm.kernel)\n" * 12, encoding="utf-8"
        )
    command = [
        sys.executable,
        "-m",
        "tfvarfix",
        "check",
        str(tmp_path),
        "--no-cache",
        "--output-format",
        output_format,
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()  # the reader goes away after one line
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 1
    assert stderr == ""
