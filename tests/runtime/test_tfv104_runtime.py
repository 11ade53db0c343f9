"""TFV104 under real Keras: duplicates raise (Sequential, functional) or collide silently (subclassed)."""

from __future__ import annotations

import pytest

from tests.fixtures import TESTDATA
from tests.runtime.harness import RUN_CASES, run_program

pytestmark = pytest.mark.tensorflow

CALL_CASES = """
for name, case in sorted(ns.items()):
    if name.startswith("case_"):
        try:
            model = case()
            out[name] = {"ok": True, "names": [layer.name for layer in model.layers]}
        except ValueError as error:
            out[name] = {"ok": False, "error": str(error).splitlines()[0]}
"""


def test_bad_raises_and_fixed_builds() -> None:
    bad = run_program(TESTDATA / "TFV104" / "bad.py", CALL_CASES)
    assert bad.out["case_sequential_list"]["error"].startswith(
        "All layers added to a Sequential model should have unique names. Name 'hidden' is already"
    )
    assert bad.out["case_sequential_add"]["ok"] is False
    assert bad.out["case_functional"] == {
        "ok": False,
        "error": 'The name "block" is used 2 times in the model. All operation names should be unique.',
    }
    fixed = run_program(TESTDATA / "TFV104" / "fixed.py", CALL_CASES)
    assert fixed.out["case_sequential_list"] == {"ok": True, "names": ["hidden", "hidden_1"]}
    assert fixed.out["case_sequential_add"] == {"ok": True, "names": ["proj", "dropout", "proj_1"]}
    assert fixed.out["case_functional"]["ok"] is True


def test_loop_duplicate_raises_and_the_fix_numbers_the_names_by_the_loop() -> None:
    assert run_program(TESTDATA / "TFV104" / "bad_nofix.py", CALL_CASES).out["case_referenced"]["ok"] is False
    bad = run_program(TESTDATA / "TFV104" / "bad_loops.py", RUN_CASES)
    assert len(bad.out) == 3 and all("should have unique names" in c["error"] for c in bad.out.values()), (
        bad.out
    )
    fixed = run_program(TESTDATA / "TFV104" / "fixed_loops.py", RUN_CASES)
    assert fixed.out["case_loop"] == {"ok": True, "value": ["repeated_0", "repeated_1"]}
    assert fixed.out["case_loop_over_widths"] == {"ok": True, "value": ["fc_0", "fc_1"]}
    shapes = run_program(TESTDATA / "TFV104" / "fixed_shapes_nofix.py", RUN_CASES)
    for name in ("case_loop_unknown_count", "case_comprehension", "case_functional_loop"):
        assert shapes.out[name]["ok"] is True, shapes.out[name]
    # A helper called twice makes both copies at one site; its name is written elsewhere too: no fix.
    assert shapes.out["case_builder_called_twice"]["ok"] is False
    # `residual(residual(inputs))`: each call passes its own prefix, the inner one inside the outer's edit.
    assert shapes.out["case_functional_helper_called_twice"]["ok"] is True, shapes.out
    # `get_layer("block")` reads the name: the first pass keeps it.
    assert fixed.out["case_comprehension_looked_up"] == {
        "ok": True,
        "value": ["block", "block", "block_1", "block_2"],
    }


def test_subclassed_duplicates_collide_silently() -> None:
    probe = "out['paths'] = ns['paths']; out['late'] = ns['late_paths']"
    bad = run_program(TESTDATA / "TFV104" / "bad_subclassed.py", probe)
    assert bad.error is None
    assert bad.out["paths"] == ["twin_model/twin/kernel", "twin_model/twin/bias"] * 2
    assert (
        bad.out["late"] == ["late_twin/head/kernel", "late_twin/head/bias"] * 2
    )  # the second made in build()
    fixed = run_program(TESTDATA / "TFV104" / "fixed_subclassed.py", probe)
    assert len(set(fixed.out["paths"])) == 4
    assert len(set(fixed.out["late"])) == 4


def test_templated_names_collide_and_the_suffixed_template_builds() -> None:
    probe = """
for name, case in sorted(ns.items()):
    if name.startswith("case_"):
        try:
            out[name] = sorted(layer.name for layer in case().layers)
        except ValueError as error:
            out[name] = str(error)
"""
    bad = run_program(TESTDATA / "TFV104" / "bad_templates.py", probe)
    fixed = run_program(TESTDATA / "TFV104" / "fixed_templates.py", probe)
    assert len(bad.out) == 3 and all("is used 2 times in the model" in str(v) for v in bad.out.values()), (
        bad.out
    )
    assert "layer1_1" in fixed.out["case_two_towers_percent_format"]
    assert "fc_0_1" in fixed.out["case_two_helpers_f_string"]
    assert fixed.out["case_format_method"][-2:] == ["proj_0", "proj_0_1"]


