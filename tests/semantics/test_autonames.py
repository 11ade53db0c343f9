"""Keras's auto names in the core (keras/autonames.py): what an unnamed layer is named, when the count is known,
and what a model loaded from a file the program saved holds. Each expectation was measured on Keras 3.15 /
tf_keras 2.21 (the runtime tests run the TFV104 fixtures built on them)."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from tfvarfix.keras.autonames import AutoNamed, snake
from tfvarfix.keras.spec import Flavor
from tfvarfix.semantics.facts import analyze


def _names(source: str, flavor: Flavor = Flavor.KERAS3) -> list[tuple[int, str, bool]]:
    """(line, name, loaded) of every auto-named (or loaded) layer, in the order the program made them."""
    text = textwrap.dedent(source)
    module = cst.parse_module(text)
    facts = analyze(module, text, flavor)
    from tfvarfix.positions import node_ranges

    ranges = node_ranges(module)
    return [(ranges[e.node].start.line, e.name, e.loaded is not None) for e in facts.of(AutoNamed)]


def _plain(source: str, flavor: Flavor = Flavor.KERAS3) -> list[str]:
    return [name for _, name, loaded in _names(source, flavor) if not loaded]


@pytest.mark.parametrize(
    ("cls", "name"),
    [
        ("Dense", "dense"),
        ("BatchNormalization", "batch_normalization"),
        ("Conv2D", "conv2d"),
        ("LSTM", "lstm"),
        ("ReLU", "re_lu"),
        ("PReLU", "p_re_lu"),
        ("GlobalAveragePooling2D", "global_average_pooling2d"),
        ("Conv2DTranspose", "conv2d_transpose"),
        ("MyNet", "my_net"),
    ],
)
def test_snake_case_is_keras_own(cls: str, name: str) -> None:
    assert snake(cls, Flavor.KERAS3) == name
    assert snake(cls, Flavor.TF_KERAS) == name


def test_counter_per_class_and_explicit_names_take_no_count() -> None:
    assert _plain(
        """
        import keras
        a = keras.layers.Dense(1)
        b = keras.layers.Dense(1, name="dense_7")
        c = keras.layers.Dense(1)
        d = keras.layers.LSTM(2)
        e = keras.layers.Dense(1, name="dense")
        f = keras.layers.Dense(1)
        g = keras.layers.MaxPool2D()
        """
    ) == ["dense", "dense_1", "lstm", "dense_2", "max_pooling2d"]


@pytest.mark.parametrize(
    "reset",
    [
        "keras.backend.clear_session()",
        "keras.utils.clear_session()",
        "tf.keras.backend.clear_session()",
        "K.clear_session()",
    ],
)
def test_every_spelling_of_clear_session_resets_the_counters(reset: str) -> None:
    assert _plain(
        f"""
        import tensorflow as tf
        import keras
        from keras import backend as K
        a = keras.layers.Dense(1)
        b = keras.layers.Dense(1)
        {reset}
        c = keras.layers.Dense(1)
        """
    ) == ["dense", "dense_1", "dense"]


def test_a_known_loop_counts_each_pass() -> None:
    assert _plain(
        """
        import keras
        for width in (3, 2):
            keras.layers.Dense(width)
        keras.layers.Dense(1)
        """
    ) == ["dense", "dense_1", "dense_2"]


@pytest.mark.parametrize(
    "between",
    [
        "for _ in range(int(sys.argv[1])):\n    keras.layers.Dense(1)",  # a loop of unknown count
        "if len(sys.argv) > 2:\n    keras.layers.Dense(1)",  # one arm makes a layer
        "import mylib\nmylib.setup()",  # code the interpreter does not follow
        "import tempfile, mylib\ntempfile.mkdtemp()\nmylib.setup()",  # a safe call first: the next is not
        "x = keras.Input((2,)) + 1.0\nkeras.layers.Dense(1)",  # (the Dense is counted; the op is not a Dense)
    ],
)
def test_the_count_after_unknown_code_is_unknown(between: str) -> None:
    source = (
        "import sys\nimport keras\nkeras.layers.Dense(1)\n" + between + "\nlast = keras.layers.Dense(1)\n"
    )
    found = _names(source)
    last = [name for line, name, _ in found if line == source.count("\n")]
    if between.startswith("x = "):
        assert last == ["dense_2"]
    else:
        assert last == []  # no name: never a guess


def test_an_op_on_a_symbolic_tensor_takes_the_layer_count_of_its_name() -> None:
    # Keras 3 makes an `Add` operation for `x + 1.0` (named `add`): an `Add` layer after it is `add_1`, so its
    # name is not known here; tf_keras makes a TFOpLambda layer, named otherwise.
    source = """
        import keras
        x = keras.Input((2,))
        y = x + 1.0
        merge = keras.layers.Add()
        """
    assert _plain(source) == []
    assert _plain(source.replace("import keras", "import tf_keras as keras"), Flavor.TF_KERAS) == ["add"]


def test_safe_calls_keep_the_count() -> None:
    assert _plain(
        """
        import os, tempfile
        import numpy as np
        import keras
        keras.layers.Dense(1)
        path = os.path.join(tempfile.mkdtemp(), "m.keras")
        data = np.random.rand(3, 2)
        keras.layers.Dense(1)
        """
    ) == ["dense", "dense_1"]


def test_a_function_nothing_calls_does_not_know_the_count_until_it_clears_the_session() -> None:
    assert _plain(
        """
        import keras
        def build():
            first = keras.layers.Dense(1)
            keras.backend.clear_session()
            return keras.layers.Dense(1)
        """
    ) == ["dense"]


def test_a_function_called_from_the_module_counts_in_order() -> None:
    assert _plain(
        """
        import keras
        def block():
            return keras.layers.Dense(1)
        a = block()
        b = block()
        """
    ) == ["dense", "dense_1"]


def test_load_model_of_a_saved_file_keeps_the_saved_names() -> None:
    found = _names(
        """
        import keras
        a = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3), keras.layers.Dense(2, name="out")])
        a.save("a.keras")
        keras.backend.clear_session()
        b = keras.models.load_model("a.keras")
        c = keras.layers.Dense(1)
        """
    )
    assert [(name, loaded) for _, name, loaded in found] == [
        ("dense", False),
        ("sequential", False),
        ("sequential", True),  # the loaded model keeps the name it was saved with
        ("dense", True),
        ("out", True),
        ("dense", False),
    ]


def test_unnamed_sequentials_count_and_a_loaded_one_takes_no_count() -> None:
    """Measured (Keras 3.15 and tf_keras 2.21): sequential, sequential_1, a named one takes no count,
    sequential_2; after clear_session() a new one is `sequential` again, the loaded one keeps `sequential`, and
    the next new one is `sequential_1`."""
    found = _names(
        """
        import keras
        a = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, name="d0")])
        b = keras.Sequential()
        c = keras.Sequential([keras.layers.Dense(2, name="d1")], name="named")
        d = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, name="d2")])
        a.save("a.keras")
        keras.backend.clear_session()
        f = keras.Sequential()
        g = keras.models.load_model("a.keras")
        h = keras.Sequential()
        """
    )
    assert [(name, loaded) for _, name, loaded in found] == [
        ("sequential", False),
        ("sequential_1", False),
        ("sequential_2", False),
        ("sequential", False),
        ("sequential", True),
        ("d0", True),
        ("sequential_1", False),
    ]


@pytest.mark.parametrize(
    "load",
    [
        'keras.models.load_model("other.keras")',  # a file it did not save
        "keras.models.load_model(sys.argv[1])",  # an unknown path
    ],
)
def test_load_model_of_another_file_is_unknown(load: str) -> None:
    found = _names(
        f"""
        import sys
        import keras
        a = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3)])
        a.save("a.keras")
        b = {load}
        """
    )
    assert [loaded for _, _, loaded in found] == [False, False]  # Dense(3) and the Sequential: nothing loaded


def test_a_save_to_an_unknown_path_may_overwrite_the_file() -> None:
    found = _names(
        """
        import sys
        import keras
        a = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3)])
        a.save("a.keras")
        b = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, name="x")])
        b.save(sys.argv[1])
        c = keras.models.load_model("a.keras")
        """
    )
    assert [loaded for _, _, loaded in found] == [False, False, False]  # dense, sequential, sequential_1


def test_tf_keras_names_functional_models_model_and_counts_the_same_way() -> None:
    assert _plain(
        """
        import tf_keras as keras
        a = keras.layers.Dense(1)
        keras.backend.clear_session()
        b = keras.layers.Dense(1)
        c = keras.layers.Dense(1)
        """,
        Flavor.TF_KERAS,
    ) == ["dense", "dense", "dense_1"]


def _tfv104(source: str) -> list[int]:
    from tfvarfix.engine import check_text
    from tfvarfix.rule import registry

    rules = [r for r in registry().rules.values() if r.CODE == "TFV104"]
    return [d.line for d in check_text(textwrap.dedent(source), rules).diagnostics]


_SAVED = """
import keras
a = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3), keras.layers.Dense(2)])
a.save("a.keras")
keras.backend.clear_session()
loaded = keras.models.load_model("a.keras")
"""


def test_a_new_layer_after_the_loaded_ones_is_the_duplicate() -> None:
    assert _tfv104(_SAVED + "b = keras.Sequential(loaded.layers[:-1])\nb.add(keras.layers.Dense(1))\n") == [8]


def test_a_loaded_layer_after_a_new_one_is_not_reported_at_the_load() -> None:
    # Keras raises when the loaded `dense` is added after the new `dense`, but no code wrote the loaded name:
    # nothing is claimed there (a fix would rename the load_model call).
    assert (
        _tfv104(_SAVED + "b = keras.Sequential([keras.Input((4,)), keras.layers.Dense(5), *loaded.layers])\n")
        == []
    )


def test_the_same_session_continues_the_count_past_a_load() -> None:
    source = _SAVED.replace("keras.backend.clear_session()\n", "")
    assert _tfv104(source + "b = keras.Sequential(loaded.layers[:-1])\nb.add(keras.layers.Dense(1))\n") == []


def test_a_layers_name_attribute_reads_its_auto_name() -> None:
    """pix2pix's converter walks `model.layers` and tells the layers apart by `"conv2d" in layer.name`: each
    branch sees only its own layers, so the BatchNormalization is not given the convolution's two arrays."""
    from tfvarfix.engine import check_text
    from tfvarfix.rule import registry

    text = textwrap.dedent(
        """
        import numpy as np
        from keras.layers import BatchNormalization, Conv2D, Input
        from keras.models import Model

        inputs = Input(shape=[64, 64, 3])
        x = Conv2D(8, 4)(inputs)
        x = BatchNormalization(axis=3)(x)
        model = Model(inputs, x)
        for layer in model.layers[1:]:
            if "conv2d" in layer.name:
                layer.set_weights([np.ones((4, 4, 3, 8)), np.ones(8)])
            elif "batch" in layer.name:
                layer.set_weights([np.ones(8)] * 4)
            elif layer.name != "input_layer":
                layer.set_weights([np.ones(3)])
        """
    )
    found = check_text(text, [registry().rules["TFV102"]]).diagnostics
    assert [(d.line, d.code) for d in found] == []
    wrong = text.replace('"conv2d" in', '"_" in')  # `batch_normalization` takes the first arm, `conv2d` the last
    assert [d.line for d in check_text(wrong, [registry().rules["TFV102"]]).diagnostics] == [12, 16]
