import numpy as np


def spectral_radius(rnn_layer):
    weights = rnn_layer.recurrent_kernel.numpy()
    return float(np.max(np.abs(np.linalg.eigvals(weights))))
