"""`[tool.tfvarfix]` in pyproject.toml: found, validated, merged with command-line flags.

Keys (nothing else is accepted; a config file is only ever parsed as TOML, never executed):

    select = ["TFV1"]                 # codes or prefixes; default: every rule
    extend-select = ["TFV301"]        # added to `select`
    ignore = ["TFV104"]               # removed from the selection
    per-file-ignores = { "tests/**" = ["TFV2"], "__init__.py" = ["TFV101"] }
    exclude = ["build"]               # replaces the default excludes (as in ruff)
    extend-exclude = ["examples"]     # added to `exclude`
    unsafe-fixes = false

A selector is a full code (`TFV103`), a prefix of codes (`TFV1`: TFV100..TFV199, `TFV10`: TFV100..TFV109),
or `TFV`/`ALL` for everything. Selectors are checked against the known codes, which the caller passes in
(this module never imports the rule registry).

Precedence (ruff's rule, `resolve_codes`): the selection is built in layers, the config file first and then
the command line. Within a layer, selectors are applied from the least specific to the most specific (`ALL`,
then `TFV`, then `TFV1`, `TFV10`, `TFV103`); at each specificity `select` and `extend-select` turn codes on,
then `ignore` turns codes off. So a more specific selector always wins over a less specific one, whichever
list it is in, and at equal specificity `ignore` wins. A layer that has a `select` replaces everything
selected before it (so `--select` on the command line starts afresh, discarding the file's selection and its
ignores); a layer without one only adds (`extend-select`) and removes (`ignore`) codes on top of what came
before, so flags always win over the file.

Config files: in each directory, `.tfvarfix.toml`, `tfvarfix.toml` (top-level keys), then `pyproject.toml`
(only when it has a `[tool.tfvarfix]` table; one without the table is skipped and the search goes on up).
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from tfvarfix.types import Target

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = [
    "CONFIG_FILE_NAMES",
    "DEFAULT_EXCLUDES",
    "KEYS",
    "ConfigError",
    "Overrides",
    "RuleSelection",
    "Settings",
    "SettingsResolver",
    "config_in_dir",
    "find_config",
    "load_settings",
    "resolve_codes",
]

KEYS: tuple[str, ...] = (
    "select",
    "extend-select",
    "ignore",
    "per-file-ignores",
    "exclude",
    "extend-exclude",
    "unsafe-fixes",
    "keras-version",
    "serialization-package",
    "follow-imports",
)

#: Skipped in directory walks unless `exclude` is set (which replaces them; `extend-exclude` adds to them).
DEFAULT_EXCLUDES: tuple[str, ...] = (
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "__pycache__",
    "build",
    "dist",
    "node_modules",
    "site-packages",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".tfvarfix_cache",
    ".eggs",
    "*.egg-info",
)

#: Files that hold their settings at the top level rather than in `[tool.tfvarfix]`.
STANDALONE_NAMES: tuple[str, ...] = (".tfvarfix.toml", "tfvarfix.toml")
PYPROJECT = "pyproject.toml"
#: Looked for in each directory, in this order.
CONFIG_FILE_NAMES: tuple[str, ...] = (*STANDALONE_NAMES, PYPROJECT)

ALL = "ALL"
_SELECTOR_SHAPE = re.compile(r"^[A-Z]+[0-9]*$")
_FLAG_OF = {
    "select": "--select",
    "extend-select": "--extend-select",
    "ignore": "--ignore",
    "exclude": "--exclude",
    "extend-exclude": "--extend-exclude",
}


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file (or flag) and the key."""


# ------------------------------------------------------------------------------------------ selection
@dataclass(frozen=True)
class RuleSelection:
    """One layer of rule selectors: a config file's, or the command line's.

    `select=None` means the layer does not set `select` and so builds on the layers before it.
    """

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


def _specificity(selector: str) -> int:
    return -1 if selector == ALL else len(selector)


def _expand(selector: str, known_codes: Collection[str]) -> list[str]:
    if selector == ALL:
        return list(known_codes)
    return [code for code in known_codes if code.startswith(selector)]


