"""Weight decay is added to a built model with `model.add_loss(lambda: tf.nn.l2_loss(w) * reg)` for every non-bias weight in a loop over `model.trainable_weights`; each lambda reads `w` when the loss is computed, after the loop, so every term is the last weight's (the output bias) and the kernels are never decayed.

Source: https://github.com/tensorflow/tensorflow/issues/42880
Shape: loop, sequential, module, closure
Target: tf_keras
Runtime: silent: every add_loss term regularizes the last weight (the output bias), not the kernels
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # callable losses in add_loss are tf_keras

import numpy as np
import tensorflow as tf

reg = 10  # set a very large regularization and see if it works
x_train = np.random.RandomState(0).rand(64, 28, 28, 1).astype("float32")
y_train = np.random.RandomState(1).randint(0, 10, 64)
model = tf.keras.models.Sequential(
    [
        tf.keras.layers.Flatten(input_shape=(28, 28, 1)),
        tf.keras.layers.Dense(128, activation="relu"),
        tf.keras.layers.Dropout(0.2),
        tf.keras.layers.Dense(10, activation="softmax"),
    ]
)
for w in model.trainable_weights:
    if "bias" in w.name:
        continue
    model.add_loss(lambda: tf.nn.l2_loss(w) * reg)  # expect: TFV107
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=1, verbose=0)

# probe: each term should be the decay of one kernel
kernels = [w for w in model.trainable_weights if "bias" not in w.name]
wanted = sorted(float(tf.nn.l2_loss(k) * reg) for k in kernels)
got = sorted(float(loss) for loss in model.losses)
if not np.allclose(wanted, got):
    print("TFVARFIX-BUG: add_loss terms", got, "are not the kernels' decay", wanted)
