"""A robot-arm forward-kinematics layer keeps its pose and joint-angle buffers as tf.Variables made in __init__ and walks the DH table with map_fn; Keras 3 tracks none of those variables, so the layer owns no state at all.

Source: https://github.com/tensorflow/tensorflow/issues/44253
Shape: subclassed, class-attribute, container, map_fn, sequential
Target: keras3
Runtime: silent: the layer's variables list is empty although __init__ made seven tf.Variables
"""

import numpy as np
import tensorflow as tf
from tensorflow.keras import layers


class KinematicsPhysics(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.TF_PI = tf.constant(3.1415926535897932, dtype=tf.float32)
        self.TF_180 = tf.constant(180.0, dtype=tf.float32)
        self.out_pose = tf.Variable([0, 0, 0, 0, 0, 0], dtype=tf.float32, trainable=False)  # expect: TFV106
        self.a_deg = tf.Variable(0, dtype=tf.float32, trainable=False)  # expect: TFV106
        self.b_deg = tf.Variable(0, dtype=tf.float32, trainable=False)  # expect: TFV106
        self.c_deg = tf.Variable(0, dtype=tf.float32, trainable=False)  # expect: TFV106
        self.s_a = tf.Variable(0, dtype=tf.float32, trainable=False)  # expect: TFV106
        self.c_a = tf.Variable(0, dtype=tf.float32, trainable=False)  # expect: TFV106
        self.b = tf.Variable(tf.zeros((4, 4), dtype=tf.float32), dtype=tf.float32, trainable=False)  # expect: TFV106
        self.dh = tf.constant([[0.0, 180.0, -650.0, 0.0],
                               [270.0, 90.0, 0.0, 0.0],
                               [800.0, 0.0, 0.0, 0.0]])

    def joint_matrix(self, theta):
        rad = theta * self.TF_PI / self.TF_180
        return tf.stack([tf.cos(rad), tf.sin(rad)])

    def call(self, joints):
        per_joint = tf.map_fn(self.joint_matrix, tf.reshape(joints, (-1,)))
        return tf.reshape(per_joint, (tf.shape(joints)[0], -1))


layer = KinematicsPhysics()
model = tf.keras.Sequential([tf.keras.Input((3,)), layer])
out = model(np.array([[10.0, 20.0, 30.0]], "float32"))
print(out.shape, [v.name for v in layer.variables])

# --- probe ---
print("TFVARFIX-BUG" if len(layer.variables) == 0 else "TFVARFIX-OK")
