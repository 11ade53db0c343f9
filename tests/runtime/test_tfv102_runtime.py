"""TFV102 under real Keras: every value it reports fails when it meets the weight; the near misses run."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.fixtures import TESTDATA
from tests.runtime.harness import RUN_CASES, run_program

pytestmark = pytest.mark.tensorflow

CALL_CASES = """
for name, case in sorted(ns.items()):
    if name.startswith("case_"):
        try:
            result = case()
            out[name] = {"ok": True}
            if name == "case_detached_variable_of_the_wrong_shape":
                out[name]["kernel"] = list(result.get_layer("rnn").cell.kernel.shape)
        except Exception as error:
            first = str(error).strip().splitlines()[0]
            out[name] = {"ok": False, "error": type(error).__name__ + ": " + first}
"""


def test_each_mismatch_fails_when_the_value_meets_the_weight() -> None:
    result = run_program(TESTDATA / "TFV102" / "bad.py", CALL_CASES)
    assert result.error is None
    out = result.out
    assert len(out) == 5
    assert out["case_assign_to_lstm_kernel"]["error"].startswith(
        "ValueError: The shape of the target variable and the shape of the target value in "
        "`variable.assign(value)`"
        " must match. variable.shape=(100, 256), Received: value.shape=(100, 64)."
    )
    assert (
        "variable.shape=(2, 6), Received: value.shape=(2, 2)" in out["case_assign_through_get_layer"]["error"]
    )
    assert out["case_set_weights"]["error"] == (
        "ValueError: Layer proj weight shape (4, 3) is not compatible with provided weight shape (5, 3)."
    )
    assert out["case_constant_initializer"]["ok"] is False
    assert "Incompatible shapes: [5,3] vs. [4,3]" in out["case_constant_initializer"]["error"]
    # The detached variable raises nothing: the kernel it was meant to be has another shape.
    assert out["case_detached_variable_of_the_wrong_shape"] == {"ok": True, "kernel": [100, 8]}


def test_near_misses_run() -> None:
    result = run_program(TESTDATA / "TFV102" / "good.py")
    assert result.error is None


def test_real_shapes_each_mismatch_fails() -> None:
    """Every case of bad_shapes.py fails where its value meets the weight; the module-level tail raises too."""
    probe = """
import sys
text = open(sys.argv[1]).read()
head, tail = text.split("# Module level, notebook style")
cases = {}
exec(compile(head, sys.argv[1], "exec"), cases)
for name, case in sorted(cases.items()):
    if name.startswith("case_"):
        try:
            case()
            out[name] = "ran"
        except Exception as error:
            out[name] = type(error).__name__ + ": " + str(error).strip().splitlines()[0]
