"""StarGAN's fixed architecture helper: activations get uuid names, the per-domain layers get names formatted from both loop indices.

Source: https://github.com/clovaai/stargan-v2-tensorflow/blob/master/networks.py
Shape: subclassed, helper, loop, container, sequential, class-attribute
Target: keras3
Runtime: runs
"""

import uuid

import keras


class MappingNetwork(keras.Model):
    def __init__(self, style_dim=3, hidden_dim=4, num_domains=2, name="MappingNetwork"):
        super().__init__(name=name)
        self.style_dim = style_dim
        self.hidden_dim = hidden_dim
        self.num_domains = num_domains
        self.shared_layers, self.unshared_layers = self.architecture_init()

    def architecture_init(self):
        layers = [keras.layers.Dense(self.hidden_dim, name="shared_fc"), keras.layers.ReLU(name=str(uuid.uuid4()))]
        for i in range(2):
            layers += [keras.layers.Dense(self.hidden_dim, name="shared_fc_" + str(i))]
            layers += [keras.layers.ReLU(name=str(uuid.uuid4()))]
        shared_layers = keras.Sequential(layers)

        unshared_layers = []
        for n_d in range(self.num_domains):
            layers = []
            for i in range(2):
                layers += [keras.layers.Dense(self.hidden_dim, name="domain_{}_unshared_fc_{}".format(n_d, i))]
                layers += [keras.layers.ReLU(name=str(uuid.uuid4()))]
            layers += [keras.layers.Dense(self.style_dim, name="domain_{}_style_fc".format(n_d))]
            unshared_layers += [keras.Sequential(layers)]
        return shared_layers, unshared_layers

    def call(self, z):
        h = self.shared_layers(z)
        return keras.ops.stack([branch(h) for branch in self.unshared_layers], axis=1)


print(MappingNetwork()(keras.ops.zeros((2, 5))).shape)
