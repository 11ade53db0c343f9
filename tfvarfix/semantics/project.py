"""The project around a file: which of its imports are the project's own modules, found and read as Python would.

A module `train.py` that does `from model import build_model` is checked with `model.py` in view: the
interpreter runs `model.py`'s body when the import runs (its functions' bodies when they are called), so a
model built in one module and broken in another is seen (see `Interpreter.import_module`). This module finds
those files and reads them; it never imports or runs them.

Where a module is looked for, in Python's order for a script or a package module:
- relative imports (`from . import x`, `from ..pkg import y`) from the importer's package;
- absolute imports from the importer's source root (the folder above its top package, found by walking up
  while `__init__.py` is there), the importer's own folder (a script's `sys.path[0]`), and the project's
  configured roots (the configuration's folder and its `src/`).
TensorFlow, Keras and NumPy are never taken from the project, even inside their own source trees: the analysis
knows them by name (`keras.layers.LSTM` is a layer because of what it is called), which reading their source
could only blur.

Files are read once per process and kept while unchanged (their size and modification time are checked), at
most `_KEPT` of them, so memory stays flat over a large run. A module that cannot be read, decoded or parsed is
no module: names imported from it are unknown, as if it were a third-party package. The editor server puts the
text of open buffers in front of the disk (`overlay`).
"""

from __future__ import annotations

import bisect
import re
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tfvarfix.cache import bytes_digest

if TYPE_CHECKING:  # libcst is imported where a module is parsed: resolving and scanning need none of it
    import libcst as cst

# Top-level names the analysis models itself: never read from a project, even the library's own repository.
_MODELLED = frozenset({"tensorflow", "keras", "tf_keras", "numpy", "builtins"})
_KEPT = 256  # parsed modules kept per process
_MAX_BYTES = 8_000_000  # larger project modules are not even read; engine.too_large decides for the others
_MENTIONS = ("tensorflow", "keras")
_REACH_DEPTH = (
    3  # imports followed from a file that never names TensorFlow or Keras, looking for one that does
)
# An import statement's module (and for `from m import a, b` the names, which may be submodules).
_IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+(?P<dots>\.*)[ \t]*(?P<base>[\w.]*)[ \t]+import[ \t]+"
    r"(?:\((?P<grouped>[^)]*)\)|(?P<names>[\w, \t]*))"
    r"|import[ \t]+(?P<modules>[\w., \t]+))",
    re.MULTILINE,
)


def mentions_tensorflow(text: str) -> bool:
    """The cheap pre-filter: a file that never says tensorflow or keras is not parsed (unless it imports a
    project module that does: `ProjectIndex.reaches_tensorflow`)."""
    return any(word in text for word in _MENTIONS)


@dataclass(frozen=True, eq=False)
class ProjectModule:
    """One module of the project, read and parsed."""

    name: str  # dotted, as the importer named it (relative imports resolved)
    path: Path
    text: str
    digest: str  # of its bytes (cache.bytes_digest): the results of the modules that import it depend on it
    module: cst.Module
    _lines: dict[int, int] = field(default_factory=dict, repr=False)  # id(node) -> line, filled on first use
    _starts: list[int] = field(default_factory=list, repr=False)  # first line of each top-level statement

    def label(self, importer: Path | None = None) -> str:
        """How messages name it: its path relative to the importer's folder, or to the working directory,
        when it lies below one of them."""
        for base in (importer.resolve().parent if importer is not None else None, Path.cwd()):
            if base is not None and self.path.is_relative_to(base):
                return str(self.path.relative_to(base))
        return str(self.path)

    def line_of(self, node: cst.CSTNode) -> int | None:
        """The line where `node` starts in this module (positions computed on first use)."""
        if not self._lines:
            from tfvarfix.positions import node_ranges

            self._lines.update((id(n), r.start.line) for n, r in node_ranges(self.module).items())
        return self._lines.get(id(node))

    def statement_at(self, line: int) -> int:
        """The index of the top-level statement (function, class, ...) that holds `line`."""
        if not self._starts:
            for statement in self.module.body:
                first = self.line_of(statement)
                self._starts.append(first if first is not None else (self._starts[-1] if self._starts else 1))
        return bisect.bisect_right(self._starts, line) - 1


