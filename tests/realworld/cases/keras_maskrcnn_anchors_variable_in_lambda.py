"""Mask R-CNN's `MaskRCNN.build()` feeds its precomputed anchors to the graph with `KL.Lambda(lambda x: tf.Variable(anchors), name="anchors")(input_image)` ("a hack to get around Keras's bad support for constants"), so the Lambda creates an untracked variable each time it runs; and the lambda reads `anchors` when it runs, by which time the name holds the Lambda's own symbolic output, so `predict` fails inside it.

Source: https://github.com/matterport/Mask_RCNN/issues/2412
Shape: class, method, conditional, lambda-layer, closure, functional
Target: keras3
Runtime: raises ValueError: A KerasTensor cannot be used as input to a TensorFlow function
"""

import numpy as np
import tensorflow as tf
import keras.layers as KL
import keras.models as KM


class Config:
    BATCH_SIZE = 2
    IMAGE_SHAPE = (32, 32, 3)
    NUM_ANCHORS = 12


def generate_pyramid_anchors(count):
    return np.random.rand(count, 4).astype("float32")


class MaskRCNN:
    def __init__(self, mode, config, model_dir):
        self.mode = mode
        self.config = config
        self.model_dir = model_dir
        self.keras_model = self.build(mode=mode, config=config)

    def get_anchors(self, image_shape):
        return generate_pyramid_anchors(self.config.NUM_ANCHORS)

    def build(self, mode, config):
        input_image = KL.Input(shape=config.IMAGE_SHAPE, name="input_image")
        feature = KL.GlobalAveragePooling2D()(KL.Conv2D(4, 3, name="fpn_c2p2")(input_image))
        if mode == "training":
            anchors = self.get_anchors(config.IMAGE_SHAPE)
            anchors = np.broadcast_to(anchors, (config.BATCH_SIZE,) + anchors.shape)
            # A hack to get around Keras's bad support for constants
            anchors = KL.Lambda(lambda x: tf.Variable(anchors), name="anchors")(input_image)  # expect: TFV402
        else:
            anchors = KL.Input(shape=[None, 4], name="input_anchors")
        rpn_bbox = KL.Dense(4, name="rpn_bbox")(feature)
        output = KL.Lambda(lambda t: t[0][:, None, :] + t[1], name="refined_anchors")([rpn_bbox, anchors])
        return KM.Model([input_image], [output], name="mask_rcnn")


model = MaskRCNN(mode="training", config=Config(), model_dir="logs")
print(model.keras_model.predict(np.random.rand(2, 32, 32, 3), verbose=0).shape)
