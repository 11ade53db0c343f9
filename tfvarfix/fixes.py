"""Turning rules' node edits into text edits, applying them without overlap, and writing files atomically."""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path

import libcst as cst
from libcst._nodes.internal import CodegenState
from libcst.metadata import CodeRange

from tfvarfix.rule import (
    AddImport,
    AddModuleCode,
    FixPlan,
    InsertAfter,
    InsertBefore,
    NodeEdit,
    Remove,
    Replace,
)
from tfvarfix.semantics.walker import parents
from tfvarfix.source import LineIndex
from tfvarfix.types import Edit, Fix, Position, Range

_TRIPLE_QUOTED = re.compile(r'"""(?:\\.|[^\\])*?"""|\'\'\'(?:\\.|[^\\])*?\'\'\'', re.DOTALL)


class EditError(Exception):
    """A rule described an edit the engine cannot place (a node not in this module)."""


class EditBuilder:
    """Places node edits in the text of one module."""

    def __init__(self, module: cst.Module, text: str, ranges: Mapping[cst.CSTNode, CodeRange]) -> None:
        self.module = module
        self.text = text
        self.lines = LineIndex(text)
        self.ranges = ranges
        self.newline = module.default_newline
        self._parents: Mapping[int, cst.CSTNode] | None = None
        self._limit: int | None = None

    # ------------------------------------------------------------------------------------- helpers
    def _range(self, node: cst.CSTNode) -> CodeRange:
        try:
            return self.ranges[node]
        except KeyError:
            raise EditError(f"node {type(node).__name__} is not part of this module") from None

    def _pos(self, line: int, column: int) -> Position:
        return Position(line, column)

    def _indent_of(self, line: int) -> str:
        text = self.lines.line_text(line)
        return text[: len(text) - len(text.lstrip(" \t"))]

    def _parent(self, node: cst.CSTNode) -> cst.CSTNode | None:
        if self._parents is None:
            self._parents = parents(self.module)
        return self._parents.get(id(node))

    def _code_in_place(self, old: cst.CSTNode, new: cst.CSTNode) -> str:
        """`new` as source text where `old` stands: continuation lines that libcst indents "at the block's
        indentation" (`indent=True` whitespace) get the indentation of the block that holds the statement, not
        none, so a rewritten multi-line call keeps its layout."""
        state = CodegenState(
            default_indent=self.module.default_indent, default_newline=self.module.default_newline
        )
        indent = self._block_indent(old)
        if indent:
            state.indent_tokens = [indent]
        new._codegen(state)
        return "".join(state.tokens)

    def line_limit(self) -> int:
        """The longest line the file's own code and comments have (88 at least): what generated code stays
        within. Lines of triple-quoted strings (docstrings, prose) do not count: a script's unwrapped docstring
        does not make its code long."""
        if self._limit is None:
            lines = self.text.splitlines()
            prose: set[int] = set()
            for match in _TRIPLE_QUOTED.finditer(self.text):
                first = self.text.count("\n", 0, match.start())
                prose.update(range(first, first + match.group().count("\n") + 1))
            self._limit = max([88, *(len(line) for i, line in enumerate(lines) if i not in prose)])
        return self._limit

    def _wrapped(self, where: CodeRange, new: str) -> str:
        """`new`, a call standing at `where` (on one line or several), with its arguments on their own lines
        when the line it would make is longer than `line_limit`: all on one indented line if they fit, else one a
        line with a trailing comma."""
        if "\n" in new:
            return new
        # A call that spanned lines (`tf.Variable(\n    ...\n)`) becomes one line: what stood before it on its
        # first line and after it on its last.
        before = self.lines.line_text(where.start.line)[: where.start.column]
        after = self.lines.line_text(where.end.line)[where.end.column :]
        limit = self.line_limit()
        if len(before) + len(new) + len(after) <= limit:
            return new
        try:
            call = cst.parse_expression(new)
        except cst.ParserSyntaxError:
            return new
        if not isinstance(call, cst.Call) or not call.args:
            return new
        code = cst.Module(body=[]).code_for_node
        outer = self._indent_of(where.start.line)
        inner = outer + self.module.default_indent
        head = code(call.func)
        args = [
            code(
                a.with_changes(comma=cst.MaybeSentinel.DEFAULT, whitespace_after_arg=cst.SimpleWhitespace(""))
            )
            for a in call.args
        ]
        nl = self.newline
        one = inner + ", ".join(args)
        if len(one) <= limit and not any("\n" in a for a in args):
            return f"{head}({nl}{one}{nl}{outer})"
        return f"{head}({nl}" + "".join(f"{inner}{a},{nl}" for a in args) + f"{outer})"

    def _statement_value(self, node: cst.CSTNode) -> bool:
        """A statement's whole value (`x = Dense(...)`), or a layer made and applied there (`x = Dense(...)(x)`);
        not a call inside a list or an argument: those are wrapped with what holds them, not alone."""
        parent = self._parent(node)
        if isinstance(parent, cst.Call) and parent.func is node:
            parent = self._parent(parent)
        return isinstance(parent, (cst.Assign, cst.AnnAssign, cst.Return, cst.Expr))

    def _block_indent(self, node: cst.CSTNode) -> str:
        """The indentation of the statement that holds `node` (the first line of that statement)."""
        current: cst.CSTNode | None = node
        while current is not None and not isinstance(
            current, (cst.SimpleStatementLine, cst.BaseCompoundStatement)
        ):
            current = self._parent(current)
        if current is None:
            return ""
        return self._indent_of(self._range(current).start.line) if current in self.ranges else ""

    def _reindent(self, code: str, indent: str) -> list[str]:
        return [(indent + line if line.strip() else "") for line in code.strip("\n").split("\n")]

    # ------------------------------------------------------------------------------------- edits
    def build(self, plan: FixPlan) -> tuple[Edit, ...]:
        return self.build_edits(plan.edits)

    def build_edits(self, node_edits: Sequence[NodeEdit]) -> tuple[Edit, ...]:
        edits: list[Edit] = []
        for edit in node_edits:
            edits.append(self._edit(edit))
            if isinstance(edit, AddModuleCode):
                padding = self._module_code_padding()
                if padding is not None:
                    edits.append(padding)
        return tuple(edits)

    def _module_code_padding(self) -> Edit | None:
        """The blank lines that make two between the last added block and the code after it: one insertion at
        the start of that code, the same for every fix (so it is made once however many blocks stack there)."""
        line = self._after_imports_line()
        if line > self.lines.line_count:
            return None
        blanks = 0
        while (
            line + blanks <= self.lines.line_count
            and not self.lines.line_text(line + blanks).strip()
            and blanks < 2
        ):
            blanks += 1
        if blanks >= 2 or line + blanks > self.lines.line_count:
            return None
        at = self._pos(line, 0)
        return Edit(Range(at, at), self.newline * (2 - blanks))

    def _edit(self, edit: NodeEdit) -> Edit:
        nl = self.newline
        if isinstance(edit, Replace):
            where = self._range(edit.node)
            lpar, rpar = getattr(edit.node, "lpar", ()), getattr(edit.node, "rpar", ())
            if edit.parens and lpar and rpar:
                where = CodeRange(self._range(lpar[0]).start, self._range(rpar[-1]).end)
            new = edit.new if isinstance(edit.new, str) else self._code_in_place(edit.node, edit.new)
            if edit.wrap and self._statement_value(edit.node):
                new = self._wrapped(where, new)
            return Edit(_to_range(where), new.replace("\n", nl) if nl != "\n" else new)
        if isinstance(edit, InsertBefore):
            where = self._range(edit.node)
            indent = self._indent_of(where.start.line)
            lines = self._reindent(edit.code, indent)
            text = nl.join(lines) + nl
            at = self._pos(where.start.line, 0)
            return Edit(Range(at, at), text)
        if isinstance(edit, InsertAfter):
            where = self._range(edit.node)
            indent = self._indent_of(where.start.line)
            end_line = (
                where.end.line
                if where.end.column > 0 or where.end.line == where.start.line
                else (where.end.line - 1)
            )
            lines = self._reindent(edit.code, indent)
            at = self._pos(end_line + 1, 0)
            prefix = (
                ""
                if self.lines.line_start(end_line + 1) < len(self.text) or self.text.endswith(("\n", "\r"))
                else nl
            )
            return Edit(Range(at, at), prefix + nl.join(lines) + nl)
        if isinstance(edit, Remove):
            return self._remove(edit.node)
        if isinstance(edit, AddImport):
            statement = f"import {edit.module}" + (f" as {edit.alias}" if edit.alias else "")
            return self._after_imports(self._after_imports_line(), statement + nl)
        if isinstance(edit, AddModuleCode):
            # Two blank lines before each block (PEP 8); several blocks at one point stack with the same
            # spacing, and `_module_code_padding` makes two blank lines between the last one and the code after.
            line = self._after_imports_line()
            lines = edit.code.strip("\n").split("\n")
            return self._after_imports(line, nl + nl + nl.join(lines) + nl)
        raise EditError(f"unknown edit {edit!r}")

    def _remove(self, node: cst.CSTNode) -> Edit:
        where = self._range(node)
        parent = self._parent(node)
        if isinstance(parent, cst.IndentedBlock) and len(parent.body) == 1:
            return Edit(_to_range(where), "pass")
        first = self.lines.line_text(where.start.line)
        alone = not first[: where.start.column].strip()
        last_line = where.end.line if where.end.column > 0 else where.end.line - 1
        tail = self.lines.line_text(last_line)[where.end.column :] if where.end.column > 0 else ""
        if alone and (
            not tail.strip() or tail.strip().startswith("#")
        ):  # a trailing comment goes with its line
            start = self._pos(where.start.line, 0)
            end = self._pos(last_line + 1, 0)
            return Edit(Range(start, end), "")
        return Edit(_to_range(where), "pass")

    def _after_imports(self, line: int, content: str) -> Edit:
        """Insert `content` (ending in a newline) before `line`, anchored at the end of the line above it.

        The same text as an insertion at the start of `line`, but at its own offset: an `InsertBefore` of the
        statement on `line` (a decorator for the class there) stays next to that statement whatever the order
        in which fixes are applied, instead of ending up above the added imports and module code.
        """
        at = self._pos(line, 0)
        nl = self.newline
        if not 1 < line <= self.lines.line_count or not content.endswith(nl):
            return Edit(Range(at, at), content)
        end = len(self.lines.line_text(line - 1))
        eol = self.text[self.lines.line_start(line - 1) + end : self.lines.line_start(line)]
        anchor = self._pos(line - 1, end)
        return Edit(Range(anchor, anchor), eol + content[: -len(nl)])

    def _after_imports_line(self) -> int:
        """The line before which module-level additions go: after the docstring, `__future__` and the imports
        of the module's prologue, the simple statements before its first block. That takes in set-up lines
        between imports (`os.environ["TF_USE_LEGACY_KERAS"] = "1"` before `import tensorflow`), which an
        addition must not precede."""
        line = 1
        for statement in self.module.body:
            if not isinstance(statement, cst.SimpleStatementLine):
                break
            if _is_import_or_docstring(statement):
                where = self._range(statement)
                line = (where.end.line if where.end.column > 0 else where.end.line - 1) + 1
        return line


