"""An ONNX-to-Keras converter walks the graph's nodes through a table of converter functions; the Split converter makes one slicing Lambda per output in a loop but names every one of them with the node's single keras_name, so the converted model holds the same layer name once per split output.

Source: https://github.com/gmalivenko/onnx2keras/issues/7
Shape: converter-table, dict-dispatch, function-parameter, loop, lambda-layer, fixed-name-in-loop, functional
Target: keras3
Runtime: raises ValueError: The name "151" is used 4 times in the model
"""

from collections import namedtuple

import keras
import numpy as np
from keras import layers

Node = namedtuple("Node", "op_type input output attribute")


def convert_relu(node, params, graph_layers, node_name, keras_name):
    graph_layers[node_name] = layers.Activation("relu", name=keras_name)(graph_layers[node.input[0]])


def convert_split(node, params, graph_layers, node_name, keras_name):
    input_0 = graph_layers[node.input[0]]
    axis = params.get("axis", 0)
    cur = 0
    for i, split in enumerate(params["split"]):
        node_name = params["_outputs"][i]

        def target_layer(x, axis=axis, start_i=cur, end_i=cur + split):
            slices = [slice(None, None)] * len(x.shape)
            slices[axis] = slice(start_i, end_i)
            return x[tuple(slices)]

        lambda_layer = layers.Lambda(target_layer, name=keras_name)  # expect: TFV104
        graph_layers[node_name] = lambda_layer(input_0)
        cur += split


def convert_concat(node, params, graph_layers, node_name, keras_name):
    inputs = [graph_layers[name] for name in node.input]
    graph_layers[node_name] = layers.Concatenate(axis=params["axis"], name=keras_name)(inputs)


AVAILABLE_CONVERTERS = {"Relu": convert_relu, "Split": convert_split, "Concat": convert_concat}


def onnx_to_keras(nodes, input_names, input_shapes, output_names):
    graph_layers = {}
    keras_inputs = []
    for name, shape in zip(input_names, input_shapes):
        graph_layers[name] = keras.Input(shape, name=name)
        keras_inputs.append(graph_layers[name])

    for node in nodes:
        params = dict(node.attribute)
        node_name = keras_name = str(node.output[0])
        if len(node.output) != 1:
            params["_outputs"] = list(node.output)
        AVAILABLE_CONVERTERS[node.op_type](node, params, graph_layers, node_name, keras_name)

    keras_outputs = [graph_layers[name] for name in output_names]
    return keras.Model(inputs=keras_inputs, outputs=keras_outputs)


onnx_nodes = [
    Node("Relu", ["input"], ["150"], {}),
    Node("Split", ["150"], ["151", "152", "153", "154"], {"axis": 1, "split": [2, 2, 2, 2]}),
    Node("Concat", ["151", "153"], ["155"], {"axis": 1}),
]
k_model = onnx_to_keras(onnx_nodes, ["input"], [(8,)], ["155", "152", "154"])
print([out.shape for out in k_model.predict(np.ones((2, 8), "float32"), verbose=0)])
