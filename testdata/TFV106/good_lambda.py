# Near misses: a constant table made with trainable=False; the matrix as a weight of a custom layer.
import numpy as np
import tensorflow as tf
import keras

table = tf.Variable(np.eye(3, dtype="float32"), trainable=False)


class Project(keras.layers.Layer):
    def build(self, input_shape):
        self.b = self.add_weight(shape=(4, input_shape[-1]), initializer="random_normal")

    def call(self, x):
        return tf.matmul(x, self.b, transpose_b=True)


inputs = keras.Input((3,))
looked_up = keras.layers.Lambda(lambda x: tf.matmul(x, table), output_shape=(3,))(inputs)
model = keras.Model(inputs, Project()(looked_up))
model.compile(optimizer="sgd", loss="mse")
model.fit(np.ones((4, 3)), np.zeros((4, 4)), epochs=1, verbose=0)
assert len(model.trainable_weights) == 1
