"""Time `verify` per fixture: cold (a fresh interpreter per program) and warm (one worker per environment),
and how much of it is the worker's start-up (interpreter + TensorFlow/Keras import).

    python scripts/verify_timing.py            # all testdata pairs with a fix
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from tfvarfix import api
from tfvarfix.verify import Options, Pool
from tfvarfix.verify.core import verify_result

ROOT = Path(__file__).resolve().parent.parent
TF1 = {"TFV301", "TFV302", "TFV303", "TFV304"}


def main() -> None:
    pairs = [
        b
        for b in sorted((ROOT / "testdata").glob("TFV*/bad*.py"))
        if b.with_name(b.name.replace("bad", "fixed", 1)).exists()
    ]
    print(f"{'fixture':<28} {'cold s':>7} {'start s':>8} {'import s':>9} {'share':>6} {'warm s':>7} status")
    cold_total = warm_total = start_total = 0.0
    shares = []
    with Pool() as warm_pool:
        for bad in pairs:
            code = bad.parent.name
            options = Options(entries=("case_*", "build"), legacy_keras=code in TF1)
            text = bad.read_text()
            result = api.check_source(text, str(bad), None, api.FixMode(apply=True, unsafe=True))
            plain = api.check_source(text, str(bad))
            with Pool(cold=True) as cold_pool:
                started = time.perf_counter()
                cold = verify_result(result, plain, options, cold_pool)
                cold_s = time.perf_counter() - started
                start_s, import_s = cold_pool.start_s, cold_pool.import_s
            verify_result(result, plain, options, warm_pool)  # make sure this environment's worker is warm
            started = time.perf_counter()
            warm = verify_result(result, plain, options, warm_pool)
            warm_s = time.perf_counter() - started
            share = start_s / cold_s
            shares.append(share)
            cold_total, warm_total, start_total = (
                cold_total + cold_s,
                warm_total + warm_s,
                start_total + start_s,
            )
            name = f"{code}/{bad.name}"
            print(
                f"{name:<28} {cold_s:7.2f} {start_s:8.2f} {import_s:9.2f} {share:6.0%} {warm_s:7.2f} "
                f"{cold.status}/{warm.status}"
            )
            for verdict in [*cold.fixes, *warm.fixes]:
                if not verdict.passed:
                    print(f"    {verdict.code} line {verdict.line}: {verdict.reason}")
    print(
        f"{'total':<28} {cold_total:7.2f} {start_total:8.2f} {'':>9} {start_total / cold_total:6.0%} {warm_total:7.2f}"
    )
    print(
        f"median start-up share of a cold verify: {statistics.median(shares):.0%}; python {sys.version.split()[0]}"
    )


if __name__ == "__main__":
    main()
