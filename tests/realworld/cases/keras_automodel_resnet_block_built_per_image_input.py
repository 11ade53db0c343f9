"""An AutoModel-style search graph with two image inputs: the graph builds one ImageBlock per input, and each block's ResNet branch builds its own keras.applications.ResNet50 backbone and calls it on that input; both backbones carry the application's fixed name, so the assembled functional model holds `resnet50` twice.

Source: https://github.com/keras-team/autokeras/issues/1553
Shape: class-hierarchy, block-build-method, loop-over-inputs, hyperparameter-dict, application-called-as-layer, nested-models, functional
Target: keras3
Runtime: raises ValueError: The name "resnet50" is used 2 times in the model
"""

import keras
from keras import layers


class Block:
    def build(self, hp, inputs):
        raise NotImplementedError


class ResNetBlock(Block):
    def build(self, hp, inputs):
        input_node = inputs
        if input_node.shape[-1] != 3:
            input_node = layers.Concatenate()([input_node] * 3)
        model = keras.applications.ResNet50(  # expect: TFV104
            include_top=False, weights=None, input_shape=tuple(input_node.shape[1:])
        )
        model.trainable = hp.get("trainable", True)
        return model(input_node)


class ConvBlock(Block):
    def build(self, hp, inputs):
        output_node = inputs
        for _ in range(hp.get("num_layers", 1)):
            conv = layers.Conv2D(hp.get("filters", 8), 3, padding="same", activation="relu")
            output_node = conv(output_node)
        return output_node


class ImageBlock(Block):
    def build(self, hp, inputs):
        if hp.get("block_type") == "resnet":
            output_node = ResNetBlock().build(hp, inputs)
        else:
            output_node = ConvBlock().build(hp, inputs)
        return layers.GlobalAveragePooling2D()(output_node)


class Graph:
    def __init__(self, input_shapes, num_outputs):
        self.input_shapes = input_shapes
        self.num_outputs = num_outputs

    def build(self, hp):
        keras_inputs = [keras.Input(shape) for shape in self.input_shapes]
        branch_outputs = [ImageBlock().build(hp, node) for node in keras_inputs]
        merged = layers.Concatenate()(branch_outputs)
        head = layers.Dense(self.num_outputs)(merged)
        return keras.Model(inputs=keras_inputs, outputs=head)


hp = {"block_type": "resnet", "trainable": True}
graph = Graph([(32, 32, 3), (32, 32, 3)], num_outputs=1)
model = graph.build(hp)
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
