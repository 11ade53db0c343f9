"""Verify the fixes of one file: compute them in memory, run the original and the rewrite, compare, judge.

Scopes: a fix inside a top-level function that runs as an entry (`--entry`) belongs to that entry; any other
fix belongs to the module, and so to every entry. Each entry runs after a reseed, so a fix in one entry cannot
move another entry's random numbers.
"""

from __future__ import annotations

import ast
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tfvarfix.types import Diagnostic, Edit, FileResult, IntendedValue, Position, Range, VerifyCheck
from tfvarfix.verify.policy import EAGER_ATOL, EAGER_RTOL, EXPECTED_ERRORS, ROUNDTRIP_CODES, Tolerance
from tfvarfix.verify.runner import Environment, Pool, RunOutcome

MODULE = ""  # the scope of module-level code

_GRAPH_MODE = ("disable_v2_behavior", "disable_eager_execution")
_TF1_API = ("compat.v1", "tf.Session(", "tf.placeholder(", "tf.variable_scope(", "tf.layers.", "tf.contrib")


def keras_of(text: str, legacy_flag: bool = False, keras_version: int = 3) -> tuple[bool, str]:
    """(run under tf_keras, why): from --legacy-keras, the file's own facts (it imports tf_keras or sets
    TF_USE_LEGACY_KERAS: the engine's `flavor_of`; TF1 graph code, whose `tf.compat.v1` layers and rnn cells exist
    only with tf_keras), else the configuration's target."""
    from tfvarfix.engine import flavor_of, tf_keras_marker
    from tfvarfix.keras.table import Flavor
    from tfvarfix.types import Target

    graph = any(marker in text for marker in _GRAPH_MODE)
    mode = ", TF1 graph mode" if graph else ""
    if legacy_flag:
        return True, f"tf_keras (--legacy-keras){mode}"
    marker = tf_keras_marker(text)
    if marker == "tf_keras":
        return True, f"tf_keras (the file imports tf_keras){mode}"
    if marker == "TF_USE_LEGACY_KERAS":
        return True, f"tf_keras (the file sets TF_USE_LEGACY_KERAS){mode}"
    if marker == "track_tf1_style_variables":
        return True, f"tf_keras (the file uses track_tf1_style_variables, which only tf_keras has){mode}"
    if graph or (any(marker in text for marker in _TF1_API) and "keras" not in text):
        return True, f"tf_keras (TF1 code: tf.compat.v1 layers and cells need it){mode}"
    if flavor_of(text, Target(keras_version=keras_version)) is Flavor.TF_KERAS:
        return True, "tf_keras (the configuration's keras-version = 2)"
    return False, "Keras 3 (the file's target)"


@dataclass(frozen=True)
class Options:
    entries: tuple[str, ...] = ()  # fnmatch patterns of functions to call; () collects module globals
    backend: str = "tensorflow"
    device: str = "cpu"  # cpu | gpu | auto
    cross_device: bool = False  # original on CPU, rewrite on GPU
    legacy_keras: bool = False
    timeout: float = 120.0
    rtol: float | None = None
    atol: float | None = None
    seed: int = 0
    keras_version: int = 3  # the configuration's target for files that do not say (`keras-version`)

    def for_file(self, text: str) -> tuple[Options, str]:
        """These options with the Keras the file runs on, chosen from its facts, and why."""
        import dataclasses

        legacy, why = keras_of(text, self.legacy_keras, self.keras_version)
        return dataclasses.replace(self, legacy_keras=legacy), why

    def environments(self) -> tuple[Environment, Environment]:
        if self.cross_device:
            return (
                Environment(self.backend, "cpu", self.legacy_keras),
                Environment(self.backend, "gpu", self.legacy_keras),
            )
        same = Environment(self.backend, self.device, self.legacy_keras)
        return same, same


@dataclass(frozen=True)
class Row:
    """One compared array: a weight (by path), an output of a built model, or a returned value."""

    scope: str
    label: str
    kind: str  # weight | output | value
    path: str
    shape: tuple[int, ...]
    dtype: str
    max_abs: float | None
    max_rel: float | None
    rtol: float
    atol: float
    verdict: (
        str  # identical | within tolerance | differs | only in original | only in rewrite | shape differs
    )

    @property
    def ok(self) -> bool:
        return self.verdict in ("identical", "within tolerance")

    @property
    def allowed(self) -> bool:
        return "(allowed:" in self.verdict


@dataclass(frozen=True)
class FixVerdict:
    code: str
    line: int
    column: int
    check: str
    passed: bool
    reason: str
    scope: str = MODULE
    diagnostic: Diagnostic | None = None


@dataclass(frozen=True)
class RunSummary:
    status: str  # ok | timeout | crashed | internal
    error: str | None  # module-level error, `Type: first line`
    entry_errors: dict[str, str]
    stdout: str
    stderr: str
    seconds: float
    device: str
    message: str = ""


@dataclass
class FileVerification:
    path: str
    status: str  # verified | failed | error | no fixes
    fixes: list[FixVerdict] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    original: RunSummary | None = None
    rewritten: RunSummary | None = None
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    startup_s: float = 0.0  # worker start-up paid during this file
    environment: str = ""  # what ran it (Keras flavour, versions, device, seeding) and why that one

    @property
    def passed(self) -> bool:
        return self.status in ("verified", "no fixes")


# ---------------------------------------------------------------------------------------- instrumenting
def instrument(text: str, marks: Sequence[tuple[str, IntendedValue]]) -> str:
    """Wrap each intended-value expression in `__tfvarfix_intend__(key, (...))`: identity, but noted."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(line: int, column: int) -> int:
        return starts[line - 1] + column

    inserts: list[tuple[int, int, str]] = []
    for n, (key, item) in enumerate(marks):
        start = offset(item.range.start.line, item.range.start.column)
        end = offset(item.range.end.line, item.range.end.column)
        inserts.append((start, 1, f"__tfvarfix_intend__({key!r}, ("))
        inserts.append((end, 0, "))"))
        del n
    out = text
    for position, _, code in sorted(inserts, key=lambda i: (i[0], i[1]), reverse=True):
        out = out[:position] + code + out[position:]
    return out


Span = tuple[str, int, int, frozenset[str]]
CALLED = "<called at module level>"  # the span of the names module-level code calls


def definitions(text: str) -> list[Span]:
    """Top-level functions and classes, and names a module-level assignment binds (`step_fn =
    tf.function(step)`): (name, first line, last line, names they read). A last span, CALLED, holds the names
    module-level code calls."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return []
    spans: list[Span] = []
    called: set[str] = set()
    for node in tree.body:
        read = frozenset(n.id for n in ast.walk(node) if isinstance(n, ast.Name))
        last = node.end_lineno or node.lineno
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            spans.append((node.name, node.lineno, last, read))
            continue
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    spans.append((target.id, node.lineno, last, read - {target.id}))
        called.update(
            n.func.id for n in ast.walk(node) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
        )
    spans.append((CALLED, 0, -1, frozenset(called)))
    return spans


