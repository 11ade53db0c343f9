"""Every variable of a layer set in a loop before the layer is built, then the layer called: the loop runs over `[]` (an unbuilt layer holds no variables, both Kerases), so nothing raises, and the layer keeps the initializers' values.

Source: https://github.com/tensorflow/agents/blob/v0.19.0/tf_agents/agents/sac/sac_agent_test.py (testSharedLayer)
Shape: loop
Target: keras3
Runtime: runs
"""

import numpy as np
import tensorflow as tf
import keras

layer = keras.layers.Dense(3, name="head")
for v in layer.variables:
    v.assign(tf.fill(v.shape, 0.5))
assert len(layer.variables) == 0

out = layer(tf.ones((2, 4)))
assert len(layer.variables) == 2
np.testing.assert_allclose(layer.bias.numpy(), np.zeros(3))
