# A loop over a built model's trainable weights (tensorflow#42880): the model's trainable_weights are its layers'
# weights that train, layer by layer, so the loop's passes are known and each penalty reads the last weight.
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf_keras: add_loss keeps callables
import tensorflow as tf

tf.keras.utils.set_random_seed(7)
model = tf.keras.Sequential(
    [
        tf.keras.Input((3,)),
        tf.keras.layers.Dense(4),
        tf.keras.layers.BatchNormalization(),
        tf.keras.layers.Dropout(0.2),
        tf.keras.layers.Dense(2),
    ]
)
for w in model.trainable_weights:
    if "bias" in w.name:
        continue
    model.add_loss(lambda w=w: tf.nn.l2_loss(w))  # expect: TFV107

frozen = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(4), tf.keras.layers.Dense(2)])
frozen.layers[0].trainable = False
for v in frozen.trainable_variables:
    frozen.add_loss(lambda v=v: tf.reduce_sum(tf.square(v)))  # expect: TFV107
