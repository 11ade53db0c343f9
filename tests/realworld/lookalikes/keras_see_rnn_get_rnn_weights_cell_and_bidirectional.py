"""An RNN-inspection utility fetches a recurrent layer's weights by index or name, then reads them where Keras keeps them: on `forward_layer.cell` and `backward_layer.cell` for a Bidirectional wrapper (told apart with `hasattr(layer, 'backward_layer')`), on `layer.cell` otherwise, by `getattr` over the kernel types the cell has.

Source: https://github.com/OverLordGoldDragon/see-rnn/blob/master/see_rnn/inspect_rnn.py
Shape: helper, layers-index, get-layer, hasattr-branch, bidirectional, rnn-cell-weights, getattr-loop, function-parameter
Target: keras3
Runtime: runs
"""

import numpy as np
from keras import layers, models, ops


def get_layer(model, layer_idx=None, layer_name=None):
    if layer_name is not None:
        return model.get_layer(name=layer_name)
    return model.layers[layer_idx]


def get_rnn_weights(model, layer_idx=None, layer_name=None, layer=None, as_tensors=False):
    if layer is None:
        layer = get_layer(model, layer_idx, layer_name)

    if hasattr(layer, "backward_layer"):
        forward_cell = layer.forward_layer.cell
        backward_cell = layer.backward_layer.cell
        return _get_cell_weights(forward_cell, as_tensors) + _get_cell_weights(backward_cell, as_tensors)
    cell = layer.cell
    return _get_cell_weights(cell, as_tensors)


def _get_cell_weights(rnn_cell, as_tensors=True):
    if getattr(rnn_cell, "bias", None) is not None:
        kernel_types = ["kernel", "recurrent_kernel", "bias"]
    else:
        kernel_types = ["kernel", "recurrent_kernel"]
    if as_tensors:
        return [getattr(rnn_cell, w_type) for w_type in kernel_types]
    return rnn_cell.get_weights()


def rnn_summary(layer):
    if hasattr(layer, "backward_layer"):
        rnn_cells = [inner.cell for inner in (layer.forward_layer, layer.backward_layer)]
    else:
        rnn_cells = [layer.cell]
    for idx, rnn_cell in enumerate(rnn_cells):
        if len(rnn_cells) == 2:
            print("// FORWARD LAYER" if idx == 0 else "// BACKWARD LAYER")
        for key_attr in ["kernel", "recurrent_kernel", "bias"]:
            weight_matrix = getattr(rnn_cell, key_attr, None)
            if weight_matrix is not None:
                print(weight_matrix.path, "-- shape=%s" % (weight_matrix.shape,))


model = models.Sequential(
    [
        layers.Input((7, 3)),
        layers.Bidirectional(layers.LSTM(4, return_sequences=True), name="bi_lstm"),
        layers.GRU(5, use_bias=False, name="gru"),
        layers.Dense(1),
    ]
)
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(8, 7, 3), np.random.rand(8, 1), epochs=1, verbose=0)

bi_weights = get_rnn_weights(model, layer_idx=0)
gru_weights = get_rnn_weights(model, layer_name="gru", as_tensors=True)
print([w.shape for w in bi_weights], [tuple(ops.shape(w)) for w in gru_weights])
rnn_summary(model.get_layer("bi_lstm"))
rnn_summary(model.layers[1])
