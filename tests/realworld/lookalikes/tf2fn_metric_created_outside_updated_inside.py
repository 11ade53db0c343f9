"""A Mean metric is created once at module level and only updated (and reset) inside a `@tf.function` evaluation loop.

Source: https://github.com/tensorflow/tensorflow/issues/36511
Shape: module, tf-function, loop
Target: keras3
Runtime: runs
"""

import keras
import tensorflow as tf

eval_dataset = tf.data.Dataset.range(10)
metric = keras.metrics.Mean(name="mean", dtype="float32")


@tf.function
def evaluate(step):
    for y in eval_dataset:
        metric.update_state(tf.cast(y + step, tf.float32))
    return metric.result()


results = []
for step in range(0, 15, 5):
    metric.reset_state()
    results.append(float(evaluate(tf.constant(step, tf.int64))))
print(results)

# --- probe ---
print("TFVARFIX-OK" if results == [4.5, 9.5, 14.5] else "TFVARFIX-BUG")
