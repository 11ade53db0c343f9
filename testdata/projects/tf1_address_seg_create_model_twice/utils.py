"""Helpers of the address segmenter: `create_model` builds the model class and initialises its variables in a session."""

import tensorflow.compat.v1 as tf


def create_model(session, Model_class, config):
    model = Model_class(config)
    session.run(tf.global_variables_initializer())
    return model
