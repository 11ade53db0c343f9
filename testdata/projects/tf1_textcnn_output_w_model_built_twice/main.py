"""A TF1 text-CNN script builds the model class (every variable made in its __init__, the output weights by
get_variable("W") under variable_scope("output")) for training, and builds it again for the dev-set evaluation in the
same default graph; the second build makes output/W again.

Source: https://github.com/dennybritz/cnn-text-classification-tf/issues/112
Shape: two-module, class-attribute, loop, tf1-graph, notebook-like
Target: tf1
Runtime: raises ValueError: Variable output/W already exists, disallowed
"""

import numpy as np
import tensorflow.compat.v1 as tf

from text_cnn import TextCNN

tf.disable_v2_behavior()

SEQ_LEN, NUM_CLASSES, VOCAB, EMB = 6, 2, 20, 4

cnn = TextCNN(SEQ_LEN, NUM_CLASSES, VOCAB, EMB, filter_sizes=[2, 3], num_filters=3)
train_op = tf.train.AdamOptimizer(1e-3).minimize(cnn.loss)

# dev evaluation: a second model object for the dev batches
dev_cnn = TextCNN(SEQ_LEN, NUM_CLASSES, VOCAB, EMB, filter_sizes=[2, 3], num_filters=3)  # expect: TFV304

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    x = np.random.randint(0, VOCAB, size=(4, SEQ_LEN))
    y = np.eye(NUM_CLASSES)[np.random.randint(0, NUM_CLASSES, size=4)]
    sess.run(train_op, {cnn.input_x: x, cnn.input_y: y})
    print(sess.run(dev_cnn.predictions, {dev_cnn.input_x: x}))
