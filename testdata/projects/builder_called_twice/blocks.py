from tensorflow import keras


def make_block(width):
    return keras.layers.Dense(width, activation="relu", name="fc")
