"""SimEc's `LastLayerReg` kernel regularizer builds its orthogonality mask with `K.ones((d, d)) - K.eye(d)` on every call; tf_keras's `K.ones` and `K.eye` make variables, and with `orth_reg > 0` the regularizer runs inside `fit`'s traced train step, which refuses them.

Source: https://github.com/cod3licious/simec/issues/4
Shape: class, regularizer, parameter, helper, functional, tf-function
Target: tf_keras
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tf_keras as keras
import tf_keras.backend as K
from tf_keras.layers import Dense, Input
from tf_keras.models import Model
from tf_keras.regularizers import Regularizer


class LastLayerReg(Regularizer):
    def __init__(self, l2_reg=0.0, orth_reg=0.0, embedding_dim=0):
        self.l2_reg = K.cast_to_floatx(l2_reg)
        self.orth_reg = K.cast_to_floatx(orth_reg)
        if orth_reg > 0.0:
            assert embedding_dim > 0, "need to give shape of embedding layer"
            self.embedding_dim = embedding_dim

    def __call__(self, x):
        regularization = 0.0
        if self.l2_reg > 0.0:
            regularization += K.sum(self.l2_reg * K.square(x))
        if self.orth_reg > 0.0:
            mask = K.ones((self.embedding_dim, self.embedding_dim)) - K.eye(self.embedding_dim)  # expect: TFV401
            regularization += self.orth_reg * K.mean(K.square(mask * K.dot(x, K.transpose(x))))
        return regularization

    def get_config(self):
        return {"l2_reg": float(self.l2_reg), "orth_reg": float(self.orth_reg)}


class SimilarityEncoder(object):
    def __init__(self, in_dim, embedding_dim, out_dim, l2_reg_emb=0.00001, l2_reg_out=0.0, orth_reg=0.0, opt=0.0005):
        inputs = Input(shape=(in_dim,))
        embedding = Dense(embedding_dim, activation="linear", kernel_regularizer=keras.regularizers.l2(l2_reg_emb))(inputs)
        outputs = Dense(out_dim, activation="linear", use_bias=False,
                        kernel_regularizer=LastLayerReg(l2_reg_out, orth_reg, embedding_dim))(embedding)
        self.model = Model(inputs=inputs, outputs=outputs)
        self.model.compile(optimizer=keras.optimizers.Adamax(learning_rate=opt), loss="mse")

    def fit(self, X, S, epochs=25, batch_size=32, verbose=0):
        self.model.fit(X, S, epochs=epochs, batch_size=batch_size, verbose=verbose)
        self.model_embed = keras.Sequential(self.model.layers[:-1])

    def transform(self, X):
        return self.model_embed.predict(X, verbose=0)


N_DIMS_EMBEDDING = 3
m_sim = np.array([(1.0, 0.7, 0.3), (0.7, 1.0, 0.2), (0.3, 0.2, 1.0)])
m_feat = np.eye(3)
simec = SimilarityEncoder(m_feat.shape[1], N_DIMS_EMBEDDING, m_sim.shape[1], orth_reg=0.1, opt=0.01)
simec.fit(m_feat, m_sim, epochs=5)
print(simec.transform(m_feat))
