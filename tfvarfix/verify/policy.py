"""Tolerances per device and dtype, and the errors each `repairs` rule names.

CPU runs of the same program under one seed are bit-identical across processes (keras-facts section 5), so the
CPU tolerances only absorb the last bit of float32 arithmetic reordered by a rewrite. On a GPU, TF32 matmuls
and convolutions (Ampere and later) keep 10 mantissa bits, and cuDNN may pick nondeterministic algorithms;
outputs then differ around 1e-3 relative, so the GPU tolerances are looser. See docs/verify.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# (rtol, atol) per dtype kind; a value passes when |rewrite - original| <= atol + rtol * |original|.
CPU_TOLERANCE: dict[str, tuple[float, float]] = {
    "float64": (1e-12, 1e-12),
    "float32": (1e-6, 1e-6),
    "float16": (1e-3, 1e-3),
    "bfloat16": (1e-2, 1e-2),
}
GPU_TOLERANCE: dict[str, tuple[float, float]] = {
    "float64": (1e-9, 1e-9),
    "float32": (2e-3, 1e-4),
    "float16": (1e-2, 1e-2),
    "bfloat16": (3e-2, 3e-2),
}

# A per-call reset is judged against the original run eagerly: eager ops and a traced graph may round float32
# differently (fused kernels), so at least these bounds apply there.
EAGER_RTOL, EAGER_ATOL = 1e-4, 1e-5


@dataclass(frozen=True)
class Tolerance:
    gpu: bool = False  # either run on a GPU
    rtol: float | None = None  # --rtol: overrides every float dtype
    atol: float | None = None

    def for_dtype(self, dtype: str) -> tuple[float, float]:
        if not dtype.startswith(("float", "bfloat")):
            return 0.0, 0.0  # integers and booleans: exact
        table = GPU_TOLERANCE if self.gpu else CPU_TOLERANCE
        rtol, atol = table.get(dtype, table["float32"])
        return (rtol if self.rtol is None else self.rtol, atol if self.atol is None else self.atol)


@dataclass(frozen=True)
class ExpectedError:
    """The exception a `repairs` rule names: its type names and a pattern its message must match."""

    types: tuple[str, ...]
    pattern: str
    within: str = ""  # or raised from code whose traceback matches this (wherever the message comes from)

    def matches(self, error_type: str, message: str, traceback: str = "") -> bool:
        if error_type not in self.types:
            return False
        if re.search(self.pattern, message) is not None:
            return True
        return bool(self.within) and re.search(self.within, traceback) is not None

    def describe(self) -> str:
        raised = f" or raised in /{self.within}/" if self.within else ""
        return f"{' or '.join(self.types)} matching /{self.pattern}/{raised}"


# Rules whose bug shows only when a model is saved and loaded: verify round-trips every collected model.
ROUNDTRIP_CODES = frozenset({"TFV202"})

_EXISTS = r"already exists, disallowed"
_SINGLETON = r"tf\.function only supports singleton tf\.Variables"

# What the original program raises for each rule whose fix `repairs` (keras-facts sections 0, 4, 6, 7).
EXPECTED_ERRORS: dict[str, ExpectedError] = {
    # A weights=[...] matrix whose shape disagrees with the layer's (keras#8006): Keras 3 and tf_keras alike.
    "TFV102": ExpectedError(("ValueError",), r"not compatible with provided weight shape"),
    "TFV103": ExpectedError(("AttributeError",), r"object has no attribute '(kernel|recurrent_kernel|bias)'"),
    "TFV104": ExpectedError(
        ("ValueError",), r"is used \d+ times in the model|unique|already (exists|in use)"
    ),
    # The last three: tf_keras saves of weights made without a name (keras-facts; measured on tf_keras 2.21): a
    # TensorFlow-format save or checkpoint, an HDF5 save with two in one layer, a subclassed model's checkpoint.
    "TFV202": ExpectedError(
        ("TypeError", "ValueError", "NotImplementedError", "AttributeError"),
        r"Cannot deserialize|get_config|Unknown (initializer|object|constraint|regularizer)|required positional"
        r"|'NoneType' object has no attribute 'replace'|create dataset \(name already exists\)"
        r"|bad argument type for built-in operation",
        # An object rebuilt without its arguments fails where it first uses them (`WB_Init(dat=None)` converts
        # None), inside Keras's loader.
        r"deserializ|from_config|load_model",
    ),
    "TFV301": ExpectedError(("ValueError",), _EXISTS),
    "TFV302": ExpectedError(("ValueError",), _EXISTS),
    "TFV303": ExpectedError(("ValueError", "InvalidArgumentError"), rf"Dimensions must be equal|{_EXISTS}"),
    "TFV304": ExpectedError(("ValueError",), _EXISTS),
    # the second: a tf.function that returns the Keras model it builds (the end of the first trace)
    "TFV401": ExpectedError(("ValueError", "TypeError"), rf"{_SINGLETON}|must return zero or more Tensors"),
    "TFV402": ExpectedError(
        ("ValueError", "KeyError"),
        # the last: a tf.Variable made in call() while Keras traces it to infer the output shape (measured)
        rf"You cannot add new elements of state|{_SINGLETON}|could not be lifted out of a `tf\.function`",
    ),
    # A variable made from a tensor while Keras traces an outer layer's call (keras#18461): the fix that makes the
    # value in tf.init_scope() repairs it; TFV106's other fixes are checked as `intended`.
    "TFV106": ExpectedError(("ValueError",), r"could not be lifted out of a `tf\.function`"),
    "TFV107": ExpectedError(  # tf_keras: the last item has no such weight; Keras 3 refuses the callable
        ("AttributeError", "ValueError"), r"object has no attribute|`add_loss\(\)` can only be called"
    ),
}