def _is_import_or_docstring(statement: cst.CSTNode) -> bool:
    if not isinstance(statement, cst.SimpleStatementLine):
        return False
    return all(
        isinstance(s, (cst.Import, cst.ImportFrom))
        or (isinstance(s, cst.Expr) and isinstance(s.value, (cst.SimpleString, cst.ConcatenatedString)))
        for s in statement.body
    )


def _to_range(where: CodeRange) -> Range:
    return Range(Position(where.start.line, where.start.column), Position(where.end.line, where.end.column))


def apply_fixes(text: str, fixes: Sequence[Fix]) -> tuple[str, list[int]]:
    """Apply as many fixes as do not overlap, in source order; return the text and the applied indexes.

    A fix is all or nothing. Identical insertions at one point (the same import from two fixes) are made once.
    Fixes that overlap an accepted one wait for the next round.
    """
    index = LineIndex(text)
    accepted: list[tuple[int, int, str]] = []
    applied: list[int] = []

    def span(edit: Edit) -> tuple[int, int]:
        return (
            index.offset(edit.range.start.line, edit.range.start.column),
            index.offset(edit.range.end.line, edit.range.end.column),
        )

    order = sorted(range(len(fixes)), key=lambda i: min((span(e) for e in fixes[i].edits), default=(0, 0)))
    for i in order:
        spans = [(*span(e), e.content) for e in fixes[i].edits]
        new: list[tuple[int, int, str]] = []
        ok = True
        for start, end, content in spans:
            duplicate = any(a == (start, end, content) and start == end for a in accepted)
            if duplicate:
                continue
            for a_start, a_end, _ in accepted:
                if start < a_end and a_start < end:
                    ok = False
                if start == end and a_start < start < a_end:
                    ok = False
                if a_start == a_end and start < a_start < end:
                    ok = False
            new.append((start, end, content))
        if ok:
            accepted.extend(new)
            applied.append(i)
    # Apply from the end; insertions at one offset keep the order they were accepted in.
    ordered = sorted(enumerate(accepted), key=lambda p: (p[1][0], p[1][1], p[0]), reverse=True)
    out = text
    for _, (start, end, content) in ordered:
        out = out[:start] + content + out[end:]
    return out, sorted(applied)