class ProjectIndex:
    """Resolves an importer's imports to the project's own modules and reads them.

    `roots`: the configured source roots (searched after the importer's own root and folder)."""

    def __init__(self, roots: Sequence[Path] = ()) -> None:
        self.roots = tuple(_absolute(r) for r in roots)
        self._paths: dict[Path, tuple[Path, ...]] = {}  # importer's folder -> its search path
        self._found: dict[tuple[Path, str, int], tuple[str, Path] | None] = {}  # answers of `resolve`

    # ------------------------------------------------------------------------------------ resolution
    def search_path(self, importer: Path) -> tuple[Path, ...]:
        """Where absolute imports of `importer` are looked for, first first."""
        known = self._paths.get(importer.parent)
        if known is not None:
            return known
        folder = _absolute(importer).parent
        top = folder
        while (top / "__init__.py").is_file() and top.parent != top:
            top = top.parent
        found: list[Path] = []
        for root in (top, folder, *self.roots, *(r / "src" for r in self.roots)):
            if root not in found:
                found.append(root)
        self._paths[importer.parent] = tuple(found)
        return self._paths[importer.parent]

    def resolve(self, importer: Path, dotted: str, level: int = 0) -> tuple[str, Path] | None:
        """The (dotted name, file) of module `dotted` imported by `importer` (`level` dots before it), when it
        is one of the project's modules; None for anything else (a library, a name that is not a module).
        Answers are kept until `forget` (the editor server forgets them when a file is made or removed)."""
        key = (importer.parent, dotted, level)  # the interpreter gives resolved paths
        if key not in self._found:
            if len(self._found) > 65_536:
                self._found.clear()
            self._found[key] = self._resolve(importer, dotted, level)
        return self._found[key]

    def _resolve(self, importer: Path, dotted: str, level: int) -> tuple[str, Path] | None:
        if level:
            base = _absolute(importer).parent
            for _ in range(level - 1):
                base = base.parent
            package = _package_name(base)
            parts = [p for p in dotted.split(".") if p] if dotted else []
            path = _module_file(base, parts)
            name = ".".join([*([package] if package else []), *parts])
            return (name or dotted, path) if path is not None else None
        parts = dotted.split(".")
        if not parts or parts[0] in _MODELLED or not all(p.isidentifier() for p in parts):
            return None
        for root in self.search_path(importer):
            path = _module_file(root, parts)
            if path is not None:
                return dotted, path
        return None

    def forget(self) -> None:
        """Drop the kept answers: files were made or removed since."""
        self._paths.clear()
        self._found.clear()

    def reaches_tensorflow(self, importer: Path, text: str) -> bool:
        """Whether `text` (the file `importer`) imports a module of the project that mentions TensorFlow or
        Keras, itself or through the project's modules it imports (`_REACH_DEPTH` deep): such a file is checked
        though it never names either (a `train.py` that only does `from model import BiLSTM_CRF`). Reads text
        only (the editor's buffers first; each file's scan kept while it is unchanged); parses nothing."""
        seen = {_absolute(importer)}
        frontier: list[tuple[Path, tuple[tuple[str, int], ...]]] = [(importer, tuple(_imports(text)))]
        for _ in range(_REACH_DEPTH):
            following: list[tuple[Path, tuple[tuple[str, int], ...]]] = []
            for path, imports in frontier:
                for dotted, level in imports:
                    found = self.resolve(path, dotted, level)
                    key = _absolute(found[1]) if found is not None else None
                    if key is None or key in seen:
                        continue
                    seen.add(key)
                    scanned = _scanned(key)
                    if scanned is None:
                        continue
                    if scanned[0]:
                        return True
                    following.append((key, scanned[1]))
            frontier = following
        return False

    # ------------------------------------------------------------------------------------ reading
    def load(self, name: str, path: Path) -> ProjectModule | None:
        """The module in `path`, parsed; None when it cannot be read, decoded or parsed, or is too large."""
        return read_module(name, path)


