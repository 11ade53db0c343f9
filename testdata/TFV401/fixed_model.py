# A feature loss builds its frozen feature model inside the loss; Keras runs the loss in its traced train step,
# so the model's weights are made inside a tf.function on every trace.
import numpy as np
import keras

features_shape = (4,)


extractor = keras.Sequential([keras.Input(features_shape), keras.layers.Dense(3)])  # expect: TFV401
extractor.trainable = False


def feature_loss(y_true, y_pred):
    return keras.ops.mean(keras.ops.square(extractor(y_true) - extractor(y_pred)))


def combined_loss(y_true, y_pred):
    return feature_loss(y_true, y_pred) + keras.ops.mean(keras.ops.square(y_true - y_pred))


keras.utils.set_random_seed(0)
model = keras.Sequential([keras.Input(features_shape), keras.layers.Dense(4)])
model.compile(optimizer="sgd", loss=combined_loss)
x = np.random.RandomState(0).rand(8, 4).astype("float32")
history = model.fit(x, x, epochs=2, verbose=0)
