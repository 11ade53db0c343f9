"""Which files to look at: the paths given, walked, less the excluded and the git-ignored.

Rules (ruff's, where ruff has one):
- A path named explicitly is yielded whatever its suffix; a directory named explicitly is walked. Neither
  is subject to `exclude` or `.gitignore` unless `force_exclude` is set (pre-commit and editors pass it).
  Inside a walk, patterns that match the named directory itself are not held against its contents either.
- Walks go depth-first in sorted order of names (deterministic), yield files ending in `.py`, `.pyi`,
  `.ipynb`, and prune directories matched by the settings' `exclude` + `extend-exclude` (gitignore-style
  patterns relative to the settings' root) or ignored by git: every `.gitignore` from the enclosing
  repository's root (or, outside a repository, from the walked directory) downwards, plus the repository's
  `.git/info/exclude`; a directory holding `.git` starts a new repository. `.git`, `.hg` and `.svn` are
  never entered.
- Symbolic links to directories are not followed inside a walk: a target inside the walked tree is walked
  under its own name anyway, one outside it must not be, and so a walk can never loop. A symbolic link to
  a regular source file is yielded.
- Nothing raises: a missing path, a broken link, a link loop, an unreadable directory, or a
  FIFO/socket/device named explicitly comes back as `Discovered(path, error=...)`; special files met in a
  walk are skipped.
- Every file comes back once, however many times it is named (by path, through a directory, or a link).
- One `scandir` per directory and, beyond that, a `stat` only for symbolic links and named paths.

A configuration error (from `settings_for`) is not a file problem and propagates.
"""

# The walk is the hot path: it works on `str` paths with os.path (no Path object per entry), and
# os.path.abspath is lexical, which Path.resolve() is not.
# ruff: noqa: PTH100, PTH113, PTH114, PTH115, PTH116, PTH118, PTH120

from __future__ import annotations

import errno
import fnmatch
import os
import re
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from tfvarfix.config import Settings

if (
    TYPE_CHECKING
):  # pathspec costs ~40 ms to import (it pulls in asyncio): loaded only when a pattern needs it
    from pathspec import GitIgnoreSpec


def _gitignore_spec(lines: Sequence[str]) -> GitIgnoreSpec:
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(list(lines))


__all__ = ["NEVER_ENTERED", "SOURCE_SUFFIXES", "Discovered", "discover", "is_source_name"]

SOURCE_SUFFIXES: frozenset[str] = frozenset({".py", ".pyi", ".ipynb"})
#: Version-control internals: never walked, whatever `exclude` says.
NEVER_ENTERED: frozenset[str] = frozenset({".git", ".hg", ".svn"})


@dataclass(frozen=True)
class Discovered:
    """A file to check, or (with `error`, a one-line reason) a path that cannot be checked."""

    path: Path
    error: str | None = None


def is_source_name(name: str) -> bool:
    """Whether a file name ends in a source suffix, as Path.suffix reads it (`.py` alone has none)."""
    dot = name.rfind(".")
    return dot > 0 and name[dot:] in SOURCE_SUFFIXES


def discover(
    paths: Sequence[Path], settings_for: Callable[[Path], Settings], force_exclude: bool = False
) -> Iterator[Discovered]:
    """Yield the files under `paths` to check, in a deterministic order (see the module docstring)."""
    walker = _Walker(settings_for, force_exclude)
    for path in paths:
        yield from walker.explicit(Path(path))


# ------------------------------------------------------------------------------------------ matching
def _under(path: str, base: str) -> str | None:
    """`path` relative to directory `base` in `/` form, or None when it is not strictly inside it."""
    prefix = base if base.endswith(os.sep) else base + os.sep
    if not path.startswith(prefix):
        return None
    rel = path[len(prefix) :]
    return rel.replace(os.sep, "/") if os.sep != "/" else rel


def _basename_regexes(lines: Sequence[str]) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """For patterns that can only ever match an entry by its own name (no `/` but a trailing one, no
    negation, escape or class), one regex for any entry and one for directories; None otherwise."""
    any_entry: list[str] = []
    dirs_only: list[str] = []
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        body = line[:-1] if line.endswith("/") else line
        if not body or body != body.strip() or body.startswith("!") or any(c in body for c in "/\\["):
            return None
        (dirs_only if body is not line else any_entry).append(fnmatch.translate(body))
    never = "(?!)"
    return (
        re.compile("|".join(any_entry) or never),
        re.compile("|".join(any_entry + dirs_only) or never),
    )