def _imports(text: str) -> Iterator[tuple[str, int]]:
    """The modules an import statement of `text` may load, as (dotted name, leading dots): `from m import a`
    gives `m` and `m.a` (a submodule, if it is one)."""
    for match in _IMPORT.finditer(text):
        if match["modules"] is not None:
            for part in match["modules"].split(","):
                dotted = part.split()[0] if part.split() else ""
                if dotted:
                    yield dotted, 0
            continue
        level, base = len(match["dots"]), match["base"]
        if base or level:
            yield base, level
        names = match["names"] or re.sub(r"#[^\n]*", "", match["grouped"] or "")
        for name in names.split(","):
            words = name.split()
            if words and words[0].isidentifier() and words[0] != "*":
                yield (f"{base}.{words[0]}" if base else words[0]), level


def _scanned(path: Path) -> tuple[bool, tuple[tuple[str, int], ...]] | None:
    """Whether a project file mentions TensorFlow or Keras, and what it imports (the editor's buffer first, else
    the disk's; kept while the file's size and time are unchanged); None when it cannot be read."""
    with _LOCK:
        text = _OVERLAY.get(path)
    if text is not None:
        return mentions_tensorflow(text), tuple(_imports(text))
    stamp = _disk_stamp(path)
    if stamp is None:
        return None
    kept = _SCANS.get(path)
    if kept is not None and kept[0] == stamp:
        return kept[1]
    data = _read_bytes(path)
    decoded = _decoded(data) if data is not None else None
    found = (mentions_tensorflow(decoded), tuple(_imports(decoded))) if decoded is not None else None
    if len(_SCANS) > 65_536:
        _SCANS.clear()
    _SCANS[path] = (stamp, found)
    return found


_SCANS: dict[Path, tuple[object, tuple[bool, tuple[tuple[str, int], ...]] | None]] = {}


def _absolute(path: Path) -> Path:
    return path.resolve()


def _module_file(root: Path, parts: Sequence[str]) -> Path | None:
    """`root/a/b.py` or `root/a/b/__init__.py` for parts ["a", "b"] (the package itself for no parts)."""
    folder = root.joinpath(*parts)
    if parts:
        module = folder.with_name(parts[-1] + ".py")
        if module.is_file():
            return module
    package = folder / "__init__.py"
    return package if package.is_file() else None


def _package_name(folder: Path) -> str:
    """The dotted name of the package in `folder` ("" when it is no package)."""
    parts: list[str] = []
    while (folder / "__init__.py").is_file() and folder.parent != folder:
        parts.append(folder.name)
        folder = folder.parent
    return ".".join(reversed(parts))


# ------------------------------------------------------------------------------------ the process's store
_STORE: OrderedDict[Path, tuple[object, ProjectModule | None]] = OrderedDict()
_OVERLAY: dict[Path, str] = {}
_LOCK = threading.Lock()


_INDEXES: dict[tuple[str, ...], ProjectIndex] = {}


def index_for(roots: tuple[str, ...]) -> ProjectIndex:
    """The process's index for these source roots (one per configuration)."""
    found = _INDEXES.get(roots)
    if found is None:
        found = _INDEXES[roots] = ProjectIndex(tuple(Path(r) for r in roots))
    return found


def forget_files() -> None:
    """Files were made or removed: every index looks for modules again (the editor server)."""
    for index in _INDEXES.values():
        index.forget()


