# Keras 3: layers called in a Lambda's function that the model holds another way (called on the graph too),
# that have no weights, or that the function makes itself.
import numpy as np
import keras


def build_encoder():
    return keras.Sequential([keras.Input((6,)), keras.layers.Dense(4, name="code")], name="encoder")


def case_also_called_on_the_graph():
    encoder = build_encoder()
    inputs = keras.Input((6,))
    direct = encoder(inputs)
    again = keras.layers.Lambda(lambda x: encoder(x) * 0.5, output_shape=(4,))(inputs)
    return keras.Model(inputs, keras.layers.Dense(1)(direct + again)), encoder.layers[0].kernel


dropout = keras.layers.Dropout(0.1)


def case_layer_without_weights():
    inputs = keras.Input((5,))
    hidden = keras.layers.Dense(3)(inputs)
    outputs = keras.layers.Lambda(lambda x: dropout(x), output_shape=(3,))(hidden)
    model = keras.Model(inputs, outputs)
    return model, model.layers[1].kernel


def case_made_in_the_function():
    inputs = keras.Input((5,))
    hidden = keras.layers.Dense(3)(inputs)
    outputs = keras.layers.Lambda(lambda x: keras.layers.Activation("relu")(x), output_shape=(3,))(hidden)
    model = keras.Model(inputs, outputs)
    return model, model.layers[1].kernel


def train(model):
    model.compile(optimizer=keras.optimizers.SGD(0.5), loss="mse")
    width = model.input_shape[-1]
    model.fit(np.ones((4, width), "float32"), np.full((4, model.output_shape[-1]), 3.0, "float32"), epochs=2, verbose=0)
    return model
