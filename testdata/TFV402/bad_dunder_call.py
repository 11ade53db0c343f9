# A layer that overrides `__call__` (not `call`) and makes its layers there (keras-attention#56): Python runs it
# instead of Keras' `Layer.__call__`, so nothing makes those layers the layer's own.
import numpy as np
import keras


class Project(keras.layers.Layer):
    def __call__(self, inputs):
        return keras.layers.Dense(2, name="project_dense")(inputs)  # expect: TFV402


class Score(keras.layers.Layer):
    def __call__(self, inputs):
        return keras.layers.Dense(2, name="score_dense")(inputs)  # expect: TFV402


class Scorer(keras.Model):
    def __init__(self):
        super().__init__()
        self.score = Score()

    def call(self, inputs):
        return self.score(inputs)


def case_in_a_sequential():
    x, y = np.ones((8, 3), "float32"), np.ones((8, 2), "float32")
    model = keras.Sequential([keras.Input((3,)), Project()])
    model.compile(optimizer="sgd", loss="mse")
    model.fit(x, y, epochs=1, verbose=0)
    dense = model._functional.get_layer("project_dense")
    before = dense.kernel.numpy().copy()
    model.fit(x, y, epochs=1, verbose=0)
    return [len(model.trainable_weights), bool(np.array_equal(before, dense.kernel.numpy()))]


def case_called_by_a_subclassed_model():
    model = Scorer()
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.ones((8, 3), "float32"), np.ones((8, 2), "float32"), epochs=1, verbose=0)
