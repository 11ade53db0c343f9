# Near misses: the trainable weights bound as the lambda's default, a model whose one trainable weight makes a
# single pass (the other layer frozen when made or later), and a flag the analysis cannot know.
import os
import random

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow as tf

model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(4), tf.keras.layers.Dense(2)])
for w in model.trainable_weights:
    model.add_loss(lambda w=w: tf.nn.l2_loss(w))

made_frozen = tf.keras.Sequential(
    [tf.keras.Input((3,)), tf.keras.layers.Dense(4, trainable=False), tf.keras.layers.Dense(2, use_bias=False)]
)
for w in made_frozen.trainable_weights:
    made_frozen.add_loss(lambda: tf.nn.l2_loss(w))

set_frozen = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(4), tf.keras.layers.Dense(2)])
set_frozen.layers[0].trainable = False
set_frozen.layers[1].trainable = False
for w in set_frozen.trainable_weights:
    set_frozen.add_loss(lambda: tf.nn.l2_loss(w))

unknown = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(4), tf.keras.layers.Dense(2)])
unknown.trainable = random.random() < 0.5
for w in unknown.trainable_weights:
    unknown.add_loss(lambda: tf.nn.l2_loss(w))
