# Variables, metrics and optimizer slots made in a tf.function, where the fix can make them once: per
# instance, as a constant, by dropping the decorator of a factory, at module level with a reset, or by
# building the optimizer before the call.
import keras
import numpy as np
import tensorflow as tf


mean = keras.metrics.Mean()


class Counter:
    def __init__(self):
        self.calls = 0
        self.seen = tf.Variable(0.0)

    @tf.function
    def count(self, x):
        seen = self.seen  # expect: TFV401
        seen.assign(0.0)
        seen.assign_add(tf.reduce_sum(x))
        return seen.read_value()


def case_method_sums_each_call():
    counter = Counter()
    return [float(counter.count(tf.ones(3))), float(counter.count(tf.ones(3)))]


@tf.function
def weighted(y):
    weights = np.array([1.0, 5.0, 2.0])
    weights = tf.constant(weights)  # expect: TFV401
    return tf.reduce_sum(y * weights)


def case_only_read():
    return [float(weighted(tf.ones(3, tf.float64))), float(weighted(tf.ones(3, tf.float64) * 2))]


def new_weight(shape):
    w = tf.Variable(tf.zeros(shape))  # expect: TFV401
    return w


def case_factory():
    return [new_weight((2, 3)).shape.as_list(), new_weight((3, 1)).shape.as_list()]


def batch_mean(values):
    mean.reset_state()
    return mean(values)  # expect: TFV401


@tf.function
def measured(values):
    return batch_mean(values)


def case_metric_per_call():
    return [float(measured(tf.constant([1.0, 3.0]))), float(measured(tf.constant([5.0, 7.0])))]


@tf.function
def train_step(model, optimizer, x, y):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(x) - y))
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(gradients, model.trainable_variables))  # expect: TFV401
    return loss


def case_optimizer_per_trial():
    x, y = np.ones((4, 2), "float32"), np.zeros((4, 1), "float32")
    losses = []
    for rate in (0.1, 0.01):
        model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1, kernel_initializer="ones")])
        optimizer = keras.optimizers.Adam(rate)
        optimizer.build(model.trainable_variables)
        losses.append(float(train_step(model, optimizer, x, y)))
    return losses


@tf.function
def slope(x):
    scale = np.array([2.0])
    w = tf.Variable(scale)  # expect: TFV401
    with tf.GradientTape() as tape:
        y = w * x
    return tape.gradient(y, w)


def case_gradient_of_the_variable():
    return slope(tf.constant([3.0], tf.float64)).numpy().tolist()
