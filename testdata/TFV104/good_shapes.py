# Near misses of bad_shapes.py: one name per model once builders, loops, branches, list edits and shared
# layers are followed; one name in exclusive arms of an `if`; duplicates the code expects to be refused.
import unittest

import numpy as np
import pytest
import keras
from keras import layers


def make_model():
    return keras.Sequential([keras.Input((4,)), layers.Dense(4, name="head")])


def case_builder_called_twice_makes_two_models():
    return make_model(), make_model()


def case_fresh_model_per_pass():
    models = []
    for width in (4, 8):
        models.append(keras.Sequential([keras.Input((4,)), layers.Dense(width, name="hidden")]))
    return models


def case_conditional_expression(wide=True):
    head = layers.Dense(8, name="out") if wide else layers.Dense(2, name="out")
    return keras.Sequential([keras.Input((4,)), head])


class Head(keras.Model):
    def __init__(self, classes):
        super().__init__()
        if classes > 2:
            self.out = layers.Dense(classes, name="logits")
        else:
            self.out = layers.Dense(1, name="logits")

    def call(self, x):
        return self.out(x)


def case_attribute_set_on_both_arms():
    model = Head(3)
    model(np.zeros((1, 4), "float32"))
    return [w.path for w in model.weights]


def case_list_item_store():
    stack = [layers.Dense(4, name="proj"), layers.Dense(4, name="proj")]
    stack[1] = layers.Dense(4, name="proj_out")
    return keras.Sequential([keras.Input((4,)), *stack])


def case_list_pop():
    stack = [layers.Dense(4, name="tail"), layers.Dense(4, name="tail")]
    stack.pop()
    return keras.Sequential([keras.Input((4,)), *stack])


def case_list_passed_to_unknown_code(trim=list.pop):
    stack = [layers.Dense(4, name="extra"), layers.Dense(4, name="extra")]
    trim(stack)
    return keras.Sequential([keras.Input((4,)), *stack])


def case_shared_layer_called_twice():
    inputs = keras.Input((4,))
    shared = layers.Dense(4, name="shared")
    return keras.Model(inputs, shared(shared(inputs)))


def case_dangling_branch_not_in_model():
    inputs = keras.Input((4,))
    used = layers.Dense(4, name="probe")(inputs)
    layers.Dense(4, name="probe")(inputs)  # not between the model's inputs and outputs
    return keras.Model(inputs, used)


def case_nested_model_reuses_inner_name():
    inner = keras.Sequential([keras.Input((4,)), layers.Dense(4, name="d")], name="inner")
    return keras.Sequential([keras.Input((4,)), layers.Dense(4, name="d"), inner])


def case_loop_with_distinct_names():
    inputs = keras.Input((4,))
    x = inputs
    for i in range(3):
        x = layers.Dense(4, name=f"block_{i}")(x)
    return keras.Model(inputs, x)


def case_expected_to_fail_in_pytest():
    with pytest.raises(ValueError, match="unique names"):
        keras.Sequential([keras.Input((4,)), layers.Dense(4, name="twin"), layers.Dense(4, name="twin")])
    return True


class UniqueNamesTest(unittest.TestCase):
    def test_functional_refuses_duplicates(self):
        inputs = keras.Input((4,))
        x = layers.Dense(4, name="again")(inputs)
        with self.assertRaisesRegex(ValueError, "used 2 times"):
            keras.Model(inputs, layers.Dense(4, name="again")(x))


def case_unittest():
    result = unittest.TextTestRunner(verbosity=0).run(unittest.defaultTestLoader.loadTestsFromTestCase(UniqueNamesTest))
    assert result.wasSuccessful()
    return result.testsRun


def case_try_except_fallback():
    try:
        model = keras.Sequential([keras.Input((4,)), layers.Dense(4, name="maybe"), layers.Dense(4, name="maybe")])
    except ValueError:
        model = keras.Sequential([keras.Input((4,)), layers.Dense(4, name="maybe"), layers.Dense(4, name="maybe_2")])
    return model


def case_exclusive_arms(include_top=False):
    # One name in the two arms of an `if`: the model holds one of the two layers (tf_keras applications).
    inputs = keras.Input((8, 8, 3))
    x = layers.Conv2D(4, 3)(inputs)
    if include_top:
        x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
        x = layers.Dense(2, name="predictions")(x)
    else:
        x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
    return keras.Model(inputs, x)
