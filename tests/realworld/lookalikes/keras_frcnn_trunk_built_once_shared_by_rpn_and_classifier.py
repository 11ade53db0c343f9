"""A Faster R-CNN training script calls its ResNet trunk builder (fixed names such as `conv1`, `res2a_branch2a`) once, and feeds that one output to the RPN head and to the detection head; three functional models (RPN, classifier, and an "all" model for saving) each hold the trunk's layers once, so the fixed names never repeat within a model.

Source: https://github.com/yhenon/keras-frcnn/blob/master/train_frcnn.py
Shape: helper, nested-helper, parameter, functional, several-models
Target: keras3
Runtime: runs
"""

import keras
import numpy as np
from keras import layers


def identity_block(input_tensor, kernel_size, filters, stage, block, trainable=True):
    nb_filter1, nb_filter2 = filters
    conv_name_base = "res" + str(stage) + block + "_branch"
    bn_name_base = "bn" + str(stage) + block + "_branch"
    x = layers.Conv2D(nb_filter1, (1, 1), name=conv_name_base + "2a", trainable=trainable)(input_tensor)
    x = layers.BatchNormalization(name=bn_name_base + "2a")(x)
    x = layers.Activation("relu")(x)
    x = layers.Conv2D(
        nb_filter2, kernel_size, padding="same", name=conv_name_base + "2b", trainable=trainable
    )(x)
    x = layers.BatchNormalization(name=bn_name_base + "2b")(x)
    x = layers.Add()([x, input_tensor])
    return layers.Activation("relu")(x)


def nn_base(input_tensor, trainable=False):
    x = layers.ZeroPadding2D((3, 3))(input_tensor)
    x = layers.Conv2D(8, (7, 7), strides=(2, 2), name="conv1", trainable=trainable)(x)
    x = layers.BatchNormalization(name="bn_conv1")(x)
    x = layers.Activation("relu")(x)
    x = identity_block(x, 3, [4, 8], stage=2, block="a", trainable=trainable)
    return x


def rpn(base_layers, num_anchors):
    x = layers.Conv2D(8, (3, 3), padding="same", activation="relu", name="rpn_conv1")(base_layers)
    x_class = layers.Conv2D(num_anchors, (1, 1), activation="sigmoid", name="rpn_out_class")(x)
    x_regr = layers.Conv2D(num_anchors * 4, (1, 1), activation="linear", name="rpn_out_regress")(x)
    return [x_class, x_regr, base_layers]


def classifier(base_layers, roi_input, nb_classes):
    pooled = layers.GlobalAveragePooling2D()(base_layers)
    rois = layers.Flatten()(roi_input)
    x = layers.Concatenate()([pooled, rois])
    x = layers.Dense(16, activation="relu", name="fc1")(x)
    out_class = layers.Dense(nb_classes, activation="softmax", name="dense_class_{}".format(nb_classes))(x)
    out_regr = layers.Dense(
        4 * (nb_classes - 1), activation="linear", name="dense_regress_{}".format(nb_classes)
    )(x)
    return [out_class, out_regr]


num_rois, nb_classes, num_anchors = 2, 3, 9
img_input = keras.Input(shape=(32, 32, 3))
roi_input = keras.Input(shape=(num_rois, 4))

shared_layers = nn_base(img_input, trainable=True)
rpn_outputs = rpn(shared_layers, num_anchors)
classifier_outputs = classifier(shared_layers, roi_input, nb_classes)

model_rpn = keras.Model(img_input, rpn_outputs[:2])
model_classifier = keras.Model([img_input, roi_input], classifier_outputs)
model_all = keras.Model([img_input, roi_input], rpn_outputs[:2] + classifier_outputs)

model_rpn.compile(optimizer="adam", loss=["binary_crossentropy", "mse"])
model_classifier.compile(optimizer="adam", loss=["categorical_crossentropy", "mse"])
model_all.compile(optimizer="sgd", loss="mae")

images = np.random.rand(2, 32, 32, 3).astype("float32")
rois = np.random.rand(2, num_rois, 4).astype("float32")
rpn_targets = [
    np.zeros((2, 16, 16, num_anchors), "float32"),
    np.zeros((2, 16, 16, num_anchors * 4), "float32"),
]
model_rpn.train_on_batch(images, rpn_targets)
class_targets = [np.eye(nb_classes)[[0, 1]].astype("float32"), np.zeros((2, 4 * (nb_classes - 1)), "float32")]
model_classifier.train_on_batch([images, rois], class_targets)
assert model_all.get_layer("conv1") is model_rpn.get_layer("conv1") is model_classifier.get_layer("conv1")
model_all.save_weights("model_frcnn.weights.h5")
