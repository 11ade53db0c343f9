from tensorflow import keras


def build_encoder():
    return keras.Sequential([keras.Input((5, 3)), keras.layers.GRU(4, name="gru")], name="encoder")
