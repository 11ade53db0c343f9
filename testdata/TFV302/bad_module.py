# Notebook-style module code: the input and output embeddings both called "embedding".
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()

ids = tf.placeholder(tf.int32, [None, None])
embedding = tf.get_variable("embedding", [10, 4])
vectors = tf.nn.embedding_lookup(embedding, ids)
softmax_w = tf.get_variable("embedding", [4, 10])  # expect: TFV302
logits = tf.tensordot(vectors, softmax_w, 1)
