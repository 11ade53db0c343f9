"""Per-file results kept between runs in `.tfvarfix_cache/`, so a re-run over unchanged files costs a read.

An entry is keyed by everything a check result depends on: the file's bytes, its kind (`.py` or `.ipynb`), the
selected codes, the fix mode, and tfvarfix itself (its version and a hash of its own source, so that editing a
rule, the facts or the weight table invalidates every entry). Entries are JSON, never pickle: a cache folder that
came with someone else's checkout cannot run code. Each entry is written to a temporary file and renamed into
place, so a concurrent run sees a whole entry or none; an entry that cannot be read back whole (truncated,
corrupt, from another layout) is a miss and is rewritten. Only check results are stored: runs that write fixes
to disk never use the cache.

The cached result holds no source text; on a hit the text is decoded from the bytes already read, and only for
a file with something to show, exactly as a fresh run of `check_paths` keeps it.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from tfvarfix import __version__, types

CACHE_DIR_NAME = ".tfvarfix_cache"
_FORMAT = 1
_TYPES: dict[str, type] = {
    name: value
    for name, value in vars(types).items()
    if isinstance(value, type)
    and value.__module__ == types.__name__
    and (dataclasses.is_dataclass(value) or issubclass(value, enum.Enum))
}


@cache
def code_fingerprint() -> str:
    """A hash of tfvarfix's own source (rules, facts, engine, tables): any change invalidates the cache."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode())
        try:
            digest.update(path.read_bytes())
        except OSError:  # pragma: no cover - a package file vanished under us
            digest.update(b"?")
    return digest.hexdigest()[:16]


@dataclasses.dataclass(frozen=True)
class ResultCache:
    """A cache folder; picklable, so that pool workers read and write it themselves."""

    directory: Path
    fingerprint: str = dataclasses.field(default_factory=code_fingerprint)

    @classmethod
    def at(cls, root: Path) -> ResultCache:
        """The cache under project root `root` (the configuration's folder, or the working directory)."""
        return cls(root / CACHE_DIR_NAME)

    def key(
        self,
        data: bytes,
        suffix: str,
        codes: frozenset[str],
        apply: bool,
        unsafe: bool,
        target: types.Target = types.DEFAULT_TARGET,
    ) -> str:
        digest = hashlib.sha256(data)
        settings = (
            f"{_FORMAT}|{self.fingerprint}|{suffix}|{','.join(sorted(codes))}|{apply:d}{unsafe:d}|{target!r}"
        )
        digest.update(b"\0" + settings.encode())
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / f"{__version__}-{self.fingerprint}" / key[:2] / key

    def load(self, key: str, label: str) -> types.FileResult | None:
        """The stored result under `key`, labelled `label`; None on a miss or an unreadable entry."""
        try:
            raw = self._path(key).read_bytes()
            entry = json.loads(raw)
            if entry.get("key") != key:
                return None
            result = decode_value(entry["result"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        if not isinstance(result, types.FileResult):
            return None
        if result.depends and not all(file_digest(Path(p)) == d for p, d in result.depends):
            return None  # a module it imports changed: checked again
        return dataclasses.replace(result, path=label)

    def store(self, key: str, result: types.FileResult) -> None:
        """Store `result` (without its source texts' label and original text) atomically; never raises."""
        import tempfile  # only a miss writes: a warm run never imports it

        stored = dataclasses.replace(result, path="", source=None)
        entry = {"key": key, "result": encode_value(stored)}
        target = self._path(key)
        try:
            _ensure_folder(self.directory)
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump(entry, out, separators=(",", ":"))
                Path(temporary).replace(target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except (OSError, ValueError, TypeError):
            pass  # a read-only or full disk: the run goes on without caching


_DIGESTS: dict[Path, tuple[tuple[int, int], str | None]] = {}


def file_digest(path: Path) -> str | None:
    """A hash of the file's bytes (None: unreadable), as `semantics.project` records the modules a file
    imports; kept per process while the file's size and modification time stay the same."""
    try:
        stat = path.stat()
    except OSError:
        return None
    stamp = (stat.st_mtime_ns, stat.st_size)
    kept = _DIGESTS.get(path)
    if kept is not None and kept[0] == stamp:
        return kept[1]
    try:
        found: str | None = bytes_digest(path.read_bytes())
    except OSError:
        found = None
    _DIGESTS[path] = (stamp, found)
    return found


def bytes_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:20]


def _ensure_folder(directory: Path) -> None:
    """Create the cache folder with a `.gitignore` of `*`, as ruff does, so it is never committed."""
    ignore = directory / ".gitignore"
    if ignore.exists():
        return
    import tempfile

    directory.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write("# Automatically created by tfvarfix.\n*\n")
    Path(temporary).replace(ignore)


# ------------------------------------------------------------------------------ JSON for the result types
def encode_value(value: Any) -> Any:
    """JSON for a result: dataclasses and enums of tfvarfix.types by name, tuples as lists."""
    if isinstance(value, enum.Enum):
        return {"@enum": type(value).__name__, "value": value.value}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if _TYPES.get(name) is not type(value):
            raise TypeError(f"cannot cache a {name}")
        fields = {f.name: encode_value(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"@type": name, **fields}
    if isinstance(value, (tuple, list)):
        return [encode_value(item) for item in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot cache a {type(value).__name__}")


def decode_value(data: Any) -> Any:
    """The inverse of `encode_value`; only tfvarfix's own result types are ever built."""
    if isinstance(data, list):
        return tuple(decode_value(item) for item in data)
    if isinstance(data, dict):
        if "@enum" in data:
            enum_type = _TYPES[data["@enum"]]
            return enum_type(data["value"])
        kind = _TYPES[data["@type"]]
        return kind(**{name: decode_value(value) for name, value in data.items() if name != "@type"})
    return data
