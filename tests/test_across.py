"""Fixes that span files: a finding in `main.py` whose fix belongs in the module it imports (tfvarfix/across.py).

The project is testdata/projects/keras_frcnn_siamese_base_built_per_input: `main.py` calls `nn.nn_base(x)` once
per input of one model and `nn.py` names the helper's layers, so Keras raises on the duplicate names. The fix
gives `nn_base` a `name_prefix` (in `nn.py`) and each call its own (in `main.py`). These tests check that the
edits carry their file, that `--fix` writes both files (and under real TensorFlow the rewritten program builds),
that `--diff` shows both and writes nothing, that a file not given to the run is never written, what json, sarif,
the full output and the editor say of such a fix, and that the two files are written whole or not at all.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lsprotocol import types

from tests.realworld.corpus import run_case
from tests.test_lsp import actions, apply, start, stop
from tests.test_output import _validate_sarif
from tfvarfix.fixes import WriteConflict, write_together

PROJECT = (
    Path(__file__).resolve().parent.parent
    / "testdata"
    / "projects"
    / "keras_frcnn_siamese_base_built_per_input"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "frcnn"
    shutil.copytree(PROJECT, root)
    return root


def _tfvarfix(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tfvarfix", "check", "--no-cache", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


def _texts(root: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(root.glob("*.py"))}


def test_the_fix_carries_the_other_files_edits(project: Path) -> None:
    proc = _tfvarfix(project, ".", "--output-format", "json")
    items = json.loads(proc.stdout)
    assert {i["code"] for i in items} == {"TFV104"} and len(items) == 3  # conv1, bn_conv1, pool1
    fix = items[0]["fix"]
    assert fix["applicability"] == "unsafe"
    assert "`name_prefix`" in fix["message"] and "conv1" in fix["message"]
    in_nn = [e for e in fix["edits"] if e.get("filename") == "nn.py"]
    in_main = [e for e in fix["edits"] if "filename" not in e]
    assert {e["content"] for e in in_nn} >= {'f"{name_prefix}conv1"', 'f"{name_prefix}pool1"'}
    assert any("name_prefix=" in e["content"] and e["location"]["row"] == 13 for e in in_nn)  # the parameter
    assert [e["location"]["row"] for e in in_main] == [30, 31]  # each call passes its own prefix
    assert {r["old"] for r in fix["renames"]} == {"conv1", "bn_conv1", "pool1"}


def test_fix_writes_both_files_and_converges(project: Path) -> None:
    before = _texts(project)
    proc = _tfvarfix(project, ".", "--fix", "--unsafe-fixes")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    after = _texts(project)
    assert 'def nn_base(input_tensor, trainable=False, name_prefix=""):' in after["nn.py"]
    assert 'name=f"{name_prefix}bn_conv1"' in after["nn.py"]
    assert 'nn.nn_base(img_input_a, trainable=True, name_prefix="shared_layers_a_")' in after["main.py"]
    assert 'nn.nn_base(img_input_b, trainable=True, name_prefix="shared_layers_b_")' in after["main.py"]
    assert after["nn.py"].replace('f"{name_prefix}', '"').replace(', name_prefix=""', "") == before["nn.py"]
    again = _tfvarfix(project, ".", "--fix", "--unsafe-fixes")  # idempotent: nothing left, nothing rewritten
    assert again.returncode == 0 and _texts(project) == after
    assert not list(project.glob(".*.tfvarfix"))  # no temporary file left beside either


def test_safe_only_fix_leaves_an_unsafe_cross_file_fix(project: Path) -> None:
    before = _texts(project)
    proc = _tfvarfix(project, ".", "--fix")
    assert proc.returncode == 1
    assert _texts(project) == before


def test_a_file_not_given_is_read_but_never_written(project: Path) -> None:
    """pre-commit hands over the changed files: `main.py` alone is checked with `nn.py` in view, and a fix that
    would have to edit `nn.py` is not applied (half of it would break `main.py`: `name_prefix` unknown)."""
    before = _texts(project)
    proc = _tfvarfix(project, "main.py", "--fix", "--unsafe-fixes")
    assert proc.returncode == 1  # the findings remain
    assert "TFV104" in proc.stdout
    assert _texts(project) == before


def test_diff_shows_both_files_and_writes_nothing(project: Path) -> None:
    before = _texts(project)
    proc = _tfvarfix(project, ".", "--diff", "--unsafe-fixes")
    assert _texts(project) == before
    assert "--- nn.py" in proc.stdout and "--- main.py" in proc.stdout
    assert '+def nn_base(input_tensor, trainable=False, name_prefix=""):' in proc.stdout
    assert (
        '+shared_layers_b = nn.nn_base(img_input_b, trainable=True, name_prefix="shared_layers_b_")'
        in proc.stdout
    )


def test_full_output_names_the_other_file(project: Path) -> None:
    proc = _tfvarfix(project, ".", "--unsafe-fixes", "--show-fixes")
    assert "(unsafe); also edits nn.py" in proc.stdout
    # the diff shown under the finding is main.py's own: nn.py's lines are not pasted into main.py's
    assert "+def nn_base" not in proc.stdout
    assert (
        '+shared_layers_b = nn.nn_base(img_input_b, trainable=True, name_prefix="shared_layers_b_")'
        in proc.stdout
    )


def test_sarif_has_one_artifact_change_per_file(project: Path) -> None:
    proc = _tfvarfix(project, ".", "--output-format", "sarif")
    document = json.loads(proc.stdout)
    _validate_sarif(document)
    result = document["runs"][0]["results"][0]
    changes = result["fixes"][0]["artifactChanges"]
    assert [c["artifactLocation"]["uri"] for c in changes] == ["main.py", "nn.py"]
    assert all(c["replacements"] for c in changes)


@pytest.mark.tensorflow
def test_the_rewritten_project_builds_under_tensorflow(project: Path) -> None:
    pytest.importorskip("tensorflow")
    original = run_case(project / "main.py", project)
    assert original.returncode != 0 and 'The name "conv1" is used 2 times' in original.stderr
    assert _tfvarfix(project, ".", "--fix", "--unsafe-fixes").returncode == 0
    rewritten = run_case(project / "main.py", project)
    assert rewritten.returncode == 0, rewritten.stderr[-3000:]


def test_editor_code_action_edits_both_documents(project: Path) -> None:
    async def scenario() -> None:
        client = await start(project, {"unsafeFixes": True})
        text = (project / "main.py").read_text(encoding="utf-8")
        uri = (project / "main.py").as_uri()
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)
            )
        )
        published = await client.diagnostics(uri, lambda d: bool(d))
        assert {d.code for d in published} == {"TFV104"}
        found = [a for a in await actions(client, uri, 30) if a.edit is not None and a.edit.changes]
        fix = next(a for a in found if "name_prefix" in a.title)
        assert fix.edit is not None and fix.edit.changes is not None
        nn_uri = (project / "nn.py").resolve().as_uri()
        assert set(fix.edit.changes) == {uri, nn_uri}
        nn_text = apply((project / "nn.py").read_text(encoding="utf-8"), fix.edit.changes[nn_uri])
        assert 'def nn_base(input_tensor, trainable=False, name_prefix=""):' in nn_text
        assert 'name=f"{name_prefix}conv1"' in nn_text
        assert "name_prefix=" in apply(text, fix.edit.changes[uri])
        assert await stop(client) == 0

    asyncio.run(scenario())


# ------------------------------------------------------------------------------------------ writing together
def test_write_together_writes_every_file(tmp_path: Path) -> None:
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_bytes(b"a = 1\n")
    b.write_bytes(b"b = 1\r\n")
    a.chmod(0o640)
    write_together([(a, b"a = 2\n", b"a = 1\n"), (b, b"b = 2\r\n", b"b = 1\r\n")])
    assert a.read_bytes() == b"a = 2\n" and b.read_bytes() == b"b = 2\r\n"
    assert a.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.py", "b.py"]


def test_write_together_writes_nothing_when_a_file_changed(tmp_path: Path) -> None:
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_bytes(b"a = 1\n")
    b.write_bytes(b"b = changed meanwhile\n")
    with pytest.raises(WriteConflict):
        write_together([(a, b"a = 2\n", b"a = 1\n"), (b, b"b = 2\n", b"b = 1\n")])
    assert a.read_bytes() == b"a = 1\n" and b.read_bytes() == b"b = changed meanwhile\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.py", "b.py"]


def test_write_together_puts_back_what_it_replaced_when_a_rename_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_bytes(b"a = 1\n")
    b.write_bytes(b"b = 1\n")
    real_replace = Path.replace
    renamed: list[str] = []

    def replace(self: Path, target: Path) -> Path:  # type: ignore[override]
        if Path(target).name == "b.py" and not renamed.count("restore"):
            renamed.append("failed")
            raise OSError("disk full")
        if Path(target).name == "a.py" and "failed" in renamed:
            renamed.append("restore")
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", replace)
    with pytest.raises(OSError, match="disk full"):
        write_together([(a, b"a = 2\n", b"a = 1\n"), (b, b"b = 2\n", b"b = 1\n")])
    assert a.read_bytes() == b"a = 1\n" and b.read_bytes() == b"b = 1\n"
    assert renamed == ["failed", "restore"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.py", "b.py"]


# ------------------------------------------------------------------------- a method of another module, twice
FORECAST = PROJECT.parent / "tf1_model_user_forecast_called_twice"


def test_a_method_of_another_module_builds_in_a_graph_of_its_own(tmp_path: Path) -> None:
    """TF1: `MyModelUser.forecast()` (model_user.py) builds the model into the default graph; main.py calls it twice,
    the second raises `Variable weight_def/weights already exists`. The fix is all in model_user.py: the method's
    body moves into `with tf.Graph().as_default():`, at the class's indentation."""
    root = tmp_path / "forecast"
    shutil.copytree(FORECAST, root)
    main_before = (root / "main.py").read_text(encoding="utf-8")
    proc = _tfvarfix(root, ".", "--fix", "--unsafe-fixes")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (root / "main.py").read_text(encoding="utf-8") == main_before
    fixed = (root / "model_user.py").read_text(encoding="utf-8")
    assert "    def forecast(self):\n        with tf.Graph().as_default():\n" in fixed
    assert "\n            return float(prediction[0, 0])\n" in fixed
    assert _tfvarfix(root, ".").returncode == 0


