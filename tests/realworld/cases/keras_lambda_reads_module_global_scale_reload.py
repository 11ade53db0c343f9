"""Two functional models scale their input in a `Lambda`, one by a literal (`lambda x: x * 10.0`) and one by a module-level number (`lambda x: x * size_of_something`); both are saved, and both load with `safe_mode=False`, but Keras 3 rebuilds the second lambda without the program's globals, so the loaded model's first prediction cannot find `size_of_something` (the literal one predicts as saved).

Source: https://github.com/keras-team/keras/issues/9431
Shape: lambda, module-global, functional, two-models, save-load
Target: keras3
Runtime: raises NameError: name 'size_of_something' is not defined
"""

import keras
import numpy as np

size_of_something = 10.0
input = keras.layers.Input(shape=(1, 1))
output1 = keras.layers.Lambda(lambda x: x * 10.0, output_shape=(1, 1))(input)
output2 = keras.layers.Lambda(lambda x: x * size_of_something, output_shape=(1, 1))(input)  # expect: TFV202

model1 = keras.models.Model(inputs=input, outputs=output1)
model2 = keras.models.Model(inputs=input, outputs=output2)
model1.compile(optimizer="rmsprop", loss="mse", metrics=["mae"])
model2.compile(optimizer="rmsprop", loss="mse", metrics=["mae"])
model1.save("model1.keras")
model2.save("model2.keras")
x = np.ones((2, 1, 1), dtype="float32")
loaded_model = keras.models.load_model("model1.keras", safe_mode=False)
print(loaded_model.predict(x, verbose=0).ravel())
loaded_model = keras.models.load_model("model2.keras", safe_mode=False)
print(loaded_model.predict(x, verbose=0).ravel())
