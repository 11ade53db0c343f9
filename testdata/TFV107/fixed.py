# Penalties made in a loop whose lambdas read the loop variable: each reads the last layer when losses are computed.
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf_keras: add_loss keeps callables
import tensorflow as tf

tf.keras.utils.set_random_seed(7)
model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(4), tf.keras.layers.Dense(2)])
l2 = tf.keras.regularizers.l2(1.0)
for layer in model.layers:
    layer.add_loss(lambda layer=layer: l2(layer.kernel))  # expect: TFV107


def add_decay(net, scale):
    for index, sub in enumerate(net.layers):
        if isinstance(sub, tf.keras.layers.Dense):
            sub.add_loss(lambda sub=sub: scale * tf.reduce_sum(tf.square(sub.kernel)))  # expect: TFV107


backbone = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(4), tf.keras.layers.Dense(2)])
add_decay(backbone, 0.5)


# The loop target is an index; the lambda reads a name the body binds on each pass (tensorflow#38891).
stack = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(4), tf.keras.layers.Dense(2)])
for i in range(len(stack.layers)):
    dense = stack.layers[i]
    stack.add_loss(lambda dense=dense: l2(dense.kernel))  # expect: TFV107
