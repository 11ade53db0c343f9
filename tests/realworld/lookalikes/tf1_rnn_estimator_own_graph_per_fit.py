"""A scikit-learn style RNN classifier's `fit()` builds its graph in a fresh `tf.Graph()` of its own (`with self._graph.as_default():`), so a hyper-parameter search can call `fit()` once per trial.

Source: https://github.com/ageron/handson-ml/issues/123
Shape: class-attribute, loop, helper, tf1-graph
Target: tf1
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class RNNClassifier:
    def __init__(self, n_neurons=4, n_layers=2, learning_rate=0.01):
        self.n_neurons = n_neurons
        self.n_layers = n_layers
        self.learning_rate = learning_rate
        self._session = None

    def _build_graph(self, n_steps, n_inputs, n_outputs):
        X = tf.placeholder(tf.float32, [None, n_steps, n_inputs], name="X")
        y = tf.placeholder(tf.int32, [None], name="y")
        cells = [tf.nn.rnn_cell.GRUCell(num_units=self.n_neurons) for _ in range(self.n_layers)]
        outputs, states = tf.nn.dynamic_rnn(tf.nn.rnn_cell.MultiRNNCell(cells), X, dtype=tf.float32)
        logits = tf.layers.dense(states[-1], n_outputs)
        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
        self._training_op = tf.train.AdamOptimizer(self.learning_rate).minimize(loss)
        self._X, self._y, self._loss = X, y, loss
        self._init = tf.global_variables_initializer()

    def close_session(self):
        if self._session:
            self._session.close()

    def fit(self, X, y):
        self.close_session()
        self._graph = tf.Graph()
        with self._graph.as_default():
            self._build_graph(X.shape[1], X.shape[2], int(y.max()) + 1)
        self._session = tf.Session(graph=self._graph)
        self._session.run(self._init)
        self._session.run(self._training_op, {self._X: X, self._y: y})
        return self

    def score(self, X, y):
        return -self._session.run(self._loss, {self._X: X, self._y: y})


rng = np.random.RandomState(0)
X_train = rng.rand(6, 5, 3).astype("float32")
y_train = np.array([0, 1, 0, 1, 1, 0])
for params in [{"n_neurons": 4, "learning_rate": 0.01}, {"n_neurons": 3, "learning_rate": 0.05}]:
    clf = RNNClassifier(**params)
    clf.fit(X_train, y_train)
    print(params, clf.score(X_train, y_train))
