"""An EfficientDet inference driver, changed to run on a folder of images, builds the network once per image inside one session: the second image's `build_model` makes `efficientnet-b3/stem/conv2d/kernel` again in the same default graph.

Source: https://github.com/google/automl/issues/419
Shape: class, method, loop, helper, tf1-graph, session
Target: tf1
Runtime: raises ValueError: Variable efficientnet-b3/stem/conv2d/kernel already exists
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.layers needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def build_inputs(image_path_pattern, image_size):
    # stand-in for reading and resizing the image files that match the pattern
    seed = sum(ord(c) for c in image_path_pattern)
    raw = np.random.default_rng(seed).uniform(0, 255, (1, image_size, image_size, 3)).astype("float32")
    images = tf.constant(raw / 255.0)
    return raw, images, [1.0]


def build_model(model_name, inputs, num_classes=4, **kwargs):
    with tf.variable_scope(model_name):
        with tf.variable_scope("stem"):
            x = tf.layers.conv2d(inputs, 8, 3, strides=2, padding="same", name="conv2d")
        with tf.variable_scope("blocks_0"):
            x = tf.layers.conv2d(x, 8, 3, padding="same", activation=tf.nn.relu, name="conv2d")
    class_outputs = tf.layers.conv2d(x, num_classes, 1, name="class_net")
    box_outputs = tf.layers.conv2d(x, 4, 1, name="box_net")
    return class_outputs, box_outputs


class InferenceDriver:
    def __init__(self, model_name, ckpt_path, image_size=16):
        self.model_name = model_name
        self.ckpt_path = ckpt_path
        self.params = {"image_size": image_size, "data_format": "channels_last"}

    def inference(self, input_dir, image_names):
        outputs = []
        with tf.Session() as sess:
            for img_name in image_names:
                image_path_pattern = os.path.join(input_dir, img_name)
                raw_images, images, scales = build_inputs(image_path_pattern, self.params["image_size"])
                if self.params["data_format"] == "channels_first":
                    images = tf.transpose(images, [0, 3, 1, 2])
                class_outputs, box_outputs = build_model(self.model_name, images, **self.params)  # expect: TFV304
                sess.run(tf.global_variables_initializer())
                outputs.append(sess.run([class_outputs, box_outputs]))
        return outputs


driver = InferenceDriver("efficientnet-b3", "/tmp/efficientdet-d3")
results = driver.inference("testdata", ["img1.jpg", "img2.jpg"])
print(len(results))
