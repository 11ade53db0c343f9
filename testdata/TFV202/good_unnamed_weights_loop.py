# Near misses in tf_keras, saved to HDF5: a loop of unnamed add_weight that every construction runs once, and one
# whose pass count is not known (it saves when it runs once, as here; nothing says it runs more).
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow as tf
import tf_keras as keras


class WeightedSum(keras.layers.Layer):
    def __init__(self, n_models=2, **kwargs):
        super().__init__(**kwargs)
        self.n_models = n_models

    def build(self, input_shape):
        self.ensemble_weights = []
        for i in range(self.n_models):
            self.ensemble_weights.append(self.add_weight(shape=(1,), initializer="ones"))

    def call(self, inputs):
        return tf.add_n([inputs * w for w in self.ensemble_weights])


def save_one_member():
    model = keras.Sequential([keras.Input((3,)), WeightedSum(n_models=1)])
    model.save("one_member.h5")


def save_members_from_environment():
    model = keras.Sequential([keras.Input((3,)), WeightedSum(n_models=int(os.environ.get("MEMBERS", "1")))])
    model.save("members.h5")
