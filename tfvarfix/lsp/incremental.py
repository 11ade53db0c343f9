"""Incremental parsing for the editor: a buffer is cut at top-level statements, each piece is parsed alone and
kept by its text, and the module is assembled from the kept pieces, so an edit re-parses only the piece it
touched. Positions are kept per piece too, relative to it, and shifted to where the piece now starts.

The assembled module is the module a full parse gives (tests/test_lsp_incremental.py checks this on thousands
of edited files, node for node and diagnostic for diagnostic). Why that holds: a piece starts at a line that
begins at column 0 with a statement (not `else`/`elif`/`except`/`finally`, not a closing bracket, not after a
decorator), and every piece must parse alone. A piece that parses alone ends outside any string, bracket or
line continuation, so the tokens of the whole text are those of the pieces, and a statement at column 0 that
does not continue a compound statement starts a new top-level statement. What libcst does differently at the
end and start of a piece is put right here: the blank and comment lines between two pieces are the next
statement's leading lines (a piece alone puts them in its module's footer and header); libcst drops a blank
line before a comment indented oddly at the end of a file, so where a piece ends that way the cut moves up to
that blank line (a full parse gives the lines from it on to the next statement too). Anything else falls
back to a full parse: a piece that does not parse alone (also how a syntax error gets its real message) or
does not give back its text, a file with `from __future__` imports, mixed newlines or indents that libcst
would default differently, or a file CPython must vet first (the crash gate).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

import libcst as cst
from libcst.metadata import CodePosition, CodeRange

from tfvarfix import api
from tfvarfix.engine import _GATE_CONTINUATIONS, analyze, file_is_exempt, gate_scan
from tfvarfix.positions import node_ranges
from tfvarfix.types import Diagnostic, Target

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_CONTINUES = ("else", "elif", "except", "finally")
_STARTS_PIECE = ("def ", "class ", "async ", "@")


@dataclass
class Piece:
    """One top-level piece of a buffer, parsed alone."""

    module: cst.Module
    lines: int  # newlines in its text
    has_block: bool  # holds an indented block (so its default indent is the one its blocks assume)
    continuations: int = 0  # its backslash continuations (the crash gate counts them over the whole buffer)
    _ranges: Mapping[cst.CSTNode, CodeRange] | None = None
    # Its first statement as last assembled, with the lines that led it (the previous piece's footer and its
    # own header): the same lead gives the same node, so what is kept per statement node stays a hit.
    _led: tuple[tuple[cst.EmptyLine, ...], cst.SimpleStatementLine | cst.BaseCompoundStatement] | None = None

    def led(self, lead: tuple[cst.EmptyLine, ...]) -> cst.SimpleStatementLine | cst.BaseCompoundStatement:
        """The first statement with `lead` before its own leading lines (the same node for the same lead)."""
        kept = self._led
        if (
            kept is not None
            and len(kept[0]) == len(lead)
            and all(a is b for a, b in zip(kept[0], lead, strict=True))
        ):
            return kept[1]
        original = self.module.body[0]
        node = original.with_changes(leading_lines=(*lead, *original.leading_lines))
        self._led = (lead, node)
        return node

    @property
    def ranges(self) -> Mapping[cst.CSTNode, CodeRange]:
        if self._ranges is None:
            self._ranges = node_ranges(self.module)
        return self._ranges


@dataclass
class Assembled:
    """A module assembled from pieces, with its positions."""

    module: cst.Module
    ranges: Mapping[cst.CSTNode, CodeRange]
    pieces: int
    parsed: int  # pieces that were not in the cache


class ShiftedRanges(Mapping[cst.CSTNode, CodeRange]):
    """The positions of an assembled module: each piece's own, moved down by the lines above the piece."""

    def __init__(
        self, parts: list[tuple[Piece, int]], moved: dict[cst.CSTNode, tuple[Piece, int, cst.CSTNode]]
    ) -> None:
        self._parts = parts  # (piece, lines above it)
        self._moved = moved  # a first statement rebuilt with its leading lines -> (piece, offset, original)
        self._last = 0

    def _find(self, node: cst.CSTNode) -> CodeRange | None:
        moved = self._moved.get(node)
        if moved is not None:
            piece, offset, original = moved
            return _shift(piece.ranges[original], offset)
        parts = self._parts
        count = len(parts)
        for step in range(count):  # the piece that answered last first: lookups come in clusters
            index = (self._last + step) % count
            piece, offset = parts[index]
            found = piece.ranges.get(node)
            if found is not None:
                self._last = index
                return _shift(found, offset)
        return None

    def __getitem__(self, node: cst.CSTNode) -> CodeRange:
        found = self._find(node)
        if found is None:
            raise KeyError(node)
        return found

    def get(self, node: cst.CSTNode, default: object = None) -> CodeRange | None:  # type: ignore[override]
        found = self._find(node)
        return found if found is not None else default  # type: ignore[return-value]

    def __contains__(self, node: object) -> bool:
        return isinstance(node, cst.CSTNode) and self._find(node) is not None

    def __iter__(self) -> Iterator[cst.CSTNode]:
        seen: set[cst.CSTNode] = set()
        for piece, _ in self._parts:
            for node in piece.ranges:
                if node not in seen:
                    seen.add(node)
                    yield node
        yield from self._moved

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _shift(where: CodeRange, offset: int) -> CodeRange:
    if not offset:
        return where
    return CodeRange(
        CodePosition(where.start.line + offset, where.start.column),
        CodePosition(where.end.line + offset, where.end.column),
    )