def test_names_from_the_class_or_a_default_raise_and_the_fix_lets_keras_name_them() -> None:
    bad = run_program(TESTDATA / "TFV104" / "bad_default_names.py", RUN_CASES)
    assert len(bad.out) == 5 and not any(case["ok"] for case in bad.out.values()), bad.out
    assert "should have unique names. Name '' is already" in bad.out["case_default_name"]["error"]
    assert 'The name "MobileNetV3Small" is used 2 times' in bad.out["case_two_backbones"]["error"]
    fixed = run_program(TESTDATA / "TFV104" / "fixed_default_names.py", RUN_CASES)
    assert fixed.out["case_default_name"] == {"ok": True, "value": ["smooth", "smooth_1"]}
    assert fixed.out["case_literal_name_in_a_comprehension"] == {"ok": True, "value": ["block", "block_1"]}
    assert fixed.out["case_two_backbones"] == {
        "ok": True,
        "value": ["MobileNetV3Small", "MobileNetV3Small_1"],
    }
    # The helper takes a `name` whose default is the old one: the first call keeps it.
    assert fixed.out["case_two_backbones_from_a_helper"] == {
        "ok": True,
        "value": ["MobileNetV3Small", "MobileNetV3Small_2"],
    }
    # Reported without a fix: `get_layer("Lookup")` reads the name the class gives.
    assert fixed.out["case_literal_name_looked_up"]["ok"] is False


def test_helper_called_per_member_raises_and_the_prefix_fix_builds() -> None:
    bad = run_program(TESTDATA / "TFV104" / "bad_helpers.py", RUN_CASES)
    assert len(bad.out) == 4, bad.out
    for name, result in bad.out.items():
        assert result["ok"] is False and "times in the model" in result["error"], (name, result)
    fixed = run_program(TESTDATA / "TFV104" / "fixed_helpers.py", RUN_CASES)
    members = fixed.out["case_members_in_a_comprehension"]
    assert members["ok"] is True, members
    assert sorted(n for n in members["value"] if n.startswith("stem_")) == sorted(
        f"stem_{i}_{layer}" for i in range(3) for layer in ("stem_dense", "stem_relu")
    )
    towers = fixed.out["case_two_towers"]
    assert towers["ok"] is True and {"user_tower_out", "item_tower_out"} <= set(towers["value"]), towers
    branches = fixed.out["case_branches_in_a_loop"]
    assert branches["ok"] is True, branches
    assert {"branch_0_branch_dense", "branch_1_branch_dense"} <= set(branches["value"])
    # `name=f"conv_{rate}"` with a rate repeated by the loop: the prefix goes in front of the template.
    rates = fixed.out["case_repeated_rates"]
    assert rates["ok"] is True, rates
    assert rates["value"][1:] == ["dilated_0_conv_1", "dilated_1_conv_1", "dilated_2_conv_2"]
    nofix = run_program(TESTDATA / "TFV104" / "bad_nofix.py", RUN_CASES)
    assert nofix.out["case_helper_name_looked_up"]["ok"] is False
    assert nofix.out["case_helper_passed_around"]["ok"] is False
    # The name given in a `**` dict unpacked into both calls: the same error, and no fix (a `name=` beside
    # `**PROJECTION` would raise `got multiple values for keyword argument 'name'`).
    unpacked = nofix.out["case_config_unpacked"]
    assert unpacked["ok"] is False and 'The name "proj" is used 2 times' in unpacked["error"], unpacked
    # A name parameter that is "proj" in one call and None in another: the first raises; no suffix fix.
    sometimes = nofix.out["case_name_variable_sometimes_none"]
    assert sometimes["ok"] is False and 'The name "proj" is used 2 times' in sometimes["error"], sometimes


