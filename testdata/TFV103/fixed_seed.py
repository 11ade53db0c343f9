# Seed article 2, example 1 (abridged to the weight access): `lstm_layer.kernel` on a Keras 3 LSTM.
import tensorflow as tf

lstm_layer = tf.keras.layers.LSTM(units=64, use_bias=False)
dummy_input = tf.random.normal((32, 10, 1))
_ = lstm_layer(dummy_input)
initial_kernel_weights = lstm_layer.cell.kernel  # expect: TFV103
print(f"Shape of weights: {initial_kernel_weights.shape}")
