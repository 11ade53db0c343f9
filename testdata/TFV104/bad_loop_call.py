# Found by the duplicate layer name rule: a Keras application made without a name on each pass of a loop, one
# backbone per input stream (tensorflow#32408): both keep the application's own name, and the functional model
# over both refuses it. The loop's index names each backbone.
import keras


def case_two_streams():
    inputs = [keras.Input((32, 32, 3)), keras.Input((32, 32, 3))]
    features = []
    for stream in inputs:
        backbone = keras.applications.MobileNetV3Small(input_shape=(32, 32, 3), include_top=False, weights=None, pooling="avg")  # expect: TFV104
        features.append(backbone(stream))
    merged = keras.layers.Concatenate()(features)
    model = keras.Model(inputs, keras.layers.Dense(2)(merged))
    return [layer.name for layer in model.layers if isinstance(layer, keras.Model)]


def case_two_streams_tuple():
    # The same over a parenthesized tuple of inputs (batch 6's two ResNet50 streams): enumerate((a, b)).
    left, right = keras.Input((32, 32, 3)), keras.Input((32, 32, 3))
    features = []
    for stream in (left, right):
        backbone = keras.applications.MobileNetV3Small(input_shape=(32, 32, 3), include_top=False, weights=None, pooling="avg")  # expect: TFV104
        features.append(backbone(stream))
    model = keras.Model([left, right], keras.layers.Dense(2)(keras.layers.Concatenate()(features)))
    return [layer.name for layer in model.layers if isinstance(layer, keras.Model)]


def activation(x=None, name="relu"):
    # StarGAN v2's ops.py factory: its `name` parameter's default names every layer it makes.
    layer = keras.layers.Activation(keras.activations.relu, name=name)
    return layer if x is None else layer(x)


def case_factory_default_name_in_a_loop():
    layers = [keras.Input((4,)), keras.layers.Dense(8, name="fc"), activation()]
    for i in range(3):
        layers += [keras.layers.Dense(8, name="fc_" + str(i))]
        layers += [activation()]  # expect: TFV104
    return [layer.name for layer in keras.Sequential(layers).layers]
