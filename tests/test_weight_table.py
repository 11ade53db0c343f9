"""The committed weight table is what `scripts/gen_weight_table.py` measures from the installed Keras."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tfvarfix.keras.table import Flavor, all_specs, evaluate_shape, layer_spec

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "gen_weight_table.py"

REQUIRED = (
    *("Dense", "EinsumDense", "Conv1D", "Conv2D", "Conv3D", "Conv2DTranspose", "DepthwiseConv2D"),
    *("SeparableConv2D", "Embedding", "LSTM", "GRU", "SimpleRNN", "LSTMCell", "GRUCell", "SimpleRNNCell"),
    *("ConvLSTM2D", "Bidirectional", "TimeDistributed", "BatchNormalization", "LayerNormalization"),
    *("MultiHeadAttention", "PReLU"),
)


def _require_keras() -> None:
    """Skip only when TensorFlow, Keras 3 or tf_keras cannot be imported at all."""
    pytest.importorskip("tensorflow")
    pytest.importorskip("keras")
    pytest.importorskip("tf_keras")


@pytest.mark.tensorflow
def test_committed_table_matches_the_installed_keras() -> None:
    _require_keras()
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, (
        "tfvarfix/keras/_weights.py is stale or the generator failed: run scripts/gen_weight_table.py\n"
        + proc.stdout[-6000:]
        + proc.stderr[-4000:]
    )


@pytest.mark.parametrize("flavor", list(Flavor))
def test_table_covers_the_required_layers(flavor: Flavor) -> None:
    specs = all_specs(flavor)
    assert set(REQUIRED) <= set(specs)
    assert list(specs) == sorted(specs)
    for name, spec in specs.items():
        assert spec.cls == name
        assert spec.weights, name
        assert spec.recurrent == all(w.path[0] == "cell" for w in spec.weights)


def test_measured_differences_between_keras3_and_tf_keras() -> None:
    k3 = all_specs(Flavor.KERAS3)
    tfk = all_specs(Flavor.TF_KERAS)
    assert k3["DepthwiseConv2D"].weights[0].path == ("kernel",)
    assert tfk["DepthwiseConv2D"].weights[0].path == ("depthwise_kernel",)
    assert k3["ConvLSTM2D"].weights[0].variable_path == "conv_lstm_cell/kernel"
    assert tfk["ConvLSTM2D"].weights[0].variable_path == "kernel"
    assert k3["MultiHeadAttention"].weights[0].path == ("query_dense", "kernel")
    assert tfk["MultiHeadAttention"].weights[0].path == ("_query_dense", "kernel")
    assert k3["TimeDistributed"].weights[0].variable_path == "{inner}/kernel"
    assert tfk["TimeDistributed"].weights[0].variable_path == "kernel"


def test_lstm_spec() -> None:
    spec = layer_spec("keras.layers.LSTM")
    assert spec is not None and spec.recurrent and spec.positional == ("units",)
    kernel, recurrent, bias = spec.weights
    assert kernel.path == ("cell", "kernel") and kernel.variable_path == "lstm_cell/kernel"
    assert (kernel.initializer, kernel.default_initializer) == ("kernel_initializer", "GlorotUniform")
    assert recurrent.default_initializer == "Orthogonal"
    assert bias.present_if == "use_bias"
    config = {**spec.default_config, "units": 3}
    assert evaluate_shape(kernel.shape, config, 5) == (5, 12)
    assert evaluate_shape(recurrent.shape, config, 5) == (3, 12)
    assert spec.default_config["unit_forget_bias"] is True


def test_bidirectional_records_the_default_wrapped_lstm() -> None:
    spec = layer_spec("keras.layers.Bidirectional")
    assert spec is not None and spec.wrapper and spec.positional == ("layer",)
    assert [w.path for w in spec.weights[:3]] == [
        ("forward_layer", "cell", "kernel"),
        ("forward_layer", "cell", "recurrent_kernel"),
        ("forward_layer", "cell", "bias"),
    ]
    assert spec.weights[3].path == ("backward_layer", "cell", "kernel")


def test_shape_assumptions() -> None:
    gru = layer_spec("keras.layers.GRU")
    assert gru is not None
    bias = gru.weight("bias")
    assert bias is not None and bias.shape == ("2", "3*units")
    assert bias.shape_assumes == (("reset_after", True),)


def test_partial_shapes_follow_the_layer_config() -> None:
    from tfvarfix.keras.table import all_specs, weight_shape

    specs = all_specs()
    conv = specs["Conv2D"]
    kernel = conv.weight("kernel")
    assert kernel is not None
    # An int kernel_size stands for one size per spatial dimension.
    assert weight_shape(conv, kernel, {"filters": 8, "kernel_size": 3}, 5) == (3, 3, 5, 8)
    assert weight_shape(conv, kernel, {"filters": 8, "kernel_size": (1, 2)}, None) == (1, 2, None, 8)
    embedding = specs["Embedding"]
    table = embedding.weight("embeddings")
    assert table is not None
    # Embedding's own input_dim (the vocabulary) is not the input tensor's last dimension.
    assert weight_shape(embedding, table, {"input_dim": 1000, "output_dim": 16}, 7) == (1000, 16)
    gru = specs["GRU"]
    bias = gru.weight("bias")
    assert bias is not None
    assert weight_shape(gru, bias, {"units": 4}, 3) == (2, 12)
    assert weight_shape(gru, bias, {"units": 4, "reset_after": False}, 3) is None
