# Seed article 2, example 1, as written. The kernel is (1, 256), so `shape[1] == input_size * num_gates` is
# `256 == 4` and 0.5 is never written. The class also has no get_config (TFV202) and the last lines read
# `lstm_layer.kernel`, which Keras 3 does not have (TFV103).
import tensorflow as tf
import numpy as np

class CustomInitializer(tf.keras.initializers.Initializer):  # expect: TFV202
    def __init__(self, custom_value):
        super().__init__()
        self.custom_value = tf.constant(custom_value, dtype=tf.float32)

    def __call__(self, shape, dtype=tf.float32):
        # Initialize with random values using glorot_uniform, for example
        initial_weights = tf.keras.initializers.glorot_uniform()(shape, dtype=dtype)

        # Add the custom value to a specific subset of the weights
        # Note: The shape of custom value must conform to portion you want to modify.
        # This example add custom_value to the first element of the first gate's weights.
        num_gates = 4 # LSTM has input, forget, output, and cell gates
        input_size = shape[0]

        if shape[1] == input_size * num_gates:  # expect: TFV204
            reshaped_value = tf.reshape(self.custom_value, [1,1])
            initial_weights = tf.tensor_scatter_nd_update(initial_weights, [[0, 0]], reshaped_value)

        return initial_weights


# Define a custom value to influence the initial kernel.
custom_influence = 0.5

# Create a custom initializer with the specific value
custom_init = CustomInitializer(custom_influence)

# Create a basic LSTM Layer using the custom initializer
lstm_layer = tf.keras.layers.LSTM(units=64, kernel_initializer=custom_init, use_bias=False)

# Build the model with dummy data
input_shape = (None, 10)  # Example sequence length of 10
dummy_input = tf.random.normal((32, 10, 1))  # Batch size of 32
_ = lstm_layer(dummy_input)


#Retrieve the initial kernel weights and confirm that the custom value has been inserted.
initial_kernel_weights = lstm_layer.kernel  # expect: TFV103
print(f"Shape of weights: {initial_kernel_weights.shape}")
print(f"First weight value: {initial_kernel_weights[0, 0].numpy()}") # Print just the modified value