"""
    result = run_program(TESTDATA / "TFV102" / "bad_shapes.py", probe)
    assert result.error is not None and result.error.startswith("ValueError: The shape of the target variable")
    assert len(result.out) == 14 and "ran" not in result.out.values(), result.out
    assert result.out["case_weight_of_another_model"].startswith("ValueError: The shape of the target variable")
    assert result.out["case_whole_model_set_weights"].endswith(
        "weight shape (4, 3) is not compatible with provided weight shape (3, 4)."
    )


def test_a_layer_called_on_another_width_raises_and_the_near_misses_run() -> None:
    bad = run_program(TESTDATA / "TFV102" / "bad_calls.py", RUN_CASES)
    good = run_program(TESTDATA / "TFV102" / "good_calls.py", RUN_CASES)
    assert len(bad.out) == 3 and not any(r["ok"] for r in bad.out.values()), bad.out
    for case in ("case_one_norm_after_two_convolutions", "case_one_dense_for_two_inputs"):
        error = bad.out[case]["error"]
        assert error.startswith("ValueError") and "expected axis -1 of input shape to have value" in error
    # LayerNormalization has no input spec: its weights fail in the op (`Input to reshape is a tensor with 6
    # values, but the requested shape has 2`).
    assert bad.out["case_in_a_loop"]["error"].startswith("InvalidArgumentError"), bad.out
    assert len(good.out) == 5 and all(r["ok"] for r in good.out.values()), good.out


def test_views_of_arrays_that_cannot_fit_raise_and_the_fitting_ones_load() -> None:
    """Rows, `list(a)`, reshapes, slices and fancy indexing: each reported value fails where it meets the
    weight (the darknet loader on its second batch norm); the same views of the right shape are taken."""
    bad = run_program(TESTDATA / "TFV102" / "bad_views.py", RUN_CASES)
    good = run_program(TESTDATA / "TFV102" / "good_views.py", RUN_CASES)
    assert bad.error is None and good.error is None, (bad, good)
    errors = {name: r.get("error", "") for name, r in bad.out.items()}
    assert len(errors) == 5 and not any(r["ok"] for r in bad.out.values()), bad.out
    assert errors["case_darknet_loader"].endswith(
        "Layer batch_normalization_1 weight shape (32,) is not compatible with provided weight shape (64,)."
    )
    assert errors["case_rows_of_a_2d_array"].endswith(
        "Layer bn weight shape (32,) is not compatible with provided weight shape (64,)."
    )
    assert "weight shape (4, 3) is not compatible with provided weight shape (5, 3)." in errors[
        "case_row_of_a_3d_array"
    ]
    assert "weight shape (3, 4) is not compatible with provided weight shape (5, 4)." in errors["case_reshaped"]
    assert "variable.shape=(3, 4), Received: value.shape=(2, 4)" in errors["case_sliced"]
    assert len(good.out) == 6 and all(r["ok"] for r in good.out.values()), good.out


class _Lists:
    """A resolver for `arrays.indexed_shape`: each list index reads as the tuple it was made from."""

    def __init__(self) -> None:
        self.lists: dict[int, tuple[int, ...]] = {}

    def constant(self, value: object) -> object:
        from tfvarfix.semantics.values import AV, NOTHING

        assert isinstance(value, AV)
        obj = value.single()
        return self.lists.get(id(obj), NOTHING)

    def dims(self, value: object) -> None:
        return None


@st.composite
def _indexed(draw: st.DrawFn) -> tuple[tuple[int, ...], tuple[object, ...]]:
    shape = tuple(draw(st.lists(st.integers(1, 5), min_size=1, max_size=3)))
    parts: list[object] = []
    axis, fancy = 0, False
    for _ in range(draw(st.integers(1, len(shape) + 1))):
        kind = draw(st.sampled_from(("int", "slice", "none", "list")))
        if kind == "none":
            parts.append(None)
            continue
        if axis >= len(shape):
            break
        dim = shape[axis]
        axis += 1
        bound = st.one_of(st.none(), st.integers(-dim - 2, dim + 2))
        if kind == "int":
            parts.append(draw(st.integers(-dim, dim - 1)))
        elif kind == "list" and not fancy:
            parts.append(draw(st.lists(st.integers(-dim, dim - 1), min_size=1, max_size=4)))
            fancy = True
        else:
            step = draw(st.one_of(st.none(), st.sampled_from((1, 2, -1, 3))))
            parts.append(slice(draw(bound), draw(bound), step))
    return shape, tuple(parts)


@settings(max_examples=300, deadline=None)
@given(_indexed())
@example(((1, 1), (0, None, [0, 0])))  # ints and a list apart: the list's axis goes first
@example(((3, 4, 5), (0, slice(None), [1, 2])))
@example(((3, 4, 5), (slice(None), 0, [1, 2])))  # adjacent: in place
def test_indexed_shapes_agree_with_numpy(case: tuple[tuple[int, ...], tuple[object, ...]]) -> None:
    import numpy as np

    from tfvarfix.keras.arrays import indexed_shape
    from tfvarfix.semantics.pybuiltins import SliceObj
    from tfvarfix.semantics.values import AV, ListObj, TupleObj, const

    shape, parts = case
    resolver = _Lists()

    def value(part: object) -> AV:
        if isinstance(part, slice):
            return AV.of(SliceObj((const(part.start), const(part.stop), const(part.step))))
        if isinstance(part, list):
            made = ListObj(None)
            resolver.lists[id(made)] = tuple(part)
            return AV.of(made)
        return const(part)

    index = AV.of(TupleObj(tuple(value(p) for p in parts))) if len(parts) != 1 else value(parts[0])
    numpy_index = tuple(parts) if len(parts) != 1 else parts[0]
    assert indexed_shape(shape, index, resolver) == np.zeros(shape)[numpy_index].shape  # type: ignore[index]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(1, 4), min_size=1, max_size=3),
    st.lists(st.integers(1, 4), min_size=1, max_size=3),
    st.booleans(),
)
def test_reshaped_agrees_with_numpy(shape: list[int], new: list[int], unknown: bool) -> None:
    import numpy as np

    from tfvarfix.keras.arrays import reshaped

    target = tuple(new)
    if unknown:
        target = (-1, *target[1:])
    try:
        expected: tuple[int, ...] | None = np.zeros(shape).reshape(target).shape
    except ValueError:
        expected = None
    assert reshaped(tuple(shape), target) == expected


def test_an_embedding_given_a_matrix_of_another_size_raises_and_sized_from_it_runs() -> None:
    """keras#8006's off-by-one rows and a factory's wrong width: Keras 3 refuses the matrix at build; sized from
    the matrix (`matrix.shape[0]`, `vectors.shape[1]`), the layer looks the last row up and embeds 6 wide."""
    bad = run_program(TESTDATA / "TFV102" / "bad_embedding_weights.py", RUN_CASES)
    for name in ("case_one_row_more", "case_other_width"):
        assert bad.out[name]["ok"] is False and "is not compatible with provided weight shape" in str(
            bad.out[name]["error"]
        ), bad.out
    fixed = run_program(TESTDATA / "TFV102" / "fixed_embedding_weights.py", RUN_CASES)
    assert fixed.out["case_one_row_more"] == {"ok": True, "value": [[1, 2, 5], True]}, fixed.out
    assert fixed.out["case_other_width"] == {"ok": True, "value": [1, 3, 6]}, fixed.out


def test_each_list_of_the_wrong_length_fails() -> None:
    """bad_counts.py: each `set_weights` list whose length is not the layer's weight count raises; good_counts runs."""
    result = run_program(TESTDATA / "TFV102" / "bad_counts.py", CALL_CASES)
    assert result.error is None
    out = result.out
    expected = {
        "case_dense_without_bias": "with a weight list of length 2, but the layer was expecting 1 weights",
        "case_batchnorm_from_torch": "with a weight list of length 2, but the layer was expecting 4 weights",
        "case_conv_with_bias": "with a weight list of length 1, but the layer was expecting 2 weights",
        "case_normalization_given_its_statistics": "list of length 2, but the layer was expecting 0 weights",
        "case_normalization_restored_without_count": "list of length 2, but the layer was expecting 3 weights",
    }
    assert set(out) == set(expected)
    for name, text in expected.items():
        assert out[name]["ok"] is False and out[name]["error"].startswith("ValueError: You called `set_weights")
        assert text in out[name]["error"], out[name]
    assert run_program(TESTDATA / "TFV102" / "good_counts.py").error is None