@pytest.mark.tensorflow
def test_the_rewritten_method_runs_twice_under_tensorflow(tmp_path: Path) -> None:
    pytest.importorskip("tensorflow")
    root = tmp_path / "forecast"
    shutil.copytree(FORECAST, root)
    original = run_case(root / "main.py", root)
    assert original.returncode != 0 and "weight_def/weights already exists" in original.stderr
    assert _tfvarfix(root, ".", "--fix", "--unsafe-fixes").returncode == 0
    rewritten = run_case(root / "main.py", root)
    assert rewritten.returncode == 0, rewritten.stderr[-3000:]
    first, second = (float(line) for line in rewritten.stdout.split()[-2:])
    assert first == second  # both calls restore the one checkpoint


RESNET = PROJECT.parent / "keras_resnet_two_backbones_one_model"


def test_the_prefix_is_handed_on_to_a_helper_the_helper_calls(tmp_path: Path) -> None:
    """keras-resnet#50: `ResNet()` (resnet.py) names conv1 and calls `bottleneck()`, which names res2a_branch2a
    and `Add(name=base)`; main.py calls `ResNet()` per input. Both helpers take the prefix; `ResNet()` hands it on."""
    root = tmp_path / "resnet"
    shutil.copytree(RESNET, root)
    items = json.loads(_tfvarfix(root, ".", "--output-format", "json").stdout)
    assert len(items) == 8 and all(i["fix"] for i in items)
    assert _tfvarfix(root, ".", "--fix", "--unsafe-fixes").returncode == 0
    fixed = _texts(root)
    assert 'def bottleneck(x, filters, stage, block, name_prefix=""):' in fixed["resnet.py"]
    assert 'def ResNet(inputs, blocks=(1, 1), filters=8, name_prefix=""):' in fixed["resnet.py"]
    assert (
        'bottleneck(x, filters, stage_id + 2, "abc"[block_id], name_prefix=name_prefix)' in fixed["resnet.py"]
    )
    assert 'keras.layers.Add(name=f"{name_prefix}{base}")' in fixed["resnet.py"]
    assert 'base = f"res{stage}{block}"' in fixed["resnet.py"]  # the local itself is kept
    assert 'name=f"{name_prefix}{base}_branch2a"' in fixed["resnet.py"]
    assert 'image_net = ResNet(image, name_prefix="image_net_")' in fixed["main.py"]
    assert 'mask_net = ResNet(mask, name_prefix="mask_net_")' in fixed["main.py"]
    assert _tfvarfix(root, ".").returncode == 0  # nothing left