def resolve_codes(layers: Iterable[RuleSelection], known_codes: Collection[str]) -> frozenset[str]:
    """The codes selected by `layers` (applied in order) over the default selection of every known code.

    See the module docstring for the precedence. Selectors are assumed valid (see `_check_selectors`).
    """
    selected = set(known_codes)
    for layer in layers:
        turn_on = [*(layer.select or ()), *layer.extend_select]
        turn_off = list(layer.ignore)
        updates: dict[str, bool] = {}
        for level in sorted({_specificity(s) for s in (*turn_on, *turn_off)}):
            for selector in turn_on:
                if _specificity(selector) == level:
                    updates.update(dict.fromkeys(_expand(selector, known_codes), True))
            for selector in turn_off:
                if _specificity(selector) == level:
                    updates.update(dict.fromkeys(_expand(selector, known_codes), False))
        if layer.select is not None:
            selected = {code for code, on in updates.items() if on}
        else:
            for code, on in updates.items():
                if on:
                    selected.add(code)
                else:
                    selected.discard(code)
    return frozenset(selected)


def _selector_error(selector: str, known_codes: Collection[str]) -> str | None:
    """Why `selector` is not a valid code or prefix, or None when it is."""
    if selector == ALL:
        return None
    if _SELECTOR_SHAPE.match(selector):
        for code in known_codes:
            letters = len(code) - len(code.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
            if code.startswith(selector) and len(selector) >= letters:
                return None
    message = f"unknown rule code or prefix {selector!r}"
    suggestion: str | None = None
    upper = selector.strip().upper()
    if upper != selector and _selector_error(upper, known_codes) is None:
        suggestion = upper
    elif len(selector) >= min((len(code) for code in known_codes), default=0) - 1:
        # Only a near-complete code gets a suggestion: `TFV13` -> `TFV103`, but not `TFV9` -> `TFV402`.
        close = difflib.get_close_matches(selector, sorted(known_codes), n=1, cutoff=0.8)
        suggestion = close[0] if close else None
    if suggestion:
        message += f" (did you mean {suggestion!r}?)"
    return message


def _check_selectors(selectors: Sequence[str], where: str, known_codes: Collection[str]) -> None:
    for selector in selectors:
        problem = _selector_error(selector, known_codes)
        if problem is not None:
            raise ConfigError(f"{where}: {problem}")


# ------------------------------------------------------------------------------------------- settings
def _absolute(path: str | os.PathLike[str]) -> Path:
    """`path` made absolute lexically (`..` folded, symbolic links kept, unlike Path.resolve())."""
    return Path(os.path.abspath(path))  # noqa: PTH100


@lru_cache(maxsize=1024)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """A glob as ruff's per-file-ignores read it (globset defaults): `*` and `?` also match `/`,
    `**/` matches zero or more directories, `[...]`/`[!...]` classes, `{a,b}` alternatives, `\\` escapes."""
    out: list[str] = []
    i, n, depth = 0, len(pattern), 0
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        if c == "*":
            if pattern.startswith("**/", i):
                out.append("(?:.*/)?")
                i += 3
                continue
            while i < n and pattern[i] == "*":
                i += 1
            out.append(".*")
            continue
        if c == "?":
            out.append(".")
        elif c == "[":
            end = pattern.find("]", i + 2 if pattern.startswith(("[!", "[^"), i) else i + 1)
            if end == -1:
                out.append(re.escape(c))
            else:
                body = pattern[i + 1 : end]
                negate = body[:1] in ("!", "^")
                body = body[1:] if negate else body
                body = body.replace("\\", "\\\\").replace("^", "\\^")
                out.append(f"[{'^' if negate else ''}{body}]")
                i = end + 1
                continue
        elif c == "{":
            depth += 1
            out.append("(?:")
        elif c == "}" and depth:
            depth -= 1
            out.append(")")
        elif c == "," and depth:
            out.append("|")
        else:
            out.append(re.escape(c))
        i += 1
    out.extend(")" * depth)
    return re.compile("".join(out), re.DOTALL)


def _glob_matches(pattern: str, rel_path: str | None, abs_path: str, basename: str) -> bool:
    negated = pattern.startswith("!")
    if negated:
        pattern = pattern[1:]
    if pattern.startswith("./"):
        pattern = pattern[2:]
    regex = _glob_regex(pattern.replace(os.sep, "/"))
    if pattern.startswith("/"):
        hit = regex.fullmatch(abs_path) is not None
    else:
        hit = (rel_path is not None and regex.fullmatch(rel_path) is not None) or regex.fullmatch(
            basename
        ) is not None
    return hit != negated


@dataclass(frozen=True)
class Settings:
    """What one configuration resolves to. Frozen, hashable and picklable.

    `select` holds resolved codes (never prefixes); `per_file_ignores` pairs each glob with the resolved codes
    it turns off; `exclude` (the default excludes unless the config set it) and `extend_exclude` are
    gitignore-style patterns relative to `root`, the folder of the config file `source` (or the working
    directory).
    """

    select: frozenset[str]
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDES
    extend_exclude: tuple[str, ...] = ()
    unsafe_fixes: bool = False
    root: Path = field(default_factory=Path.cwd)
    source: Path | None = None
    # The Keras a file targets when it does not say itself (`import tf_keras`, TF_USE_LEGACY_KERAS): 3 or 2.
    keras_version: int = 3
    # The package the classes a fix registers go under (`register_keras_serializable(package=...)`).
    serialization_package: str | None = None
    # Whole-project analysis: a file is checked with the project modules it imports (semantics/project.py).
    follow_imports: bool = True

    @property
    def target(self) -> Target:
        roots = (str(self.root),) if self.follow_imports else None
        return Target(self.keras_version, self.serialization_package, roots)

    @property
    def exclude_patterns(self) -> tuple[str, ...]:
        return (*self.exclude, *self.extend_exclude)

    def codes_for(self, path: Path) -> frozenset[str]:
        """The codes to check in `path`: `select` less the per-file-ignores whose glob matches it.

        A glob matches when it matches the path relative to `root` or the file's basename (as in ruff); a
        glob starting with `/` is matched against the absolute path, one starting with `!` matches the files
        the rest does not match.
        """
        if not self.per_file_ignores:
            return self.select
        abs_path = str(_absolute(path)).replace(os.sep, "/")
        root = str(_absolute(self.root)).replace(os.sep, "/").rstrip("/") + "/"
        rel_path = abs_path[len(root) :] if abs_path.startswith(root) else None
        basename = abs_path.rsplit("/", 1)[-1]
        ignored: set[str] = set()
        for pattern, codes in self.per_file_ignores:
            if _glob_matches(pattern, rel_path, abs_path, basename):
                ignored |= codes
        return self.select - ignored if ignored else self.select


@dataclass(frozen=True)
class Overrides:
    """Values given on the command line; None (or an empty tuple for the lists) means "not given".

    List values may also hold comma-separated items (`--select TFV1,TFV301`).
    """

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    unsafe_fixes: bool | None = None
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        for name in ("select", "extend_select", "ignore", "exclude", "extend_exclude"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value))


