"""Checking one text with CPython's cyclic garbage collector paused.

A libcst tree is a few hundred thousand acyclic objects per 10,000 lines. While it is alive, each full pass of the
cyclic collector walks all of them, and allocation keeps triggering passes, so parsing and analysing one large
file grew faster than its size: on a generated 50,000-line module, parse plus analysis took about 1.6x longer with
the collector on than off, while 5,000 lines gained less (bench/README.md). Trees are freed by reference counting;
whatever cycles a check makes are collected once the collector is back on.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def gc_paused(function: Callable[P, R]) -> Callable[P, R]:
    """Run `function` with the cyclic collector off (nested and concurrent calls leave it to the outermost)."""

    @functools.wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        if not gc.isenabled():
            return function(*args, **kwargs)
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            gc.enable()

    return paused
