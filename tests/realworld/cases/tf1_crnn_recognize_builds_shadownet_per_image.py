"""A text-detection script calls the CRNN repository's `recognize()` once per detected word image; `recognize` makes a new `ShadowNet` and calls its `inference(..., name="shadow_net", reuse=False)` each time, so on the second image the `conv2d` helper asks `get_variable("W")` again in `shadow_net/feature_extraction_module/conv1/conv`.

Source: https://github.com/MaybeShewill-CV/CRNN_Tensorflow/issues/254
Shape: class, inheritance, method-chain, helper, loop, parameter, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable shadow_net/feature_extraction_module/conv1/conv/W already exists, disallowed
"""

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

INPUT_SIZE = (16, 8)
NUM_CLASSES = 5


class CNNBaseModel:
    def conv2d(self, inputdata, out_channel, kernel_size, name, use_bias=True):
        with tf.variable_scope(name):
            in_channel = inputdata.get_shape().as_list()[3]
            w = tf.get_variable("W", [kernel_size, kernel_size, in_channel, out_channel])
            out = tf.nn.conv2d(inputdata, w, [1, 1, 1, 1], "SAME")
            if use_bias:
                b = tf.get_variable("b", [out_channel], initializer=tf.zeros_initializer())
                out = tf.nn.bias_add(out, b)
            return out

    def maxpooling(self, inputdata, kernel_size, stride, name):
        return tf.nn.max_pool2d(inputdata, kernel_size, stride, "SAME", name=name)


class ShadowNet(CNNBaseModel):
    def __init__(self, phase, num_classes):
        self._phase = phase
        self._num_classes = num_classes

    def _conv_stage(self, inputdata, out_dims, name):
        with tf.variable_scope(name_or_scope=name):
            conv = self.conv2d(inputdata=inputdata, out_channel=out_dims, kernel_size=3, name="conv")
            return self.maxpooling(tf.nn.relu(conv), kernel_size=2, stride=2, name="max_pool")

    def _feature_sequence_extraction(self, inputdata, name):
        with tf.variable_scope(name_or_scope=name):
            conv1 = self._conv_stage(inputdata=inputdata, out_dims=4, name="conv1")
            conv2 = self._conv_stage(inputdata=conv1, out_dims=8, name="conv2")
            return self.conv2d(inputdata=conv2, out_channel=8, kernel_size=3, name="conv3", use_bias=False)

    def _sequence_label(self, inputdata, name):
        with tf.variable_scope(name_or_scope=name):
            flat = tf.reshape(inputdata, [-1, 8])
            w = tf.get_variable(name="w", shape=[8, self._num_classes])
            return tf.matmul(flat, w, name="logits")

    def inference(self, inputdata, name, reuse=False):
        with tf.variable_scope(name_or_scope=name, reuse=reuse):
            cnn_out = self._feature_sequence_extraction(inputdata=inputdata, name="feature_extraction_module")
            return self._sequence_label(inputdata=cnn_out, name="sequence_rnn_module")


def recognize(image):
    width, height = INPUT_SIZE
    inputdata = tf.placeholder(dtype=tf.float32, shape=[1, height, width, 3], name="input")
    net = ShadowNet(phase="test", num_classes=NUM_CLASSES)
    inference_ret = net.inference(inputdata=inputdata, name="shadow_net", reuse=False)
    preds = tf.argmax(inference_ret, axis=1)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(preds, feed_dict={inputdata: [image]})


word_images = [np.random.rand(INPUT_SIZE[1], INPUT_SIZE[0], 3).astype("float32") for _ in range(3)]
texts = []
for count, word_image in enumerate(word_images):
    text = recognize(word_image)  # expect: TFV304
    texts.append(text)
    print(count, text)
