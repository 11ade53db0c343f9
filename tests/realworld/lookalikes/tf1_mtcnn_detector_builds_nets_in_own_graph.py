"""The face-detection package's fix: `MTCNN.__init__` makes its own `tf.Graph()` and builds P-Net and R-Net (each `Network.__init__` opening `variable_scope(self.__class__.__name__.lower())`, the `LayerFactory` making `pnet/conv1/weights` with `tf.get_variable`) and its session inside `with self.__graph.as_default():`, so a second detector builds the same names in a graph of its own.

Source: https://github.com/ipazc/mtcnn/commit/0f3367e77631a5d8a711bbfe5eff9c9e681e09ed
Shape: class, inheritance, template-method, factory-object, private-method, own-graph, session, tf1-graph
Target: tf1
Runtime: runs
"""

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class LayerFactory(object):
    AVAILABLE_PADDINGS = ("SAME", "VALID")

    def __init__(self, network):
        self.__network = network

    @staticmethod
    def vectorize_input(input_layer):
        input_shape = input_layer.get_shape()
        if input_shape.ndims == 4:
            dim = 1
            for x in input_shape[1:].as_list():
                dim *= int(x)
            return tf.reshape(input_layer, [-1, dim]), dim
        return input_layer, int(input_shape[-1])

    def __make_var(self, name, shape):
        return tf.get_variable(name, shape, trainable=self.__network.is_trainable())

    def new_feed(self, name, layer_shape):
        feed_data = tf.placeholder(tf.float32, layer_shape, "input")
        self.__network.add_layer(name, layer_output=feed_data)

    def new_conv(self, name, kernel_size, channels_output, stride_size, padding="SAME", relu=True, input_layer_name=None):
        input_layer = self.__network.get_layer(input_layer_name)
        channels_input = int(input_layer.get_shape()[-1])
        with tf.variable_scope(name) as scope:
            kernel = self.__make_var("weights", shape=[kernel_size[1], kernel_size[0], channels_input, channels_output])
            output = tf.nn.conv2d(input_layer, kernel, [1, stride_size[1], stride_size[0], 1], padding=padding)
            biases = self.__make_var("biases", [channels_output])
            output = tf.nn.bias_add(output, biases)
            if relu:
                output = tf.nn.relu(output, name=scope.name)
        self.__network.add_layer(name, layer_output=output)

    def new_prelu(self, name, input_layer_name=None):
        input_layer = self.__network.get_layer(input_layer_name)
        with tf.variable_scope(name):
            channels_input = int(input_layer.get_shape()[-1])
            alpha = self.__make_var("alpha", shape=[channels_input])
            output = tf.nn.relu(input_layer) + tf.multiply(alpha, -tf.nn.relu(-input_layer))
        self.__network.add_layer(name, layer_output=output)

    def new_max_pool(self, name, kernel_size, stride_size, padding="SAME", input_layer_name=None):
        input_layer = self.__network.get_layer(input_layer_name)
        output = tf.nn.max_pool(
            input_layer, ksize=[1, kernel_size[1], kernel_size[0], 1], strides=[1, stride_size[1], stride_size[0], 1],
            padding=padding, name=name,
        )
        self.__network.add_layer(name, layer_output=output)

    def new_fully_connected(self, name, output_count, relu=True, input_layer_name=None):
        with tf.variable_scope(name):
            input_layer = self.__network.get_layer(input_layer_name)
            vectorized_input, dimension = self.vectorize_input(input_layer)
            weights = self.__make_var("weights", shape=[dimension, output_count])
            biases = self.__make_var("biases", shape=[output_count])
            operation = tf.nn.relu_layer if relu else tf.nn.xw_plus_b
            fc = operation(vectorized_input, weights, biases, name=name)
        self.__network.add_layer(name, layer_output=fc)

    def new_softmax(self, name, axis, input_layer_name=None):
        input_layer = self.__network.get_layer(input_layer_name)
        max_axis = tf.reduce_max(input_layer, axis, keepdims=True)
        target_exp = tf.exp(input_layer - max_axis)
        normalize = tf.reduce_sum(target_exp, axis, keepdims=True)
        self.__network.add_layer(name, layer_output=tf.div(target_exp, normalize, name))


