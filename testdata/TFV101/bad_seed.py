# Seed article 1, example 1, as written except for `model.compile(...)`, whose literal `...` raises
# `ValueError: Could not interpret optimizer identifier: Ellipsis`; the article says a naming conflict is raised.
# Nothing is: the variable is detached, and its [100, 64] could never be the LSTM(64) kernel, (input_dim, 256).
import tensorflow as tf

model = tf.keras.Sequential([
    tf.keras.layers.LSTM(64, return_sequences=True, name='my_lstm'),  #Correct Initialization
    tf.keras.layers.Dense(10)
])

# INCORRECT ATTEMPT: Trying to create a new kernel with the same name
my_lstm_kernel = tf.Variable(tf.random.normal([100, 64]), name='my_lstm/kernel')  # expect: TFV101, TFV102

model.compile(optimizer="adam", loss="mse") #This will likely fail or cause unpredictable behavior due to naming conflict.