class WriteConflict(Exception):
    """The file changed on disk between reading and writing."""


#: Temporary files are named `.<file name>.<writer's pid>.<random>.tfvarfix`, next to the file they replace. A
#: process killed between creating one and renaming it over the file (SIGKILL, power loss) leaves it behind: the
#: original is intact, discovery never yields it (not a source suffix), and the next write to that file removes
#: the leftovers of writers that are no longer running.
TEMP_SUFFIX = ".tfvarfix"


def _temp_pid(name: str, prefix: str) -> int | None:
    if not (name.startswith(prefix) and name.endswith(TEMP_SUFFIX)):
        return None
    pid, _, _ = name[len(prefix) :].partition(".")
    return int(pid) if pid.isdigit() else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it exists, and belongs to someone else
        return True
    return True


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Remove the temporary files that dead writers left next to `path`; return them."""
    prefix = f".{path.name}."
    removed: list[Path] = []
    try:
        with os.scandir(path.parent) as entries:
            stale = [
                Path(entry.path)
                for entry in entries
                if (pid := _temp_pid(entry.name, prefix)) is not None
                and pid != os.getpid()
                and not _alive(pid)
            ]
    except OSError:
        return removed
    for leftover in stale:
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed.append(leftover)
    return removed


def write_atomic(path: Path, data: bytes, expected: bytes | None = None) -> None:
    """Replace `path` with `data` atomically (temporary file in the same folder, then rename), keeping its mode
    and owner. A symbolic link stays a link: the file it points to is replaced.

    When `expected` is given and the file no longer holds it, nothing is written and WriteConflict is raised.
    """
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    if expected is not None and path.read_bytes() != expected:
        raise WriteConflict(f"{path} changed on disk while it was being checked; not written")
    tmp = _staged(path, data)
    try:
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_together(files: Sequence[tuple[Path, bytes, bytes]]) -> None:
    """Write several files as one change: each (path, data, expected) is checked to still hold `expected` and
    its new text is written to a temporary file beside it before any file is replaced; then each is renamed
    over its file. Should a rename fail, the files already replaced get their `expected` bytes back (each
    atomically), so a fix that spans files is on disk whole or not at all. Raises WriteConflict or OSError."""
    staged: list[tuple[Path, Path, bytes]] = []
    try:
        for path, data, expected in files:
            real = Path(os.path.realpath(path)) if path.is_symlink() else path
            if real.read_bytes() != expected:
                raise WriteConflict(f"{path} changed on disk while it was being checked; not written")
            staged.append((real, _staged(real, data), expected))
    except BaseException:
        for _, tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    done: list[tuple[Path, bytes]] = []
    try:
        for real, tmp, expected in staged:
            tmp.replace(real)
            done.append((real, expected))
    except BaseException:
        for _, tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        for real, expected in done:
            with contextlib.suppress(OSError):
                write_atomic(real, expected)
        raise


def _staged(path: Path, data: bytes) -> Path:
    """`data` in a temporary file beside `path`, with its mode and owner, ready to be renamed over it."""
    info = path.stat()
    remove_stale_temporaries(path)
    import tempfile  # here: its imports (shutil, random, lzma) are not needed by a run that writes nothing

    fd, name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=path.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.chmod(stat.S_IMODE(info.st_mode))
        with contextlib.suppress(PermissionError, AttributeError):
            os.chown(tmp, info.st_uid, info.st_gid)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp
