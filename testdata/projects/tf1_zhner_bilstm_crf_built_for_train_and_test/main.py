"""The entry script of the NER tagger: it builds a `BiLSTM_CRF` for training, then, to tag the test file in the same run, builds a second `BiLSTM_CRF` and calls `build_graph` again into the same default graph; the second build makes `bi-lstm/bidirectional_rnn/fw/lstm_cell/kernel` again.

Source: https://github.com/Determined22/zh-NER-TF/issues/34
Shape: class-attribute, tf1-graph, two-module, notebook-like
Target: tf1
Runtime: raises ValueError: Variable bi-lstm/bidirectional_rnn/fw/lstm_cell/kernel already exists, disallowed
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from model import BiLSTM_CRF, random_embedding

tag2label = {"O": 0, "B-PER": 1, "I-PER": 2}
embeddings = random_embedding(20, 6)

# mode == "train"
model = BiLSTM_CRF(8, embeddings, tag2label)
model.build_graph()
# ... model.train(train_data, dev_data) ...

# mode == "test": tag the test set with a fresh model object
test_model = BiLSTM_CRF(8, embeddings, tag2label)
test_model.build_graph()  # expect: TFV304
