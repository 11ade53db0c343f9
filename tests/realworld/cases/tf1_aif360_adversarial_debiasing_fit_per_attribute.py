"""A fairness library's adversarial-debiasing model builds its classifier under `variable_scope(self.scope_name)` with `get_variable("W1")` when `fit()` runs; fitting a new model with the same `scope_name` for a second protected attribute makes `W1` again in the shared default graph.

Source: https://github.com/Trusted-AI/AIF360/issues/171
Shape: class, method, parameter, loop, tf1-graph, session
Target: tf1
Runtime: raises ValueError: Variable debiased_classifier/classifier_model/W1 already exists
"""

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class AdversarialDebiasing:
    def __init__(self, unprivileged_groups, privileged_groups, scope_name, sess, num_epochs=2, debias=True):
        self.scope_name = scope_name
        self.unprivileged_groups = unprivileged_groups
        self.privileged_groups = privileged_groups
        self.sess = sess
        self.num_epochs = num_epochs
        self.debias = debias
        self.classifier_num_hidden_units = 8

    def _classifier_model(self, features, features_dim, keep_prob):
        with tf.variable_scope("classifier_model"):
            W1 = tf.get_variable("W1", [features_dim, self.classifier_num_hidden_units], initializer=tf.initializers.glorot_uniform(seed=1))
            b1 = tf.Variable(tf.zeros(shape=[self.classifier_num_hidden_units]), name="b1")
            h1 = tf.nn.dropout(tf.nn.relu(tf.matmul(features, W1) + b1), rate=1 - keep_prob)
            W2 = tf.get_variable("W2", [self.classifier_num_hidden_units, 1], initializer=tf.initializers.glorot_uniform(seed=2))
            b2 = tf.Variable(tf.zeros(shape=[1]), name="b2")
            pred_logit = tf.matmul(h1, W2) + b2
        return tf.sigmoid(pred_logit), pred_logit

    def fit(self, features, labels):
        with tf.variable_scope(self.scope_name):
            num_train_samples, self.features_dim = np.shape(features)
            self.features_ph = tf.placeholder(tf.float32, shape=[None, self.features_dim])
            self.true_labels_ph = tf.placeholder(tf.float32, shape=[None, 1])
            self.keep_prob = tf.placeholder(tf.float32)
            self.pred_labels, pred_logits = self._classifier_model(self.features_ph, self.features_dim, self.keep_prob)
            loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=self.true_labels_ph, logits=pred_logits))
            train_op = tf.train.AdamOptimizer(0.01).minimize(loss)
            self.sess.run(tf.global_variables_initializer())
            for epoch in range(self.num_epochs):
                feed = {self.features_ph: features, self.true_labels_ph: labels, self.keep_prob: 0.8}
                _, loss_value = self.sess.run([train_op, loss], feed)
            print(self.scope_name, "loss", loss_value)
        return self


rng = np.random.default_rng(0)
features = rng.normal(size=(64, 5)).astype("float32")
labels = (features[:, :1] > 0).astype("float32")

sess = tf.Session()
for priv_category in ["sex", "race"]:
    privileged_groups = [{priv_category: 1}]
    unprivileged_groups = [{priv_category: 0}]
    debiased_model = AdversarialDebiasing(
        privileged_groups=privileged_groups,
        unprivileged_groups=unprivileged_groups,
        scope_name="debiased_classifier",
        num_epochs=2,
        debias=True,
        sess=sess,
    )
    debiased_model.fit(features, labels)  # expect: TFV304