def cut(text: str) -> list[str] | None:
    """The buffer's pieces (their concatenation is `text`), or None when it is not worth cutting."""
    if "\r" in text or "from __future__" in text:
        return None
    lines = _LINE.findall(text)
    pieces: list[str] = []
    start = 0
    seen_code = False
    previous_code = ""  # the last line that was neither blank nor a comment
    previous_blank = False
    for number, line in enumerate(lines):
        stripped = line.strip()
        blank = not stripped
        comment = stripped.startswith("#")
        if not blank and not comment:
            head = line[:1]
            if (
                seen_code
                and head not in " \t\f)]}"
                and (previous_blank or line.startswith(_STARTS_PIECE))
                and not previous_code.startswith("@")
                and not previous_code.rstrip().endswith("\\")
                and not _continues(stripped)
            ):
                pieces.append("".join(lines[start:number]))
                start = number
            seen_code = True
            previous_code = line
        previous_blank = blank
    pieces.append("".join(lines[start:]))
    return pieces if len(pieces) > 1 else None


def _blank_tail(chunk: str) -> str | None:
    """The piece's last lines from the first blank line after its last line of code (blank and comment lines
    only), or None when there is no such blank line or nothing would be left before it."""
    lines = _LINE.findall(chunk)
    end = len(lines)
    while end and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    start = next((i for i in range(end, len(lines)) if not lines[i].strip()), None)
    if start is None or start == 0 or end == 0:
        return None
    return "".join(lines[start:])


def _comment_tail(chunk: str) -> str | None:
    """The comment lines that end a piece right after its last line of code, when no blank line leads them
    (`import keras\n # note\n  # note\n`: libcst alone drops the oddly indented one); a full parse makes them
    the next statement's leading lines too. None when the piece ends with code."""
    lines = _LINE.findall(chunk)
    end = len(lines)
    while end and lines[end - 1].lstrip().startswith("#"):
        end -= 1
    if end == len(lines) or end == 0 or not lines[end - 1].strip():
        return None
    return "".join(lines[end:])


def _continues(stripped: str) -> bool:
    for word in _CONTINUES:
        if stripped.startswith(word) and not (stripped[len(word) : len(word) + 1].isidentifier()):
            return True
    return False


def _has_block(module: cst.Module) -> bool:
    def block_in(node: cst.CSTNode) -> bool:
        for name in ("body", "orelse", "finalbody"):
            part = getattr(node, name, None)
            if isinstance(part, cst.IndentedBlock):
                return True
            if isinstance(part, cst.CSTNode) and block_in(part):
                return True
        for name in ("handlers", "cases"):
            for child in getattr(node, name, ()):
                if block_in(child):
                    return True
        return False

    return any(isinstance(s, cst.BaseCompoundStatement) and block_in(s) for s in module.body)


