"""The records of the layer-weight table: what a layer owns and how its weights are shaped.

Kept apart from `table.py` so that the generated data (`_weights.py`) and the lookups that load it do not import
each other.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Flavor(enum.Enum):
    """Which Keras the code targets. `tf.keras` is Keras 3 unless TF_USE_LEGACY_KERAS is set."""

    KERAS3 = "keras3"
    TF_KERAS = "tf_keras"


@dataclass(frozen=True)
class WeightSpec:
    """One weight a layer owns.

    `path` is the attribute chain from the layer object (`("cell", "kernel")`); `variable_path` is the scoped name
    under the layer's name (`"lstm_cell/kernel"`), as in K3 `.path` and tf_keras `.name`.
    `present_if` names the boolean config keyword without which the weight does not exist (`use_bias`).
    """

    name: str
    path: tuple[str, ...]
    shape: tuple[str, ...]
    initializer: str | None
    default_initializer: str | None
    trainable: bool = True
    present_if: str | None = None
    variable_path: str = ""
    # The config values `shape` holds for, e.g. (("reset_after", True),) for GRU's bias: treat the shape as
    # unknown when the config differs. `input_rank` is the input's rank, batch axis included. A formula may
    # also name `value_input_dim` (the last dimension of MultiHeadAttention's value and key), no config key.
    shape_assumes: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class LayerSpec:
    """A built-in layer class: its weights in `get_weights()` order and its config defaults."""

    cls: str
    weights: tuple[WeightSpec, ...]
    defaults: tuple[tuple[str, object], ...] = ()
    positional: tuple[str, ...] = ()
    recurrent: bool = False
    wrapper: bool = False

    def weight(self, name: str) -> WeightSpec | None:
        for w in self.weights:
            if w.name == name:
                return w
        return None

    def weight_at(self, path: tuple[str, ...]) -> WeightSpec | None:
        for w in self.weights:
            if w.path == path:
                return w
        return None

    @property
    def default_config(self) -> dict[str, object]:
        return dict(self.defaults)