class Network(object):
    def __init__(self, session, trainable=True):
        self._session = session
        self.__trainable = trainable
        self.__layers = {}
        self.__last_layer_name = None
        with tf.variable_scope(self.__class__.__name__.lower()):
            self._config()

    def _config(self):
        raise NotImplementedError("This method must be implemented by the network.")

    def add_layer(self, name, layer_output):
        self.__layers[name] = layer_output
        self.__last_layer_name = name

    def get_layer(self, name=None):
        if name is None:
            name = self.__last_layer_name
        return self.__layers[name]

    def is_trainable(self):
        return self.__trainable

    def set_weights(self, weights_values, ignore_missing=False):
        network_name = self.__class__.__name__.lower()
        with tf.variable_scope(network_name):
            for layer_name in weights_values:
                with tf.variable_scope(layer_name, reuse=True):
                    for param_name, data in weights_values[layer_name].items():
                        try:
                            var = tf.get_variable(param_name)
                            self._session.run(var.assign(data))
                        except ValueError:
                            if not ignore_missing:
                                raise

    def feed(self, image):
        with tf.variable_scope(self.__class__.__name__.lower()):
            return self._feed(image)


class PNet(Network):
    def _config(self):
        layer_factory = LayerFactory(self)
        layer_factory.new_feed(name="data", layer_shape=(None, None, None, 3))
        layer_factory.new_conv(name="conv1", kernel_size=(3, 3), channels_output=10, stride_size=(1, 1), padding="VALID", relu=False)
        layer_factory.new_prelu(name="prelu1")
        layer_factory.new_max_pool(name="pool1", kernel_size=(2, 2), stride_size=(2, 2))
        layer_factory.new_conv(name="conv2", kernel_size=(3, 3), channels_output=16, stride_size=(1, 1), padding="VALID", relu=False)
        layer_factory.new_prelu(name="prelu2")
        layer_factory.new_conv(name="conv4-1", kernel_size=(1, 1), channels_output=2, stride_size=(1, 1), relu=False)
        layer_factory.new_softmax(name="prob1", axis=3)
        layer_factory.new_conv(name="conv4-2", kernel_size=(1, 1), channels_output=4, stride_size=(1, 1), input_layer_name="prelu2", relu=False)

    def _feed(self, image):
        return self._session.run(["pnet/conv4-2/BiasAdd:0", "pnet/prob1:0"], feed_dict={"pnet/input:0": image})


class RNet(Network):
    def _config(self):
        layer_factory = LayerFactory(self)
        layer_factory.new_feed(name="data", layer_shape=(None, 24, 24, 3))
        layer_factory.new_conv(name="conv1", kernel_size=(3, 3), channels_output=28, stride_size=(1, 1), padding="VALID", relu=False)
        layer_factory.new_prelu(name="prelu1")
        layer_factory.new_max_pool(name="pool1", kernel_size=(3, 3), stride_size=(2, 2))
        layer_factory.new_fully_connected(name="fc1", output_count=32, relu=False)
        layer_factory.new_prelu(name="prelu4")
        layer_factory.new_fully_connected(name="fc2-1", output_count=2, relu=False)
        layer_factory.new_softmax(name="prob1", axis=1)

    def _feed(self, image):
        return self._session.run(["rnet/prob1:0"], feed_dict={"rnet/input:0": image})


def bundled_weights(net):
    """Stands in for the package's mtcnn_weights.npy: one array per variable the net made."""
    weights = {}
    for var in tf.global_variables():
        prefix, layer, param = var.op.name.split("/")
        if prefix == net:
            weights.setdefault(layer, {})[param] = np.full(var.shape.as_list(), 0.01, dtype=np.float32)
    return weights


class MTCNN(object):
    def __init__(self, min_face_size=20, steps_threshold=None, scale_factor=0.709):
        if steps_threshold is None:
            steps_threshold = [0.6, 0.7, 0.7]
        self.__min_face_size = min_face_size
        self.__steps_threshold = steps_threshold
        self.__scale_factor = scale_factor

        config = tf.ConfigProto(log_device_placement=False)
        self.__graph = tf.Graph()

        with self.__graph.as_default():
            self.__session = tf.Session(config=config, graph=self.__graph)

            self.__pnet = PNet(self.__session, False)
            self.__pnet.set_weights(bundled_weights("pnet"))
            self.__rnet = RNet(self.__session, False)
            self.__rnet.set_weights(bundled_weights("rnet"))

    def detect_faces(self, img):
        im_data = (img - 127.5) * 0.0078125
        reg, prob = self.__pnet.feed(im_data[np.newaxis])
        return [p for p in prob[0, :, :, 1].ravel() if p > self.__steps_threshold[0]]


image = np.random.randint(0, 255, size=(24, 24, 3)).astype(np.float32)
detector_1 = MTCNN(steps_threshold=(0.2, 0.7, 0.7))
print(len(detector_1.detect_faces(image)))
detector_2 = MTCNN(steps_threshold=(0.1, 0.7, 0.5))
print(len(detector_2.detect_faces(image)))