@dataclass
class IncrementalParser:
    """Parses one buffer after another, re-using the pieces that did not change."""

    cache: dict[str, list[Piece]] = field(default_factory=dict)  # text -> a piece per time it occurs
    misses: int = 0

    def parse(self, text: str) -> Assembled | None:
        """The module of `text` assembled from pieces, or None: then the caller parses it whole."""
        texts = cut(text)
        if texts is None:
            return None
        pieces: list[Piece] = []
        parsed = 0
        fresh: dict[str, list[Piece]] = {}
        index = 0
        while index < len(texts):
            chunk = texts[index]
            used = fresh.setdefault(chunk, [])
            kept = self.cache.get(chunk, ())
            piece = kept[len(used)] if len(used) < len(kept) else None  # a repeated piece has its own nodes
            if piece is None:
                tripped, continuations = gate_scan(chunk)
                if tripped or continuations > _GATE_CONTINUATIONS:
                    return None  # a statement that could crash libcst: the full parse gates the whole buffer
                try:
                    module = cst.parse_module(chunk)
                except Exception:  # does not parse alone: a syntax error, or a cut in the wrong place
                    return None
                if module.code != chunk:  # libcst alone loses a blank line before an odd comment at the end
                    tail = _blank_tail(chunk) or _comment_tail(chunk) if index + 1 < len(texts) else None
                    if tail is None:
                        return None
                    # The lines from the first blank one on lead the next statement in a full parse: cut there.
                    texts[index : index + 2] = [chunk[: len(chunk) - len(tail)], tail + texts[index + 1]]
                    if not fresh[chunk]:
                        del fresh[chunk]
                    continue
                piece = Piece(module, chunk.count("\n"), _has_block(module), continuations)
                parsed += 1
            used.append(piece)
            pieces.append(piece)
            index += 1
        self.cache = fresh  # keep only the pieces of the latest buffer: memory stays one buffer's worth
        self.misses += parsed
        if sum(p.continuations for p in pieces) > _GATE_CONTINUATIONS:
            return None  # the pieces are whole statements: their scans add up to the buffer's
        first = pieces[0].module
        newline = first.default_newline
        indent = next((p.module.default_indent for p in pieces if p.has_block), "    ")
        if any(p.module.default_newline != newline for p in pieces) or any(
            p.module.default_indent != indent for p in pieces if p.has_block
        ):
            return None
        body: list[cst.SimpleStatementLine | cst.BaseCompoundStatement] = []
        parts: list[tuple[Piece, int]] = []
        moved: dict[cst.CSTNode, tuple[Piece, int, cst.CSTNode]] = {}
        offset = 0
        between: tuple[cst.EmptyLine, ...] = ()
        for index, piece in enumerate(pieces):
            module = piece.module
            statements = list(module.body)
            if index:
                lead = (*between, *module.header)
                if not statements:
                    return None
                if lead:
                    original = statements[0]
                    statements[0] = piece.led(lead)
                    moved[statements[0]] = (piece, offset, original)
            body.extend(statements)
            parts.append((piece, offset))
            between = tuple(module.footer)
            offset += piece.lines
        last = pieces[-1].module
        assembled = cst.Module(
            body=body,
            header=first.header,
            footer=last.footer,
            encoding=first.encoding,
            default_indent=indent,
            default_newline=newline,
            has_trailing_newline=last.has_trailing_newline,
        )
        return Assembled(assembled, ShiftedRanges(parts, moved), len(pieces), parsed)


def check(
    text: str,
    label: str,
    codes: frozenset[str],
    target: Target,
    parser: IncrementalParser,
    depends: list[str] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> tuple[Diagnostic, ...]:
    """The diagnostics `api.check_source(text, label, codes, target=target)` gives, parsing through `parser`.

    `depends`, when given, receives the files of the project modules the analysis read. `cancel`: see
    `engine.analyze` (raises `Cancelled`; a buffer that is parsed whole is not cancelled)."""
    if file_is_exempt(text) or not api.reaches_tensorflow(text, label, target):
        return ()
    try:
        assembled = parser.parse(text)
    except Exception:  # a bug of ours in the pieces: the full path below is the reference
        assembled = None
    if assembled is None:
        result = api.check_source(text, label, codes, target=target)
        if depends is not None:
            depends.extend(p for p, _ in result.depends)
        return result.diagnostics
    path, project = api.project_of(label, target)
    try:
        analysis = analyze(
            text,
            api.rules_for(codes),
            assembled.module,
            api.target_for(target, label),
            assembled.ranges,
            path=path,
            project=project,
            cancel=cancel,
        )
    except Exception as error:  # as api.check_python: a bug of ours is one TFV004, not a crash
        return (api._internal_error(error),)
    if depends is not None:
        depends.extend(p for p, _ in analysis.depends)
    return analysis.diagnostics
