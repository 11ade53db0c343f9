"""TensorFlow Hub's feature-column tests pick their Keras at import time (`import tf_keras as keras` when `tf.keras` is Keras 3, else `keras = tf.keras`) and build a functional model on one `Input(name="text")`: whichever module the name holds, the model has one layer named "text" and trains.

Source: https://github.com/tensorflow/hub/blob/master/tensorflow_hub/feature_column_v2_test.py
Shape: module, functional, fit
Target: tf_keras
Runtime: runs
"""

import numpy as np
import tensorflow.compat.v2 as tf

version_fn = getattr(tf.keras, "version", None)
if version_fn and version_fn().startswith("3."):
    import tf_keras as keras
else:
    keras = tf.keras

features = {"text": np.array([[1.0], [2.0]])}
label = np.int64([0, 1])
feature_columns = [tf.feature_column.numeric_column("text")]
input_features = dict(text=keras.layers.Input(name="text", shape=[1]))
dense_features = keras.layers.DenseFeatures(feature_columns)
x = dense_features(input_features)
x = keras.layers.Dense(16, activation="relu")(x)
logits = keras.layers.Dense(1, activation="linear")(x)
model = keras.Model(inputs=input_features, outputs=logits)
model.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x=features, y=label, epochs=1, verbose=0)
print([layer.name for layer in model.layers], model.predict(features["text"], verbose=0).shape)
