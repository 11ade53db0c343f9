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
    model.add_loss(lambda: tf.nn.l2_loss(w))  # expect: TFV107

frozen = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(4), tf.keras.layers.Dense(2)])
frozen.layers[0].trainable = False
for v in frozen.trainable_variables:
    frozen.add_loss(lambda: tf.reduce_sum(tf.square(v)))  # expect: TFV107


# A helper that recurses into nested models (segmentation_models#39): a pooling layer has no trainable weights,
# and each plain layer's penalties all read its last weight.
def build_encoder():
    inputs = tf.keras.Input((6, 6, 3))
    x = tf.keras.layers.Conv2D(2, 3, padding="same")(inputs)
    return tf.keras.Model(inputs, tf.keras.layers.MaxPooling2D()(x), name="encoder")


def add_decay_loss(m, factor):
    if isinstance(m, tf.keras.Model):
        for layer in m.layers:
            add_decay_loss(layer, factor)
    else:
        for param in m.trainable_weights:
            m.add_loss(lambda: tf.keras.regularizers.l2(factor)(param))  # expect: TFV107


image = tf.keras.Input((6, 6, 3))
unet = tf.keras.Model(image, tf.keras.layers.UpSampling2D()(build_encoder()(image)), name="unet")
add_decay_loss(unet, 0.5)
