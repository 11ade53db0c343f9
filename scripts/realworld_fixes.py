"""Fix rate and fixed-and-running rate on the real-world reproductions (tests/realworld/cases/).

    python scripts/realworld_fixes.py            # a summary, then every case whose rewrite does not run clean
    python scripts/realworld_fixes.py --json
    python scripts/realworld_fixes.py --projects # also the multi-module projects of testdata/projects/

For each case: its findings, how many carry a fix (safe or unsafe), and, when it has fixes, the program after
every fix is applied (`--fix --unsafe-fixes`), run under real TensorFlow in a fresh interpreter as the runtime
test runs the original. A rewrite is *cured* when it exits 0 and its probe no longer prints `TFVARFIX-BUG`; a
*fully fixed* case is one where every finding had a fix. Needs TensorFlow, Keras 3 and tf_keras; a few minutes.
With `--projects`, each project of testdata/projects/ whose `main.py` header says it raises or is silent is
checked as a whole in a copy (`tfvarfix check --no-cache .`, then `--fix --unsafe-fixes .`, which may edit
several of its files) and its `main.py` run there; its records carry `project: true`.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.realworld.corpus import load_cases, parse_case, program_env  # noqa: E402
from tfvarfix.engine import check_text  # noqa: E402
from tfvarfix.rule import registry  # noqa: E402


def _run(text: str, timeout: float = 300) -> tuple[int, str, str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "program.py"
        path.write_text(text, encoding="utf-8")
        return _run_path(path, timeout)


def _run_path(path: Path, timeout: float = 300) -> tuple[int, str, str]:
    try:
        proc = subprocess.run(
            [sys.executable, str(path)], cwd=path.parent, env=program_env(), capture_output=True, text=True,
            timeout=timeout,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return 124, "", "timeout"
    last = next((line for line in reversed(proc.stderr.splitlines()) if line and not line[0].isspace()), "")
    return proc.returncode, proc.stdout, last


PROJECTS = ROOT / "testdata" / "projects"


def _tfvarfix(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tfvarfix", "check", "--no-cache", "--exit-zero", *args, "."],
        cwd=folder, capture_output=True, text=True, check=False,
    )  # fmt: skip


def _project_records() -> list[dict[str, object]]:
    """One record per bug project of testdata/projects/: its findings over all its files, and its `main.py` run
    after `--fix --unsafe-fixes` of the whole project."""
    records: list[dict[str, object]] = []
    for folder in sorted(p for p in PROJECTS.iterdir() if (p / "main.py").is_file()):
        try:
            header = parse_case(folder / "main.py")
        except ValueError:
            continue  # no reproduction header: a fixture of the project machinery, not a bug report
        if header.runtime_kind == "runs":
            continue
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / folder.name
            shutil.copytree(folder, copy)
            items = json.loads(_tfvarfix(copy, "--output-format", "json").stdout or "[]")
            findings = [i for i in items if str(i.get("code", "")) >= "TFV1"]
            fixed = [i for i in findings if i.get("fix")]
            record: dict[str, object] = {
                "id": f"projects/{folder.name}", "project": True, "findings": len(findings), "with_fix": len(fixed),
            }  # fmt: skip
            if fixed:
                before = {p: p.read_text(encoding="utf-8") for p in copy.rglob("*.py")}
                _tfvarfix(copy, "--fix", "--unsafe-fixes")
                changed = any(p.read_text(encoding="utf-8") != text for p, text in before.items())
                code, out, last = _run_path(copy / "main.py")
                record.update(
                    changed=changed,
                    exit=code,
                    bug_probe="TFVARFIX-BUG" in out,
                    cured=code == 0 and "TFVARFIX-BUG" not in out,
                    error=last if code else "",
                )
            records.append(record)
    return records


def measure(projects: bool = False) -> dict[str, object]:
    rules = list(registry().rules.values())
    records = []
    for case in load_cases():
        if case.lookalike:
            continue
        text = case.path.read_text(encoding="utf-8")
        diagnostics = check_text(text, rules).diagnostics
        findings = [d for d in diagnostics if d.code >= "TFV1"]
        fixed = [d for d in findings if d.fix is not None]
        record: dict[str, object] = {"id": case.id, "findings": len(findings), "with_fix": len(fixed)}
        if fixed:
            rewrite = check_text(text, rules, fix=True, unsafe=True).text
            code, out, last = _run(rewrite)
            record.update(
                changed=rewrite != text,
                exit=code,
                bug_probe="TFVARFIX-BUG" in out,
                cured=code == 0 and "TFVARFIX-BUG" not in out,
                error=last if code else "",
            )
        records.append(record)
    if projects:
        records += _project_records()
    findings = sum(int(r["findings"]) for r in records)  # type: ignore[call-overload]
    with_fix = sum(int(r["with_fix"]) for r in records)  # type: ignore[call-overload]
    rewritten = [r for r in records if "cured" in r]
    full = [r for r in rewritten if r["with_fix"] == r["findings"]]
    return {
        "cases": len(records),
        "findings": findings,
        "with_fix": with_fix,
        "rewritten": len(rewritten),
        "rewritten_cured": sum(bool(r["cured"]) for r in rewritten),
        "fully_fixed": len(full),
        "fully_fixed_cured": sum(bool(r["cured"]) for r in full),
        "records": records,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--projects", action="store_true", help="also the projects of testdata/projects/")
    args = parser.parse_args()
    result = measure(projects=args.projects)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(
        f"findings with a fix: {result['with_fix']}/{result['findings']}   "
        f"fully fixed cases cured: {result['fully_fixed_cured']}/{result['fully_fixed']}   "
        f"any rewrite cured: {result['rewritten_cured']}/{result['rewritten']}"
    )
    for record in result["records"]:  # type: ignore[attr-defined]
        if "cured" in record and not record["cured"]:
            reason = record["error"] or ("probe still prints TFVARFIX-BUG" if record["bug_probe"] else "")
            full = "fully fixed" if record["with_fix"] == record["findings"] else "partly fixed"
            print(f"  not cured ({full}) {record['id']}: exit {record['exit']} {reason}")
    for record in result["records"]:  # type: ignore[attr-defined]
        if record["findings"] and not record["with_fix"]:
            print(f"  no fix    {record['id']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
