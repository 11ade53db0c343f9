# A model factory decorated with @tf.function to silence a retracing warning
# (Attention-Based-Aspect-Extraction#21): it builds, compiles and returns a Keras model. A tf.function cannot
# return a model, and its layers' variables are made in the trace: the first call raises. The fix drops the
# decorator; the factory then builds the model eagerly.
import numpy as np
import tensorflow as tf
import keras


def create_model(vocab_size):
    inputs = keras.Input(shape=(4,), dtype="int32")
    embedded = keras.layers.Embedding(vocab_size, 3, name="emb")(inputs)  # expect: TFV401
    pooled = keras.layers.GlobalAveragePooling1D()(embedded)
    return keras.Model(inputs, keras.layers.Dense(2, name="out")(pooled))  # expect: TFV401


@tf.function
def get_compiled_model():
    model = create_model(10)
    model.get_layer("emb").trainable = False
    model.compile(optimizer="sgd", loss="mse")
    return model


keras.utils.set_random_seed(1)
model = get_compiled_model()
history = model.fit(np.zeros((4, 4), "int32"), np.ones((4, 2), "float32"), epochs=2, verbose=0)