@dataclass(frozen=True)
class _Matcher:
    """Gitignore-style `lines` relative to the absolute directory `base`."""

    base: str
    lines: tuple[str, ...]
    by_name: tuple[re.Pattern[str], re.Pattern[str]] | None

    @classmethod
    def of(cls, base: str, lines: Sequence[str]) -> _Matcher:
        lines = tuple(lines)
        return cls(base, lines, _basename_regexes(lines))

    @cached_property
    def spec(self) -> GitIgnoreSpec:
        return _gitignore_spec(self.lines)

    def check(self, path: str, is_dir: bool) -> bool | None:
        """For an entry met in a walk, whose ancestors below the walked directory passed already.

        True: excluded; False: re-included by a negation; None: no pattern says (or not under `base`).
        """
        if self.by_name is None:
            return self.check_path(path, is_dir)
        if not path.startswith(self.base if self.base.endswith(os.sep) else self.base + os.sep):
            return None
        name = path[path.rfind(os.sep) + 1 :]
        return True if self.by_name[is_dir].match(name) else None

    def check_path(self, path: str, is_dir: bool) -> bool | None:
        """As `check`, for any path: a pattern that matches one of its ancestors matches it too."""
        rel = _under(path, self.base)
        if rel is None:
            return None
        include: bool | None = self.spec.check_file(rel + "/" if is_dir else rel).include
        return include

    def sparing(self, directory: str) -> _Matcher:
        """This matcher without the patterns that exclude `directory` (a directory named explicitly), so that
        they are not held against its contents: `tfvarfix build/` checks build/ even though `build` is
        excluded, while `*.gen.py` still applies inside it. (Name-only matchers never look at ancestors.)"""
        if self.by_name is not None or self.check_path(directory, True) is not True:
            return self
        rel = _under(directory, self.base)
        assert rel is not None
        kept = [
            line for line in self.lines if _gitignore_spec([line]).check_file(rel + "/").include is not True
        ]
        return _Matcher.of(self.base, kept)


def _decide(chain: Sequence[_Matcher], path: str, is_dir: bool, walking: bool = True) -> bool:
    """Whether the gitignore `chain` (outermost first) ignores `path`: the deepest file with a say wins."""
    for matcher in reversed(chain):
        verdict = matcher.check(path, is_dir) if walking else matcher.check_path(path, is_dir)
        if verdict is not None:
            return verdict
    return False


def _reason(error: OSError, path: str) -> str:
    if error.errno == errno.ENOENT and os.path.islink(path):
        try:
            return f"broken symbolic link to {os.readlink(path)!r}"
        except OSError:
            return "broken symbolic link"
    if error.errno == errno.ELOOP:
        return "symbolic link loop (Too many levels of symbolic links)"
    return error.strerror or str(error) or type(error).__name__


_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in _SPECIAL_KINDS if test(mode)), "not a file or directory")


def _join(directory: str, name: str) -> str:
    return directory + name if directory.endswith(os.sep) else directory + os.sep + name


def _read_lines(path: str) -> list[str] | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read().lstrip("\ufeff").splitlines()
    except OSError:
        return None


# -------------------------------------------------------------------------------------------- walker
@dataclass
class _Frame:
    display: str  # the directory as the user would see it (the named path joined with names)
    abs: str  # absolute, lexical
    real: str  # absolute, symbolic links resolved
    chain: tuple[_Matcher, ...]
    excludes: _Matcher
    entries: Iterator[os.DirEntry[str]]


