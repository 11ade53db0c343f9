"""Does `verify`'s verdict agree with what running the original and the rewrite shows?

For every real-world reproduction (tests/realworld/cases) that tfvarfix rewrites (unsafe fixes on), this runs the
original and the rewrite each in a fresh interpreter in a temporary folder (as tests/realworld does), and calls
the fix *right* when the original shows its bug (raises, or prints TFVARFIX-BUG) and the rewrite exits 0 without
printing TFVARFIX-BUG. Then it runs `tfvarfix verify` on the same file (the environment verify chooses itself)
and counts where verify's file verdict (verified / failed) agrees.

    python -m tests.verify.agreement            # all cases
    python -m tests.verify.agreement keras_     # the cases whose name starts so
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.realworld.corpus import program_env
from tfvarfix import api

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "realworld" / "cases"
BUG = "TFVARFIX-BUG"




def run_plain(text: str, name: str) -> tuple[int, bool, str]:
    """(exit status, printed TFVARFIX-BUG, last stderr line) of `text` run as a program in a fresh folder."""
    with tempfile.TemporaryDirectory() as folder:
        program = Path(folder) / name
        program.write_text(text, encoding="utf-8")
        done = subprocess.run(
            [sys.executable, str(program)],
            cwd=folder,
            env=program_env(),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    tail = (done.stderr.strip().splitlines() or [""])[-1][:160]
    return done.returncode, BUG in done.stdout, tail


def main(prefix: str = "") -> int:
    rows = []
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else ""))
