"""The testdata/ layout: `testdata/TFVnnn/bad*.py` (lines marked `# expect: TFVnnn[, TFVmmm]`), `good*.py` (near
misses: silent) and `fixed*.py` (the byte-exact fix of the bad file with the same suffix)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTDATA = ROOT / "testdata"
_EXPECT = re.compile(r"#\s*expect:\s*(?P<codes>TFV\d{3}(?:\s*,\s*TFV\d{3})*)")


@dataclass(frozen=True)
class Case:
    code: str
    path: Path

    @property
    def kind(self) -> str:
        return self.path.stem.split("_", 1)[0]

    @property
    def suffix(self) -> str:
        stem = self.path.stem
        return stem[len(self.kind) :]

    @property
    def id(self) -> str:
        return f"{self.code}/{self.path.name}"

    def sibling(self, kind: str) -> Path:
        return self.path.with_name(f"{kind}{self.suffix}.py")


def cases(kind: str) -> list[Case]:
    out = []
    for folder in sorted(TESTDATA.glob("TFV*")):
        for path in sorted(folder.glob(f"{kind}*.py")):
            out.append(Case(folder.name, path))
    return out


def expected_markers(text: str) -> list[tuple[int, str]]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _EXPECT.search(line)
        if match:
            for code in re.split(r"\s*,\s*", match.group("codes")):
                found.append((number, code))
    return sorted(found)
