"""A helper of another module reads `recurrent_kernel` off the RNN layer it is given: only the caller's layer
makes that wrong (the helper alone is fine for a cell).

Source: tfvarfix issue 12 (`def spectral_radius(rnn_layer): rnn_layer.recurrent_kernel`), split across modules
Shape: parameter, helper, module, get-layer, sequential
Target: keras3
Runtime: raises AttributeError: has no attribute 'recurrent_kernel'
"""

from tensorflow import keras

from analysis import spectral_radius

model = keras.Sequential([keras.Input((5, 3)), keras.layers.SimpleRNN(4, name="rnn")])
print(spectral_radius(model.get_layer("rnn")))  # expect: TFV103
