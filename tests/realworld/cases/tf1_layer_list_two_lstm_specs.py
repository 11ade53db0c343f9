"""A network builder turns a list of layer specs into layers; every 'lstm' spec opens the same fixed `variable_scope('lstm')`, so a second LSTM layer tries to create `lstm/lstm_cell/kernel` again.

Source: https://github.com/tensorforce/tensorforce/issues/108
Shape: loop, container, helper, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable training/lstm/lstm_cell/kernel already exists, disallowed
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def dense(x, size=4):
    with tf.variable_scope(None, default_name="dense"):  # dense layers get dense, dense_1, ...
        weights = tf.get_variable("W", [x.shape[-1], size])
        return tf.nn.relu(tf.matmul(x, weights))


def lstm(x, size=4):
    with tf.variable_scope("lstm"):  # a fixed name: every lstm layer reopens the same scope
        lstm_cell = tf.nn.rnn_cell.LSTMCell(num_units=size)
        state = lstm_cell.zero_state(tf.shape(x)[0], tf.float32)
        x, state = lstm_cell(inputs=x, state=state)
        return x


LAYERS = {"dense": dense, "lstm": lstm}


def layered_network_builder(layer_specs):
    def network(x):
        for spec in layer_specs:
            spec = dict(spec)
            layer = LAYERS[spec.pop("type")]
            x = layer(x, **spec)  # expect: TFV304
        return x

    return network


network = layered_network_builder([
    dict(type="dense", size=4),
    dict(type="dense", size=4),
    dict(type="lstm"),
    dict(type="lstm"),
])

states = tf.placeholder(tf.float32, [None, 3])
with tf.variable_scope("training"):
    q_values = network(states)
print(q_values)