def _split_flag_values(values: Sequence[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    return tuple(item.strip() for value in values for item in value.split(",") if item.strip())


# --------------------------------------------------------------------------------------------- files
def _display(path: Path) -> str:
    try:
        return str(_absolute(path).relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _read_toml(path: Path) -> dict[str, Any]:
    where = _display(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{where}: No such file or directory") from None
    except IsADirectoryError:
        raise ConfigError(f"{where}: is a directory, not a config file") from None
    except OSError as error:
        raise ConfigError(f"{where}: cannot read: {error.strerror or error}") from None
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ConfigError(f"{where}: not valid UTF-8: {error.reason} at byte {error.start}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{where}: invalid TOML: {error}") from None


def _tool_table(document: Mapping[str, Any], where: str) -> Mapping[str, Any] | None:
    tool = document.get("tool")
    if tool is None:
        return None
    if not isinstance(tool, dict):
        raise ConfigError(f"{where}: 'tool' must be a table, got {_describe(tool)}")
    table = tool.get("tfvarfix")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: [tool.tfvarfix] must be a table, got {_describe(table)}")
    return table


def _config_table(path: Path) -> tuple[Mapping[str, Any], str]:
    """The settings table of config file `path` and how messages should name it."""
    where = _display(path)
    document = _read_toml(path)
    if path.name in STANDALONE_NAMES:
        return document, f"{where}:"
    table = _tool_table(document, where)
    if table is not None:
        return table, f"{where}: [tool.tfvarfix]"
    if path.name == PYPROJECT:
        # An explicit pyproject.toml without the table: the defaults.
        return {}, f"{where}: [tool.tfvarfix]"
    # Any other name is read like tfvarfix.toml.
    return document, f"{where}:"


def _has_table(pyproject: Path) -> bool:
    try:
        data = pyproject.read_bytes()
    except OSError as error:
        raise ConfigError(f"{_display(pyproject)}: cannot read: {error.strerror or error}") from None
    if b"tfvarfix" not in data:  # cheap: no need to parse a file that cannot hold the table
        return False
    return _tool_table(_read_toml(pyproject), _display(pyproject)) is not None


def config_in_dir(directory: Path) -> Path | None:
    """The config file of `directory` itself, if it has one (see CONFIG_FILE_NAMES)."""
    for name in CONFIG_FILE_NAMES:
        candidate = directory / name
        try:
            if not candidate.is_file():
                continue
        except OSError:  # an unreadable directory on the way: as if there were none
            continue
        if name != PYPROJECT or _has_table(candidate):
            return candidate
    return None


def _start_dir(path: Path) -> Path:
    start = _absolute(path)
    try:
        return start if start.is_dir() else start.parent
    except OSError:
        return start.parent


def find_config(path: Path) -> Path | None:
    """The nearest config file at or above `path` (a file or a directory), or None.

    A `pyproject.toml` counts only when it has a `[tool.tfvarfix]` table; `tfvarfix.toml` and `.tfvarfix.toml`
    always count and win over a `pyproject.toml` in the same directory.
    """
    start = _start_dir(path)
    for directory in (start, *start.parents):
        found = config_in_dir(directory)
        if found is not None:
            return found
    return None


# ---------------------------------------------------------------------------------------- validation
def _describe(value: object) -> str:
    kinds: list[tuple[type | tuple[type, ...], str]] = [
        (bool, "a boolean"),
        (int, "an integer"),
        (float, "a float"),
        (str, "a string"),
        (list, "an array"),
        (dict, "a table"),
    ]
    kind = next((name for t, name in kinds if isinstance(value, t)), f"a {type(value).__name__}")
    text = repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{kind} ({text})"


def _string_list(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where}: expected an array of strings, got {_describe(value)}")
    return tuple(value)


def _unknown_key(key: str) -> str:
    message = f"unknown key {key!r}"
    guess = key.replace("_", "-").lower()
    close = [guess] if guess in KEYS else difflib.get_close_matches(key, KEYS, n=1, cutoff=0.6)
    if close:
        message += f" (did you mean {close[0]!r}?)"
    else:
        message += f" (the keys are {', '.join(KEYS)})"
    return message


@dataclass(frozen=True)
class _FileOptions:
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    unsafe_fixes: bool | None = None
    keras_version: int | None = None
    serialization_package: str | None = None
    follow_imports: bool | None = None


def _parse_table(table: Mapping[str, Any], where: str, known_codes: Collection[str]) -> _FileOptions:
    for key in table:
        if key not in KEYS:
            raise ConfigError(f"{where} {_unknown_key(str(key))}")
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("select", "extend-select", "ignore", "exclude", "extend-exclude"):
        if key in table:
            lists[key] = _string_list(table[key], f"{where} {key}")
    for key in ("select", "extend-select", "ignore"):
        _check_selectors(lists.get(key, ()), f"{where} {key}", known_codes)
    per_file: list[tuple[str, tuple[str, ...]]] = []
    if "per-file-ignores" in table:
        value = table["per-file-ignores"]
        if not isinstance(value, dict):
            raise ConfigError(
                f"{where} per-file-ignores: expected a table of glob = [codes], got {_describe(value)}"
            )
        for glob, codes in value.items():
            key_where = f'{where} per-file-ignores."{glob}"'
            if not glob:
                raise ConfigError(f"{key_where}: empty glob")
            selectors = _string_list(codes, key_where)
            _check_selectors(selectors, key_where, known_codes)
            per_file.append((glob, selectors))
    unsafe: bool | None = None
    if "unsafe-fixes" in table:
        unsafe = table["unsafe-fixes"]
        if not isinstance(unsafe, bool):
            raise ConfigError(f"{where} unsafe-fixes: expected a boolean, got {_describe(unsafe)}")
    keras_version: int | None = None
    if "keras-version" in table:
        value = table["keras-version"]
        if value not in (2, 3, "2", "3"):
            raise ConfigError(f"{where} keras-version: expected 3 (Keras 3) or 2 (tf_keras), got {_describe(value)}")
        keras_version = int(value)
    package: str | None = None
    if "serialization-package" in table:
        package = table["serialization-package"]
        if not isinstance(package, str) or not package:
            raise ConfigError(f"{where} serialization-package: expected a package name, got {_describe(package)}")
    follow: bool | None = None
    if "follow-imports" in table:
        follow = table["follow-imports"]
        if not isinstance(follow, bool):
            raise ConfigError(f"{where} follow-imports: expected a boolean, got {_describe(follow)}")
    return _FileOptions(
        select=lists.get("select"),
        extend_select=lists.get("extend-select", ()),
        ignore=lists.get("ignore", ()),
        per_file_ignores=tuple(per_file),
        exclude=lists.get("exclude"),
        extend_exclude=lists.get("extend-exclude", ()),
        unsafe_fixes=unsafe,
        keras_version=keras_version,
        serialization_package=package,
        follow_imports=follow,
    )


def _expand_all(selectors: Iterable[str], known_codes: Collection[str]) -> frozenset[str]:
    return frozenset(code for selector in selectors for code in _expand(selector, known_codes))


# ------------------------------------------------------------------------------------------- loading
def load_settings(path: Path | None, overrides: Overrides, known_codes: Collection[str]) -> Settings:
    """The settings of config file `path` (None: no file, the defaults) merged with the command line.

    `path` is read as `[tool.tfvarfix]` when it is a pyproject.toml (without that table: the defaults), as its
    top-level table when it is named tfvarfix.toml or .tfvarfix.toml, and otherwise as `[tool.tfvarfix]` if it
    has one, else its top-level table (this is what `--config FILE` does). Raises ConfigError.
    """
    known = frozenset(known_codes)
    if path is None:
        options = _FileOptions()
        root = Path.cwd()
        source: Path | None = None
    else:
        table, where = _config_table(path)
        options = _parse_table(table, where, known)
        source = _absolute(path)
        root = source.parent

    flags = {
        "select": _split_flag_values(overrides.select),
        "extend-select": _split_flag_values(overrides.extend_select),
        "ignore": _split_flag_values(overrides.ignore),
        "exclude": _split_flag_values(overrides.exclude),
        "extend-exclude": _split_flag_values(overrides.extend_exclude),
    }
    for key in ("select", "extend-select", "ignore"):
        _check_selectors(flags[key] or (), _FLAG_OF[key], known)

    layers = [
        RuleSelection(options.select, options.extend_select, options.ignore),
        RuleSelection(flags["select"], flags["extend-select"] or (), flags["ignore"] or ()),
    ]
    cli_exclude = flags["exclude"]
    return Settings(
        select=resolve_codes(layers, known),
        per_file_ignores=tuple(
            (glob, _expand_all(selectors, known)) for glob, selectors in options.per_file_ignores
        ),
        exclude=cli_exclude
        if cli_exclude is not None
        else (options.exclude if options.exclude is not None else DEFAULT_EXCLUDES),
        extend_exclude=(*options.extend_exclude, *(flags["extend-exclude"] or ())),
        unsafe_fixes=(
            overrides.unsafe_fixes if overrides.unsafe_fixes is not None else bool(options.unsafe_fixes)
        ),
        root=root,
        source=source,
        keras_version=options.keras_version or 3,
        serialization_package=options.serialization_package,
        follow_imports=options.follow_imports is not False,
    )


class SettingsResolver:
    """`settings_for` for discovery and the engine: the settings that apply to a path, cached.

    With `config` (`--config FILE`) every path gets that file's settings; otherwise each path gets those of
    the nearest config file above it (hierarchical, as in ruff), or the defaults rooted at the working
    directory.
    """

    def __init__(
        self, known_codes: Collection[str], overrides: Overrides | None = None, config: Path | None = None
    ) -> None:
        self._known = frozenset(known_codes)
        self._overrides = overrides if overrides is not None else Overrides()
        self._fixed = load_settings(config, self._overrides, self._known) if config is not None else None
        self._config_of_dir: dict[str, Path | None] = {}
        self._settings_of_file: dict[Path | None, Settings] = {}

    def config_for(self, path: Path) -> Path | None:
        """The config file that applies to `path` (None: the defaults)."""
        if self._fixed is not None:
            return self._fixed.source
        key = str(_absolute(path))
        if key in self._config_of_dir:
            return self._config_of_dir[key]
        directory = _start_dir(path)
        pending: list[str] = []
        found: Path | None = None
        for candidate in (directory, *directory.parents):
            text = str(candidate)
            if text in self._config_of_dir:
                found = self._config_of_dir[text]
                break
            pending.append(text)
            found = config_in_dir(candidate)
            if found is not None:
                break
        for text in pending:
            self._config_of_dir[text] = found
        return found

    def __call__(self, path: Path) -> Settings:
        if self._fixed is not None:
            return self._fixed
        source = self.config_for(path)
        settings = self._settings_of_file.get(source)
        if settings is None:
            settings = load_settings(source, self._overrides, self._known)
            self._settings_of_file[source] = settings
        return settings