def test_the_prefix_is_not_handed_to_a_helper_passed_around(tmp_path: Path) -> None:
    """Near miss: `bottleneck` is also passed as a value (`block = bottleneck`), so its callers cannot all be
    seen: no fix, and no file changes."""
    root = tmp_path / "resnet"
    shutil.copytree(RESNET, root)
    resnet = root / "resnet.py"
    resnet.write_text(resnet.read_text(encoding="utf-8") + "\nblock = bottleneck\n", encoding="utf-8")
    before = _texts(root)
    items = json.loads(_tfvarfix(root, ".", "--output-format", "json").stdout)
    assert len(items) == 8
    assert not any(i["fix"] for i in items if "res2a" in i["message"] or "conv1" in i["message"])
    _tfvarfix(root, ".", "--fix", "--unsafe-fixes")
    assert _texts(root) == before


@pytest.mark.tensorflow
def test_the_rewritten_resnet_project_builds_under_tensorflow(tmp_path: Path) -> None:
    pytest.importorskip("tensorflow")
    root = tmp_path / "resnet"
    shutil.copytree(RESNET, root)
    original = run_case(root / "main.py", root)
    assert original.returncode != 0 and 'The name "conv1" is used 2 times' in original.stderr
    assert _tfvarfix(root, ".", "--fix", "--unsafe-fixes").returncode == 0
    probe = root / "probe.py"
    probe.write_text(
        "import runpy\nns = runpy.run_path('main.py')\nprint(sorted(l.name for l in ns['model'].layers))\n",
        encoding="utf-8",
    )
    rewritten = run_case(probe, root)
    assert rewritten.returncode == 0, rewritten.stderr[-3000:]
    names = rewritten.stdout.strip().splitlines()[-1]
    for name in ("image_net_conv1", "mask_net_conv1", "image_net_res2a", "mask_net_res3a_branch2b"):
        assert f"'{name}'" in names
