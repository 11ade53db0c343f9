# Layers that all get one name from their class (a default, a literal passed to the base class) or from a
# constructor's default name (two applications): Keras refuses the second.
import keras


class Smooth(keras.layers.Layer):
    def __init__(self, width, name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        self.dense = keras.layers.Dense(width)

    def call(self, x):
        return self.dense(x)


class Block(keras.layers.Layer):
    def __init__(self, width):
        super().__init__()
        self.dense = keras.layers.Dense(width)

    def call(self, x):
        return self.dense(x)


class Lookup(keras.layers.Layer):
    def __init__(self, width):
        super().__init__(name="Lookup")
        self.dense = keras.layers.Dense(width)

    def call(self, x):
        return self.dense(x)


def case_default_name():
    model = keras.Sequential([keras.Input((3,)), Smooth(4), Smooth(2)])  # expect: TFV104
    return [layer.name for layer in model.layers]


def case_literal_name_in_a_comprehension():
    model = keras.Sequential([Block(3) for _ in range(2)])  # expect: TFV104
    model(keras.ops.zeros((1, 3)))
    return [layer.name for layer in model.layers]


def case_literal_name_looked_up():
    model = keras.Sequential([keras.Input((3,)), Lookup(3), Lookup(3)])  # expect: TFV104
    return model.get_layer("Lookup").name


def case_two_backbones():
    first = keras.Input((32, 32, 3))
    second = keras.Input((32, 32, 3))
    a = keras.applications.MobileNetV3Small(input_shape=(32, 32, 3), include_top=False, weights=None, pooling="avg")(first)
    b = keras.applications.MobileNetV3Small(input_shape=(32, 32, 3), include_top=False, weights=None, pooling="avg", name="MobileNetV3Small_1")(second)  # expect: TFV104
    model = keras.Model([first, second], keras.layers.Concatenate()([a, b]))
    return [layer.name for layer in model.layers[2:4]]


def backbone(name="MobileNetV3Small"):
    return keras.applications.MobileNetV3Small(input_shape=(32, 32, 3), include_top=False, weights=None, pooling="avg", name=name)


def case_two_backbones_from_a_helper():
    first = keras.Input((32, 32, 3))
    second = keras.Input((32, 32, 3))
    a = backbone()(first)
    b = backbone(name="MobileNetV3Small_2")(second)  # expect: TFV104
    model = keras.Model([first, second], keras.layers.Concatenate()([a, b]))
    return [layer.name for layer in model.layers[2:4]]
