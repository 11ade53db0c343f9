# tf.Variable created on every call of a tf.function body.
import tensorflow as tf


scale = tf.Variable(2.0)


shift = tf.Variable(tf.ones([3]))


total = tf.Variable(0.0, trainable=False)


@tf.function
def scaled(x):
    scale.assign(2.0)  # expect: TFV401
    return scale * x


@tf.function(jit_compile=True)
def shifted(x):
    shift.assign(tf.ones([3]))  # expect: TFV401
    return x + shift


@tf.function
def running_sum(xs):
    total.assign(0.0)  # expect: TFV401
    for x in xs:
        total.assign_add(x)
    return total.read_value()


@tf.function
def running_sums(xs):
    # The same name as running_sum's variable, of another shape: one module-level `total` cannot serve both.
    total = tf.Variable(tf.zeros([2]))  # expect: TFV401
    for x in xs:
        total.assign_add(x)
    return total.read_value()


def accumulate(x):
    total = tf.Variable(tf.zeros_like(x))  # expect: TFV401
    total.assign_add(x)
    return total.read_value()


accumulate_fn = tf.function(accumulate)


class Counter(tf.Module):
    @tf.function
    def __call__(self, x):
        self.count = tf.Variable(0.0)  # expect: TFV401
        return x + self.count


def case_scaled():
    return scaled(tf.constant(3.0)).numpy().tolist()


def case_shifted():
    return shifted(tf.zeros([3])).numpy().tolist()


def case_accumulate():
    return accumulate_fn(tf.ones([2])).numpy().tolist()


def case_counter():
    return Counter()(tf.constant(1.0)).numpy().tolist()


def case_running_sum():
    return [running_sum(tf.constant([1.0, 2.0])).numpy().tolist() for _ in range(2)]


def case_running_sums():
    return running_sums(tf.ones([3, 2])).numpy().tolist()
