# Seed article 2, example 1, written as the post-build edit the article warns about: build the LSTM, then put
# the custom value into the first kernel element.
import tensorflow as tf

tf.keras.utils.set_random_seed(0)
custom_influence = 0.5
lstm_layer = tf.keras.layers.LSTM(units=64, use_bias=False)
dummy_input = tf.random.normal((32, 10, 1))
_ = lstm_layer(dummy_input)
lstm_layer.cell.kernel[0, 0].assign(custom_influence)  # expect: TFV201
print(f"First weight value: {lstm_layer.cell.kernel[0, 0].numpy()}")
