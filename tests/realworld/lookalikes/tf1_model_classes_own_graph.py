"""Two model wrapper objects of one class each build their network inside `with self.graph.as_default():` on a `tf.Graph()` of their own, so both can use the same variable names.

Source: https://www.yotec.net/machine-learning-tricks-working-with-multiple-models-in-keras/
Shape: class-attribute, helper, tf1-graph
Target: tf1
Runtime: runs
"""

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class ScoreModel:
    def __init__(self, n_in, n_out):
        self.graph = tf.Graph()
        with self.graph.as_default():
            self.session = tf.Session(graph=self.graph)
            with self.session.as_default():
                self.x = tf.placeholder(tf.float32, [None, n_in])
                w = tf.get_variable("dense/kernel", [n_in, n_out])
                b = tf.get_variable("dense/bias", [n_out], initializer=tf.zeros_initializer())
                self.out = tf.matmul(self.x, w) + b
                self.session.run(tf.global_variables_initializer())

    def predict(self, x):
        with self.graph.as_default():
            return self.session.run(self.out, {self.x: x})


face_detector = ScoreModel(4, 2)  # first step of the pipeline
face_recognizer = ScoreModel(4, 3)  # second step, same variable names, its own graph
print(face_detector.predict(np.ones((1, 4))).shape, face_recognizer.predict(np.ones((1, 4))).shape)
