"""A Faster R-CNN code base's ResNet trunk (`nn_base`, with fixed names such as `conv1` and `res2a_branch2a` built by stage/block helpers) is reused as the base of a siamese network by calling the builder once per input image, so both trunks carry the same layer names.

Source: https://github.com/yhenon/keras-frcnn/issues/159
Shape: helper, parameter, functional, nested-helper
Target: keras3
Runtime: raises ValueError: The name "conv1" is used 2 times in the model
"""

import keras
from keras import layers
from keras import ops


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
    x = layers.MaxPooling2D((3, 3), strides=(2, 2))(x)
    x = identity_block(x, 3, [4, 8], stage=2, block="a", trainable=trainable)
    return x


def euclidean_distance(vects):
    x, y = vects
    return ops.sqrt(ops.maximum(ops.sum(ops.square(x - y), axis=1, keepdims=True), 1e-7))


input_shape_img = (32, 32, 3)
img_input_a = keras.Input(shape=input_shape_img)
img_input_b = keras.Input(shape=input_shape_img)

shared_layers_a = nn_base(img_input_a, trainable=True)
shared_layers_b = nn_base(img_input_b, trainable=True)  # expect: TFV104

embedding_a = layers.Flatten()(layers.GlobalAveragePooling2D()(shared_layers_a))
embedding_b = layers.Flatten()(layers.GlobalAveragePooling2D()(shared_layers_b))
distance = layers.Lambda(euclidean_distance, output_shape=(1,))([embedding_a, embedding_b])

model = keras.Model([img_input_a, img_input_b], distance)
model.summary()
