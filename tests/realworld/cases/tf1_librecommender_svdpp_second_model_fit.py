"""A recommender library's SVD++ model builds its TF1 graph inside `fit()` with `get_variable("bu_var")` and friends; tuning by fitting a second model in the same session of Python makes the same variables again in the one default graph.

Source: https://github.com/massquantity/LibRecommender/issues/26
Shape: class, method, tf1-graph, session
Target: tf1
Runtime: raises ValueError: Variable bu_var already exists
"""

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class SVDpp:
    def __init__(self, task, data_info, embed_size=16, n_epochs=3, lr=0.001, reg=None, batch_size=256):
        self.task = task
        self.n_users = data_info["n_users"]
        self.n_items = data_info["n_items"]
        self.embed_size = embed_size
        self.n_epochs = n_epochs
        self.lr = lr
        self.reg = reg
        self.batch_size = batch_size
        self.sess = tf.Session()

    def _build_model(self):
        self.user_indices = tf.placeholder(tf.int32, shape=[None])
        self.item_indices = tf.placeholder(tf.int32, shape=[None])
        self.labels = tf.placeholder(tf.float32, shape=[None])

        self.bu_var = tf.get_variable(name="bu_var", shape=[self.n_users], initializer=tf.zeros_initializer())
        self.bi_var = tf.get_variable(name="bi_var", shape=[self.n_items], initializer=tf.zeros_initializer())
        self.pu_var = tf.get_variable(
            name="pu_var",
            shape=[self.n_users, self.embed_size],
            initializer=tf.truncated_normal_initializer(0.0, 0.05),
        )
        self.qi_var = tf.get_variable(
            name="qi_var",
            shape=[self.n_items, self.embed_size],
            initializer=tf.truncated_normal_initializer(0.0, 0.05),
        )
        bias_user = tf.nn.embedding_lookup(self.bu_var, self.user_indices)
        bias_item = tf.nn.embedding_lookup(self.bi_var, self.item_indices)
        embed_user = tf.nn.embedding_lookup(self.pu_var, self.user_indices)
        embed_item = tf.nn.embedding_lookup(self.qi_var, self.item_indices)
        self.output = bias_user + bias_item + tf.reduce_sum(embed_user * embed_item, axis=1)

    def _build_train_ops(self):
        self.loss = tf.losses.mean_squared_error(labels=self.labels, predictions=self.output)
        self.training_op = tf.train.AdamOptimizer(self.lr).minimize(self.loss)

    def fit(self, train_data, verbose=1):
        self._build_model()
        self._build_train_ops()
        self.sess.run(tf.global_variables_initializer())
        users, items, labels = train_data
        for epoch in range(self.n_epochs):
            for start in range(0, len(users), self.batch_size):
                feed = {
                    self.user_indices: users[start:start + self.batch_size],
                    self.item_indices: items[start:start + self.batch_size],
                    self.labels: labels[start:start + self.batch_size],
                }
                train_loss, _ = self.sess.run([self.loss, self.training_op], feed)
            if verbose:
                print("epoch", epoch, "loss", train_loss)


rng = np.random.default_rng(0)
data_info = {"n_users": 30, "n_items": 40}
train_data = (rng.integers(0, 30, 500), rng.integers(0, 40, 500), rng.uniform(1, 5, 500).astype("float32"))

svdpp = SVDpp(task="rating", data_info=data_info, embed_size=16, n_epochs=3, lr=0.001, reg=None, batch_size=256)
svdpp.fit(train_data, verbose=2)

svdpp = SVDpp(task="rating", data_info=data_info, embed_size=32, n_epochs=3, lr=0.001, reg=None, batch_size=256)
svdpp.fit(train_data, verbose=2)  # expect: TFV304
