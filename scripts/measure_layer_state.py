"""Which built-in Keras layers own no variable (keras/names.py STATELESS_LAYERS): each is built by a call and its
`variables` counted; the random layers are listed too, to show why they are left out (a seed generator's state).

    python scripts/measure_layer_state.py
"""

from __future__ import annotations

import numpy as np


def main() -> None:
    import keras
    from keras import layers

    from tfvarfix.keras.names import STATELESS_LAYERS

    one = {"Reshape": ((4, 2),), "Permute": ((2, 1),), "RepeatVector": (3,), "Activation": ("relu",)}
    one.update(dict.fromkeys(("AveragePooling1D", "AveragePooling2D", "AveragePooling3D"), (2,)))
    one.update(
        dict.fromkeys(("Cropping1D", "Cropping2D", "Cropping3D", "ZeroPadding1D", "ZeroPadding2D"), (1,))
    )
    one.update({"ZeroPadding3D": (1,), "Rescaling": (0.5,)})
    merging = {"Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate", "Dot"}
    wrong = []
    for name in sorted(STATELESS_LAYERS):
        layer = getattr(layers, name)(*one.get(name, ((1,) if name == "Dot" else ())))
        rank = 3 if name.endswith("1D") or name in ("Permute", "Masking") else 5 if name.endswith("3D") else 4
        shape = (
            (2, 8)
            if name
            in (
                "Reshape",
                "RepeatVector",
                "Activation",
                "Identity",
                "ReLU",
                "LeakyReLU",
                "ELU",
                "Softmax",
                "ActivityRegularization",
                "Rescaling",
            )
            else (2, *([4] * (rank - 2)), 3)
        )
        if name in merging:
            layer([np.ones((2, 3), "float32"), np.ones((2, 3), "float32")])
        else:
            layer(np.ones(shape, "float32"))
        if layer.variables:
            wrong.append(name)
    random = {
        name: len(getattr(layers, name)(0.3).variables)
        for name in ("Dropout", "GaussianNoise", "AlphaDropout")
    }
    print(f"keras {keras.__version__}: {len(STATELESS_LAYERS)} layers, with variables: {wrong or 'none'}; "
          f"random layers' variables: {random}")  # fmt: skip


if __name__ == "__main__":
    main()