class _Walker:
    def __init__(self, settings_for: Callable[[Path], Settings], force_exclude: bool) -> None:
        self.settings_for = settings_for
        self.force_exclude = force_exclude
        self.seen: set[str] = set()  # real paths of yielded files
        self.errors: set[str] = set()  # absolute paths already reported
        self.visited: set[tuple[int, int]] = set()  # (st_dev, st_ino) of walked directories
        self._repo: dict[str, str | None] = {}
        self._gitignore: dict[str, _Matcher | None] = {}
        self._info_exclude: dict[str, _Matcher | None] = {}
        self._chain: dict[str, tuple[_Matcher, ...]] = {}
        self._excludes: dict[tuple[int, str, str], tuple[Settings, _Matcher]] = {}

    # ---------------------------------------------------------------------------- named paths
    def _error(self, display: Path, abs_path: str, reason: str) -> Iterator[Discovered]:
        if abs_path not in self.errors:
            self.errors.add(abs_path)
            yield Discovered(display, reason)

    def explicit(self, path: Path) -> Iterator[Discovered]:
        text = os.fspath(path)
        abs_path = os.path.abspath(text)
        try:
            st = os.stat(text)
        except (OSError, ValueError) as error:  # ValueError: an embedded NUL
            reason = _reason(error, text) if isinstance(error, OSError) else str(error)
            yield from self._error(path, abs_path, reason)
            return
        if stat.S_ISDIR(st.st_mode):
            if self.force_exclude and self._excluded_explicitly(path, abs_path, True):
                return
            yield from self._walk(path, abs_path, st)
        elif stat.S_ISREG(st.st_mode):
            if self.force_exclude and self._excluded_explicitly(path, abs_path, False):
                return
            real = os.path.realpath(text)
            if real not in self.seen:
                self.seen.add(real)
                yield Discovered(path)
        else:
            yield from self._error(path, abs_path, f"is {_kind(st.st_mode)}, not a regular file")

    def _excluded_explicitly(self, path: Path, abs_path: str, is_dir: bool) -> bool:
        settings = self.settings_for(path)
        excludes = self._exclude_matcher(settings, os.path.dirname(abs_path), None)
        if excludes.check_path(abs_path, is_dir):
            return True
        return _decide(self._chain_for(os.path.dirname(abs_path)), abs_path, is_dir, walking=False)

    # ------------------------------------------------------------------------------- git
    def _repo_root(self, directory: str) -> str | None:
        """The nearest directory at or above `directory` that holds `.git`."""
        pending: list[str] = []
        found: str | None = None
        current = directory
        while True:
            if current in self._repo:
                found = self._repo[current]
                break
            pending.append(current)
            if os.path.lexists(os.path.join(current, ".git")):
                found = current
                break
            parent = os.path.dirname(current)
            if parent == current:
                break
            current = parent
        for item in pending:
            self._repo[item] = found
        return found

    def _gitignore_of(self, directory: str) -> _Matcher | None:
        if directory not in self._gitignore:
            lines = _read_lines(os.path.join(directory, ".gitignore"))
            self._gitignore[directory] = _Matcher.of(directory, lines) if lines else None
        return self._gitignore[directory]

    def _info_exclude_of(self, repo: str) -> _Matcher | None:
        """`.git/info/exclude` of the repository at `repo` (`.git` may be a `gitdir:` file: worktrees)."""
        if repo not in self._info_exclude:
            git = os.path.join(repo, ".git")
            git_dir: str | None = git
            if os.path.isfile(git):
                first = (_read_lines(git) or [""])[0]
                git_dir = None
                if first.startswith("gitdir:"):
                    git_dir = os.path.join(repo, first[len("gitdir:") :].strip())
                    common = _read_lines(os.path.join(git_dir, "commondir"))
                    if common:
                        git_dir = os.path.join(git_dir, common[0].strip())
            lines = _read_lines(os.path.join(git_dir, "info", "exclude")) if git_dir else None
            self._info_exclude[repo] = _Matcher.of(repo, lines) if lines else None
        return self._info_exclude[repo]

    def _chain_for(self, directory: str) -> tuple[_Matcher, ...]:
        """The gitignore matchers of the enclosing repository that apply to the entries of `directory`,
        outermost first: its info/exclude and every .gitignore from its root down to `directory`. Outside a
        repository, none (a walk adds the .gitignore files of the directories it enters)."""
        cached = self._chain.get(directory)
        if cached is not None:
            return cached
        repo = self._repo_root(directory)
        chain: tuple[_Matcher, ...] = ()
        if repo is not None:
            dirs = [directory]
            while dirs[-1] != repo:
                dirs.append(os.path.dirname(dirs[-1]))
            found = [self._info_exclude_of(repo), *(self._gitignore_of(d) for d in reversed(dirs))]
            chain = tuple(m for m in found if m is not None)
        self._chain[directory] = chain
        return chain

    # ------------------------------------------------------------------------------ walking
    def _exclude_matcher(self, settings: Settings, directory: str, walk_root: str | None) -> _Matcher:
        """The excludes of `settings` for the entries of `directory`: relative to the settings' root, or to
        the walked directory when `directory` lies outside that root; in a walk, without the patterns that
        exclude the walked directory itself (see `_Matcher.sparing`)."""
        root = os.path.abspath(settings.root)
        inside = directory == root or _under(directory, root) is not None
        base = root if inside else (walk_root if walk_root is not None else directory)
        key = (id(settings), base, walk_root or "")
        cached = self._excludes.get(key)
        if cached is None or cached[0] is not settings:
            matcher = _Matcher.of(base, settings.exclude_patterns)
            cached = (settings, matcher.sparing(walk_root) if walk_root is not None else matcher)
            self._excludes[key] = cached
        return cached[1]

    def _enter(
        self, display: str, abs_dir: str, real: str, chain: tuple[_Matcher, ...], walk_root: str
    ) -> _Frame | Discovered:
        excludes = self._exclude_matcher(self.settings_for(Path(display)), abs_dir, walk_root)
        try:
            with os.scandir(abs_dir) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as error:
            return Discovered(Path(display), _reason(error, abs_dir))
        names = {entry.name for entry in entries}
        if ".git" in names:  # a repository of its own: the outer ignore files stop here
            info = self._info_exclude_of(abs_dir)
            chain = (info,) if info is not None else ()
        if ".gitignore" in names:
            own = self._gitignore_of(abs_dir)
            if own is not None:
                chain = (*chain, own)
        return _Frame(display, abs_dir, real, chain, excludes, iter(entries))

    def _walk(self, root: Path, root_abs: str, root_stat: os.stat_result) -> Iterator[Discovered]:
        key = (root_stat.st_dev, root_stat.st_ino)
        if key in self.visited:
            return
        self.visited.add(key)
        parent = os.path.dirname(root_abs)
        outer = self._chain_for(parent) if parent != root_abs else ()
        chain = tuple(matcher.sparing(root_abs) for matcher in outer)
        first = self._enter(os.fspath(root), root_abs, os.path.realpath(root_abs), chain, root_abs)
        if isinstance(first, Discovered):
            yield from self._error(first.path, root_abs, first.error or "")
            return
        stack = [first]
        while stack:
            frame = stack[-1]
            entry = next(frame.entries, None)
            if entry is None:
                stack.pop()
                continue
            name = entry.name
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
                is_file = not is_dir and entry.is_file(follow_symlinks=False)
                is_link = not is_dir and not is_file and entry.is_symlink()
            except OSError:
                continue
            if not is_dir and not is_source_name(name):
                continue
            if is_dir and name in NEVER_ENTERED:
                continue
            if not (is_dir or is_file or is_link):
                continue  # a FIFO, socket or device in a walk: not ours to report
            abs_path = _join(frame.abs, name)
            if frame.excludes.check(abs_path, is_dir) or _decide(frame.chain, abs_path, is_dir):
                continue
            display = _join(frame.display, name)
            if is_dir:
                try:
                    entry_stat = entry.stat(follow_symlinks=False)
                except OSError as error:
                    yield from self._error(Path(display), abs_path, _reason(error, abs_path))
                    continue
                dir_key = (entry_stat.st_dev, entry_stat.st_ino)
                if dir_key in self.visited:
                    continue
                self.visited.add(dir_key)
                real_dir = _join(frame.real, name)
                child = self._enter(display, abs_path, real_dir, frame.chain, root_abs)
                if isinstance(child, Discovered):
                    yield from self._error(child.path, abs_path, child.error or "")
                else:
                    stack.append(child)
            elif is_file:
                real = _join(frame.real, name)
                if real not in self.seen:
                    self.seen.add(real)
                    yield Discovered(Path(display))
            else:  # a symbolic link with a source suffix
                try:
                    target = os.stat(abs_path)
                except OSError as error:
                    yield from self._error(Path(display), abs_path, _reason(error, abs_path))
                    continue
                if not stat.S_ISREG(target.st_mode):
                    continue
                real = os.path.realpath(abs_path)
                if real not in self.seen:
                    self.seen.add(real)
                    yield Discovered(Path(display))
