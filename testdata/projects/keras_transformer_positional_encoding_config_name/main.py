"""The training script of the chatbot: it builds the transformer from model.py, trains a step, saves it and loads it back; loading re-creates `PositionalEncoding` from its config, whose `name`/`trainable`/`dtype` keys its `__init__` cannot take.

Source: https://github.com/tensorflow/datasets/issues/3175
Shape: helper, functional, two-module
Target: keras3
Runtime: raises TypeError: unexpected keyword argument
"""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np
import keras

from model import build_transformer

model = build_transformer(vocab_size=12, max_length=6, d_model=4)
model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
model.fit(np.random.randint(0, 12, (4, 6)), np.random.randint(0, 12, (4,)), epochs=1, verbose=0)
path = os.path.join(tempfile.mkdtemp(), "newest_model.keras")
model.save(path)
model = keras.models.load_model(path)
