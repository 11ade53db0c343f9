"""PixelCNN++'s weight-normalized layers in TF1 graph mode: `model_spec` is wrapped once in `tf.make_template`, a
first call with `init=True` creates each layer's `V`, `g`, `b` by `get_variable` (g and b with data-dependent
initial values), and the later training and Polyak-averaged (`ema`) calls get the same variables back under the
template's reuse, each layer scope named from a per-call `counters` dict.

Source: https://github.com/openai/pixel-cnn/issues/36
Shape: helper, tf1-graph, variable-scope, template, counters, ema, session
Target: tf1
Runtime: runs
"""

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def int_shape(x):
    return list(map(int, x.get_shape()))


def get_name(layer_name, counters):
    if layer_name not in counters:
        counters[layer_name] = 0
    name = layer_name + "_" + str(counters[layer_name])
    counters[layer_name] += 1
    return name


def get_var_maybe_avg(var_name, ema, **kwargs):
    v = tf.get_variable(var_name, **kwargs)
    if ema is not None:
        v = ema.average(v)
    return v


def get_vars_maybe_avg(var_names, ema, **kwargs):
    return [get_var_maybe_avg(vn, ema, **kwargs) for vn in var_names]


def dense(x, num_units, nonlinearity=None, init_scale=1.0, counters=None, init=False, ema=None):
    name = get_name("dense", counters)
    with tf.variable_scope(name):
        if init:
            V = tf.get_variable(
                "V", [int(x.get_shape()[1]), num_units], tf.float32, tf.random_normal_initializer(0, 0.05)
            )
            V_norm = tf.nn.l2_normalize(V.initialized_value(), [0])
            x_init = tf.matmul(x, V_norm)
            m_init, v_init = tf.nn.moments(x_init, [0])
            scale_init = init_scale / tf.sqrt(v_init + 1e-10)
            tf.get_variable("g", dtype=tf.float32, initializer=scale_init, trainable=True)
            tf.get_variable("b", dtype=tf.float32, initializer=-m_init * scale_init, trainable=True)
            x_init = tf.reshape(scale_init, [1, num_units]) * (x_init - tf.reshape(m_init, [1, num_units]))
            return nonlinearity(x_init) if nonlinearity is not None else x_init
        V, g, b = get_vars_maybe_avg(["V", "g", "b"], ema)
        x = tf.matmul(x, V)
        scaler = g / tf.sqrt(tf.reduce_sum(tf.square(V), [0]))
        x = tf.reshape(scaler, [1, num_units]) * x + tf.reshape(b, [1, num_units])
        return nonlinearity(x) if nonlinearity is not None else x


def conv2d(
    x,
    num_filters,
    filter_size=(3, 3),
    stride=(1, 1),
    pad="SAME",
    nonlinearity=None,
    init_scale=1.0,
    counters=None,
    init=False,
    ema=None,
):
    name = get_name("conv2d", counters)
    with tf.variable_scope(name):
        if init:
            V = tf.get_variable(
                "V",
                [*filter_size, int(x.get_shape()[-1]), num_filters],
                tf.float32,
                tf.random_normal_initializer(0, 0.05),
            )
            V_norm = tf.nn.l2_normalize(V.initialized_value(), [0, 1, 2])
            x_init = tf.nn.conv2d(x, V_norm, [1, *stride, 1], pad)
            m_init, v_init = tf.nn.moments(x_init, [0, 1, 2])
            scale_init = init_scale / tf.sqrt(v_init + 1e-8)
            tf.get_variable("g", dtype=tf.float32, initializer=scale_init, trainable=True)
            tf.get_variable("b", dtype=tf.float32, initializer=-m_init * scale_init, trainable=True)
            x_init = tf.reshape(scale_init, [1, 1, 1, num_filters]) * (
                x_init - tf.reshape(m_init, [1, 1, 1, num_filters])
            )
            return nonlinearity(x_init) if nonlinearity is not None else x_init
        V, g, b = get_vars_maybe_avg(["V", "g", "b"], ema)
        W = tf.reshape(g, [1, 1, 1, num_filters]) * tf.nn.l2_normalize(V, [0, 1, 2])
        x = tf.nn.bias_add(tf.nn.conv2d(x, W, [1, *stride, 1], pad), b)
        return nonlinearity(x) if nonlinearity is not None else x


def model_spec(x, init=False, ema=None, nr_filters=4, nr_logistic_mix=3):
    counters = {}
    h = conv2d(x, nr_filters, nonlinearity=tf.nn.elu, counters=counters, init=init, ema=ema)
    h = conv2d(h, nr_filters, stride=(2, 2), nonlinearity=tf.nn.elu, counters=counters, init=init, ema=ema)
    h = tf.reshape(h, [int_shape(h)[0], -1])
    return dense(h, 10 * nr_logistic_mix, counters=counters, init=init, ema=ema)


batch_size = 4
model = tf.make_template("model", model_spec)

x_init = tf.placeholder(tf.float32, shape=(batch_size, 8, 8, 3))
init_pass = model(x_init, init=True)

all_params = tf.trainable_variables()
ema = tf.train.ExponentialMovingAverage(decay=0.9995)
maintain_averages_op = tf.group(ema.apply(all_params))

xs = [tf.placeholder(tf.float32, shape=(batch_size, 8, 8, 3)) for _ in range(2)]
loss_gen = []
for i in range(2):
    out = model(xs[i], ema=None)
    loss_gen.append(tf.reduce_mean(tf.square(out)))
loss = tf.add_n(loss_gen)
optimizer = tf.train.AdamOptimizer(1e-3).minimize(loss, var_list=all_params)
train_op = tf.group(optimizer, maintain_averages_op)

x_sample = tf.placeholder(tf.float32, shape=(batch_size, 8, 8, 3))
sample_out = model(x_sample, ema=ema)

initializer = tf.global_variables_initializer()
assert len(all_params) == 9, [v.name for v in all_params]
assert len(tf.trainable_variables()) == 9

with tf.Session() as sess:
    data = np.random.uniform(-1, 1, size=(batch_size, 8, 8, 3)).astype("float32")
    sess.run(initializer, {x_init: data})
    for _ in range(3):
        sess.run(train_op, {xs[0]: data, xs[1]: data[::-1]})
    print(sess.run(sample_out, {x_sample: data}).shape, [v.name for v in all_params][:3])