def scopes_of(line: int, spans: list[Span], entries: set[str]) -> tuple[str, ...]:
    """The entries a fix at `line` can affect: its own entry; the entries that reach the function or class it
    lies in, through other functions and module names; the whole module when module-level code calls one of
    those, or when the fix lies outside any function."""
    for name, first, last, _ in spans:
        if first <= line <= last and name != CALLED:
            if name in entries:
                return (name,)
            reached, pending, users = {name}, [name], set()
            while pending:
                current = pending.pop()
                for other, _, _, used in spans:
                    if current not in used:
                        continue
                    if other == CALLED:
                        return (MODULE,)
                    if other in entries:
                        users.add(other)
                    elif other not in reached:
                        reached.add(other)
                        pending.append(other)
            return tuple(sorted(users)) or (MODULE,)
    return (MODULE,)


# ------------------------------------------------------------------------------------------------- run
def verify_result(
    result: FileResult, plain: FileResult, options: Options, pool: Pool, label: str | None = None
) -> FileVerification:
    """Verify the in-memory fixes of `result` (computed with fixes applied); `plain` is the same file unfixed."""
    import time

    started = time.perf_counter()
    start_before = pool.start_s
    path = label or result.path
    verification = FileVerification(path, "no fixes")
    if not result.changed or result.source is None or result.fixed_source is None:
        return verification
    if result.notebook is not None if hasattr(result, "notebook") else False:
        verification.status = "error"
        verification.notes.append("notebooks are not verified yet; export the notebook to a .py file")
        return verification
    first_round = {(d.code, d.range) for d in plain.diagnostics}
    marks: list[tuple[str, IntendedValue]] = []
    intend: dict[str, list[str]] = {}
    for n, diagnostic in enumerate(result.applied_fixes):
        fix = diagnostic.fix
        if fix is None or (diagnostic.code, diagnostic.range) not in first_round:
            continue
        for i, item in enumerate(fix.intended):
            key = f"{n}.{i}"
            marks.append((key, item))
            intend[key] = [item.value, item.weight, item.index]
        if fix.checks is VerifyCheck.INTENDED:
            for i, item in enumerate(_set_weights_arguments(result.source, fix.edits)):
                key = f"{n}.w{i}"
                marks.append((key, item))
                intend[key] = ["@elements", "", ""]
    original_text = instrument(result.source, marks)
    rewrite_text, snapshots = _instrument_rewrite(result, first_round)
    spans = definitions(result.source)
    options, why = options.for_file(result.source)
    env_original, env_rewritten = options.environments()
    name = Path(result.path).name if result.path not in ("", "-") else "program.py"
    if not name.endswith(".py"):
        name += ".py"
    roundtrip = any(d.code in ROUNDTRIP_CODES for d in result.applied_fixes)
    home = Path(result.path).parent if result.path not in ("", "-") and Path(result.path).is_file() else None
    per_call = {n for n, d in enumerate(result.applied_fixes) if _resets_per_call(d, result.source)}
    extra = {"repeat": 2} if per_call and options.entries else {}
    outcomes = [
        run_program(
            pool,
            env_original,
            original_text,
            name,
            options,
            intend,
            roundtrip,
            home,
            verification.notes,
            extra,
        ),
        run_program(pool, env_rewritten, rewrite_text, name, options, snapshots, roundtrip, home, [], extra),
    ]
    original, rewritten = outcomes
    reference = None
    if per_call and original.status == "ok" and rewritten.status == "ok":
        # What the original means, each call of a tf.function with its own fresh variable: the original run
        # with every tf.function run eagerly (where making a variable per call is allowed).
        reference = run_program(
            pool,
            env_original,
            result.source,
            name,
            options,
            {},
            False,
            home,
            [],
            {**extra, "eager_functions": True},
        )
    verification.original = _summary(original)
    verification.rewritten = _summary(rewritten)
    ran = original.environment or rewritten.environment
    verification.environment = f"{why}: {ran}" if ran else why
    verification.startup_s = pool.start_s - start_before
    gpu = "gpu" in (original.device, rewritten.device)
    tolerance = Tolerance(gpu=gpu, rtol=options.rtol, atol=options.atol)
    if original.status != "ok" or rewritten.status != "ok":
        verification.status = "failed"
        for diagnostic in result.applied_fixes:
            reason = "; ".join(
                f"the {side} {o.status}: {o.message}"
                for side, o in (("original", original), ("rewrite", rewritten))
                if o.status != "ok"
            )
            verification.fixes.append(_verdict(diagnostic, False, reason, MODULE))
        verification.seconds = time.perf_counter() - started
        return verification
    for side, outcome in (("original", original), ("rewrite", rewritten)):
        if (
            options.entries
            and not outcome.result.get("entry_names")
            and not outcome.result.get("module_error")
        ):
            verification.notes.append(
                f"the {side} has no function matching --entry {', '.join(options.entries)}"
            )
    verification.rows = compare(original, rewritten, tolerance)
    entries = set(original.result.get("entry_names", [])) | set(rewritten.result.get("entry_names", []))
    remaining = _remaining(result)
    for n, diagnostic in enumerate(result.applied_fixes):
        scopes: tuple[str, ...] = (MODULE,)
        if (diagnostic.code, diagnostic.range) in first_round:
            scopes = scopes_of(diagnostic.line, spans, entries)
        judged = [
            judge(
                diagnostic, n, s, original, rewritten, verification.rows, tolerance, remaining, result.source
            )
            for s in scopes
        ]
        passed = all(ok for ok, _ in judged)
        if not passed:
            alone = _judge_alone(
                result,
                diagnostic,
                n,
                scopes,
                original,
                rewritten,
                options,
                pool,
                env_original,
                name,
                remaining,
            )
            if alone is not None:
                judged = alone
                passed = all(ok for ok, _ in judged)
        if passed and n in per_call and reference is not None and len(judged) == len(scopes):
            judged = [
                _against_reference(s, reference, rewritten, tolerance, why)
                for (_, why), s in zip(judged, scopes, strict=True)
            ]
            passed = all(ok for ok, _ in judged)
        reason = "; ".join(why for ok, why in judged if ok is passed)
        scope = ", ".join(s or "module" for s in scopes)
        later = (diagnostic.code, diagnostic.range) not in first_round
        if later and diagnostic.fix is not None and diagnostic.fix.checks is VerifyCheck.INTENDED:
            passed, reason = False, "made in a later fix round: its intended value cannot be located"
        verification.fixes.append(_verdict(diagnostic, passed, reason, scope))
    verification.rows = _allowed(verification.rows, verification.fixes)
    verification.status = "verified" if all(f.passed for f in verification.fixes) else "failed"
    failed = [f for f in verification.fixes if not f.passed]
    if failed and all(NOTHING in f.reason for f in failed):
        verification.status = "nothing collected"
    verification.seconds = time.perf_counter() - started
    return verification


