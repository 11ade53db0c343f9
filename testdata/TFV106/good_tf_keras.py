# tf_keras tracks tf.Variable attributes: code that targets it is not reported.
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow as tf
import tf_keras


class Legacy(tf_keras.layers.Layer):
    def build(self, input_shape):
        self.w = tf.Variable(tf.ones((input_shape[-1], 2)))

    def call(self, x):
        return tf.matmul(x, self.w)
