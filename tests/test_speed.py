"""Speed-related behaviour: the lint path's imports, the process pool, the result cache, growth, the progress bar.

Speed claims themselves are numbers from bench/run.py (bench/README.md); these tests check the properties that
make those numbers hold: no heavy import, same results over a pool, cache hits that change nothing, no quadratic
growth (a ratio of CPU times, never an absolute time).
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests import synthetic
from tfvarfix import api
from tfvarfix.api import check_cached
from tfvarfix.cache import CACHE_DIR_NAME, ResultCache, decode_value, encode_value
from tfvarfix.progress import interactive, track
from tfvarfix.types import Target

ROOT = Path(__file__).resolve().parent.parent
BUGGY = textwrap.dedent(
    """\
    import tensorflow as tf

    model = tf.keras.Sequential([tf.keras.layers.LSTM(4, name="enc"), tf.keras.layers.Dense(2, name="d")])
    kernel = model.get_layer("enc").kernel
    """
)


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tfvarfix", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )


def make_tree(root: Path) -> Path:
    """A project of 40 files: findings, clean TF code, plain Python, a syntax error, nested folders."""
    tree = root / "proj"
    for i in range(40):
        folder = tree / f"pkg{i % 4}" / ("sub" if i % 3 else "")
        folder.mkdir(parents=True, exist_ok=True)
        if i % 5 == 0:
            text = synthetic.plain(i)
        elif i % 7 == 0:
            text = "import tensorflow as tf\ndef broken(:\n"
        else:
            text = synthetic.module(60 + 25 * (i % 6)).replace("_0", f"_{i}")
        (folder / f"m{i:02d}.py").write_text(text)
    return tree


# ------------------------------------------------------------------------------------------ imports
def test_lint_path_imports_no_tensorflow_keras_rich_or_pygls(tmp_path: Path) -> None:
    target = tmp_path / "one_file.py"
    target.write_text(BUGGY)
    probe = textwrap.dedent(
        f"""
        import sys
        from tfvarfix.cli import main
        try:
            main(["check", {str(target)!r}, "--no-cache"])
        except SystemExit as done:
            assert done.code == 1, done.code
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in
                       ("tensorflow", "keras", "tf_keras", "rich", "pygls", "lsprotocol", "numpy"))
        print("HEAVY", heavy)
        """
    )
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=False)
    assert "TFV103" in done.stdout, done.stdout + done.stderr
    assert "HEAVY []" in done.stdout, done.stdout + done.stderr


# ------------------------------------------------------------------------------------------ parallel
def test_pool_gives_the_same_results_in_the_same_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "POOL_BYTES_PER_WORKER", 1)  # a pool even for 40 small files
    tree = make_tree(tmp_path)
    jobs = list(api.plan([tree], api.RunSettings()))
    assert len(jobs) == 40
    one = list(api.check_paths(jobs, api.FixMode(), processes=1))
    two = list(api.check_paths(jobs, api.FixMode(), processes=2))
    assert [r.path for r in one] == [str(j.path) for j in jobs]
    assert one == two
    assert sum(len(r.diagnostics) for r in one) > 40
    assert {r.status for r in one} == {api.FileStatus.CHECKED, api.FileStatus.SKIPPED, api.FileStatus.FAILED}
    # Clean files keep no source text; files with something to show keep it for the outputs.
    assert all((r.source is not None) == bool(r.diagnostics) for r in one)


def test_cli_jobs_default_matches_one_process(tmp_path: Path) -> None:
    tree = make_tree(tmp_path)
    serial = run_cli("check", str(tree), "--jobs", "1", "--no-cache", "--output-format", "json", cwd=tmp_path)
    default = run_cli("check", str(tree), "--no-cache", "--output-format", "json", cwd=tmp_path)
    assert serial.returncode == default.returncode == 1
    assert json.loads(serial.stdout) == json.loads(default.stdout)


def test_one_file_starts_no_pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import concurrent.futures

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started for one file")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
    target = tmp_path / "one.py"
    target.write_text(BUGGY)
    jobs = list(api.plan([target], api.RunSettings()))
    results = list(api.check_paths(jobs, api.FixMode(), processes=8))
    assert [d.code for d in results[0].diagnostics] == ["TFV103"]


# ------------------------------------------------------------------------------------------ cache
def _results(tree: Path, cache: ResultCache | None, processes: int = 1) -> list[api.FileResult]:
    jobs = list(api.plan([tree], api.RunSettings()))
    return list(api.check_paths(jobs, api.FixMode(), processes, cache))


def test_warm_cache_gives_identical_results_without_analysis(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree = make_tree(tmp_path)
    cache = ResultCache.at(tmp_path)
    cold = _results(tree, None)
    filling = _results(tree, cache)
    assert filling == cold
    assert (tmp_path / CACHE_DIR_NAME / ".gitignore").read_text().splitlines()[-1] == "*"
    analysed: list[str] = []
    real = api.check_source
    monkeypatch.setattr(
        api, "check_source", lambda text, path, *a, **k: analysed.append(path) or real(text, path, *a, **k)
    )
    warm = _results(tree, cache)
    assert warm == cold
    assert analysed == []  # every file came from the cache
    assert _results(tree, cache, processes=2) == cold


def test_cache_misses_on_changed_content_codes_mode_and_version(tmp_path: Path) -> None:
    target = tmp_path / "m.py"
    target.write_text(BUGGY)
    cache = ResultCache(tmp_path / CACHE_DIR_NAME)
    codes = api.all_codes()
    first = check_cached(cache, target, codes, api.FixMode())
    assert [d.code for d in first.diagnostics] == ["TFV103"]
    key = cache.key(target.read_bytes(), ".py", codes, False, False)
    assert cache.load(key, "x") is not None
    assert cache.key(target.read_bytes(), ".py", codes, False, False, Target(keras_version=2)) != key
    assert cache.key(target.read_bytes(), ".py", codes, False, False, Target(package="pkg")) != key
    assert cache.key(target.read_bytes() + b"\n", ".py", codes, False, False) != key
    assert cache.key(target.read_bytes(), ".py", codes - {"TFV103"}, False, False) != key
    assert cache.key(target.read_bytes(), ".py", codes, True, False) != key
    assert cache.key(target.read_bytes(), ".ipynb", codes, False, False) != key
    assert (
        ResultCache(cache.directory, "another-version").key(target.read_bytes(), ".py", codes, False, False)
        != key
    )
    # A changed file is analysed again: the stale entry is never returned.
    target.write_text(BUGGY.replace(".kernel", ".cell.kernel"))
    assert check_cached(cache, target, codes, api.FixMode()).diagnostics == ()
    assert [d.code for d in check_cached(cache, target, codes - {"TFV103"}, api.FixMode()).diagnostics] == []


@pytest.mark.parametrize("damage", ["truncated", "garbage", "wrong-key", "foreign-type", "empty"])
def test_corrupt_entry_is_a_miss_and_is_rewritten(tmp_path: Path, damage: str) -> None:
    target = tmp_path / "m.py"
    target.write_text(BUGGY)
    cache = ResultCache(tmp_path / CACHE_DIR_NAME)
    codes = api.all_codes()
    expected = check_cached(cache, target, codes, api.FixMode())
    key = cache.key(target.read_bytes(), ".py", codes, False, False)
    entry = next(p for p in cache.directory.rglob(key))
    raw = entry.read_text()
    broken = {
        "truncated": raw[: len(raw) // 2],
        "garbage": "\x00\xff not json",
        "wrong-key": raw.replace(key, "0" * 64),
        "foreign-type": json.dumps({"key": key, "result": {"@type": "Popen", "args": ["true"]}}),
        "empty": "",
    }[damage]
    entry.write_text(broken)
    assert cache.load(key, str(target)) is None
    assert check_cached(cache, target, codes, api.FixMode()) == expected
    assert json.loads(entry.read_text())["key"] == key  # rewritten whole


def test_every_output_format_is_the_same_from_the_cache(tmp_path: Path) -> None:
    tree = make_tree(tmp_path)
    for fmt in ("full", "concise", "json", "sarif", "github"):
        fresh = run_cli("check", str(tree), "--no-cache", "--output-format", fmt, cwd=tmp_path)
        cold = run_cli("check", str(tree), "--output-format", fmt, cwd=tmp_path)
        warm = run_cli("check", str(tree), "--output-format", fmt, cwd=tmp_path)
        assert fresh.returncode == cold.returncode == warm.returncode == 1
        assert fresh.stdout == cold.stdout == warm.stdout, fmt
    assert (tmp_path / CACHE_DIR_NAME).is_dir()


def test_two_concurrent_runs_share_the_cache_safely(tmp_path: Path) -> None:
    tree = make_tree(tmp_path)
    expected = run_cli("check", str(tree), "--no-cache", "--output-format", "json", cwd=tmp_path)
    command = [sys.executable, "-m", "tfvarfix", "check", str(tree), "--output-format", "json", "--jobs", "2"]
    runs = [subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate()[0] for run in runs]
    assert all(json.loads(out) == json.loads(expected.stdout) for out in outputs)
    entries = [p for p in (tmp_path / CACHE_DIR_NAME).rglob("*") if p.is_file() and p.name != ".gitignore"]
    assert entries and not [p for p in entries if p.name.startswith(".tmp-")]
    assert all(json.loads(p.read_text())["key"] == p.name for p in entries)
    warm = run_cli("check", str(tree), "--output-format", "json", cwd=tmp_path)
    assert json.loads(warm.stdout) == json.loads(expected.stdout)


def test_fix_runs_and_no_cache_write_no_cache(tmp_path: Path) -> None:
    target = tmp_path / "m.py"
    target.write_text(BUGGY)
    run_cli("check", str(target), "--no-cache", cwd=tmp_path)
    assert not (tmp_path / CACHE_DIR_NAME).exists()
    fixed = run_cli("check", str(target), "--fix", cwd=tmp_path)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert ".cell.kernel" in target.read_text()
    assert not (tmp_path / CACHE_DIR_NAME).exists()


def test_unwritable_cache_folder_does_not_stop_the_run(tmp_path: Path) -> None:
    target = tmp_path / "m.py"
    target.write_text(BUGGY)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    result = check_cached(ResultCache(blocker), target, api.all_codes(), api.FixMode())
    assert [d.code for d in result.diagnostics] == ["TFV103"]


def test_results_round_trip_through_json() -> None:
    result = api.check_source(BUGGY, "m.py", mode=api.FixMode(apply=True))
    assert result.applied_fixes and result.fixed_source
    stored = dataclasses.replace(result, source=None)
    assert decode_value(json.loads(json.dumps(encode_value(stored)))) == stored


# ------------------------------------------------------------------------------------------ growth
_GROWTH_PROBE = """
import sys, time, tracemalloc
sys.path.insert(0, {root!r})
from tests import synthetic
from tfvarfix import api, engine
text = synthetic.blocks({blocks})
rules = api.rules_for(api.all_codes())
if {memory}:
    tracemalloc.start()
