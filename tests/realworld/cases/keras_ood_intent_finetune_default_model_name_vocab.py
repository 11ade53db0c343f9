"""An out-of-domain intent detector fine-tunes a BERT classifier in a helper whose `model_name` defaults to the English checkpoint, then copies the classifier's main layer into the multilingual BERT named in the config with `bert.layers[0].set_weights(classifier.layers[0].get_weights())`; the two vocabularies differ, so the token embedding cannot be copied.

Source: https://github.com/Makbari1997/A-hybrid-architecture-for-out-of-domain-intent-detection-and-intent-discovery/issues/1
Shape: helper, default-parameter, subclassed, model-layers-index, config-dict, get-weights-round-trip
Target: keras3
Runtime: raises ValueError: is not compatible with provided weight shape
"""

import numpy as np
import tensorflow as tf

VOCAB_SIZES = {"bert-base-uncased": 30, "bert-base-multilingual-uncased": 50}
HIDDEN = 8


class MainLayer(tf.keras.layers.Layer):
    def __init__(self, vocab_size, hidden, **kwargs):
        super().__init__(**kwargs)
        self.embeddings = tf.keras.layers.Embedding(vocab_size, hidden)
        self.pooler = tf.keras.layers.Dense(hidden, activation="tanh")

    def call(self, input_ids):
        return self.pooler(tf.reduce_mean(self.embeddings(input_ids), axis=1))


class BertModel(tf.keras.Model):
    def __init__(self, vocab_size, **kwargs):
        super().__init__(**kwargs)
        self.bert = MainLayer(vocab_size, HIDDEN, name="bert")

    def call(self, input_ids):
        return self.bert(input_ids)


class BertForSequenceClassification(tf.keras.Model):
    def __init__(self, vocab_size, num_labels, **kwargs):
        super().__init__(**kwargs)
        self.bert = MainLayer(vocab_size, HIDDEN, name="bert")
        self.classifier = tf.keras.layers.Dense(num_labels)

    def call(self, input_ids):
        return self.classifier(self.bert(input_ids))


def from_pretrained(cls, name, **kwargs):
    model = cls(VOCAB_SIZES[name], **kwargs)
    model(np.zeros((1, 4), "int32"))
    return model


def get_bert(name="bert-base-uncased"):
    return from_pretrained(BertModel, name)


def finetune(x_train, y_train, num_labels, model_name="bert-base-uncased", num_epochs=1):
    classifier = from_pretrained(BertForSequenceClassification, model_name, num_labels=num_labels)
    classifier.compile(optimizer="adam", loss=tf.keras.losses.CategoricalCrossentropy(from_logits=True))
    classifier.fit(x_train, y_train, epochs=num_epochs, verbose=0)
    return classifier


def run(config):
    x_train = np.random.randint(0, 30, size=(16, 4))
    y_train = tf.keras.utils.to_categorical(np.random.randint(0, 3, size=16), 3)
    bert = get_bert(config["bert"])
    classifier = finetune(x_train, y_train, num_labels=3, num_epochs=config["finetune_epochs"])
    bert.layers[0].set_weights(classifier.layers[0].get_weights())  # expect: TFV102
    return bert


run({"bert": "bert-base-multilingual-uncased", "finetune_epochs": 1})
