"""A tf.function defined in one module makes a variable on each call; another module calls it in a loop.

Source: tfvarfix issue 15 (keras-facts: "tf.function only supports singleton tf.Variables")
Shape: tf-function, module, loop
Target: keras3
Runtime: raises ValueError: singleton tf.Variables
"""

import tensorflow as tf

from steps import accumulate

for step in range(2):
    print(float(accumulate(tf.ones(3) * step)))
