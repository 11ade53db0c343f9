"""Does `verify`'s verdict agree with what running the original and the rewrite shows?

For every real-world reproduction (tests/realworld/cases) that tfvarfix rewrites (unsafe fixes on), this runs the
original and the rewrite each in a fresh interpreter in a temporary folder (as tests/realworld does), and calls
the fix *right* when the original shows its bug (raises, or prints TFVARFIX-BUG) and the rewrite exits 0 without
printing TFVARFIX-BUG. Then it runs `tfvarfix verify` on the same file (the environment verify chooses itself)
and counts where verify's file verdict (verified / failed) agrees.

A second set, `FIXTURES`, covers what the real-world set has little of (per-call variable hoists, cell weights,
TF1 lookups and scopes): testdata fixtures whose fixes lie in `case_*` functions. Each is run case by case (the
cases that hold a fix, in the environment verify chooses) and judged by `FIXTURE_TRUTH`, the truth written down
from such a run: the script re-measures it (every such case raises in the original, or the bug is silent there
and `silent` says what shows it; every one runs in the rewrite) and says where the measurement disagrees.

    python -m tests.verify.agreement            # all cases
    python -m tests.verify.agreement keras_     # the cases whose name starts so
    python -m tests.verify.agreement TFV        # the fixtures only
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.fixtures import TESTDATA
from tests.realworld.corpus import program_env
from tfvarfix import api
from tfvarfix.verify import Options, Pool
from tfvarfix.verify.core import definitions, scopes_of, verify_result

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "realworld" / "cases"
BUG = "TFVARFIX-BUG"


TIMEOUT = 900  # seconds a program may run; a busy machine makes TensorFlow programs slow


def run_in(folder: str, argv: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of `argv` run in `folder`; a run past TIMEOUT is exit 124, 'timed out'."""
    try:
        done = subprocess.run(
            argv, cwd=folder, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        return 124, "", f"timed out after {TIMEOUT} s"
    return done.returncode, done.stdout, done.stderr


def run_plain(text: str, name: str) -> tuple[int, bool, str]:
    """(exit status, printed TFVARFIX-BUG, last stderr line) of `text` run as a program in a fresh folder."""
    with tempfile.TemporaryDirectory() as folder:
        program = Path(folder) / name
        program.write_text(text, encoding="utf-8")
        rc, stdout, stderr = run_in(folder, [sys.executable, str(program)], program_env())
    tail = (stderr.strip().splitlines() or [""])[-1][:160]
    return rc, BUG in stdout, tail


@dataclass(frozen=True)
class Truth:
    right: bool  # the rewrite repairs every fixed case without changing what it should not
    shown: str  # what running the original and the rewrite case by case showed
    silent: bool = False  # the original's bug raises nothing (a wrong value): `shown` says how it showed


# Written down from running each fixture's fixed cases, original and rewrite (`python -m tests.verify.agreement TFV`
# prints the same runs again).
FIXTURE_TRUTH: dict[str, Truth] = {
    "TFV401/bad.py": Truth(
        True,
        "original: case_scaled, case_shifted, case_running_sum (the fixed ones) raise ValueError (singleton "
        "tf.Variables); rewrite: 6.0, [1.0, 1.0, 1.0], [3.0, 3.0] (each call starts from 0, as eagerly)",
    ),
    "TFV103/bad.py": Truth(
        True,
        "original: all 7 cases raise AttributeError (no attribute kernel/recurrent_kernel/bias); rewrite: each "
        "returns the cell's (or the wrapped layer's) weight of that name",
    ),
    "TFV101/bad_tf1.py": Truth(
        True,
        "original: get_variable makes cam_fc/kernel, scale_1/kernel, stem/bias beside the layers' own weights "
        "(no error); rewrite: returns cam_fc/dense/kernel, scale_1/dense/kernel, stem/conv2d/bias, the layers' own",
        silent=True,
    ),
    "TFV302/bad.py": Truth(
        True,
        "original: all 5 cases raise ValueError (Variable ... already exists, disallowed); rewrite: every case "
        "builds (shared where the shapes agree, renamed where they do not)",
    ),
    "TFV304/bad.py": Truth(
        True,
        "original: case_sweep raises ValueError (rnn/lstm_cell/kernel already exists) in its second trial; "
        "rewrite: each trial builds in a graph of its own (reset_default_graph) and returns its train op",
    ),
}

RUN_CASES = """
import json, runpy, sys
namespace = runpy.run_path(sys.argv[1], run_name="__main__")
for name in sys.argv[2:]:
    try:
        value = namespace[name]()
    except BaseException as error:
        print("CASE", json.dumps([name, "raised", f"{type(error).__name__}: {str(error).splitlines()[0][:100]}"]))
    else:
        print("CASE", json.dumps([name, "ran", repr(value)[:200]]))
"""


def run_cases(text: str, name: str, cases: list[str], legacy: bool) -> dict[str, tuple[str, str]]:
    """name -> (raised | ran, what) of each case function of `text`, run in a fresh interpreter."""
    env = program_env()
    if legacy:
        env["TF_USE_LEGACY_KERAS"] = "1"
    with tempfile.TemporaryDirectory() as folder:
        program = Path(folder) / name
        program.write_text(text, encoding="utf-8")
        _, stdout, _ = run_in(folder, [sys.executable, "-c", RUN_CASES, str(program), *cases], env)
    out = {}
    for line in stdout.splitlines():
        if line.startswith("CASE "):
            case, status, what = json.loads(line[5:])
            out[case] = (status, what)
    return out


def fixtures(prefix: str) -> tuple[int, int]:
    """Agreement over FIXTURE_TRUTH: (agreeing, judged)."""
    agree = judged = 0
    with Pool() as pool:
        for path_text, truth in FIXTURE_TRUTH.items():
            if not path_text.startswith(prefix) and not prefix.startswith("TFV") and prefix:
                continue
            if prefix.startswith("TFV") and not path_text.startswith(prefix):
                continue
            code = path_text.split("/", 1)[0]
            path = TESTDATA / path_text
            text = path.read_text(encoding="utf-8")
            codes = frozenset({code})
            result = api.check_source(text, str(path), codes, api.FixMode(apply=True, unsafe=True))
            assert result.fixed_source is not None, path_text
            spans = definitions(text)
            every = {n for n, *_ in spans if n.startswith("case_")}
            cases = sorted({s for d in result.applied_fixes for s in scopes_of(d.line, spans, every)})
            options, _ = Options(entries=tuple(cases)).for_file(text)
            before = run_cases(text, path.name, cases, options.legacy_keras)
            after = run_cases(result.fixed_source, path.name, cases, options.legacy_keras)
            shows = truth.silent or all(before.get(c, ("ran", ""))[0] == "raised" for c in cases)
            measured = shows and all(after.get(c, ("raised", ""))[0] == "ran" for c in cases)
            verification = verify_result(result, api.check_source(text, str(path), codes), options, pool)
            verdict = verification.status == "verified"
            judged += 1
            agree += verdict == truth.right
            why = "; ".join(f.reason[:120] for f in verification.fixes if not f.passed)
            print(
                f"{'agree' if verdict == truth.right else 'DISAGREE':<9} {path_text:<52} right={truth.right!s:<5} "
                f"verify={'pass' if verdict else 'fail'} {why}"
            )
            if measured != truth.right:
                print(f"          TRUTH NOT MEASURED AS WRITTEN ({truth.shown})")
            for case in cases:
                print(f"          {case}: original {before.get(case)}, rewrite {after.get(case)}")
    return agree, judged


def main(prefix: str = "") -> int:
    rows = []
    if prefix.startswith("TFV"):
        agree, judged = fixtures(prefix)
        print(f"agreement on the fixtures: {agree} of {judged} ({100 * agree / max(judged, 1):.0f}%)")
        return 0
    paths = [p for p in sorted(CASES.glob("*.py")) if p.name.startswith(prefix)]
    for path in paths:
        text = path.read_text(encoding="utf-8")
        result = api.check_source(text, str(path), None, api.FixMode(apply=True, unsafe=True))
        if not result.changed or result.fixed_source is None:
            continue
        rc0, bug0, _ = run_plain(text, path.name)
        rc1, bug1, tail = run_plain(result.fixed_source, path.name)
        right = (rc0 != 0 or bug0) and rc1 == 0 and not bug1
        rows.append(
            {"case": path.stem, "right": right, "rewrite": f"exit {rc1}{' BUG' if bug1 else ''} {tail}"}
        )
    started = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tfvarfix",
            "verify",
            "--unsafe-fixes",
            "--output-format",
            "json",
            *[str(CASES / f"{r['case']}.py") for r in rows],
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    seconds = time.perf_counter() - started
    try:
        report = {Path(item["path"]).stem: item for item in json.loads(done.stdout)}
    except json.JSONDecodeError:
        print(done.stdout[-2000:], done.stderr[-2000:])
        return 2
    agree = 0
    for row in rows:
        item = report.get(str(row["case"]))
        verdict = item is not None and item["status"] == "verified"
        ok = verdict == row["right"]
        agree += ok
        why = "" if item is None else "; ".join(f["reason"][:120] for f in item["fixes"] if not f["verified"])
        env = "" if item is None else item.get("environment", "")
        print(
            f"{'agree' if ok else 'DISAGREE':<9} {row['case']:<52} right={row['right']!s:<5} "
            f"verify={'pass' if verdict else 'fail'} [{env}] {why if not verdict else ''}"
            + ("" if row["right"] else f"  ({row['rewrite']})")
        )
    print(
        f"agreement: {agree} of {len(rows)} ({100 * agree / max(len(rows), 1):.0f}%), verify took {seconds:.0f} s"
    )
    if not prefix:
        more, judged = fixtures("")
        total = agree + more
        print(f"agreement on the fixtures: {more} of {judged}")
        print(
            f"agreement in all: {total} of {len(rows) + judged} ({100 * total / max(len(rows) + judged, 1):.0f}%)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else ""))
