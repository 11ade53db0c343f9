# Keras 3: a layer or model with weights, made outside a Lambda's function and called inside it (keras#11744's
# `Lambda(lambda x: encoder(x), name="encoder_out")`): a Lambda tracks nothing its function calls, so the
# model does not own those weights and fit never trains them.
import numpy as np
import keras


def build_encoder():
    return keras.Sequential([keras.Input((6,)), keras.layers.Dense(4, name="code")], name="encoder")


def case_model_in_a_lambda():
    encoder = build_encoder()
    inputs = keras.Input((6,))
    code = keras.layers.Lambda(lambda x: encoder(x), output_shape=(4,), name="encoder_out")(inputs)  # expect: TFV106
    return keras.Model(inputs, keras.layers.Dense(1)(code)), encoder.layers[0].kernel


projection = keras.layers.Dense(3, use_bias=False)


def project(x):
    return projection(x) * 2.0  # expect: TFV106


def case_layer_in_a_function():
    inputs = keras.Input((5,))
    outputs = keras.layers.Lambda(project)(inputs)
    return keras.Model(inputs, outputs), projection.kernel


def train(model):
    model.compile(optimizer=keras.optimizers.SGD(0.5), loss="mse")
    width = model.input_shape[-1]
    model.fit(np.ones((4, width), "float32"), np.full((4, model.output_shape[-1]), 3.0, "float32"), epochs=2, verbose=0)
    return model
