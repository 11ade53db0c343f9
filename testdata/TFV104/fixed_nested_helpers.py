# A helper with fixed layer names that calls another helper with fixed names, called once per input of one
# model (keras-resnet#50): every call makes the same names, the inner helper's too.
import keras
from keras import layers


def block(x, stage, name_prefix=""):
    base = f"res{stage}"
    y = layers.Dense(4, name=f"{name_prefix}{base}_dense")(x)
    return layers.Add(name=f"{name_prefix}{base}")([x, y])


def backbone(x, name_prefix=""):
    x = layers.Dense(4, name=f"{name_prefix}stem")(x)
    for stage in (2, 3):
        x = block(x, stage, name_prefix=name_prefix)
    return x


def case_two_backbones():
    image, mask = keras.Input((3,)), keras.Input((3,))
    image_net = backbone(image, name_prefix="image_net_")
    mask_net = backbone(mask, name_prefix="mask_net_")  # expect: TFV104, TFV104, TFV104
    model = keras.Model([image, mask], layers.Concatenate()([image_net, mask_net]))
    return [layer.name for layer in model.layers]


def unit(x, stage):
    return layers.Dense(4, name=f"unit{stage}")(x)


def trunk(x):
    x = layers.Dense(4, name="trunk_in")(x)
    return unit(x, 1)


make_unit = unit  # the inner helper is passed around: its callers cannot all be seen, no fix


def case_inner_helper_passed_around():
    a, b = keras.Input((3,)), keras.Input((3,))
    left = trunk(a)
    right = trunk(b)  # expect: TFV104, TFV104
    return [layer.name for layer in keras.Model([a, b], layers.Concatenate()([left, right])).layers]


def cell(x, stage, prefix):
    return layers.Dense(4, name=f"{prefix}cell{stage}")(x)


def column(x, prefix):
    x = layers.Dense(4, name=f"{prefix}in")(x)
    return cell(x, 1, prefix)


def case_prefix_already_handed_on():
    # Clean: the outer helper already hands a per-call prefix to the inner one.
    a, b = keras.Input((3,)), keras.Input((3,))
    left, right = column(a, "left_"), column(b, "right_")
    return [layer.name for layer in keras.Model([a, b], layers.Concatenate()([left, right])).layers]
