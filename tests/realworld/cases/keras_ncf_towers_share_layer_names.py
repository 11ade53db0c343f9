"""A recommender builder names the Dense layers of both towers 'layer%d' % idx, so the user and item towers collide.

Source: https://github.com/keras-team/keras/issues/11827
Shape: helper, loop, functional, parameter
Target: keras3
Runtime: raises ValueError: The name "layer1" is used 2 times in the model
"""

import keras


def get_model(num_users, num_items, userlayers=(8, 4), itemlayers=(8, 4)):
    user_input = keras.Input(shape=(1,), dtype="int32", name="user_input")
    item_input = keras.Input(shape=(1,), dtype="int32", name="item_input")

    user_embedding = keras.layers.Embedding(num_users, userlayers[0], name="user_embedding")
    item_embedding = keras.layers.Embedding(num_items, itemlayers[0], name="item_embedding")

    user_latent = keras.layers.Flatten()(user_embedding(user_input))
    for idx in range(1, len(userlayers)):
        layer = keras.layers.Dense(userlayers[idx], activation="relu", name="layer%d" % idx)
        user_latent = layer(user_latent)

    item_latent = keras.layers.Flatten()(item_embedding(item_input))
    for idx in range(1, len(itemlayers)):
        layer = keras.layers.Dense(itemlayers[idx], activation="relu", name="layer%d" % idx)  # expect: TFV104
        item_latent = layer(item_latent)

    vector = keras.layers.Multiply()([user_latent, item_latent])
    prediction = keras.layers.Dense(1, activation="sigmoid", name="prediction")(vector)
    return keras.Model(inputs=[user_input, item_input], outputs=prediction)


model = get_model(num_users=10, num_items=12)
print(model.count_params())
