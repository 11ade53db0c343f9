"""The Rule base class and the registry.

A rule is one class in one module of `tfvarfix/rules/`: its class attributes are its machine-readable header,
its docstring is its documentation (sections: What it does / Why is this bad? / Example / Use instead /
Fix safety / Numerical equivalence / References). A rule reads the module's facts and yields `Finding`s; it never
touches files or trees and never prints. Fixes are described as node-level edits (`Replace`, `Insert`, `Remove`)
that the engine turns into text edits and applies.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import ClassVar

import libcst as cst

from tfvarfix.semantics.facts import Facts
from tfvarfix.types import FixAvailability, FixSafety, Rename, Severity, VerifyCheck

CODE_PATTERN = re.compile(r"^TFV[1-9][0-9]{2}$")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
DOC_SECTIONS = (
    "What it does",
    "Why is this bad?",
    "Example",
    "Use instead",
    "Fix safety",
    "Numerical equivalence",
    "References",
)


# --------------------------------------------------------------------------------------------- edits
@dataclass(frozen=True)
class Replace:
    """Replace `node` with `new` (a node, or source text). With `wrap`, a call that would make its line longer
    than the file's lines are breaks its arguments over lines, as black does. With `parens`, the node's own
    parentheses (`(a, b)` of a tuple) are replaced too; without, they stay around `new`."""

    node: cst.CSTNode
    new: cst.CSTNode | str
    wrap: bool = False
    parens: bool = False


@dataclass(frozen=True)
class InsertBefore:
    """Insert statement text before statement `node`, at its indentation."""

    node: cst.CSTNode
    code: str


@dataclass(frozen=True)
class InsertAfter:
    """Insert statement text after statement `node`, at its indentation."""

    node: cst.CSTNode
    code: str


@dataclass(frozen=True)
class Remove:
    """Remove statement `node` (its whole line when it is alone on it)."""

    node: cst.CSTNode


@dataclass(frozen=True)
class AddImport:
    """Make sure the module has `import <module>` (or `import <module> as <alias>`); added after the imports.

    `near`: a node of the module that gets it, when that is another module of the project than the one checked
    (the module the fix's other edits are in); None for the module checked."""

    module: str
    alias: str | None = None
    near: cst.CSTNode | None = None


@dataclass(frozen=True)
class AddModuleCode:
    """Add a top-level block (a generated class, a helper) after the module's imports, once per `key`."""

    key: str
    code: str
    near: cst.CSTNode | None = None  # as AddImport's


NodeEdit = Replace | InsertBefore | InsertAfter | Remove | AddImport | AddModuleCode


@dataclass(frozen=True)
class Intended:
    """`types.IntendedValue` with a node instead of a range: see there."""

    node: cst.CSTNode
    value: str = ""
    weight: str = ""
    index: str = ""


@dataclass(frozen=True)
class FixPlan:
    """A fix as a rule describes it; the engine turns it into a `types.Fix`."""

    edits: tuple[NodeEdit, ...]
    title: str | None = None
    safety: FixSafety | None = None  # None: the rule's FIX_SAFETY
    checks: VerifyCheck | None = None  # None: the rule's VERIFY
    intended: tuple[Intended, ...] = ()  # where the original states the value an `intended` fix gives
    renames: tuple[
        Rename, ...
    ] = ()  # names of weights, scopes or layers the fix changes (say so in the title)


def agreed(plans: Iterable[FixPlan | None]) -> FixPlan | None:
    """The fix of a finding reached in several contexts (a helper called twice, a loop's passes): the one every
    context computes, or None when one has none or they differ (a value known in one call is not in another).
    Edits compare by node identity and text, so the same rewrite from two contexts is one fix."""
    found: FixPlan | None = None
    for plan in plans:
        if plan is None or (found is not None and plan != found):
            return None
        found = plan
    return found


@dataclass(frozen=True)
class Finding:
    node: cst.CSTNode
    message: str
    fix: FixPlan | None = None
    code: str = ""  # filled by Rule.finding
    severity: Severity | None = None  # None: the rule's SEVERITY
    # Where the bug is written, when that is not `node` (a layer name given in another module of the project,
    # reported at the call here that makes it a duplicate): the engine leaves the finding to that module when
    # its own check reports it there.
    origin: cst.CSTNode | None = None


# ---------------------------------------------------------------------------------------------- rule
class Rule:
    CODE: ClassVar[str]
    NAME: ClassVar[str]
    MESSAGE: ClassVar[str]
    FIX_TITLE: ClassVar[str | None] = None
    FIX_AVAILABILITY: ClassVar[FixAvailability] = FixAvailability.NEVER
    FIX_SAFETY: ClassVar[FixSafety] = FixSafety.UNSAFE
    VERIFY: ClassVar[VerifyCheck] = VerifyCheck.REPAIRS
    # ERROR for what raises or silently detaches; WARNING for hazards whose harm depends on intent.
    SEVERITY: ClassVar[Severity] = Severity.ERROR

    def check(self, facts: Facts) -> Iterator[Finding]:
        raise NotImplementedError

    def finding(
        self,
        node: cst.CSTNode,
        fix: FixPlan | None = None,
        severity: Severity | None = None,
        origin: cst.CSTNode | None = None,
        **fields: object,
    ) -> Finding:
        return Finding(
            node=node,
            message=self.MESSAGE.format(**fields),
            fix=fix,
            code=self.CODE,
            severity=severity,
            origin=origin,
        )

    def fix(
        self,
        *edits: NodeEdit,
        title: str | None = None,
        safety: FixSafety | None = None,
        checks: VerifyCheck | None = None,
        intended: tuple[Intended, ...] = (),
        renames: tuple[Rename, ...] = (),
    ) -> FixPlan:
        return FixPlan(
            edits=tuple(edits),
            title=title or self.FIX_TITLE,
            safety=safety or self.FIX_SAFETY,
            checks=checks,
            intended=intended,
            renames=renames,
        )

    @classmethod
    def doc_sections(cls) -> dict[str, str]:
        return parse_doc_sections(cls.__doc__ or "")


def parse_doc_sections(doc: str) -> dict[str, str]:
    """Split a rule docstring into its `## Section` parts."""
    import inspect

    text = inspect.cleandoc(doc)
    sections: dict[str, str] = {}
    current: str | None = None
    lines: list[str] = []
    for line in text.splitlines():
        if line.startswith("## "):
            if current is not None:
                sections[current] = "\n".join(lines).strip("\n")
            current, lines = line[3:].strip(), []
        elif current is not None:
            lines.append(line)
    if current is not None:
        sections[current] = "\n".join(lines).strip("\n")
    return sections


@dataclass
class RuleError(Exception):
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Registry:
    rules: Mapping[str, type[Rule]] = field(default_factory=dict)

    def select(self, codes: frozenset[str]) -> list[type[Rule]]:
        return [r for code, r in sorted(self.rules.items()) if code in codes]


def validate(rule: type[Rule]) -> None:
    """Raise `RuleError` when a rule's metadata or docstring is malformed (tests/test_rule_docs.py runs it on
    every rule; a run does not: parsing sixteen docstrings was a twentieth of a cold check of a small file)."""
    where = f"{rule.__module__}.{rule.__qualname__}"
    code = getattr(rule, "CODE", None)
    if not isinstance(code, str) or not CODE_PATTERN.match(code):
        raise RuleError(f"{where}: CODE must look like TFV101, got {code!r}")
    name = getattr(rule, "NAME", None)
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        raise RuleError(f"{where}: NAME must be kebab-case, got {name!r}")
    if not isinstance(getattr(rule, "MESSAGE", None), str):
        raise RuleError(f"{where}: MESSAGE is missing")
    if rule.FIX_AVAILABILITY is not FixAvailability.NEVER and not rule.FIX_TITLE:
        raise RuleError(f"{where}: a rule with a fix needs FIX_TITLE")
    missing = [s for s in DOC_SECTIONS if s not in rule.doc_sections()]
    if missing:
        raise RuleError(f"{where}: docstring lacks the sections {', '.join(missing)}")


@cache
def registry() -> Registry:
    """Every rule in `tfvarfix.rules`. A module that holds no rule or two, a module named unlike its rule, and a
    duplicate code fail here; the metadata and docstring of each rule are checked by `validate`."""
    import tfvarfix.rules as package

    found: dict[str, type[Rule]] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if not info.name.startswith("tfv"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        classes = [
            v
            for v in vars(module).values()
            if isinstance(v, type)
            and issubclass(v, Rule)
            and v is not Rule
            and v.__module__ == module.__name__
        ]
        if len(classes) != 1:
            raise RuleError(
                f"{module.__name__}: a rule module holds exactly one Rule class, found {len(classes)}"
            )
        rule = classes[0]
        expected = f"{rule.CODE.lower()}_{rule.NAME.replace('-', '_')}"
        if info.name != expected:
            raise RuleError(f"{module.__name__}: the module of {rule.CODE} must be named {expected}")
        if rule.CODE in found:
            raise RuleError(
                f"{rule.CODE} is defined twice: {found[rule.CODE].__module__} and {module.__name__}"
            )
        found[rule.CODE] = rule
    return Registry(found)
