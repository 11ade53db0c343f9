# tensorflow#39540: a tf.Variable whose value a Keras initializer draws, made in `build`/`__init__` of a Keras 3
# model or layer: untracked. The initializer can draw the weight itself: `self.add_weight(shape=..., initializer=...)`.
import numpy as np
import tensorflow as tf
import keras


class Net(tf.keras.Model):
    def build(self, input_shape):
        self.l1 = tf.keras.layers.Dense(2, kernel_initializer="ones")
        self.dummy = self.add_weight(
            name="dummy", shape=(1, 2), initializer=tf.keras.initializers.GlorotNormal(seed=3), dtype=tf.float32, trainable=True
        )  # expect: TFV106

    def call(self, x):
        return self.l1(x) * self.dummy


net = Net()
net.build([None, 3])  # built here, by the program: Keras does not build it again at the first call
outputs = net(np.ones((2, 3), "float32"))


class Scale(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.scale = self.add_weight(name="gain", shape=(4,), initializer=keras.initializers.Constant(2.0))  # expect: TFV106

    def call(self, x):
        return x * self.scale


layer = Scale()
scaled = layer(np.ones((2, 4), "float32"))


class Scaled(keras.layers.Layer):
    # Near miss: the draw is scaled afterwards, so the initializer alone would not make the same value.
    def build(self, input_shape):
        w_initial = keras.initializers.GlorotNormal(seed=1)(shape=(input_shape[-1], 2)) * 0.1
        self.w = self.add_weight(
            name="w", shape=tuple(w_initial.shape), initializer=lambda shape, dtype=None: w_initial, dtype=w_initial.dtype
        )  # expect: TFV106

    def call(self, x):
        return tf.matmul(x, self.w)


class Seeded(keras.layers.Layer):
    # Near miss: the initializer reads the layer's own attribute; it is not moved.
    def __init__(self, seed, **kwargs):
        super().__init__(**kwargs)
        self.seed = seed

    def build(self, input_shape):
        w_initial = keras.initializers.GlorotNormal(seed=self.seed)(shape=(input_shape[-1], 2))
        self.w = self.add_weight(
            name="w", shape=tuple(w_initial.shape), initializer=lambda shape, dtype=None: w_initial, dtype=w_initial.dtype
        )  # expect: TFV106

    def call(self, x):
        return tf.matmul(x, self.w)


near = Scaled()
near_outputs = near(np.ones((2, 3), "float32"))
seeded = Seeded(5)
seeded_outputs = seeded(np.ones((2, 3), "float32"))
