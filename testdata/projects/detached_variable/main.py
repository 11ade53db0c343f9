"""A variable named like a weight of a model another module builds: a new variable the model never reads.

Source: tfvarfix issue 15 (the seed article's example 1, its model moved to model.py)
Shape: helper, functional, module
Target: keras3
Runtime: silent: the variable is not one of the model's weights
"""

import numpy as np
import tensorflow as tf

from model import build_model

model = build_model()
kernel = tf.Variable(np.zeros((3, 16)), name="enc/kernel")  # expect: TFV101

# --- probe ---
print("TFVARFIX-BUG" if all(w is not kernel for w in model.weights) else "TFVARFIX-OK")
