"""The forecasting side of a model wrapped in a class: `forecast()` builds the model in the same way as the training
code, restores the checkpoint into a Session and returns the prediction."""

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def build_model(x, n_in, n_out):
    with tf.variable_scope("weight_def"):
        weights = tf.get_variable("weights", [n_in, n_out])
        bias = tf.get_variable("bias", [n_out], initializer=tf.zeros_initializer())
    return tf.matmul(x, weights) + bias


class MyModelUser(object):
    def __init__(self, checkpoint, n_in=4, n_out=1):
        self.checkpoint = checkpoint
        self.n_in = n_in
        self.n_out = n_out

    def forecast(self):
        # .. build the model in the same way as in the training code
        x = tf.placeholder(tf.float32, [None, self.n_in])
        predict = build_model(x, self.n_in, self.n_out)
        saver = tf.train.Saver()
        with tf.Session() as sess:
            # load the model checkpoint
            saver.restore(sess, self.checkpoint)
            # call the "predict" function on the model
            prediction = sess.run(predict, {x: np.ones((1, self.n_in), np.float32)})
        # manipulate the prediction and return it
        return float(prediction[0, 0])
