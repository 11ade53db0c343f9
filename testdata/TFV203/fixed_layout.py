# Layer calls over several lines, in single quotes: `unit_forget_bias=False` goes where the arguments are.
import keras

model = keras.Sequential(
    [
        keras.Input((5, 2)),
        keras.layers.LSTM(
            4,
            bias_initializer=keras.initializers.Constant(0.25),  # expect: TFV203
            name='stacked',
            unit_forget_bias=False,
        ),
    ]
)
aligned = keras.layers.LSTM(4,  # a comment that stays where it is
                            bias_initializer=keras.initializers.Constant(0.5),
                            unit_forget_bias=False)  # expect: TFV203
aligned(keras.ops.zeros((1, 5, 2)))
