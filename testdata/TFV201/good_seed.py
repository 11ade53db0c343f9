# Seed article 2, example 2, as written: the input is transformed, no weight is edited.
import tensorflow as tf

transformation_factor = tf.constant(2.0, dtype=tf.float32)
lstm_layer = tf.keras.layers.LSTM(units=64)
input_data = tf.random.normal((32, 10, 3))
modified_data = tf.concat([input_data[:, :, :-1], input_data[:, :, -1:] * transformation_factor], axis=2)
output = lstm_layer(modified_data)
print(f"Shape of the output data {output.shape}")
