"""Custom graph-conv layers default to `name=""`, so every instance a spherical GCNN stacks in its `Sequential` has the same name.

Source: https://github.com/deepsphere/deepsphere-cosmo-tf2/issues/2
Shape: subclassed-layer, parameter, container, sequential
Target: keras3
Runtime: raises ValueError: All layers added to a Sequential model should have unique names
"""

import keras


class HealpyChebyshev(keras.layers.Layer):
    def __init__(self, K, Fout, name="", **kwargs):
        super().__init__(name=name, **kwargs)
        self.K = K
        self.Fout = Fout
        self.dense = keras.layers.Dense(Fout)

    def call(self, x):
        return self.dense(x)


class HealpyPool(keras.layers.Layer):
    def __init__(self, p, name="", **kwargs):
        super().__init__(name=name, **kwargs)
        self.p = p

    def call(self, x):
        return keras.ops.mean(keras.ops.reshape(x, (-1, x.shape[1] // 4**self.p, 4**self.p, x.shape[2])), axis=2)


layers = [
    HealpyChebyshev(K=3, Fout=4),
    HealpyPool(p=1),  # expect: TFV104
    HealpyChebyshev(K=3, Fout=4),  # expect: TFV104
    HealpyPool(p=1),  # expect: TFV104
]
model = keras.Sequential([keras.Input((48, 1))] + layers)
print(model.output_shape)
