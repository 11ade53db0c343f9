# Duplicate get_variable/layer names in real shapes: helpers, loops, containers, parameters, class methods.
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


def embedding_table(vocab, dim):
    return tf.get_variable("embedding", [vocab, dim])


def output_projection(vocab, dim):
    return tf.get_variable("embedding_1", [dim, vocab])  # expect: TFV302


def case_helpers():
    tf.reset_default_graph()
    with tf.variable_scope("lm"):
        return embedding_table(10, 4), output_projection(10, 4)


def case_loop():
    tf.reset_default_graph()
    weights = []
    for size in [4, 8]:
        weights.append(tf.get_variable("w", [3, size]))  # expect: TFV302
    return weights


def case_names_in_a_list():
    tf.reset_default_graph()
    names = ["bias", "bias"]
    with tf.variable_scope("head"):
        first = tf.get_variable(names[0], [2])
        second = tf.get_variable(names[1], [2])  # expect: TFV302
    return first, second


def linear(x, weight_name, bias_name):
    w = tf.get_variable(weight_name, [3, 3])
    b = tf.get_variable(bias_name, [3, 3])  # expect: TFV302
    return tf.matmul(x, w) + b


def case_names_as_parameters():
    tf.reset_default_graph()
    return linear(tf.placeholder(tf.float32, [None, 3]), "w", "w")


class Tagger:
    def __init__(self):
        self.words = tf.placeholder(tf.int32, [None, None])

    def add_embeddings(self):
        with tf.variable_scope("embeddings"):
            self.table = tf.get_variable("table", [20, 4])

    def add_char_embeddings(self):
        with tf.variable_scope("embeddings"):
            self.chars = tf.get_variable("table_1", [10, 4])  # expect: TFV302

    def build(self):
        self.add_embeddings()
        self.add_char_embeddings()
        return self.table, self.chars


def case_methods_of_a_class():
    tf.reset_default_graph()
    return Tagger().build()


def case_dense_layers_in_a_scope():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 3])
    with tf.variable_scope("generator"):
        hidden = tf.layers.dense(x, 4, activation=tf.nn.relu, name="fc")
        return tf.layers.dense(hidden, 3, name="fc_1")  # expect: TFV302


def case_batch_norm_twice():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 3])
    return tf.layers.batch_normalization(tf.layers.batch_normalization(x, name="bn"), name="bn_1")  # expect: TFV302
