"""A body-measurement demo's `main(img, height)` makes a `RunModel` each time it is called; `RunModel.__init__` builds the HMR graph (the ResNet encoder and the iterative 3D regressor, whose functions come from `get_encoder_fn_separate`) in the default graph, so a service that calls `main` for a second image asks for `resnet_v2_50/conv1/weights` again.

Source: https://github.com/farazBhatti/Human-Body-Measurements-using-Computer-Vision/issues/42
Shape: class, method, function-returned-functions, parameter, loop, conditional, helper, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable resnet_v2_50/conv1/weights already exists, disallowed
"""

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def conv(x, filters, name):
    with tf.variable_scope(name):
        w = tf.get_variable("weights", [3, 3, x.get_shape().as_list()[-1], filters])
        return tf.nn.relu(tf.nn.conv2d(x, w, [1, 2, 2, 1], "SAME"))


def encoder_resnet(x, is_training=True, reuse=False):
    with tf.variable_scope("resnet_v2_50", reuse=reuse) as scope:
        net = conv(x, 4, "conv1")
        net = conv(net, 8, "block1")
        net = tf.reduce_mean(net, axis=[1, 2])
        variables = tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, scope=scope.name)
    return net, variables


def encoder_fc3_dropout(x, num_output=85, is_training=True, reuse=False, name="3D_module"):
    with tf.variable_scope(name, reuse=reuse) as scope:
        w1 = tf.get_variable("fc1", [x.get_shape().as_list()[-1], 16])
        net = tf.nn.relu(tf.matmul(x, w1))
        w3 = tf.get_variable("fc3", [16, num_output], initializer=tf.zeros_initializer())
        net = tf.matmul(net, w3)
        variables = tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, scope=scope.name)
    return net, variables


def get_encoder_fn_separate(model_type):
    encoder_fn = None
    threed_fn = None
    if "resnet" in model_type:
        encoder_fn = encoder_resnet
    if "fc3_dropout" in model_type:
        threed_fn = encoder_fc3_dropout
    return encoder_fn, threed_fn


class RunModel:
    def __init__(self, sess=None):
        self.batch_size = 1
        self.img_size = 8
        self.images_pl = tf.placeholder(tf.float32, shape=(self.batch_size, self.img_size, self.img_size, 3))
        self.num_stage = 3
        self.model_type = "resnet_fc3_dropout"
        self.total_params = 3 + 6 + 2
        self.build_test_model_ief()
        self.sess = tf.Session() if sess is None else sess
        self.sess.run(tf.global_variables_initializer())

    def build_test_model_ief(self):
        self.mean_var = tf.Variable(tf.zeros((1, self.total_params)), name="mean_param", dtype=tf.float32)
        img_enc_fn, threed_enc_fn = get_encoder_fn_separate(self.model_type)
        self.img_feat, self.E_var = img_enc_fn(self.images_pl, is_training=False, reuse=False)
        self.final_thetas = []
        theta_prev = tf.tile(self.mean_var, [self.batch_size, 1])
        for i in np.arange(self.num_stage):
            state = tf.concat([self.img_feat, theta_prev], 1)
            if i == 0:
                delta_theta, _ = threed_enc_fn(state, num_output=self.total_params, is_training=False, reuse=False)
            else:
                delta_theta, _ = threed_enc_fn(state, num_output=self.total_params, is_training=False, reuse=True)
            theta_here = theta_prev + delta_theta
            self.final_thetas.append(theta_here)
            theta_prev = theta_here

    def predict(self, images):
        return self.sess.run(self.final_thetas[-1], {self.images_pl: images})


def main(img, height):
    sess = tf.Session()
    model = RunModel(sess=sess)
    theta = model.predict(np.expand_dims(img, 0))
    return theta[0, :3] * height


requests = [(np.random.rand(8, 8, 3).astype("float32"), 170 + i) for i in range(2)]
for img, height in requests:
    print(main(img, height))  # expect: TFV304
