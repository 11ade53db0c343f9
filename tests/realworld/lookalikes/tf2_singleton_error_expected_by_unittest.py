"""A unit test that builds a variable inside a `tf.function` on purpose and expects TensorFlow's refusal inside `assertRaises`.

Source: https://www.tensorflow.org/guide/function
Shape: tf-function, class-attribute, subclassed
Target: keras3
Runtime: runs
"""

import unittest

import tensorflow as tf


class VariableCreationTest(unittest.TestCase):
    def test_variable_made_per_call_is_refused(self):
        @tf.function
        def f(x):
            v = tf.Variable(1.0)
            return v + x

        with self.assertRaisesRegex(ValueError, "singleton tf.Variables"):
            f(1.0)

    def test_variable_captured_from_outside_works(self):
        v = tf.Variable(1.0)

        @tf.function
        def f(x):
            return v.assign_add(x)

        self.assertEqual(float(f(1.0)), 2.0)


if __name__ == "__main__":
    unittest.main()
