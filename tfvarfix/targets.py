"""What a file is checked for when the configuration leaves it open: light, so the CLI's quick path can key
the result cache without importing the engine."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tfvarfix.types import Target

__all__ = ["package_of", "target_for"]


def target_for(target: Target, path: str) -> Target:
    """`target` with the package a fix registers classes under filled in from `path` when the configuration
    leaves it unset."""
    return target if target.package is not None else replace(target, package=package_of(path))


def package_of(path: str) -> str | None:
    """The top-level package a file lies in (the outermost folder above it that has an `__init__.py`), for the
    classes a fix registers; None for a file outside any package (Keras then uses its default, `Custom`)."""
    if not path or path in ("-", "<stdin>"):
        return None
    folder = Path(path).absolute().parent
    found: str | None = None
    try:
        while (folder / "__init__.py").is_file() and folder.parent != folder:
            found = folder.name
            folder = folder.parent
    except OSError:
        return found
    return found if found and found.isidentifier() else None