start = time.process_time()
module = engine.parse(text)
parsed = time.process_time() - start
start = time.process_time()
found = engine.analyze(text, rules, module)
analysed = time.process_time() - start
peak = tracemalloc.get_traced_memory()[1] if {memory} else 0
print(parsed, analysed, peak, len(found.diagnostics))
"""


def _grow(blocks: int, memory: bool = False) -> tuple[float, float, float, int]:
    probe = _GROWTH_PROBE.format(root=str(ROOT), blocks=blocks, memory=memory)
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    parsed, analysed, peak, found = done.stdout.split()
    return float(parsed), float(analysed), float(peak), int(found)


def test_analysis_grows_linearly_with_file_size() -> None:
    """A 50,000-line module against a 5,000-line one (each block has the same findings).

    Linear cost gives 10x; a quadratic part that takes just 6% of the small module's analysis would push the
    ratio past 15x (10 + 100q over 1 + q), and the quadratic cases this test was written against (a full-text
    codegen or scan per finding, a pass over every layer per variable) gave over 50x. CPU time in a fresh
    process, the best of two small runs, keeps other load on the machine out of the ratio. libcst's own parse
    grows a little faster than linearly on huge files (about 14x here), hence 20x for parse plus analysis."""
    size = 5_000 // synthetic.BLOCK_LINES  # blocks in about 5,000 lines
    small = min(_grow(size), _grow(size))
    large = _grow(10 * size)
    assert large[3] == 10 * small[3] == 10 * size * synthetic.FINDINGS_PER_BLOCK
    assert large[1] / small[1] <= 15, (small, large)
    assert (large[0] + large[1]) / (small[0] + small[1]) <= 20, (small, large)


def test_memory_grows_linearly_with_file_size() -> None:
    """Peak traced memory of parse plus analysis, 5,000 lines against 500 (tracemalloc is too slow for 50,000)."""
    size = 500 // synthetic.BLOCK_LINES
    small = _grow(size, memory=True)
    large = _grow(10 * size, memory=True)
    assert large[3] == 10 * small[3] > 0
    assert large[2] / small[2] <= 15, (small, large)


# ------------------------------------------------------------------------------------------ progress
class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_an_interactive_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    terminal = _Terminal()
    assert list(track(range(50), 50, terminal, delay=0.0)) == list(range(50))
    assert "tfvarfix" in terminal.getvalue()

    quick = _Terminal()
    assert list(track(range(50), 50, quick, delay=60.0)) == list(range(50))
    assert quick.getvalue() == ""

    pipe = io.StringIO()
    assert list(track(range(50), 50, pipe, delay=0.0)) == list(range(50))
    assert pipe.getvalue() == "" and not interactive(pipe)

    for name, value in (("CI", "true"), ("TERM", "dumb")):
        with monkeypatch.context() as env:
            env.setenv(name, value)
            logged = _Terminal()
            assert list(track(range(50), 50, logged, delay=0.0)) == list(range(50))
            assert logged.getvalue() == "" and not interactive(logged)
