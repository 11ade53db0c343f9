# Seed article 2, example 3, as written: the forget gate of the bias ends up 1.0, not 0.25.
import tensorflow as tf


# Define a bias vector initializer
class ConstantInitializer(tf.keras.initializers.Initializer):  # expect: TFV202
    def __init__(self, initial_bias):
        self.initial_bias = tf.constant(initial_bias, dtype=tf.float32)

    def __call__(self, shape, dtype=tf.float32):
        return tf.fill(shape, self.initial_bias)


# Define a custom bias value to influence the initial state.
initial_bias_val = 0.25
# Create a custom bias initializer
bias_init = ConstantInitializer(initial_bias_val)

# Create an LSTM layer with a custom bias initializer and specify use_bias = True
lstm_layer = tf.keras.layers.LSTM(
    units=64, use_bias=True, bias_initializer=bias_init, unit_forget_bias=False
)  # expect: TFV203

# Example input data with a batch size of 32 and sequence length of 10
input_data = tf.random.normal((32, 10, 3))

# Pass the input data through the LSTM layer
output = lstm_layer(input_data)

# Retrieve the trained bias
trained_bias = lstm_layer.cell.bias

print(f"Shape of the output data: {output.shape}")
print(f"Initial bias values: {lstm_layer.cell.bias.numpy()[0:5]}")
