"""Positions of nodes, computed only when a file has something to report.

libcst's PositionProvider runs a full code generation through its visitor machinery: on real code it costs about
three times the parse. We run the same position-recording code generation directly (about twice the parse), and
only for files with findings. If libcst's internals move, we fall back to the public provider.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import libcst as cst
from libcst.metadata import CodeRange

from tfvarfix.types import Position, Range


def node_ranges(module: cst.Module) -> Mapping[cst.CSTNode, CodeRange]:
    try:
        return _direct(module)
    except Exception:  # pragma: no cover - only if libcst's private API changes
        from libcst.metadata import MetadataWrapper, PositionProvider

        wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        return wrapper.resolve(PositionProvider)


class _Sink:
    def __init__(self) -> None:
        self._computed: dict[cst.CSTNode, CodeRange] = {}

    def set_metadata(self, node: cst.CSTNode, value: CodeRange) -> None:
        self._computed[node] = value


def _direct(module: cst.Module) -> Mapping[cst.CSTNode, CodeRange]:
    from libcst.metadata.position_provider import PositionProvidingCodegenState

    sink = _Sink()
    state: Any = PositionProvidingCodegenState(
        default_indent=module.default_indent,
        default_newline=module.default_newline,
        provider=sink,  # type: ignore[arg-type]
    )
    module._codegen(state)
    return sink._computed


def to_range(code_range: CodeRange) -> Range:
    return Range(
        Position(code_range.start.line, code_range.start.column),
        Position(code_range.end.line, code_range.end.column),
    )
