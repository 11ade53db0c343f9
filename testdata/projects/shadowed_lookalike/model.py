from tensorflow import keras


def build_model():
    return keras.Sequential([keras.Input((5, 3)), keras.layers.LSTM(4, name="enc")])
