"""Careful writes: all or nothing under SIGKILL, no overwrite of a file changed meanwhile, mode and owner kept,
and nothing written outside the paths given (not even through a symbolic link)."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tfvarfix import api
from tfvarfix.api import FixMode, RunSettings, check_file, check_paths, plan
from tfvarfix.fixes import remove_stale_temporaries

BUGGY = (
    "import tensorflow as tf\nlstm = tf.keras.layers.LSTM({n})\nlstm.build((None, 3, 5))\nk = lstm.kernel\n"
)
TEMP = re.compile(r"^\.m\d+\.py\.(\d+)\.[^.]+\.tfvarfix$")


def fix_command(*paths: str) -> list[str]:
    return [sys.executable, "-m", "tfvarfix", "check", "--fix", "--output-format", "concise", *paths]


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def make_files(folder: Path, count: int) -> dict[str, tuple[bytes, bytes]]:
    folder.mkdir()
    expected: dict[str, tuple[bytes, bytes]] = {}
    for i in range(count):
        old = (BUGGY.format(n=i + 1) + f"# {'x' * 2000}\n" * 20).encode()  # some bytes to write
        new = old.replace(b"lstm.kernel", b"lstm.cell.kernel")
        (folder / f"m{i}.py").write_bytes(old)
        expected[f"m{i}.py"] = (old, new)
    return expected


def test_sigkill_during_fix_leaves_every_file_wholly_old_or_wholly_new(tmp_path: Path) -> None:
    rng = random.Random(9)
    folder = tmp_path / "src"
    expected = make_files(folder, 150)
    started = time.perf_counter()
    subprocess.run(fix_command("src"), cwd=tmp_path, capture_output=True, check=False, timeout=300)
    duration = time.perf_counter() - started
    mixed = 0
    for _ in range(8):
        for name, (old, _) in expected.items():
            (folder / name).write_bytes(old)
        # Its own session, so that the kill takes the pool's worker processes (--jobs) down with it.
        process = subprocess.Popen(
            fix_command("src"), cwd=tmp_path, stdout=subprocess.DEVNULL, start_new_session=True
        )
        time.sleep(rng.uniform(0.3, 1.0) * duration)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        deadline = time.monotonic() + 30
        while group_alive(process.pid) and time.monotonic() < deadline:  # workers gone, and reaped
            time.sleep(0.05)
        states = set()
        for entry in folder.iterdir():
            if entry.name in expected:
                data = entry.read_bytes()
                old, new = expected[entry.name]
                assert data in (old, new), f"{entry.name} is neither old nor new after SIGKILL"
                states.add(data == new)
            else:  # only a dead writer's temporary file may be left, clearly named, and never checked
                match = TEMP.match(entry.name)
                assert match is not None and not pid_alive(int(match.group(1))), entry.name
        mixed += states == {True, False}
    assert mixed >= 2, f"only {mixed} of 8 kills landed while files were being written"
    # The next run finishes the job and removes the leftovers of the dead writers.
    result = subprocess.run(fix_command("src"), cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted(expected)
    assert all((folder / name).read_bytes() == new for name, (_, new) in expected.items())


def test_stale_temporaries_of_dead_writers_only_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "m.py"
    target.write_text("x\n")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".m.py.{dead.pid}.abc.tfvarfix"
    live = tmp_path / f".m.py.{os.getppid()}.def.tfvarfix"
    other = tmp_path / f".n.py.{dead.pid}.ghi.tfvarfix"
    for path in (stale, live, other):
        path.write_text("partial")
    assert remove_stale_temporaries(target) == [stale]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["m.py", live.name, other.name])


def test_file_changed_between_read_and_write_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.py"
    path.write_text(BUGGY.format(n=4))
    meanwhile = "import tensorflow as tf\n# edited by the user while tfvarfix was thinking\n"
    real_check_source = api.check_source

    def edit_then_check(*args: object, **kwargs: object) -> object:
        path.write_text(meanwhile)  # the user saves in the editor between tfvarfix's read and its write
        return real_check_source(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(api, "check_source", edit_then_check)
    result = check_file(path, mode=FixMode(apply=True, write=True))
    assert path.read_text() == meanwhile
    assert [d.code for d in result.diagnostics] == ["TFV103", "TFV003"]  # the finding on disk, and why
    assert "changed on disk" in result.diagnostics[-1].message and result.fixed_source is None


def test_mode_and_owner_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_text(BUGGY.format(n=4))
    path.chmod(0o751)
    if os.geteuid() == 0:
        os.chown(path, 65534, 65534)  # nobody: root's rewrite must not make it root's
    owner = (path.stat().st_uid, path.stat().st_gid)
    assert check_file(path, mode=FixMode(apply=True, write=True)).changed
    info = path.stat()
    assert "lstm.cell.kernel" in path.read_text()
    assert (info.st_mode & 0o7777, info.st_uid, info.st_gid) == (0o751, *owner)
    if os.geteuid() == 0:
        assert owner == (65534, 65534)


def test_fix_never_writes_through_a_symlink_out_of_the_given_tree(tmp_path: Path) -> None:
    outside = tmp_path / "outside.py"
    outside.write_text(BUGGY.format(n=4))
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "real.py").write_text(BUGGY.format(n=5))
    (tree / "inner.py").symlink_to("real.py")  # inside the tree: fixed through the link, which stays a link
    (tree / "escape.py").symlink_to(outside)
    settings = RunSettings(mode=FixMode(apply=True, write=True))
    results = {Path(r.path).name: r for r in check_paths(list(plan([tree], settings)), settings.mode)}
    assert outside.read_text() == BUGGY.format(n=4)  # untouched
    assert [d.code for d in results["escape.py"].diagnostics] == ["TFV103", "TFV003"]
    assert "outside the paths given" in results["escape.py"].diagnostics[-1].message
    assert (tree / "inner.py").is_symlink() and "lstm.cell.kernel" in (tree / "real.py").read_text()
    # Through the CLI as well, and the target is fixed when it is itself among the paths given.
    result = subprocess.run(fix_command("tree"), cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert outside.read_text() == BUGGY.format(n=4)
    assert "escape.py:1:1: TFV003" in result.stdout and result.returncode == 1
    subprocess.run(fix_command("tree", "outside.py"), cwd=tmp_path, capture_output=True, timeout=120)
    assert "lstm.cell.kernel" in outside.read_text() and (tree / "escape.py").is_symlink()