def _instrument_rewrite(
    result: FileResult, first_round: set[tuple[str, Any]]
) -> tuple[str, dict[str, list[str]]]:
    """The rewrite with each `intended` fix's replacement expression noted as `__tfvarfix_intend__(key, (...))`,
    so the value it gives a weight is read right after the statement, before the program trains or assigns it.
    Only single-edit fixes whose new text is one expression are noted; the others are judged at program end."""
    assert result.source is not None and result.fixed_source is not None
    from tfvarfix.source import LineIndex

    index = LineIndex(result.source)
    edits: list[tuple[int, int, str, int, str]] = []  # start, end, content, fix number (-1: not noted), named
    for n, d in enumerate(result.applied_fixes):
        if d.fix is None or (d.code, d.range) not in first_round:
            return result.fixed_source, {}  # later fix rounds: offsets in the original do not hold
        noted = d.fix.checks is VerifyCheck.INTENDED and len(d.fix.edits) == 1
        for e in d.fix.edits:
            start = index.offset(e.range.start.line, e.range.start.column)
            end = index.offset(e.range.end.line, e.range.end.column)
            named = ""
            if d.fix.checks is VerifyCheck.REPAIRS and len(d.fix.edits) == 1:
                named = _read_attribute(result.source[start:end], e.content)
            edits.append((start, end, e.content, n if noted or named else -1, named))
    shift, marks, named_keys = 0, [], {}
    found = _attribute_starts(result.fixed_source)
    for start, end, content, n, attribute in sorted(edits, key=lambda e: (e[0], e[1])):
        where = start + shift
        shift += len(content) - (end - start)
        if n >= 0 and attribute:
            # The rewrite's attribute read that stands where the fix wrote one (found by its place and depth,
            # not by its text): which weight it gives is checked against the one the finding named.
            depth = _chain_depth(ast.parse(content.strip(), mode="eval").body)
            span = found.get((where + len(content) - len(content.lstrip()), depth))
            if span is not None:
                marks.append((span[0], span[1], f"{n}.n"))
                named_keys[f"{n}.n"] = attribute
            continue
        if n < 0 or result.fixed_source[where : where + len(content)] != content:
            continue
        try:
            ast.parse(content.strip(), mode="eval")
        except SyntaxError:
            continue
        lead = len(content) - len(content.lstrip())
        body = content.strip()
        marks.append((where + lead, where + lead + len(body), f"{n}.s"))
    out = result.fixed_source
    for start, end, key in sorted(marks, reverse=True):
        out = f"{out[:start]}__tfvarfix_intend__({key!r}, ({out[start:end]})){out[end:]}"
    if marks:
        try:
            ast.parse(out)
        except SyntaxError:
            return result.fixed_source, {}
    return out, {
        key: ["@name", named_keys[key], ""] if key in named_keys else ["@snapshot", "", ""]
        for _, _, key in marks
    }


def _read_attribute(old: str, new: str) -> str:
    """The attribute a `repairs` fix reads in both texts (`lstm.kernel` -> `lstm.cell.kernel`: `kernel`), the
    weight the finding named; '' when the fix is no such rewrite of an attribute read."""
    try:
        before = ast.parse(old.strip(), mode="eval").body
        after = ast.parse(new.strip(), mode="eval").body
    except SyntaxError:
        return ""
    if isinstance(before, ast.Attribute) and isinstance(after, ast.Attribute) and before.attr == after.attr:
        return after.attr
    return ""


def _chain_depth(node: ast.expr) -> int:
    """How many attribute reads, calls and subscripts `node` chains (`m.get_layer("g").cell.kernel`: 4)."""
    depth = 0
    while isinstance(node, (ast.Attribute, ast.Call, ast.Subscript)):
        node = node.func if isinstance(node, ast.Call) else node.value
        depth += 1
    return depth


def _attribute_starts(text: str) -> dict[tuple[int, int], tuple[int, int]]:
    """(offset, chain depth) -> (start, end) offsets of every attribute read in `text`."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return {}
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(line: int, column: int) -> int:  # ast columns count UTF-8 bytes
        return starts[line - 1] + len(lines[line - 1].encode("utf-8")[:column].decode("utf-8", "replace"))

    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load) and node.end_lineno is not None:
            start = offset(node.lineno, node.col_offset)
            end = offset(node.end_lineno, node.end_col_offset or 0)
            spans[(start, _chain_depth(node))] = (start, end)
    return spans


_RESET = re.compile(r"^\s*[\w.\[\]]+\.assign\(")


def _resets_per_call(diagnostic: Diagnostic, source: str | None) -> bool:
    """A `repairs` fix that moves a `tf.Variable(...)` out of a function and resets it there each call
    (`total = tf.Variable(0.0)` -> `total.assign(0.0)`): it must keep what every call computed."""
    fix = diagnostic.fix
    if fix is None or fix.checks is not VerifyCheck.REPAIRS or source is None:
        return False
    from tfvarfix.source import LineIndex

    index = LineIndex(source)
    for edit in fix.edits:
        start = index.offset(edit.range.start.line, edit.range.start.column)
        end = index.offset(edit.range.end.line, edit.range.end.column)
        if _RESET.match(edit.content) and "Variable(" in source[start:end]:
            return True
    return False


_SYMBOLIC = re.compile(r"Tensor\(\"|<tf\.Tensor '|KerasTensor")


def _against_reference(
    scope: str, reference: RunOutcome, rewritten: RunOutcome, tolerance: Tolerance, passed: str
) -> tuple[bool, str]:
    """Judge a per-call reset against the original run eagerly (`reference`), where every call makes its fresh
    variable: each value both have (every call of an entry, which verify calls twice) and every line the rewrite
    prints (symbolic tensors, printed once at tracing, aside) must be the reference's."""
    where = "the module" if scope == MODULE else f"`{scope}`"
    error = _status(reference, scope)
    if error is not None:
        return True, f"{passed} (no eager reference: it raised {_error_text(error)})"
    rtol, atol = tolerance.for_dtype("float32")
    loose = Tolerance(tolerance.gpu, max(rtol, EAGER_RTOL), max(atol, EAGER_ATOL))
    rows = [r for r in compare(reference, rewritten, loose) if _in_scope(r, scope)]
    bad = [r for r in rows if r.verdict in ("differs", "shape differs")]
    if bad:
        return False, (
            f"{where}: {len(bad)} arrays differ from the original run eagerly, where every call makes its fresh "
            f"variable (first: {_row_name(bad[0])}, {bad[0].verdict})"
        )
    lines = [line for line in printed(rewritten.stdout) if not _SYMBOLIC.search(line)]
    missing = _in_order(lines, printed(reference.stdout))
    if missing is not None:
        return (
            False,
            f"{where}: the rewrite prints {missing[:120]!r}, which the original run eagerly does not",
        )
    same = [r for r in rows if r.ok]
    return True, f"{passed}; {len(same)} arrays are those of the original run eagerly"


