"""The differential safe-fix test on a larger batch: generated TF/Keras programs, fixed with the safe fixes only
(`tfvarfix check --fix`), run before and after under real TensorFlow with one seed, compared on what they raise,
print, hold in their weights (by path) and compute on fixed inputs (tests/differential.py).

    python scripts/safe_fix_differential.py              # 500 programs, the same ones every run
    python scripts/safe_fix_differential.py -n 2000 --random

Prints the programs generated, those with safe fixes, those that ran, were discarded, identical, repaired and
different, per rule; then every different one with its program, the fix and what changed. Exits 1 when a safe
fix changed anything. Needs TensorFlow, Keras 3 and tf_keras; a few minutes.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import differential  # noqa: E402
from tests.tfprograms import runnable_programs  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--programs", type=int, default=500, help="programs to generate (default 500)")
    parser.add_argument("--random", action="store_true", help="draw new programs (default: the same ones)")
    args = parser.parse_args(argv)
    start = time.monotonic()
    programs = differential.draw_programs(runnable_programs(), args.programs, randomize=args.random)
    summary, _ = differential.differential(programs)
    print("\n".join(summary.lines()))
    print(f"seconds: {time.monotonic() - start:.0f}")
    different = [v for v in summary.verdicts if v.status == "different"]
    for v in different:
        print("\n" + differential.explain(v))
    later = [v for v in summary.verdicts if v.status == "repaired" and v.later is not None]
    if later:
        print("\nrepaired, and the rewrite raised something else further on (original's error -> rewrite's):")
        for v in later:
            print(f"  {v.pair.key} {','.join(v.pair.codes)} ({v.reference} run): {v.error} -> {v.later}")
    discarded = [v for v in summary.verdicts if v.status == "discarded"]
    if discarded:
        print("\ndiscarded (what the original raised, which the rewrite raised too):")
        for v in discarded:
            print(f"  {v.pair.key} {','.join(v.pair.codes)}: {v.error}")
    return 1 if different else 0


if __name__ == "__main__":
    raise SystemExit(main())
