# set_weights lists of another length than the weights a built layer holds (kviz#13, keras#2772, yolov4-tflite#116).
import numpy as np
import keras
from keras import layers


def case_dense_without_bias():
    model = keras.Sequential([keras.Input((3,)), layers.Dense(4), layers.Dense(2, use_bias=False)])
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.zeros((2, 3)), np.zeros((2, 2)), verbose=0)
    for layer in model.layers:
        w = layer.get_weights()[0]
        layer.set_weights([w * 0.5, np.zeros(layer.units)])  # expect: TFV102


def load_torch(model, params):
    for name, p in params.items():
        model.get_layer(name).set_weights([p["weight"], p["bias"]])  # expect: TFV102


def case_batchnorm_from_torch():
    inputs = keras.Input((6,))
    out = layers.BatchNormalization(name="bn1")(layers.Dense(8)(inputs))
    load_torch(keras.Model(inputs, out), {"bn1": {"weight": np.ones(8), "bias": np.zeros(8)}})


def case_conv_with_bias():
    conv = layers.Conv2D(6, 3)
    conv.build((None, 8, 8, 4))
    conv.set_weights([np.zeros((3, 3, 4, 6))])  # expect: TFV102


def case_normalization_given_its_statistics():
    # Given mean and variance, Normalization holds no weights at all (Keras 3.15 and tf_keras 2.21).
    norm = layers.Normalization(mean=np.zeros(3), variance=np.ones(3))
    norm(np.zeros((2, 3), "float32"))
    norm.set_weights([np.zeros(3), np.ones(3)])  # expect: TFV102


def case_normalization_restored_without_count():
    norm = layers.Normalization()
    norm.adapt(np.random.rand(10, 3).astype("float32"))
    norm.set_weights([np.zeros(3), np.ones(3)])  # expect: TFV102
