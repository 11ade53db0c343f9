"""A model's architecture helper puts two LeakyReLU layers with the same literal name into one Sequential.

Source: https://github.com/clovaai/stargan-v2-tensorflow/issues/19
Shape: subclassed, helper, container, sequential, class-attribute
Target: keras3
Runtime: raises ValueError: All layers added to a Sequential model should have unique names
"""

import keras


class StyleEncoder(keras.Model):
    def __init__(self, channels=4, repeat_num=2, num_domains=2, style_dim=3, name="StyleEncoder"):
        super().__init__(name=name)
        self.channels = channels
        self.repeat_num = repeat_num
        self.num_domains = num_domains
        self.style_dim = style_dim
        self.shared_layers, self.unshared_layers = self.architecture_init()

    def architecture_init(self):
        blocks = []
        blocks += [keras.layers.Conv2D(self.channels, 3, padding="same", name="init_conv")]
        for i in range(self.repeat_num):
            blocks += [keras.layers.Conv2D(self.channels, 3, strides=2, padding="same", name="resblock_" + str(i))]
        blocks += [keras.layers.LeakyReLU(negative_slope=0.2, name="leaky_relu")]
        blocks += [keras.layers.Conv2D(self.channels, 2, name="conv")]
        blocks += [keras.layers.LeakyReLU(negative_slope=0.2, name="leaky_relu")]  # expect: TFV104
        shared_layers = keras.Sequential(blocks)
        unshared_layers = [
            keras.layers.Dense(self.style_dim, name=f"domain_{n_d}_style_fc") for n_d in range(self.num_domains)
        ]
        return shared_layers, unshared_layers

    def call(self, x):
        h = keras.layers.Flatten()(self.shared_layers(x))
        return [layer(h) for layer in self.unshared_layers]


encoder = StyleEncoder()
print(len(encoder(keras.ops.zeros((1, 8, 8, 3)))))