def _set_weights_arguments(source: str, edits: Sequence[Edit]) -> list[IntendedValue]:
    """The argument of each `layer.set_weights([...])` statement a fix deletes: the values the author meant the
    layer's weights to hold (the fix gives them by initializers instead). Where the original stops there (an
    unbuilt layer has no weights to set), they are the only statement of intent it makes."""
    from tfvarfix.source import LineIndex

    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    index = LineIndex(source)
    lines = source.splitlines(keepends=True)

    def column(line: int, byte: int) -> int:
        return len(lines[line - 1].encode("utf-8")[:byte].decode("utf-8", "replace"))

    deleted = [
        (
            index.offset(e.range.start.line, e.range.start.column),
            index.offset(e.range.end.line, e.range.end.column),
        )
        for e in edits
        if not e.content.strip()
    ]
    found = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Attribute)
            and node.value.func.attr == "set_weights"
            and len(node.value.args) == 1
            and node.end_lineno is not None
        ):
            continue
        start = index.offset(node.lineno, column(node.lineno, node.col_offset))
        end = index.offset(node.end_lineno, column(node.end_lineno, node.end_col_offset or 0))
        if not any(a <= start and end <= b for a, b in deleted):
            continue
        arg = node.value.args[0]
        if arg.end_lineno is None:
            continue
        found.append(
            IntendedValue(
                Range(
                    Position(arg.lineno, column(arg.lineno, arg.col_offset)),
                    Position(arg.end_lineno, column(arg.end_lineno, arg.end_col_offset or 0)),
                )
            )
        )
    return found


def _remaining(result: FileResult) -> dict[int, tuple[str, ...]]:
    """The rewrite's lines that still hold a bug tfvarfix reports (every rule, fixed or not): line -> codes. A
    bug's line stands for the whole statement it lies in (a traceback names one line of a many-line call)."""
    from tfvarfix import api

    assert result.fixed_source is not None
    try:
        statements = [
            (node.lineno, node.end_lineno or node.lineno)
            for node in ast.walk(ast.parse(result.fixed_source))
            if isinstance(node, ast.stmt)
        ]
    except SyntaxError:
        statements = []
    lines: dict[int, tuple[str, ...]] = {}
    for d in api.check_source(result.fixed_source, result.path).diagnostics:
        around = [(a, b) for a, b in statements if a <= d.range.start.line <= b]
        first, last = min(around, key=lambda s: s[1] - s[0], default=(d.range.start.line, d.range.end.line))
        for line in range(first, max(last, d.range.end.line) + 1):
            lines[line] = (*lines.get(line, ()), d.code)
    return lines


def _judge_alone(
    result: FileResult,
    diagnostic: Diagnostic,
    number: int,
    scopes: tuple[str, ...],
    original: RunOutcome,
    rewritten: RunOutcome,
    options: Options,
    pool: Pool,
    env: Environment,
    name: str,
    remaining: dict[int, tuple[str, ...]],
) -> list[tuple[bool, str]] | None:
    """Judge a fix alone when another fixed bug masks it: the original stopped, with that other bug's error, on a
    line another applied fix rewrote, before it reached this fix's bug. The fix is then judged against the
    original with every other fix applied (which now gets as far as this bug). None when nothing masks it."""
    from tfvarfix.fixes import apply_fixes

    fix = diagnostic.fix
    if fix is None or fix.checks is VerifyCheck.INTENDED or result.source is None:
        return None
    errors = [_status(original, scope) for scope in scopes]
    others = [d for d in result.applied_fixes if d is not diagnostic and d.fix is not None]
    masking = []
    for error in errors:
        line = None if error is None else error.get("line")
        for other in others:
            if line is not None and other.range.start.line <= int(line) <= other.range.end.line:
                masking.append(other)
    if not masking:
        return None
    text, _ = apply_fixes(result.source, [d.fix for d in others if d.fix is not None])
    base = run_program(
        pool, env, text, name, options, {}, any(d.code in ROUNDTRIP_CODES for d in others), None, []
    )
    if base.status != "ok":
        return [
            (False, f"judged alone: the original with the other fixes applied {base.status}: {base.message}")
        ]
    gpu = "gpu" in (base.device, rewritten.device)
    tolerance = Tolerance(gpu=gpu, rtol=options.rtol, atol=options.atol)
    rows = compare(base, rewritten, tolerance)
    first = masking[0]
    prefix = (
        f"judged alone ({first.code} at line {first.line} raised first in the original, so against the "
        "original with the other fixes applied): "
    )
    return [
        (ok, prefix + why)
        for ok, why in (
            judge(diagnostic, number, s, base, rewritten, rows, tolerance, remaining, text) for s in scopes
        )
    ]


SKIPPED_FOLDERS = frozenset(
    {".git", ".hg", "__pycache__", ".venv", "venv", "node_modules", ".tox", ".mypy_cache", ".tfvarfix_cache"}
)
MIRROR_BYTES = 32 * 1024 * 1024  # what the program's folder may bring along, in all
MIRROR_FILE_BYTES = 8 * 1024 * 1024  # one file larger than this stays behind


def mirror(home: Path, where: Path, skip: str) -> list[str]:
    """Copy the program's folder (its sibling modules, packages and data files) into `where`, so the copy imports
    and reads what the program next to its original would; the user's files are only read. Returns notes on what
    was left behind."""
    import os
    import shutil

    budget, left = MIRROR_BYTES, []
    for root, folders, files in os.walk(home):
        folders[:] = sorted(f for f in folders if f not in SKIPPED_FOLDERS and not f.startswith("."))
        relative = Path(root).relative_to(home)
        for file in sorted(files):
            if relative == Path() and file == skip:
                continue
            source = Path(root) / file
            try:
                size = source.stat().st_size
                if size > MIRROR_FILE_BYTES or size > budget:
                    left.append(str(relative / file))
                    continue
                (where / relative).mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, where / relative / file)
                budget -= size
            except OSError:
                left.append(str(relative / file))
    if not left:
        return []
    shown = ", ".join(left[:3]) + (f" and {len(left) - 3} more" if len(left) > 3 else "")
    limits = f"over {MIRROR_FILE_BYTES >> 20} MiB, or {MIRROR_BYTES >> 20} MiB in all"
    return [f"not copied next to the program ({limits}): {shown}"]


