"""StarGAN v2's mapping network stacks its shared layers with an `ops.py` factory, `Relu(x=None, name='relu')`, which returns `Activation(relu, name=name)`; `architecture_init` calls `Relu()` after every fully connected layer, in a loop, so every activation in the shared `Sequential` is named `relu`.

Source: https://github.com/clovaai/stargan-v2-tensorflow/issues/9
Shape: subclassed, helper, factory-default-name, loop, container, sequential
Target: keras3
Runtime: raises ValueError: All layers added to a Sequential model should have unique names
"""

import tensorflow as tf
from tensorflow.keras import Sequential


class FullyConnected(tf.keras.layers.Layer):
    def __init__(self, units, use_bias=True, name="FullyConnected"):
        super().__init__(name=name)
        self.units = units
        self.fc = tf.keras.layers.Dense(self.units, use_bias=use_bias, name=self.name)

    def call(self, x, training=None, mask=None):
        return self.fc(tf.keras.layers.Flatten()(x))


def Relu(x=None, name="relu"):
    if x is None:
        return tf.keras.layers.Activation(tf.keras.activations.relu, name=name)
    return tf.keras.layers.Activation(tf.keras.activations.relu, name=name)(x)


class MappingNetwork(tf.keras.Model):
    def __init__(self, style_dim=4, hidden_dim=8, num_domains=2, name="MappingNetwork"):
        super().__init__(name=name)
        self.style_dim = style_dim
        self.hidden_dim = hidden_dim
        self.num_domains = num_domains
        self.shared_layers, self.unshared_layers = self.architecture_init()

    def architecture_init(self):
        layers = []
        layers += [FullyConnected(units=self.hidden_dim, name="shared_fc")]
        layers += [Relu()]
        for i in range(3):
            layers += [FullyConnected(units=self.hidden_dim, name="shared_fc_" + str(i))]
            layers += [Relu()]  # expect: TFV104
        shared_layers = Sequential(layers)

        unshared_layers = []
        for n_d in range(self.num_domains):
            unshared_layers += [FullyConnected(units=self.style_dim, name="domain_{}_style_fc".format(n_d))]
        return shared_layers, unshared_layers

    def call(self, x_init, training=True, mask=None):
        z, domain = x_init
        h = self.shared_layers(z)
        x = tf.stack([layer(h) for layer in self.unshared_layers], axis=1)
        return tf.squeeze(tf.gather(x, domain, axis=1, batch_dims=-1), axis=1)


mapping_network = MappingNetwork()
print(mapping_network([tf.zeros((2, 6)), tf.constant([[0], [1]])]).shape)