def skipped(path: Path, data: bytes, roots: tuple[str, ...] | None) -> bool:
    """The byte pre-filter of a file on disk: it names neither TensorFlow nor Keras, and (imports followed from
    `roots`; None: not followed) imports no project module that does (`ProjectIndex.reaches_tensorflow`)."""
    if b"tensorflow" in data or b"keras" in data:
        return False
    if roots is None or b"import" not in data:
        return True
    text = _decoded(data)
    return text is None or not index_for(roots).reaches_tensorflow(_absolute(path), text)


def overlay(path: Path, text: str | None) -> None:
    """Use `text` for `path` instead of the disk (an editor's open buffer); None goes back to the disk."""
    key = _absolute(path)
    with _LOCK:
        if text is None:
            _OVERLAY.pop(key, None)
        else:
            _OVERLAY[key] = text
        _STORE.pop(key, None)


def current_text(path: Path) -> str | None:
    """The text of `path` the analysis reads: its overlay (an open buffer), else the file decoded; None when
    it cannot be read."""
    key = _absolute(path)
    with _LOCK:
        text = _OVERLAY.get(key)
    if text is not None:
        return text
    data = _read_bytes(key)
    return _decoded(data) if data is not None else None


def read_module(name: str, path: Path) -> ProjectModule | None:
    with _LOCK:  # the editor server analyzes in threads
        return _read_module(name, path)


def _read_module(name: str, path: Path) -> ProjectModule | None:
    import libcst as cst

    from tfvarfix.engine import parse, too_large  # a project module is parsed as the file checked is

    key = _absolute(path)
    text = _OVERLAY.get(key)
    stamp: object = ("overlay", hash(text)) if text is not None else _disk_stamp(key)
    if stamp is None:
        return None
    kept = _STORE.get(key)
    if kept is not None and kept[0] == stamp:
        _STORE.move_to_end(key)
        return kept[1]
    found: ProjectModule | None = None
    data: bytes | None = None
    if text is None:
        data = _read_bytes(key)
        text = _decoded(data) if data is not None else None
    if text is not None and too_large(text) is None:  # a module the checker would refuse is unknown
        try:
            module = parse(text)
        except (cst.ParserSyntaxError, SyntaxError, RecursionError, ValueError, MemoryError):
            module = None
        if module is not None:
            raw = data if data is not None else text.encode("utf-8", "surrogatepass")
            found = ProjectModule(name, key, text, bytes_digest(raw), module)
    _keep(key, stamp, found)
    return found


def shared_parse(path: Path, text: str) -> cst.Module:
    """`text`, the file `path` checked, parsed, or its parse kept from a module that imported it. When the text
    is the file's on disk, the parse is kept for the modules that import it (a run over a project parses each
    file once). Raises as `engine.parse` does."""
    from tfvarfix.engine import parse

    key = _absolute(path)
    with _LOCK:
        kept = _STORE.get(key)
    if kept is not None and kept[1] is not None and kept[1].text == text and key not in _OVERLAY:
        return kept[1].module
    module = parse(text)
    stamp = _disk_stamp(key)
    if stamp is None:
        return module
    data = _read_bytes(key)
    if data is not None and _decoded(data) == text:
        found = ProjectModule(key.stem, key, text, bytes_digest(data), module)
        with _LOCK:
            if key not in _OVERLAY:
                _keep(key, stamp, found)
    return module


def _keep(key: Path, stamp: object, found: ProjectModule | None) -> None:
    _STORE[key] = (stamp, found)
    _STORE.move_to_end(key)
    while len(_STORE) > _KEPT:
        _STORE.popitem(last=False)


def _disk_stamp(path: Path) -> tuple[int, int] | None:
    """What tells a file on disk changed (its modification time and size); None when it cannot be read."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def _read_bytes(path: Path) -> bytes | None:
    try:
        if path.stat().st_size > _MAX_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


def _decoded(data: bytes) -> str | None:
    from tfvarfix.source import DecodeError, decode

    try:
        return decode(data).text
    except DecodeError:
        return None
