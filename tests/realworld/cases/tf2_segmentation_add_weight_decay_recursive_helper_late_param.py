"""A utility that adds weight decay to an already defined segmentation model recurses into nested models and, for each plain layer, adds `lambda: l2(factor)(param)` per trainable weight in a loop; every lambda of a layer reads `param` when the losses are computed, so each layer's kernel penalty is really its bias penalty (zeros at init) and the kernels are never decayed.

Source: https://github.com/qubvel/segmentation_models/issues/39
Shape: recursive-helper, isinstance, nested-models, layers-loop, trainable-weights-loop, closure, name-scope
Target: tf_keras
Runtime: silent: each layer's add_loss terms all regularize the layer's last weight (its bias), none its kernel
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # add_loss takes zero-argument callables in tf_keras

import numpy as np
import tensorflow as tf


def build_encoder():
    inputs = tf.keras.Input((16, 16, 3))
    x = tf.keras.layers.Conv2D(8, 3, padding="same", activation="relu", kernel_initializer="ones")(inputs)
    x = tf.keras.layers.MaxPooling2D()(x)
    return tf.keras.Model(inputs, x, name="encoder")


def build_unet(num_classes):
    inputs = tf.keras.Input((16, 16, 3))
    features = build_encoder()(inputs)
    x = tf.keras.layers.UpSampling2D()(features)
    x = tf.keras.layers.Conv2D(num_classes, 1, activation="softmax", kernel_initializer="ones")(x)
    return tf.keras.Model(inputs, x, name="unet")


# a utility function to add weight decay after the model is defined.
def add_weight_decay(model, weight_decay):
    if (weight_decay is None) or (weight_decay == 0.0):
        return

    # recursion inside the model
    def add_decay_loss(m, factor):
        if isinstance(m, tf.keras.Model):
            for layer in m.layers:
                add_decay_loss(layer, factor)
        else:
            for param in m.trainable_weights:
                with tf.keras.backend.name_scope("weight_regularizer"):
                    regularizer = lambda: tf.keras.regularizers.l2(factor)(param)  # noqa: E731  # expect: TFV107
                    m.add_loss(regularizer)

    # weight decay and l2 regularization differs by a factor of 2
    add_decay_loss(model, weight_decay / 2.0)
    return


model = build_unet(num_classes=2)
add_weight_decay(model, 1e-2)
model.compile(optimizer="adam", loss="categorical_crossentropy")
x = np.random.rand(4, 16, 16, 3).astype("float32")
y = tf.keras.utils.to_categorical(np.random.randint(0, 2, (4, 16, 16)), 2)
model.fit(x, y, epochs=1, verbose=0)

# probe: the penalty every trainable weight should get, against what model.losses holds
expected = sum(float(tf.keras.regularizers.l2(0.5e-2)(w)) for w in model.trainable_weights)
held = sum(float(loss) for loss in model.losses)
print("expected", expected, "held", held)
if abs(held - expected) > 1e-3 * max(1.0, expected):
    print("TFVARFIX-BUG: the kernels' decay terms read each layer's last weight (the bias)")
