"""A Caffe-to-Keras converter makes a `Sequential` from the parsed prototxt, adding an `Input` only when the net declares `input_dim` (this VGG-style deploy file gives `input_shape` instead, so none is added), then copies the blobs with `model.get_layer(layer.name).set_weights(weights[layer.name])`; no layer of the model has been built, so the first convolution holds no weights to take them.

Source: https://github.com/MarcBS/keras/issues/29
Shape: helper, dict, loop, get-layer, sequential, parameter
Target: keras3
Runtime: raises ValueError: but the layer was expecting 0 weights
"""

import numpy as np
import keras
from keras import layers

PROTOTXT = {
    "input_shape": [1, 3, 32, 32],
    "layers": [
        {"name": "conv1_1", "type": "Convolution", "num_output": 8, "kernel_size": 3},
        {"name": "conv1_2", "type": "Convolution", "num_output": 8, "kernel_size": 3},
        {"name": "pool1", "type": "Pooling"},
        {"name": "fc6", "type": "InnerProduct", "num_output": 16},
        {"name": "fc8", "type": "InnerProduct", "num_output": 5},
    ],
}


def caffe_blobs(net, in_channels=3):
    """Stand-in for the caffemodel: (out, in, h, w) filters and (out,) biases per layer name."""
    blobs, channels = {}, in_channels
    for spec in net["layers"]:
        if spec["type"] == "Convolution":
            k, n = spec["kernel_size"], spec["num_output"]
            blobs[spec["name"]] = [np.random.rand(n, channels, k, k), np.random.rand(n)]
            channels = n
    return blobs


def build_model(net):
    model = keras.Sequential(name="converted")
    if "input_dim" in net:
        _, c, h, w = net["input_dim"]
        model.add(keras.Input((h, w, c)))
    for spec in net["layers"]:
        if spec["type"] == "Convolution":
            model.add(layers.Conv2D(spec["num_output"], spec["kernel_size"], padding="same", name=spec["name"]))
        elif spec["type"] == "Pooling":
            model.add(layers.MaxPooling2D(name=spec["name"]))
            model.add(layers.Flatten())
        elif spec["type"] == "InnerProduct":
            model.add(layers.Dense(spec["num_output"], name=spec["name"]))
    return model


def convert_weights(blobs):
    weights = {}
    for name, (w, b) in blobs.items():
        w = w[:, :, ::-1, ::-1]  # caffe correlates; flip the filters
        weights[name] = [w.transpose((2, 3, 1, 0)).astype("float32"), b.astype("float32")]
    return weights


def load_weights(model, weights):
    for layer in model.layers:
        if layer.name in weights:
            print("Copying weights for %s" % layer.name)
            model.get_layer(layer.name).set_weights(weights[layer.name])  # expect: TFV201


model = build_model(PROTOTXT)
load_weights(model, convert_weights(caffe_blobs(PROTOTXT)))
print(model.predict(np.zeros((1, 32, 32, 3), "float32"), verbose=0).shape)
