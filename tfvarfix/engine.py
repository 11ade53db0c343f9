"""Parse once, build the facts once, run every selected rule over them; fix in rounds until nothing changes."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import libcst as cst
from libcst.metadata import CodeRange

from tfvarfix.fixes import EditBuilder, EditError, apply_fixes
from tfvarfix.gc_paused import gc_paused
from tfvarfix.keras.table import Flavor
from tfvarfix.positions import node_ranges, to_range
from tfvarfix.rule import AddImport, AddModuleCode, Finding, FixPlan, NodeEdit, Rule
from tfvarfix.semantics.facts import Facts
from tfvarfix.semantics.facts import analyze as analyze_facts
from tfvarfix.semantics.interp import Cancelled
from tfvarfix.semantics.project import ProjectIndex, ProjectModule, shared_parse
from tfvarfix.source import LineIndex
from tfvarfix.types import (
    DEFAULT_TARGET,
    Diagnostic,
    Edit,
    Fix,
    FixSafety,
    IntendedValue,
    Position,
    Range,
    Target,
)

MAX_ROUNDS = 10
SYNTAX_ERROR = ("TFV001", "syntax-error")
UNREADABLE = ("TFV002", "unreadable-file")
FIX_FAILED = ("TFV003", "fix-failed")
INTERNAL_ERROR = ("TFV004", "internal-error")
TOO_LARGE = ("TFV005", "file-too-large")
# libcst holds about 2.2 KB per token (measured: a 20,000-line module of 480,000 tokens took 1.0 GB and 10 s to
# parse), so a module past this many tokens is not parsed: about 0.9 GB for the parse alone, 3 times the largest
# TF/Keras module of the nine real corpora (keras's ops/numpy_test.py, 125,000 tokens in 12,500 lines).
MAX_TOKENS = 400_000

_NOQA = re.compile(r"#\s*noqa(?::[\s]?(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?", re.IGNORECASE)
_FILE_NOQA = re.compile(r"^\s*#\s*tfvarfix:\s*noqa\s*$", re.IGNORECASE | re.MULTILINE)


def token_estimate(text: str) -> int:
    """About how many tokens `text` holds: a string or a comment is one, as are a name, a number and each
    punctuation character (an upper estimate of the tokenizer's count: `+=` counts two)."""
    return len(_TOKEN.findall(text))


def too_large(text: str) -> int | None:
    """The token estimate of a text over MAX_TOKENS, None for one that may be parsed (the estimate is only
    made for texts long enough to hold that many)."""
    if len(text) <= MAX_TOKENS:
        return None
    tokens = token_estimate(text)
    return tokens if tokens > MAX_TOKENS else None


def too_large_diagnostic(tokens: int) -> Diagnostic:
    return file_diagnostic(
        TOO_LARGE,
        f"not checked: about {tokens:,} tokens, over the limit of {MAX_TOKENS:,} (parsing it would take about "
        f"{tokens * 2.2 / 1e6:.1f} GB); split the module or exclude it",
    )


def file_is_exempt(text: str) -> bool:
    """`# tfvarfix: noqa` on a line of its own exempts the whole file."""
    return _FILE_NOQA.search(text) is not None


# What only tf_keras code says: its import, the switch to it, and the TF1 migration shim
# `tf.compat.v1.keras.utils.track_tf1_style_variables`, which Keras 3 lacks (measured, TF 2.21 + Keras 3.15:
# `AttributeError: module 'keras.utils' has no attribute 'track_tf1_style_variables'`).
TF_KERAS_MARKERS = ("tf_keras", "TF_USE_LEGACY_KERAS", "track_tf1_style_variables")


def flavor_of(text: str, target: Target = DEFAULT_TARGET) -> Flavor:
    """The Keras a module targets: tf_keras when its code imports it, sets TF_USE_LEGACY_KERAS or uses an API
    only tf_keras has, else the configuration's default (`keras-version`, 3 unless set). A marker in a comment
    or a docstring is no such use (Keras 3's own modules mention tf_keras in both)."""
    if tf_keras_marker(text) is not None:
        return Flavor.TF_KERAS
    return Flavor.TF_KERAS if target.keras_version == 2 else Flavor.KERAS3


def tf_keras_marker(text: str) -> str | None:
    """The first tf_keras marker that stands in the code: in a name, or in a string that is not a statement by
    itself (`os.environ["TF_USE_LEGACY_KERAS"] = "1"`, not a docstring); None when there is none. Text Python
    cannot tokenize is taken as it reads (any marker in it counts)."""
    present = [m for m in TF_KERAS_MARKERS if m in text]
    if not present:
        return None  # the common case: no tokenizing
    import io
    import tokenize

    def found(value: str) -> str | None:
        return next((m for m in present if m in value), None)

    line_start = True  # the next token begins a logical line: a string there is a docstring or bare string
    bare: list[str] = []  # the strings of a statement that so far holds only strings
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            kind, value = token.type, token.string
            if kind in (tokenize.NEWLINE, tokenize.ENDMARKER):
                line_start, bare = True, []
                continue
            if kind in (tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT):
                continue
            if kind == tokenize.STRING and (line_start or bare):
                bare.append(value)
                line_start = False
                continue
            marker = found("".join(bare)) if bare else None  # the strings began an expression (`"..." in x`)
            if marker is None and kind in (tokenize.NAME, tokenize.STRING):
                marker = found(value)
            if marker is not None:
                return marker
            bare, line_start = [], False
    except (tokenize.TokenError, SyntaxError, ValueError):
        return present[0]
    return None


@dataclass(frozen=True)
class Analysis:
    diagnostics: tuple[Diagnostic, ...]
    parsed: bool = True
    depends: tuple[tuple[str, str], ...] = ()  # (path, digest) of each project module the analysis read


@dataclass
class Outcome:
    """The result of checking (and perhaps fixing) one text."""

    diagnostics: tuple[Diagnostic, ...]
    text: str
    applied: list[Diagnostic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    depends: tuple[tuple[str, str], ...] = ()  # the project modules read (see Analysis)


def syntax_diagnostic(
    error: cst.ParserSyntaxError | SyntaxError | RecursionError | str, text: str | None = None
) -> Diagnostic:
    """One TFV001 diagnostic; with `text`, positioned inside it.

    libcst places an error at the end of a line on the next one, at the column where it was found (line 4,
    column 4 of an empty line 4 for `x = (` ending line 3), so for a libcst error CPython's parser is asked
    where the error is: its message says more (`'(' was never closed`), and its position is the right one.
    """
    valid = False
    if isinstance(error, cst.ParserSyntaxError) and text is not None:
        cpython = _cpython_syntax_error(text)
        valid = cpython is None  # libcst refuses some valid code: thousands of implicitly joined strings
        error = cpython or error
    if isinstance(error, cst.ParserSyntaxError):
        line, column = error.raw_line, error.raw_column
        message = (
            f"cannot analyze: Python accepts this file but libcst's parser does not ({error.message})"
            if valid
            else f"syntax error: {error.message}"
        )
    elif isinstance(error, SyntaxError):
        line, column = error.lineno or 1, max((error.offset or 1) - 1, 0)
        message = f"syntax error: {error.msg}"
    else:
        line, column = 1, 0
        message = "cannot parse: too deeply nested" if isinstance(error, RecursionError) else str(error)
    line, column = max(line, 1), max(column, 0)
    if text is not None:
        lines = LineIndex(text)
        line = min(line, lines.line_count)
        column = min(column, len(lines.line_text(line)))
    position = Position(line, column)
    return Diagnostic(SYNTAX_ERROR[0], SYNTAX_ERROR[1], message, Range(position, position))


def _cpython_syntax_error(text: str) -> SyntaxError | None:
    import ast

    try:
        ast.parse(text)
    except SyntaxError as error:
        return error
    except (ValueError, RecursionError, MemoryError):
        return None
    return None


def file_diagnostic(code: tuple[str, str], message: str) -> Diagnostic:
    position = Position(1, 0)
    return Diagnostic(code[0], code[1], message, Range(position, position))


# libcst's native parser overflows its stack (a segfault, which no except can catch) on statements nested
# about 1,500 deep or chained about 5,000 terms long, and is quadratic on long operator chains. CPython's parser
# refuses all of these early (more than 200 nested brackets; a RecursionError on long chains), so files that
# could hold such a statement are first given to it. The scan reads tokens as Python does, so brackets in
# comments, strings and docstrings are not nesting, a string is one term of its line, and a backslash that ends
# a line inside a string is no continuation; an f-string's braces and brackets are counted (its replacement
# fields are code). It costs about 1% of a parse; the gate about 20%, paid only by the rare file with a very
# deep or very long statement. The limits are far below what crashes libcst, so the scan need not be exact:
# where it is unsure (an f-string's literal text) it counts more, never less.
_STRING_BODIES = (
    r'"""[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*(?:"""|\Z)'
    r"|'''[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*(?:'''|\Z)"
    r'|"[^"\\\r\n]*(?:\\.[^"\\\r\n]*)*(?:"|(?=[\r\n])|\Z)'
    r"|'[^'\\\r\n]*(?:\\.[^'\\\r\n]*)*(?:'|(?=[\r\n])|\Z)"
)
_SCAN = re.compile(
    r"(?P<comment>#[^\r\n]*)"
    rf"|(?P<string>{_STRING_BODIES})"
    r"|(?P<continuation>\\(?:\r\n|\r|\n))"
    r"|(?P<open>[(\[{])|(?P<close>[)\]}])|(?P<newline>\r\n|\r|\n)",
    re.DOTALL,
)
_BRACKET = re.compile(r"[()\[\]{}]")
_TOKEN = re.compile(rf"(?:{_STRING_BODIES})|#[^\r\n]*|\w+|[^\w\s]", re.DOTALL)
_GATE_DEPTH = 100
_GATE_LOGICAL_LINE = 5_000
_GATE_CONTINUATIONS = 1_000


def _needs_gate(text: str) -> bool:
    """Whether `text` could hold a statement nested more than `_GATE_DEPTH` brackets deep, a logical line of
    more than `_GATE_LOGICAL_LINE` characters (a string counting as one, a comment as none), or more than
    `_GATE_CONTINUATIONS` backslash continuations."""
    if len(text) < _GATE_LOGICAL_LINE and sum(text.count(c) for c in "([{") <= _GATE_DEPTH:
        return False
    tripped, continuations = gate_scan(text)
    return tripped or continuations > _GATE_CONTINUATIONS


def gate_scan(text: str) -> tuple[bool, int]:
    """The scan of `_needs_gate`: (a statement too deep or a logical line too long, backslash continuations).
    Whole statements scan alone: the gate of a text cut at statements is any piece's, or the pieces' summed
    continuations over the limit (the editor server keeps each piece's scan)."""
    depth = 0
    line_start = 0
    skipped = 0  # characters of the current logical line that are inside strings and comments
    continuations = 0
    for match in _SCAN.finditer(text):
        kind = match.lastgroup
        if kind == "newline":
            if depth == 0:
                if match.start() - line_start - skipped > _GATE_LOGICAL_LINE:
                    return True, continuations
                line_start = match.end()
                skipped = 0
        elif kind == "open":
            depth += 1
            if depth > _GATE_DEPTH:
                return True, continuations
        elif kind == "close":
            if depth:
                depth -= 1
        elif kind == "comment":
            skipped += match.end() - match.start()
        elif kind == "string":
            skipped += match.end() - match.start() - 1
            start = match.start()
            if "f" not in text[max(start - 2, 0) : start].lower():  # no f prefix (or a name's f: counted)
                continue
            base = depth
            for bracket in _BRACKET.finditer(match.group()):
                if bracket.group() in "([{":
                    depth += 1
                    if depth > _GATE_DEPTH:
                        return True, continuations
                elif depth > base:
                    depth -= 1
            depth = base  # its fields close inside it
        else:  # a backslash continuation outside strings
            continuations += 1
            if continuations > _GATE_CONTINUATIONS:
                return True, continuations
    return len(text) - line_start - skipped > _GATE_LOGICAL_LINE, continuations


def parse(text: str) -> cst.Module:
    """Parse with libcst, after CPython's parser has vetted any file that could crash it."""
    if _needs_gate(text):
        import ast

        try:
            ast.parse(text)
        except RecursionError:
            raise SyntaxError("statement too deeply nested or too long to analyze") from None
        except MemoryError:
            raise SyntaxError("statement too large to analyze") from None
    return cst.parse_module(text)


def suppressed(diagnostic: Diagnostic, lines: LineIndex) -> bool:
    for line in {diagnostic.range.start.line, diagnostic.range.end.line}:
        for match in _NOQA.finditer(lines.line_text(line)):
            codes = match.group("codes")
            if codes is None:
                return True
            wanted = {c.upper() for c in re.split(r"[,\s]+", codes) if c}
            if diagnostic.code in wanted or any(diagnostic.code.startswith(w) for w in wanted):
                return True
    return False


@gc_paused
def analyze(
    text: str,
    rules: Sequence[type[Rule]],
    module: cst.Module | None = None,
    target: Target = DEFAULT_TARGET,
    ranges: Mapping[cst.CSTNode, CodeRange] | None = None,
    path: Path | None = None,
    project: ProjectIndex | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Analysis:
    """Every finding of `rules` in `text`, with positions and fixes, noqa already applied.

    `cancel` (the editor server: the buffer changed meanwhile) is polled as the program runs and between
    rules; once it says True, `Cancelled` is raised and nothing is returned.

    `ranges`: the positions of `module`'s nodes when the caller has them (the editor server keeps them per
    top-level piece); computed here otherwise. `path` and `project`: the file and its project, whose modules
    it imports are read with it (a finding in one of them that this module's calls cause is reported at the
    call; see `_anchored`)."""
    if module is None:
        tokens = too_large(text)
        if tokens is not None:
            return Analysis((too_large_diagnostic(tokens),), parsed=False)
        try:
            module = shared_parse(path, text) if path is not None and project is not None else parse(text)
        except (cst.ParserSyntaxError, SyntaxError, RecursionError) as error:
            return Analysis((syntax_diagnostic(error, text),), parsed=False)
        except ValueError as error:  # e.g. null bytes in text handed over directly (editors, stdin)
            return Analysis((syntax_diagnostic(str(error), text),), parsed=False)
    facts = analyze_facts(module, text, flavor_of(text, target), project, path, cancel)
    facts.package = target.package
    depends = facts.project_reads
    findings: list[tuple[type[Rule], Finding]] = []
    for rule in rules:
        if cancel is not None and cancel():
            raise Cancelled
        for finding in rule().check(facts):
            findings.append((rule, finding))
            if cancel is not None and cancel():
                raise Cancelled  # a rule with many findings: stop between them, not at its end
    if not findings:
        return Analysis((), depends=depends)
    if ranges is None:
        ranges = node_ranges(module)
    builders = _Builders(EditBuilder(module, text, ranges), facts)
    lines = builders.own.lines
    diagnostics: list[Diagnostic] = []
    anchors: _Anchors | None = None
    for rule, finding in findings:
        where = ranges.get(finding.node)
        placed: Diagnostic | None = None
        if where is None or (finding.origin is not None and facts.project_modules):
            if not facts.project_modules or project is None:
                continue
            anchors = anchors or _Anchors(facts, rules, target, project)
            if where is not None:  # reported here, written in another module: unless that module reports it
                if anchors.reported_there(rule, finding.origin):
                    continue
                finding = anchors.naming_origin(finding)
            else:
                placed = anchors.place(rule, finding, ranges)
                if placed is None:
                    continue
        if placed is not None:
            diagnostic = placed
        else:
            assert where is not None
            severity = finding.severity or rule.SEVERITY
            diagnostic = Diagnostic(rule.CODE, rule.NAME, finding.message, to_range(where), None, severity)
        if finding.fix is not None:
            if cancel is not None and cancel():
                raise Cancelled  # building fixes is a tenth of an analysis: stale work stops here too
            diagnostic = replace(diagnostic, fix=builders.fix(rule, finding.fix, ranges))
        if not suppressed(diagnostic, lines):
            diagnostics.append(diagnostic)
    diagnostics.sort(key=lambda d: (d.range.start, d.code))
    return Analysis(_dedupe(diagnostics), depends=depends)


class _Builders:
    """Places a fix's node edits: in the module checked, or, for a fix that belongs in another module of the
    project (the helper that names the layers a call here duplicates), in that module's text, each such edit
    carrying its file (`Edit.path`). One builder per module, made when a fix first reaches it."""

    def __init__(self, own: EditBuilder, facts: Facts) -> None:
        self.own = own
        self.facts = facts
        self._others: dict[int, tuple[ProjectModule, EditBuilder]] = {}

    def fix(self, rule: type[Rule], plan: FixPlan, ranges: Mapping[cst.CSTNode, CodeRange]) -> Fix | None:
        try:
            edits = self.edits(plan)
        except EditError:
            return None
        return Fix(
            title=plan.title or rule.FIX_TITLE or "",
            safety=plan.safety or rule.FIX_SAFETY,
            edits=edits,
            checks=plan.checks or rule.VERIFY,
            intended=_intended(plan, ranges),
            renames=plan.renames,
        )

    def edits(self, plan: FixPlan) -> tuple[Edit, ...]:
        groups: dict[int, list[NodeEdit]] = {}
        homes: dict[int, ProjectModule | None] = {}
        for edit in plan.edits:
            node = edit.near if isinstance(edit, (AddImport, AddModuleCode)) else edit.node
            home = None if node is None or node in self.own.ranges else self.facts.module_of(node)
            if node is not None and home is None and node not in self.own.ranges:
                raise EditError(f"node {type(node).__name__} is in no module of the project")
            key = id(home)
            homes[key] = home
            groups.setdefault(key, []).append(edit)
        built: list[Edit] = []
        for key, node_edits in groups.items():
            home = homes[key]
            if home is None:
                built += self.own.build_edits(node_edits)
                continue
            if home.path == self.facts.path:
                raise EditError("a fix in the file's own text as another module read it")
            other = self._others.get(id(home))
            if other is None:
                other = self._others[id(home)] = (
                    home,
                    EditBuilder(home.module, home.text, node_ranges(home.module)),
                )
            path = str(home.path)
            built += (replace(e, path=path) for e in other[1].build_edits(node_edits))
        return tuple(built)


class _Anchors:
    """Findings at nodes of another module of the project, placed at the call of this module that caused them.

    `train.py` calls `model.make_block()` twice into one model: the duplicate name is written in `model.py`,
    but only `train.py`'s calls make it a bug. Such a finding is reported at the call (the last one, when
    several lead there), naming the other file's line; a finding that the other module's own analysis reports
    is left to it (no file reports another's bug twice). Its fix, if any, is the rule's: edits in the other file
    carry that file's path (`Edit.path`)."""

    def __init__(
        self, facts: Facts, rules: Sequence[type[Rule]], target: Target, project: ProjectIndex
    ) -> None:
        self.facts = facts
        self.rules = rules
        self.target = target
        self.project = project
        self.by_node: dict[int, list[cst.CSTNode]] = {}
        for event in facts.events:
            if event.anchor is None:
                continue
            nodes: list[cst.CSTNode] = [event.node]
            if isinstance(event.node, cst.Call):
                for arg in event.node.args:
                    nodes += (arg, arg.value)
            for node in nodes:
                found = self.by_node.setdefault(id(node), [])
                if event.anchor not in found:
                    found.append(event.anchor)

    def place(
        self, rule: type[Rule], finding: Finding, ranges: Mapping[cst.CSTNode, CodeRange]
    ) -> Diagnostic | None:
        home = self.facts.module_of(finding.node)
        calls = [ranges[a] for a in self.by_node.get(id(finding.node), ()) if a in ranges]
        if home is None or not calls:
            return None
        line = home.line_of(finding.node)
        if line is None or self.reported_there(rule, finding.node):
            return None
        where = max(calls, key=lambda r: (r.start.line, r.start.column))
        message = f"{finding.message} (in {home.label(self.facts.path)}:{line}, run by this call)"
        return Diagnostic(
            rule.CODE, rule.NAME, message, to_range(where), None, finding.severity or rule.SEVERITY
        )

    def naming_origin(self, finding: Finding) -> Finding:
        """The finding, its message naming the other module's line where the bug is written (if it is)."""
        node = finding.origin
        home = self.facts.module_of(node) if node is not None else None
        line = home.line_of(node) if home is not None and node is not None else None
        if home is None or line is None:
            return finding
        return replace(
            finding, message=f"{finding.message} (written at {home.label(self.facts.path)}:{line})"
        )

    def reported_there(self, rule: type[Rule], node: cst.CSTNode | None) -> bool:
        """Whether the module of the project that holds `node` reports this rule in the same top-level
        statement (function, class) of its own: the bug is its, reported once, there."""
        home = self.facts.module_of(node) if node is not None else None
        if home is None or node is None:
            return False
        line = home.line_of(node)
        if line is None:
            return False
        own = _own_findings(home, self.rules, self.target, self.project)
        return (rule.CODE, home.statement_at(line)) in own


_OWN: dict[tuple[str, str, frozenset[str], Target], frozenset[tuple[str, int]]] = {}


def _own_findings(
    home: ProjectModule, rules: Sequence[type[Rule]], target: Target, project: ProjectIndex
) -> frozenset[tuple[str, int]]:
    """(code, top-level statement) of what the module's own check reports, once per content and selection."""
    key = (str(home.path), home.digest, frozenset(r.CODE for r in rules), target)
    found = _OWN.get(key)
    if found is None:
        if len(_OWN) > 256:
            _OWN.clear()
        analysis = analyze(home.text, rules, home.module, target, path=home.path, project=project)
        found = frozenset((d.code, home.statement_at(d.range.start.line)) for d in analysis.diagnostics)
        _OWN[key] = found
    return found


def _intended(plan: FixPlan, ranges: Mapping[cst.CSTNode, CodeRange]) -> tuple[IntendedValue, ...]:
    """The plan's intended values with ranges; one whose node has no position is left out."""
    found: list[IntendedValue] = []
    for item in plan.intended:
        where = ranges.get(item.node)
        if where is not None:
            found.append(IntendedValue(to_range(where), item.value, item.weight, item.index))
    return tuple(found)


def _dedupe(diagnostics: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    seen: set[tuple[str, Range, str]] = set()
    out: list[Diagnostic] = []
    for d in diagnostics:
        key = (d.code, d.range, d.message)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return tuple(out)


def fixable(diagnostic: Diagnostic, unsafe: bool) -> bool:
    return diagnostic.fix is not None and (unsafe or diagnostic.fix.safety is FixSafety.SAFE)


def fixable_here(diagnostic: Diagnostic, unsafe: bool) -> bool:
    """Fixable in the file's own text: every edit of its fix is there (one that also edits another module of the
    project is applied across files, by `api.fix_across_files`)."""
    return fixable(diagnostic, unsafe) and diagnostic.fix is not None and not diagnostic.fix.other_files


@gc_paused
def check_text(
    text: str,
    rules: Sequence[type[Rule]],
    fix: bool = False,
    unsafe: bool = False,
    target: Target = DEFAULT_TARGET,
    path: Path | None = None,
    project: ProjectIndex | None = None,
) -> Outcome:
    """Check `text`; with `fix`, apply fixes round after round, re-parsing after each, until nothing changes.

    `path` and `project`: see `analyze`."""
    analysis = analyze(text, rules, target=target, path=path, project=project)
    outcome = Outcome(analysis.diagnostics, text, depends=analysis.depends)
    if not fix or not analysis.parsed:
        return outcome
    for _ in range(MAX_ROUNDS):
        candidates = [d for d in outcome.diagnostics if fixable_here(d, unsafe)]
        if not candidates:
            return outcome
        new_text, applied = apply_fixes(outcome.text, [d.fix for d in candidates if d.fix is not None])
        if new_text == outcome.text:
            return outcome
        try:
            module = parse(new_text)
        except (cst.ParserSyntaxError, SyntaxError, RecursionError) as error:
            codes = ", ".join(sorted({candidates[i].code for i in applied}))
            outcome.notes.append(f"fixes for {codes} produced invalid code ({error}); they were not applied")
            outcome.diagnostics = (
                *outcome.diagnostics,
                file_diagnostic(FIX_FAILED, f"fix for {codes} would break the syntax; not applied"),
            )
            return outcome
        outcome.applied.extend(candidates[i] for i in applied)
        outcome.text = new_text
        outcome.diagnostics = analyze(new_text, rules, module, target, path=path, project=project).diagnostics
    if any(fixable_here(d, unsafe) for d in outcome.diagnostics):
        outcome.notes.append(f"fixes did not converge after {MAX_ROUNDS} rounds")
        outcome.diagnostics = (
            *outcome.diagnostics,
            file_diagnostic(FIX_FAILED, f"fixes did not converge after {MAX_ROUNDS} rounds"),
        )
    return outcome
