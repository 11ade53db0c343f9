"""A TF1 helper of another module that makes a variable, called twice in one graph and one scope.

Source: tfvarfix issue 15 (keras-facts: "Variable ... already exists, disallowed")
Shape: tf1-graph, helper, module
Target: tf1
Runtime: raises ValueError: Variable w already exists, disallowed
"""

import tensorflow.compat.v1 as tf

from nets import encoder

tf.disable_v2_behavior()
x = tf.placeholder(tf.float32, [None, 3])
a = encoder(x)
b = encoder(x)  # expect: TFV304
