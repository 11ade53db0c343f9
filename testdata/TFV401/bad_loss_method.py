# A loss object builds its frozen feature model in the method given to `compile` (SRGAN's VGG_LOSS.vgg_loss,
# plaidml#379): Keras runs the loss in its traced train step, so the model's weights are made inside a
# tf.function on every trace.
import numpy as np
import keras


class FeatureLoss:
    def __init__(self, width):
        self.width = width

    def loss(self, y_true, y_pred):
        base = keras.Sequential([keras.Input((self.width,)), keras.layers.Dense(3, name="f1"),  # expect: TFV401
                                 keras.layers.Dense(2, name="f2")])  # expect: TFV401
        base.trainable = False
        for layer in base.layers:
            layer.trainable = False
        extractor = keras.Model(base.inputs, base.get_layer("f1").output)
        return keras.ops.mean(keras.ops.square(extractor(y_true) - extractor(y_pred)))


keras.utils.set_random_seed(0)
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(4)])
model.compile(optimizer="sgd", loss=FeatureLoss(4).loss)
x = np.random.RandomState(0).rand(8, 4).astype("float32")
history = model.fit(x, x, epochs=2, verbose=0)
