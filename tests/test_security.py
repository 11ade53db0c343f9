"""Linting never imports or executes the code it reads, never imports TensorFlow/Keras, never starts a process,
and configuration values are data: nothing in a pyproject.toml gets evaluated, imported or run."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

# Code that leaves a marker file however it is run: executed, imported as a module, or imported as a package.
PAYLOAD = textwrap.dedent(
    """
    import pathlib
    pathlib.Path({marker!r}).write_text("executed")
    import tensorflow as tf
    lstm = tf.keras.layers.LSTM(4)
    lstm.build((None, 3, 5))
    k = lstm.kernel
    """
)

# Runs the real CLI in-process under audit hooks: any import of the checked code or of TF/Keras, any process
# started, any exec/compile of a file's text shows up in the report.
PROBE = textwrap.dedent(
    """
    import json, sys
    events = []
    import os
    HERE = os.getcwd()
    WATCHED = ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork")

    def hook(event, args):
        user_code = event == "exec" and getattr(args[0], "co_filename", "").startswith(HERE)
        user_import = event == "import" and str(args[0]).split(".")[0] in ("payload", "pkg", "conftest", "setup")
        if event.startswith(WATCHED) or user_code or user_import:
            events.append([event, repr(args)[:200]])

    sys.addaudithook(hook)
    from tfvarfix.cli import main
    code = 0
    try:
        main(sys.argv[1:])
    except SystemExit as exit:
        code = exit.code
    heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("tensorflow", "keras", "tf_keras", "payload", "pkg"))
    print(json.dumps({"code": code, "events": events, "modules": heavy}), file=sys.stderr)
    """
)


def probe(tmp_path: Path, *args: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "check", "--output-format", "json", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    report: dict[str, object] = json.loads(result.stderr.strip().splitlines()[-1])
    report["stdout"] = result.stdout
    return report


def plant(tmp_path: Path) -> Path:
    marker = tmp_path / "EXECUTED"
    (tmp_path / "payload.py").write_text(PAYLOAD.format(marker=str(marker)))
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text(PAYLOAD.format(marker=str(marker)))
    (tmp_path / "conftest.py").write_text(PAYLOAD.format(marker=str(marker)))
    (tmp_path / "setup.py").write_text(PAYLOAD.format(marker=str(marker)))
    return marker


def test_check_and_fix_never_run_or_import_the_code_they_read(tmp_path: Path) -> None:
    marker = plant(tmp_path)
    for args in (("-j1", "."), ("-j1", "--diff", "."), ("-j2", "."), ("-j1", "--fix", "--unsafe-fixes", ".")):
        report = probe(tmp_path, *args)
        assert report["code"] == (0 if "--fix" in args else 1), report  # the files were read and fixed
        assert report["stdout"]
        assert report["modules"] == [], report["modules"]  # no tensorflow, keras, tf_keras, payload, pkg
        # With a pool, the only process made is a fork of tfvarfix itself (a worker): never exec, never spawn.
        events = [e for e in report["events"] if not (args[0] == "-j2" and e[0] == "os.fork")]  # type: ignore[union-attr]
        assert events == [], events
        assert not marker.exists()
    assert "lstm.cell.kernel" in (tmp_path / "payload.py").read_text()  # --fix did its work on the text


def test_configuration_values_are_never_evaluated(tmp_path: Path) -> None:
    marker = tmp_path / "EXECUTED"
    payload = f"__import__('pathlib').Path({str(marker)!r}).write_text('x')"
    (tmp_path / "pyproject.toml").write_text(
        textwrap.dedent(
            f"""
            [tool.tfvarfix]
            select = [{json.dumps(payload)}]
            extend-exclude = [{json.dumps(payload)}, "$(touch {marker})", "`touch {marker}`"]
            per-file-ignores = {{ {json.dumps(payload)} = ["TFV1"] }}
            """
        )
    )
    (tmp_path / "m.py").write_text(PAYLOAD.format(marker=str(marker)))
    report = probe(tmp_path, "-j1", "m.py")
    assert report["code"] == 2  # an unknown code in select: a configuration error, not an evaluation
    assert report["events"] == [] and report["modules"] == []
    assert not marker.exists()
    (tmp_path / "pyproject.toml").write_text(
        textwrap.dedent(
            f"""
            [tool.tfvarfix]
            extend-exclude = [{json.dumps(payload)}, "$(touch {marker})"]
            per-file-ignores = {{ {json.dumps(payload)} = ["TFV1"] }}
            unsafe-fixes = false
            """
        )
    )
    report = probe(tmp_path, "--fix", "-j1", "m.py")
    assert report["code"] == 0 and report["events"] == [] and report["modules"] == []  # fixed: none left
    assert not marker.exists() and "lstm.cell.kernel" in (tmp_path / "m.py").read_text()