def test_each_weights_argument_of_the_wrong_length_fails_at_build() -> None:
    """bad_initial_counts.py (tf_keras, keras#1671): each layer whose `weights=` list has another length than the
    weights it holds raises when it is built; good_initial_counts builds each layer (or never builds it) and runs."""
    result = run_program(TESTDATA / "TFV102" / "bad_initial_counts.py", CALL_CASES)
    assert result.error is None
    out = result.out
    expected = {
        "case_dense_kernel_only": "with a weight list of length 1, but the layer was expecting 2 weights",
        "case_dense_without_bias_given_two": "with a weight list of length 2, but the layer was expecting 1 weights",
        "case_batchnorm_given_gamma_beta": "with a weight list of length 2, but the layer was expecting 4 weights",
    }
    assert set(out) == set(expected)
    for name, text in expected.items():
        assert out[name]["ok"] is False and out[name]["error"].startswith("ValueError: You called `set_weights")
        assert text in out[name]["error"], out[name]
    good = run_program(TESTDATA / "TFV102" / "good_initial_counts.py", CALL_CASES)
    assert good.error is None
    assert good.out == {
        "case_batchnorm_given_all_four": {"ok": True},
        "case_dense_kernel_and_bias": {"ok": True},
        "case_dense_without_bias_given_its_kernel": {"ok": True},
        "case_never_built": {"ok": True},
    }, good.out


def test_numpy_shapes_of_the_fixture_are_the_ones_keras_checks() -> None:
    """The row-normalised (7, 3) matrix written to the (6, 3) Embedding the name test finds raises; the
    fixture's near misses (matrix of the layer's rows, a sum that keeps its axis) run."""
    bad = run_program(TESTDATA / "TFV102" / "bad_numpy_arrays.py", "")
    good = run_program(TESTDATA / "TFV102" / "good_numpy_arrays.py", "")
    assert bad.error is not None and "(6, 3)" in bad.error and "(7, 3)" in bad.error, bad.error
    assert good.error is None, good.error


def test_program_layers_given_lists_that_cannot_fit_raise_and_the_near_misses_run() -> None:
    """bad_program_layers.py: a layer or model of the program holds the weights of the layers it tracks, in the
    order its attributes were assigned; a list of other shapes or another length raises (Keras 3.15); each near miss
    of good_program_layers.py runs."""
    result = run_program(TESTDATA / "TFV102" / "bad_program_layers.py", CALL_CASES)
    assert result.error is None
    out = result.out
    vocabulary = "weight shape (50, 8) is not compatible with provided weight shape (30, 8)."
    expected = {
        "case_program_layer_of_another_vocabulary": "ValueError: Layer target " + vocabulary,
        "case_subclassed_model_layer_by_index": "ValueError: Layer main " + vocabulary,
        "case_whole_subclassed_model": vocabulary,  # the model named by Keras (`encoder_1`, ...)
        "case_list_in_build_order": "weight shape (5, 3) is not compatible with provided weight shape (4, 5).",
        "case_program_layer_list_too_short": "with a weight list of length 2, but the layer was expecting 3 weights.",
    }
    assert set(out) == set(expected)
    for name, text in expected.items():
        assert out[name]["ok"] is False, out[name]
        assert out[name]["error"].startswith("ValueError: ") and out[name]["error"].endswith(text), out[name]
    good = run_program(TESTDATA / "TFV102" / "good_program_layers.py", CALL_CASES)
    assert good.error is None
    assert good.out and all(case == {"ok": True} for case in good.out.values()), good.out