def run_program(
    pool: Pool,
    env: Environment,
    text: str,
    name: str,
    options: Options,
    intend: dict[str, list[str]],
    roundtrip: bool,
    home: Path | None,
    notes: list[str],
    extra: dict[str, Any] | None = None,
) -> RunOutcome:
    """Run `text` as `name` in a fresh temporary folder holding a copy of the program's own folder (`home`), and
    remove the folder afterwards."""
    with tempfile.TemporaryDirectory(prefix="tfvarfix-verify-") as folder:
        where = Path(folder) / "program"
        where.mkdir()
        if home is not None:
            for note in mirror(home, where, name):
                if note not in notes:
                    notes.append(note)
        out = Path(folder) / "out"
        out.mkdir()
        program = where / name
        program.write_text(text, encoding="utf-8")
        request: dict[str, Any] = {
            "source": str(program),
            "out": str(out),
            "seed": options.seed,
            "entries": list(options.entries),
            "intend": intend,
            "roundtrip": roundtrip,
            **(extra or {}),
        }
        return pool.run(env, request, options.timeout)


def _allowed(rows: list[Row], fixes: list[FixVerdict]) -> list[Row]:
    """Mark the differences that an `intended` or `repairs` fix covering the row's scope allows."""
    import dataclasses

    allowed: dict[str, str] = {}
    for f in fixes:
        if f.check != VerifyCheck.EQUIVALENT.value:
            for scope in f.scope.split(", "):
                allowed.setdefault("" if scope == "module" else scope, f"{f.code} {f.check}")
    out = []
    for row in rows:
        why = allowed.get(row.scope) or allowed.get(MODULE)
        if not row.ok and why is not None:
            row = dataclasses.replace(row, verdict=f"{row.verdict} (allowed: {why})")
        out.append(row)
    return out


def _verdict(diagnostic: Diagnostic, passed: bool, reason: str, scope: str) -> FixVerdict:
    check = diagnostic.fix.checks.value if diagnostic.fix is not None else "none"
    return FixVerdict(
        diagnostic.code, diagnostic.line, diagnostic.column, check, passed, reason, scope, diagnostic
    )


def _summary(outcome: RunOutcome) -> RunSummary:
    result = outcome.result
    error = result.get("module_error")
    entries = {
        name: _error_text(value["error"])
        for name, value in result.get("entries", {}).items()
        if value.get("error") is not None
    }
    return RunSummary(
        outcome.status,
        _error_text(error) if error else None,
        entries,
        outcome.stdout,
        outcome.stderr,
        outcome.seconds,
        outcome.device,
        outcome.message,
    )


def _error_text(error: dict[str, Any]) -> str:
    lines = str(error.get("message", "")).strip().splitlines()
    return f"{error.get('type')}: {lines[0] if lines else ''}"


# ------------------------------------------------------------------------------------------- compare
def _items(outcome: RunOutcome) -> dict[tuple[str, str, str, str], Any]:
    """(scope, label, kind, path) -> array, for everything the run collected."""
    items: dict[tuple[str, str, str, str], Any] = {}
    for obj in outcome.result.get("objects", []):
        scope, label = obj.get("entry", MODULE), obj["label"]
        for weight in obj.get("weights", []):
            if "array" in weight:
                items[(scope, label, "weight", weight["path"])] = outcome.arrays[weight["array"]]
        for i, key in enumerate(obj.get("outputs", [])):
            items[(scope, label, "output", str(i))] = outcome.arrays[key]
        if obj.get("kind") == "value":
            items[(scope, label, "value", "")] = outcome.arrays[obj["array"]]
    return items


def difference(a: Any, b: Any, tolerance: Tolerance) -> tuple[float, float, float, float, str]:
    """(max abs, max rel, rtol, atol, verdict) of rewrite `b` against original `a`."""
    import numpy as np

    dtype = str(a.dtype)
    rtol, atol = tolerance.for_dtype(dtype)
    if a.shape != b.shape:
        return float("nan"), float("nan"), rtol, atol, "shape differs"
    if a.size == 0:
        return 0.0, 0.0, rtol, atol, "identical"
    x, y = a.astype(np.float64), b.astype(np.float64)
    if np.array_equal(x, y, equal_nan=True):
        return 0.0, 0.0, rtol, atol, "identical"
    gap = np.abs(x - y)
    gap = np.where(np.isnan(x) & np.isnan(y), 0.0, gap)
    nonzero = np.abs(x) > 0
    rel = float(np.nanmax(gap[nonzero] / np.abs(x[nonzero]))) if nonzero.any() else float("nan")
    ok = bool(np.all(gap <= atol + rtol * np.abs(x)))
    return float(np.nanmax(gap)), rel, rtol, atol, "within tolerance" if ok else "differs"


def _renamed(
    left: dict[tuple[str, str, str, str], Any], right: dict[tuple[str, str, str, str], Any]
) -> dict[tuple[str, str, str, str], tuple[str, str, str, str]]:
    """Weights the rewrite moved to another path (TFV104 renames a layer), original key -> rewrite key.

    Per object, what only the original has is paired with what only the rewrite has, by weight name and then path,
    and only when both sides have as many and their shapes line up one to one; the values are then compared."""

    def order(key: tuple[str, str, str, str]) -> tuple[str, str]:
        return key[3].rsplit("/", 1)[-1].split("#", 1)[0], key[3]

    gone: dict[tuple[str, str, str], list[tuple[str, str, str, str]]] = {}
    added: dict[tuple[str, str, str], list[tuple[str, str, str, str]]] = {}
    for key in left.keys() - right.keys():
        if key[2] == "weight":
            gone.setdefault(key[:3], []).append(key)
    for key in right.keys() - left.keys():
        if key[2] == "weight":
            added.setdefault(key[:3], []).append(key)
    pairs: dict[tuple[str, str, str, str], tuple[str, str, str, str]] = {}
    for owner, old in gone.items():
        new = sorted(added.get(owner, []), key=order)
        old = sorted(old, key=order)
        if len(old) == len(new) and all(
            order(a)[0] == order(b)[0] and left[a].shape == right[b].shape
            for a, b in zip(old, new, strict=True)
        ):
            pairs.update(zip(old, new, strict=True))
    return pairs


