"""Recall and false findings on the real-world reproductions (tests/realworld/).

    python scripts/realworld_recall.py            # a summary, then every miss and every unexpected finding
    python scripts/realworld_recall.py --json     # the same, machine-readable

A case is found when every `# expect:` marker of it is reported (same line, same code). A look-alike is clean
when nothing is reported on it. Findings on a case that no marker asks for are listed as unexpected.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.realworld.corpus import load_cases  # noqa: E402
from tfvarfix.engine import check_text  # noqa: E402
from tfvarfix.rule import registry  # noqa: E402


def measure() -> dict[str, object]:
    rules = list(registry().rules.values())
    cases, lookalikes = [], []
    for case in load_cases():
        diagnostics = check_text(case.path.read_text(encoding="utf-8"), rules).diagnostics
        found = sorted({(d.line, d.code) for d in diagnostics if d.code.startswith("TFV") and d.code >= "TFV1"})
        record = {
            "id": case.id,
            "expected": case.expected,
            "found": found,
            "missed": [m for m in case.expected if tuple(m) not in found],
            "unexpected": [f for f in found if f not in case.expected],
        }
        (lookalikes if case.lookalike else cases).append(record)
    markers = sum(len(c["expected"]) for c in cases)  # type: ignore[arg-type]
    hit = sum(len(c["expected"]) - len(c["missed"]) for c in cases)  # type: ignore[arg-type]
    return {
        "cases": len(cases),
        "cases_found": sum(1 for c in cases if not c["missed"]),
        "markers": markers,
        "markers_found": hit,
        "lookalikes": len(lookalikes),
        "lookalikes_clean": sum(1 for c in lookalikes if not c["found"]),
        "detail": cases + lookalikes,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = measure()
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(
        f"cases found: {result['cases_found']}/{result['cases']}   "
        f"markers found: {result['markers_found']}/{result['markers']}   "
        f"look-alikes clean: {result['lookalikes_clean']}/{result['lookalikes']}"
    )
    for record in result["detail"]:  # type: ignore[attr-defined]
        if record["missed"]:
            print(f"  missed      {record['id']}: {record['missed']}")
        if record["unexpected"]:
            print(f"  unexpected  {record['id']}: {record['unexpected']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
