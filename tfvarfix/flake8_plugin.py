"""The flake8 plugin: `flake8 --select TFV` reports tfvarfix's findings (entry point `flake8.extension`).

flake8 hands over the file's lines; the plugin joins them back into the text and runs the engine on it,
with the configuration tfvarfix would use for the file (its nearest pyproject.toml). Nothing is imported
from TensorFlow and no user code runs. Fixes are not applied (flake8 only reports): run `tfvarfix --fix`.
flake8 wants 1-based lines and 0-based columns, which is the engine's convention. `# noqa` comments work
twice over: tfvarfix honours them, and flake8 does too.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tfvarfix import __version__

FILE_LEVEL = frozenset({"TFV002", "TFV003", "TFV004"})


class Plugin:
    name = "tfvarfix"
    version = __version__

    def __init__(self, tree: ast.AST, lines: Sequence[str], filename: str = "stdin") -> None:
        self.lines = lines
        self.filename = filename

    def run(self) -> Iterator[tuple[int, int, str, type[Any]]]:
        from tfvarfix import api
        from tfvarfix import config as config_module

        text = "".join(self.lines)
        path = Path(self.filename) if self.filename not in ("stdin", "-") else None
        codes: frozenset[str] | None = None
        target = None
        try:
            settings = _resolver()(path if path is not None else Path.cwd())
            codes = settings.codes_for(path) if path is not None else settings.select
            target = settings.target
        except config_module.ConfigError as error:
            yield 1, 0, f"TFV002 tfvarfix configuration error: {error}", type(self)
        label = str(path) if path is not None else "stdin.py"
        if label.endswith(".ipynb"):
            label += ".py"  # flake8 gives the lines of a Python file; never read them as notebook JSON
        result = (
            api.check_python(text, label, codes)
            if target is None
            else api.check_python(text, label, codes, target=target)
        )
        for diagnostic in result.diagnostics:
            start = diagnostic.range.start
            line, column = (1, 0) if diagnostic.code in FILE_LEVEL else (start.line, start.column)
            yield line, column, f"{diagnostic.code} {diagnostic.message}", type(self)


if TYPE_CHECKING:
    from tfvarfix.config import SettingsResolver

_RESOLVERS: list[SettingsResolver] = []  # one per flake8 process: its configuration does not change mid-run


def _resolver() -> SettingsResolver:
    """The settings of each file, resolved as the CLI resolves them (one `config.SettingsResolver`)."""
    if not _RESOLVERS:
        from tfvarfix import api
        from tfvarfix.config import SettingsResolver

        _RESOLVERS.append(SettingsResolver(api.all_codes()))
    return _RESOLVERS[0]