def compare(original: RunOutcome, rewritten: RunOutcome, tolerance: Tolerance) -> list[Row]:
    left, right = _items(original), _items(rewritten)
    renamed = _renamed(left, right)
    moved = set(renamed.values())
    rows: list[Row] = []
    for key in sorted(set(left) | set(right)):
        if key in moved:
            continue
        scope, label, kind, path = key
        a, b = left.get(key), right.get(key)
        if key in renamed:
            b = right[renamed[key]]
            path = f"{path} -> {renamed[key][3]}"
        if a is None or b is None:
            present: Any = a if a is not None else b
            rtol, atol = tolerance.for_dtype(str(present.dtype))
            verdict = "only in rewrite" if a is None else "only in original"
            rows.append(
                Row(
                    scope,
                    label,
                    kind,
                    path,
                    tuple(present.shape),
                    str(present.dtype),
                    None,
                    None,
                    rtol,
                    atol,
                    verdict,
                )
            )
            continue
        max_abs, max_rel, rtol, atol, verdict = difference(a, b, tolerance)
        rows.append(
            Row(scope, label, kind, path, tuple(a.shape), str(a.dtype), max_abs, max_rel, rtol, atol, verdict)
        )
    return rows


# --------------------------------------------------------------------------------------------- judge
def _status(outcome: RunOutcome, scope: str) -> dict[str, Any] | None:
    """The error of `scope` in a run (the module's error counts for every entry), or None.

    A model that could not be saved and loaded again (checked for the rules in ROUNDTRIP_CODES) counts as an
    error of its scope."""
    error = outcome.result.get("module_error")
    if error is not None and not _clean_exit(error):
        return dict(error)
    for obj in outcome.result.get("objects", []):
        if obj.get("roundtrip_error") and (scope == MODULE or obj.get("entry") == scope):
            return dict(obj["roundtrip_error"])
    if scope != MODULE:
        entry = outcome.result.get("entries", {}).get(scope)
        if entry is not None and entry.get("error") is not None and not _clean_exit(entry["error"]):
            return dict(entry["error"])
    elif outcome.result.get("entries"):
        for entry in outcome.result["entries"].values():
            if entry.get("error") is not None and not _clean_exit(entry["error"]):
                return dict(entry["error"])
    return None


def _clean_exit(error: dict[str, Any]) -> bool:
    """`sys.exit()`, `sys.exit(0)`: the program ended as it meant to, which is no failure."""
    return error.get("type") == "SystemExit" and error.get("exit_code") == 0


_TIMING = re.compile(r"\d(ms|s|us)/(step|epoch|sample)|\bETA\b|\d+(\.\d+)?\s*(ms|seconds|sec)\b|\x08")
_ADDRESS = re.compile(r"0x[0-9a-fA-F]{6,}")


def printed(text: str) -> list[str]:
    """The lines a program printed, without what changes from run to run by itself: Keras progress bars and
    timings, object addresses."""
    lines = []
    for line in re.split(r"[\r\n]+", text):
        if line.strip() and not _TIMING.search(line):
            lines.append(_ADDRESS.sub("0x…", line.rstrip()))
    return lines


def _in_order(needles: list[str], haystack: list[str]) -> str | None:
    """The first of `needles` not found in `haystack` in order (each after the previous one), or None."""
    position = 0
    for needle in needles:
        try:
            position = haystack.index(needle, position) + 1
        except ValueError:
            return needle
    return None


def _masked_by(error: dict[str, Any] | None, remaining: dict[int, tuple[str, ...]]) -> str | None:
    """`TFV104 at line 21` when `error` was raised on a line where the run's program still has a bug tfvarfix
    reports (`remaining`: line -> codes) and it is the error that rule names; else None."""
    if error is None or error.get("line") is None:
        return None
    for code in remaining.get(int(error["line"]), ()):
        expected = EXPECTED_ERRORS.get(code)
        if expected is not None and expected.matches(
            str(error.get("type")), str(error.get("message", "")), str(error.get("traceback", ""))
        ):
            return f"{code} at line {error['line']}"
    return None


def _in_scope(row: Row, scope: str) -> bool:
    return scope == MODULE or row.scope == scope


def judge(
    diagnostic: Diagnostic,
    number: int,
    scope: str,
    original: RunOutcome,
    rewritten: RunOutcome,
    rows: list[Row],
    tolerance: Tolerance,
    remaining: dict[int, tuple[str, ...]] | None = None,
    source: str | None = None,
) -> tuple[bool, str]:
    """Judge one fix in one scope. Every check also compares what the fix did not mean to change: `equivalent`
    everything (arrays and printed lines), `repairs` every array both runs have and every line the original
    printed, `intended` the values the author stated. `remaining`: the rewrite's lines that still hold a bug
    tfvarfix reports but did not fix; a rewrite that stops there with that bug's error has got past this fix."""
    fix = diagnostic.fix
    if fix is None:
        return False, "no fix"
    where = "the module" if scope == MODULE else f"`{scope}`"
    before, after = _status(original, scope), _status(rewritten, scope)
    mine = [r for r in rows if _in_scope(r, scope)]
    if fix.checks is VerifyCheck.EQUIVALENT:
        if before != after and (before is None or after is None or _error_text(before) != _error_text(after)):
            return False, f"{where}: the original {_describe(before)}, the rewrite {_describe(after)}"
        bad = [r for r in mine if not r.ok]
        if bad:
            return (
                False,
                f"{where}: {len(bad)} of {len(mine)} arrays differ (first: {_row_name(bad[0])}, {bad[0].verdict})",
            )
        left, right = printed(original.stdout), printed(rewritten.stdout)
        if left != right:
            first = next((a for a, b in zip(left, right, strict=False) if a != b), None)
            shown = first if first is not None else (left[len(right)] if len(left) > len(right) else "")
            return False, f"{where}: the programs print differently (the original: {shown[:120]!r})"
        if not mine:
            return False, f"{where}: {NOTHING}"
        return True, f"{where}: {len(mine)} arrays equal within tolerance" + (
            f", {len(left)} printed lines alike" if left else ""
        )
    stopped = ""
    blocker = _masked_by(after, remaining or {})
    same = before is not None and after is not None and _error_text(before) == _error_text(after)
    if blocker is not None and not same and (after or {}).get("line") != diagnostic.line:
        # Another bug, not this one left in place: the rewrite raised something else, somewhere else.
        stopped = f"; the rewrite then stopped at {blocker}, a bug tfvarfix reports and did not fix"
        after = None
    if after is not None:
        return False, f"{where}: the rewrite raised {_error_text(after)}"
    if fix.checks is VerifyCheck.INTENDED:
        ok, why = _intended(number, scope, original, rewritten, tolerance, where)
        return ok, why + (stopped if ok else "")
    other = _other_weight(number, scope, rewritten, where)
    if other is not None:
        return False, other
    expected = EXPECTED_ERRORS.get(diagnostic.code)
    if before is not None:
        if expected is not None and not expected.matches(
            str(before.get("type")), str(before.get("message", "")), str(before.get("traceback", ""))
        ):
            return False, f"{where}: the original raised {_error_text(before)}, not {expected.describe()}"
        changed = _unintended(mine, original, rewritten, where, _window(source, diagnostic, before))
        if changed is not None:
            return False, changed
        kept = [r for r in mine if r.verdict not in ("only in rewrite",)]
        return True, (
            f"{where}: the original raised {_error_text(before)}; the rewrite runs"
            + (f", and the {len(kept)} arrays both runs have are alike" if kept else "")
            + stopped
        )
    # Nothing raised: a subclassed model's duplicate names, equal-sized shared cells. The original's values
    # must all be in the rewrite, whatever their new paths.
    # A TF1 graph's variables are compared by name and shape here (below), not by value: a fix that gives each
    # use its own cell or scope makes new variables whose initial draws are not the shared one's.
    values = [r for r in mine if r.verdict != "only in rewrite" and r.label not in _GRAPH_LABELS]
    unmatched = _unmatched_values(original, rewritten, scope, tolerance)
    if unmatched:
        return (
            False,
            f"{where}: the original raised nothing and {len(unmatched)} of its arrays are not in the rewrite",
        )
    # Printed lines are not compared here: this fix (separate cells, new names) changes what such a program
    # lists and computes from its start; its arrays are the evidence.
    if not values:
        graph = _graph_variables(original, scope)
        if not graph:
            return False, f"{where}: {NOTHING}"
        lost = graph - _graph_variables(rewritten, scope)
        if lost:
            return (
                False,
                f"{where}: the rewrite's graph lacks {len(lost)} of the original's variables ({min(lost)[0]})",
            )
        return True, (
            f"{where}: the original raised nothing; its {len(graph)} graph variables (name and shape; graph mode "
            "has no values without a session) are all in the rewrite" + stopped
        )
    return (
        True,
        f"{where}: the original raised nothing; all {len(values)} of its arrays are in the rewrite" + stopped,
    )


