"""The code of the two articles tfvarfix grew from, as people write it. Every marked line is a real bug on
TF 2.21 / Keras 3.15: run `tfvarfix examples/` to see them, `tfvarfix --fix --unsafe-fixes --diff examples/` to
see the rewrites."""

import tensorflow as tf

# Article 1, example 1: the variable is accepted, named 'my_lstm/kernel:0', and never read by the model.
model = tf.keras.Sequential([
    tf.keras.layers.LSTM(64, return_sequences=True, name="my_lstm"),
    tf.keras.layers.Dense(10),
])
my_lstm_kernel = tf.Variable(tf.random.normal([100, 64]), name="my_lstm/kernel")

# Article 2: the kernel of a Keras 3 LSTM lives on its cell; `lstm_layer.kernel` is an AttributeError.
lstm_layer = tf.keras.layers.LSTM(units=64, use_bias=False)
_ = lstm_layer(tf.random.normal((32, 10, 1)))
initial_kernel_weights = lstm_layer.kernel
print(f"Shape of weights: {initial_kernel_weights.shape}")

# Two layers with one name: Sequential raises ValueError when the second one is added.
classifier = tf.keras.Sequential([
    tf.keras.Input((16,)),
    tf.keras.layers.Dense(32, activation="relu", name="hidden"),
    tf.keras.layers.Dense(32, activation="relu", name="hidden"),
    tf.keras.layers.Dense(1),
])