def test_auto_names_repeat_after_clear_session_beside_a_loaded_model() -> None:
    # Keras names unnamed layers from per-session counters; clear_session() resets them and load_model keeps the
    # saved names, so the new head is `dense` again, beside the loaded `dense`.
    names = """
for key in ("model", "other"):
    if key in ns:
        out[key] = [layer.name for layer in ns[key].layers]
"""
    bad = run_program(TESTDATA / "TFV104" / "bad_autonames.py", names)
    assert bad.error == (
        "ValueError: All layers added to a Sequential model should have unique names. Name 'dense' is already the "
        "name of a layer in this model. Update the `name` argument to pass a unique name."
    )
    fixed = run_program(TESTDATA / "TFV104" / "fixed_autonames.py", names)
    assert fixed.error is None and fixed.out["model"] == ["dense", "dense_1", "dense_3"]
    bad = run_program(TESTDATA / "TFV104" / "bad_autonames_functional.py", names)
    assert bad.error == (
        'ValueError: The name "dense" is used 2 times in the model. All operation names should be unique.'
    )
    fixed = run_program(TESTDATA / "TFV104" / "fixed_autonames_functional.py", names)
    assert fixed.error is None and fixed.out["model"] == ["input_layer", "dense", "dense_1", "dense_3"]


def test_an_application_made_per_loop_pass_raises_and_the_fix_names_it_by_the_loop() -> None:
    """tensorflow#32408's shape: one backbone per input stream, made in a loop without a name; both keep the
    application's name and keras.Model refuses it; numbered by the loop, the model builds."""
    bad = run_program(TESTDATA / "TFV104" / "bad_loop_call.py", RUN_CASES)
    fixed = run_program(TESTDATA / "TFV104" / "fixed_loop_call.py", RUN_CASES)
    failed = bad.out["case_two_streams"]
    assert failed["ok"] is False and 'The name "MobileNetV3Small" is used 2 times' in failed["error"], failed
    assert fixed.out["case_two_streams"] == {"ok": True, "value": ["MobileNetV3Small_0", "MobileNetV3Small_1"]}
    # over a parenthesized tuple, `for stream in (left, right)`: enumerate((left, right)) numbers them alike
    failed = bad.out["case_two_streams_tuple"]
    assert failed["ok"] is False and 'The name "MobileNetV3Small" is used 2 times' in failed["error"], failed
    assert fixed.out["case_two_streams_tuple"] == fixed.out["case_two_streams"]
    # StarGAN v2's factory, whose `name` default names each activation: called before and in a loop
    failed = bad.out["case_factory_default_name_in_a_loop"]
    assert failed["ok"] is False and "should have unique names. Name 'relu' is already" in failed["error"], failed
    assert fixed.out["case_factory_default_name_in_a_loop"] == {
        "ok": True,
        "value": ["fc", "relu", "fc_0", "relu_0", "fc_1", "relu_1", "fc_2", "relu_2"],
    }


def test_a_name_held_in_a_variable_given_twice_raises_and_the_suffixed_second_builds() -> None:
    """deep_qa#186: a helper names a trainable and a frozen Embedding with one parameter: keras.Model raises;
    with the second named f"{embedding_name}_1" the model builds with `embedding` and `embedding_1`."""
    bad = run_program(TESTDATA / "TFV104" / "bad_name_variable.py", CALL_CASES)
    fixed = run_program(TESTDATA / "TFV104" / "fixed_name_variable.py", CALL_CASES)
    failed = bad.out["case_two_embeddings"]
    assert failed["ok"] is False and 'The name "embedding" is used 2 times' in failed["error"], bad.out
    built = fixed.out["case_two_embeddings"]
    assert built["ok"] is True and sorted(built["names"])[1:3] == ["embedding", "embedding_1"], fixed.out


def test_nested_helpers_raise_and_the_prefix_handed_on_builds() -> None:
    bad = run_program(TESTDATA / "TFV104" / "bad_nested_helpers.py", RUN_CASES)
    for name in ("case_two_backbones", "case_inner_helper_passed_around"):
        assert bad.out[name]["ok"] is False and "times in the model" in bad.out[name]["error"], bad.out[name]
    assert bad.out["case_prefix_already_handed_on"]["ok"] is True  # the clean near miss builds
    fixed = run_program(TESTDATA / "TFV104" / "fixed_nested_helpers.py", RUN_CASES)
    backbones = fixed.out["case_two_backbones"]
    assert backbones["ok"] is True, backbones
    # The inner helper's names (res2, res3_dense: also those the finding did not name) take the prefix too.
    assert {
        f"{p}_{n}" for p in ("image_net", "mask_net") for n in ("stem", "res2_dense", "res2", "res3")
    } <= set(backbones["value"])
    assert fixed.out["case_inner_helper_passed_around"]["ok"] is False  # no fix there
    assert fixed.out["case_prefix_already_handed_on"] == bad.out["case_prefix_already_handed_on"]
