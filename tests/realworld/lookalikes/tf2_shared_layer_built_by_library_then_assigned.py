"""A Dense layer shared by two critic networks, built when a library function (not followed: `tf.nest.map_structure`) first calls the networks, then every variable set to one through `for v in shared_layer.variables: v.assign(...)`. Before the build that loop would only do nothing (an unbuilt layer's `variables` is `[]`): it never raises.

Source: https://github.com/tensorflow/agents/blob/v0.19.0/tf_agents/agents/sac/sac_agent_test.py (testSharedLayer)
Shape: class-attribute, subclassed, parameter, loop
Target: keras3
Runtime: runs
"""

import numpy as np
import tensorflow as tf
import keras


class DummyCriticNet(keras.Model):
    def __init__(self, shared_layer=None):
        super().__init__()
        self._value_layer = keras.layers.Dense(1, kernel_initializer="ones")
        self._shared_layer = shared_layer

    def call(self, inputs):
        return self._value_layer(inputs) + self._shared_layer(inputs)


shared_layer = keras.layers.Dense(1, kernel_initializer="zeros", bias_initializer="zeros", name="shared")
critic_net_1 = DummyCriticNet(shared_layer=shared_layer)
critic_net_2 = DummyCriticNet(shared_layer=shared_layer)

# The agent's initialize(): every network called once on a batch, which builds them (and the shared layer).
tf.nest.map_structure(lambda net: net(tf.ones((1, 2))), [critic_net_1, critic_net_2])

for v in shared_layer.variables:
    v.assign(v * 0 + 1)

assert len(shared_layer.variables) == 2
np.testing.assert_allclose(shared_layer.kernel.numpy(), np.ones((2, 1)))
np.testing.assert_allclose(critic_net_1(tf.ones((1, 2))).numpy(), [[5.0]])
