"""The ONNX-to-Keras converter after its fix for the duplicate Split names: the driver builds one keras name per node output and the Split converter gives each slicing Lambda made in its loop the name of its own output, so the converted model's layer names stay unique.

Source: https://github.com/gmalivenko/onnx2keras/pull/8
Shape: converter-table, dict-dispatch, function-parameter, loop, lambda-layer, name-list-indexed-in-loop, functional
Target: keras3
Runtime: runs
"""

from collections import namedtuple

import keras
import numpy as np
from keras import layers

Node = namedtuple("Node", "op_type input output attribute")


def convert_relu(node, params, graph_layers, node_name, keras_names):
    graph_layers[node_name] = layers.Activation("relu", name=keras_names)(graph_layers[node.input[0]])


def convert_split(node, params, graph_layers, node_name, keras_names):
    input_0 = graph_layers[node.input[0]]
    axis = params.get("axis", 0)
    cur = 0
    for i, split in enumerate(params["split"]):
        node_name = params["_outputs"][i]

        def target_layer(x, axis=axis, start_i=cur, end_i=cur + split):
            slices = [slice(None, None)] * len(x.shape)
            slices[axis] = slice(start_i, end_i)
            return x[tuple(slices)]

        lambda_layer = layers.Lambda(target_layer, name=keras_names[i])
        graph_layers[node_name] = lambda_layer(input_0)
        cur += split


def convert_concat(node, params, graph_layers, node_name, keras_names):
    inputs = [graph_layers[name] for name in node.input]
    graph_layers[node_name] = layers.Concatenate(axis=params["axis"], name=keras_names)(inputs)


AVAILABLE_CONVERTERS = {"Relu": convert_relu, "Split": convert_split, "Concat": convert_concat}


def onnx_to_keras(nodes, input_names, input_shapes, output_names):
    graph_layers = {}
    keras_inputs = []
    for name, shape in zip(input_names, input_shapes):
        graph_layers[name] = keras.Input(shape, name=name)
        keras_inputs.append(graph_layers[name])

    node_names = []
    for node in nodes:
        params = dict(node.attribute)
        node_name = str(node.output[0])
        keras_names = [str(output) for output in node.output]
        if len(node.output) != 1:
            params["_outputs"] = list(node.output)
            node_names.extend(keras_names)
        else:
            keras_names = keras_names[0]
            node_names.append(keras_names)
        AVAILABLE_CONVERTERS[node.op_type](node, params, graph_layers, node_name, keras_names)

    keras_outputs = [graph_layers[name] for name in output_names]
    return keras.Model(inputs=keras_inputs, outputs=keras_outputs)


onnx_nodes = [
    Node("Relu", ["input"], ["150"], {}),
    Node("Split", ["150"], ["151", "152", "153", "154"], {"axis": 1, "split": [2, 2, 2, 2]}),
    Node("Concat", ["151", "153"], ["155"], {"axis": 1}),
]
k_model = onnx_to_keras(onnx_nodes, ["input"], [(8,)], ["155", "152", "154"])
print(sorted(layer.name for layer in k_model.layers))
print([out.shape for out in k_model.predict(np.ones((2, 8), "float32"), verbose=0)])