def _other_weight(number: int, scope: str, rewritten: RunOutcome, where: str) -> str | None:
    """Why the rewrite's attribute read (where the fix rewrote `x.kernel` as `x.cell.kernel`) gives another weight
    than the one the finding named (its path ends in another name), or None. This holds where the original crashed
    at the bug and so has no value to compare with."""
    for record in rewritten.result.get("records", []):
        if record["key"] != f"{number}.n" or (scope != MODULE and record.get("entry") != scope):
            continue
        path, named = str(record.get("weight") or ""), str(record.get("named") or "")
        if not path or not named:
            continue
        last = re.split(r"[/.]", path.removesuffix(":0"))[-1].split("#", 1)[0]
        if last != named:
            return f"{where}: the rewrite reads the weight `{path}`, not the `{named}` the finding named"
    return None


NOTHING = (
    "nothing was collected (no model, layer, variable or value at module level or returned by an --entry)"
)


_GRAPH_LABELS = ("<graph>", "<session>")  # what a TF1 run's graph and sessions held


def _graph_variables(outcome: RunOutcome, scope: str) -> set[tuple[str, tuple[int, ...]]]:
    """(name, shape) of every graph-mode variable the run listed in `scope`."""
    return {
        (str(w["path"]), tuple(w.get("shape", ())))
        for obj in outcome.result.get("objects", [])
        if obj.get("kind") == "graph" and (scope == MODULE or obj.get("entry") == scope)
        for w in obj.get("weights", [])
    }


def _window(source: str | None, diagnostic: Diagnostic, error: dict[str, Any]) -> tuple[frozenset[str], bool]:
    """What a repaired rewrite must leave as the original had it: (the module names the program touches from the
    fix, or from the statement the original stopped in, onward, whose values may rightly differ: a loop variable,
    a model trained later; whether the original stopped in the fixed statement itself, so that all it printed
    came before the fix)."""
    try:
        tree = ast.parse(source or "")
    except SyntaxError:
        return frozenset(), False
    fix_line = diagnostic.line
    crash, top = error.get("line"), error.get("top_line")
    statements = [n for n in ast.walk(tree) if isinstance(n, ast.stmt) and not isinstance(n, ast.FunctionDef)]
    around = [n for n in statements if n.lineno <= fix_line <= (n.end_lineno or n.lineno)]
    own = min(around, key=lambda n: (n.end_lineno or n.lineno) - n.lineno, default=None)
    in_own = (
        own is not None and crash is not None and own.lineno <= int(crash) <= (own.end_lineno or own.lineno)
    )
    cuts = [int(top)] if top is not None else []
    for node in tree.body:
        last = node.end_lineno or node.lineno
        if node.lineno <= fix_line <= last and not isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            cuts.append(node.lineno)
    cut = min(cuts, default=0)
    touched = {
        n.id
        for node in tree.body
        if (node.end_lineno or node.lineno) >= cut
        for n in ast.walk(node)
        if isinstance(n, ast.Name)
    }
    return frozenset(touched), in_own


def _unintended(
    mine: list[Row],
    original: RunOutcome,
    rewritten: RunOutcome,
    where: str,
    window: tuple[frozenset[str], bool] = (frozenset(), True),
) -> str | None:
    """Why a repaired rewrite computes something else than the original did up to its error: an array both runs
    have that differs, one the rewrite lost, or a line the original printed that the rewrite does not. Names the
    program touches from the fix or its error onward are left out (`_window`), and printed lines are compared only
    where the original stopped in the fixed statement itself."""
    touched, prints = window
    # A model's output is left out: the original stopped part-way through building it (a Sequential that raised
    # on its second `add` has one layer), while its weights and the program's values are what they were.
    # What the rewrite's TF1 session holds at its end is left out too (the original stopped earlier). Of a graph's
    # variables only initial values are compared: one only the original has is a duplicate the fix no longer
    # makes, and one of another shape under the same name is another variable (a graph the rewrite rebuilt, such
    # as a later trial's after `reset_default_graph`).
    bad = [
        r
        for r in mine
        if r.kind != "output"
        and r.label != "<session>"
        and r.verdict in ("differs", "shape differs", "only in original")
        and not (r.label == "<graph>" and r.verdict in ("only in original", "shape differs"))
        and not (r.label == "<graph>" and _graphs_made(original, r.scope) != _graphs_made(rewritten, r.scope))
        and re.split(r"[\[.]", r.label, maxsplit=1)[0] not in touched
    ]
    if bad:
        return (
            f"{where}: the rewrite runs but changes what the fix did not mean to: {len(bad)} arrays "
            f"(first: {_row_name(bad[0])}, {bad[0].verdict})"
        )
    missing = _in_order(printed(original.stdout), printed(rewritten.stdout)) if prints else None
    if missing is not None:
        return f"{where}: the rewrite runs but does not print what the original printed ({missing[:120]!r})"
    return None


def _graphs_made(outcome: RunOutcome, scope: str) -> int | None:
    """How many tf.Graphs the run made in `scope` before its graph was collected: where the two runs differ (the
    fix resets the default graph per trial), their last graphs are not the same graph at two moments."""
    for obj in outcome.result.get("objects", []):
        if obj.get("kind") == "graph" and obj.get("entry", MODULE) == scope:
            return int(obj.get("graphs", 0))
    return None


def _describe(error: dict[str, Any] | None) -> str:
    return "ran" if error is None else f"raised {_error_text(error)}"


def _row_name(row: Row) -> str:
    scope = f"{row.scope}: " if row.scope else ""
    return f"{scope}{row.label} {row.kind} {row.path}".strip()


def _unmatched_values(
    original: RunOutcome, rewritten: RunOutcome, scope: str, tolerance: Tolerance
) -> list[tuple[str, str, str, str]]:
    right = [a for k, a in _items(rewritten).items() if scope == MODULE or k[0] == scope]
    missing = []
    for key, a in _items(original).items():
        if (scope != MODULE and key[0] != scope) or key[1] in _GRAPH_LABELS:
            continue
        if key[2] == "value" and a.dtype == bool:
            continue  # a flag the program computes from the names it lists (`"cell_1" in name`): the fix's change
        if not any(b.shape == a.shape and difference(a, b, tolerance)[4] != "differs" for b in right):
            missing.append(key)
    return missing


def _intended(
    number: int, scope: str, original: RunOutcome, rewritten: RunOutcome, tolerance: Tolerance, where: str
) -> tuple[bool, str]:
    records = [r for r in original.result.get("records", []) if r["key"].startswith(f"{number}.")]
    stated = [r for r in records if r["key"].startswith(f"{number}.w")]  # a deleted set_weights' arrays
    declared = [r for r in records if r not in stated]
    # Where the original never built what the fix names (it stopped at set_weights), the set values are the intent.
    unread = all("note" in r or not r.get("arrays") for r in declared)
    records = stated if stated and unread else declared
    if not records:
        graph = _graph_intended(scope, original, rewritten, tolerance, where)
        if graph is not None:
            return graph
        return False, f"{where}: the intended value was never evaluated in the original run"
    weights = [
        (key, array)
        for key, array in _items(rewritten).items()
        if key[2] == "weight" and (scope == MODULE or key[0] == scope)
    ]
    snapshots = [
        rewritten.arrays[r["arrays"][0]]
        for r in rewritten.result.get("records", [])
        if r["key"] == f"{number}.s" and r.get("arrays") and (scope == MODULE or r.get("entry") == scope)
    ]
    if snapshots and all(
        "note" not in record and record.get("arrays") and not record.get("index") for record in records
    ):
        at_once = [
            key
            for key in (record["arrays"][0] for record in records)
            if any(
                s.shape == original.arrays[key].shape
                and difference(original.arrays[key].astype(s.dtype), s, tolerance)[4] != "differs"
                for s in snapshots
            )
        ]
        if len(at_once) == len(records):
            return True, f"{where}: right after the rewritten statement, the weight holds the intended value"
    if not weights:
        return False, f"{where}: {NOTHING}"
    found: list[str] = []
    for record in records:
        if "note" in record or not record.get("arrays"):
            return False, f"{where}: the intended value could not be read ({record.get('note', 'no value')})"
        match = _match(record, original, weights, tolerance)
        if match is None:
            target = f" at `{record['weight']}`" if record.get("weight") else ""
            return False, f"{where}: no weight of the rewrite holds the intended value{target}"
        found.append(match)
    unique = sorted(set(found))
    return True, f"{where}: the rewrite holds the intended value in {', '.join(unique)}"


def _graph_weights(outcome: RunOutcome, scope: str) -> dict[str, tuple[tuple[int, ...], Any]]:
    """name -> (shape, initial value or None) of the graph-mode variables a run listed in `scope`."""
    return {
        str(w["path"]): (tuple(w.get("shape", ())), outcome.arrays.get(w["array"]) if "array" in w else None)
        for obj in outcome.result.get("objects", [])
        if obj.get("kind") == "graph" and (scope == MODULE or obj.get("entry") == scope)
        for w in obj.get("weights", [])
    }


def _graph_intended(
    scope: str, original: RunOutcome, rewritten: RunOutcome, tolerance: Tolerance, where: str
) -> tuple[bool, str] | None:
    """A TF1 fix that points a lookup at the variable a layer already made (`get_variable("dense/kernel")`): the
    rewrite's graph must be the original's without the variables the old lookups made anew, every other variable
    keeping its name, shape and initial value (unseeded op seeds come from name scopes, so removing one variable
    moves no other's). None where this is no graph-mode run that ended without an error."""
    if _status(original, scope) is not None:
        return None
    before, after = _graph_weights(original, scope), _graph_weights(rewritten, scope)
    if not before:
        return None
    new = sorted(set(after) - set(before))
    if new:
        return (
            False,
            f"{where}: the rewrite's graph has variables the original's lacks ({', '.join(new[:3])})",
        )
    reshaped = sorted(n for n in after if after[n][0] != before[n][0])
    if reshaped:
        return False, f"{where}: the rewrite's graph gives `{reshaped[0]}` another shape"
    gone = sorted(set(before) - set(after))
    if not gone:
        return (
            False,
            f"{where}: the rewrite's graph makes every variable the original made: no lookup was redirected",
        )
    valued = [n for n in after if after[n][1] is not None and before[n][1] is not None]
    differ = [n for n in valued if difference(before[n][1], after[n][1], tolerance)[4] == "differs"]
    if differ:
        return False, f"{where}: the rewrite's graph gives `{differ[0]}` another initial value"
    return True, (
        f"{where}: the rewrite's graph is the original's without the {len(gone)} variables the old lookups made "
        f"({', '.join(gone[:3])}); the other {len(after)} keep name and shape"
        + (f", {len(valued)} their initial values" if valued else "")
    )


def _match(
    record: dict[str, Any],
    original: RunOutcome,
    weights: list[tuple[tuple[str, str, str, str], Any]],
    tolerance: Tolerance,
) -> str | None:
    import numpy as np

    path = record.get("weight")
    index = record.get("index", "")
    for array_key in record["arrays"]:
        wanted = original.arrays[array_key]
        for key, array in weights:
            if path and key[3] != path:
                continue
            candidate = np.asarray(eval(f"_a[{index}]", {"_a": array})) if index else array
            if candidate.shape != wanted.shape and wanted.ndim == 0:
                wanted_full = np.broadcast_to(wanted, candidate.shape)
            else:
                wanted_full = wanted
            if candidate.shape != wanted_full.shape:
                continue
            if difference(wanted_full.astype(candidate.dtype), candidate, tolerance)[4] != "differs":
                return key[3] + (f"[{index}]" if index else "")
    return None
