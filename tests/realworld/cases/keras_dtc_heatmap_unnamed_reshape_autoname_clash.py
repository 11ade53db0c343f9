"""Deep Temporal Clustering names the decoder's first layer `Reshape(..., name='reshape')` in `temporal_autoencoder()`; with `heatmap=True`, `DTC.initialize()` adds an unnamed `Reshape` on the encoder output, which Keras auto-names `reshape` too (an explicit name consumes no count), and the DTC model holds both (the reporter's `CuDNNLSTM` is `LSTM` here; TSClusteringLayer is a `Dense` head).

Source: https://github.com/FlorentF9/DeepTemporalClustering/issues/14
Shape: helper, class, method, parameter, conditional, functional
Target: keras3
Runtime: raises ValueError: The name "reshape" is used 2 times in the model
"""

from keras.models import Model
from keras.layers import Input, Conv1D, LeakyReLU, MaxPool1D, LSTM, Bidirectional, Reshape
from keras.layers import UpSampling2D, Conv2DTranspose, GlobalAveragePooling1D, Softmax, Dense, Flatten


def temporal_autoencoder(input_dim, timesteps, n_filters=50, kernel_size=10, strides=1, pool_size=10, n_units=[50, 1]):  # noqa: B006  (as in the repository)
    assert(timesteps % pool_size == 0)
    x = Input(shape=(timesteps, input_dim), name='input_seq')
    encoded = Conv1D(n_filters, kernel_size, strides=strides, padding='same', activation='linear')(x)
    encoded = LeakyReLU()(encoded)
    encoded = MaxPool1D(pool_size)(encoded)
    encoded = Bidirectional(LSTM(n_units[0], return_sequences=True), merge_mode='sum')(encoded)
    encoded = LeakyReLU()(encoded)
    encoded = Bidirectional(LSTM(n_units[1], return_sequences=True), merge_mode='sum')(encoded)
    encoded = LeakyReLU(name='latent')(encoded)

    decoded = Reshape((-1, 1, n_units[1]), name='reshape')(encoded)  # expect: TFV104
    decoded = UpSampling2D((pool_size, 1), name='upsampling')(decoded)
    decoded = Conv2DTranspose(input_dim, (kernel_size, 1), padding='same', name='conv2dtranspose')(decoded)
    output = Reshape((-1, input_dim), name='output_seq')(decoded)

    autoencoder = Model(inputs=x, outputs=output, name='AE')
    encoder = Model(inputs=x, outputs=encoded, name='encoder')
    return autoencoder, encoder


class DTC:
    def __init__(self, n_clusters, input_dim, timesteps, n_filters=50, kernel_size=10, strides=1, pool_size=10,
                 n_units=[50, 1], heatmap=False):  # noqa: B006  (as in the repository)
        assert(timesteps % pool_size == 0)
        self.n_clusters = n_clusters
        self.input_dim = input_dim
        self.timesteps = timesteps
        self.n_filters = n_filters
        self.kernel_size = kernel_size
        self.strides = strides
        self.pool_size = pool_size
        self.n_units = n_units
        self.heatmap = heatmap
        self.model = self.autoencoder = self.encoder = None
        if self.heatmap:
            self.heatmap_model = None

    def initialize(self):
        self.autoencoder, self.encoder = temporal_autoencoder(input_dim=self.input_dim,
                                                              timesteps=self.timesteps,
                                                              n_filters=self.n_filters,
                                                              kernel_size=self.kernel_size,
                                                              strides=self.strides,
                                                              pool_size=self.pool_size,
                                                              n_units=self.n_units)
        clustering_layer = Dense(self.n_clusters, activation='softmax', name='TSClustering')(
            Flatten()(self.encoder.output))

        if self.heatmap:
            n_heatmap_filters = self.n_clusters
            encoded = self.encoder.output
            heatmap_layer = Reshape((-1, 1, self.n_units[1]))(encoded)
            heatmap_layer = UpSampling2D((self.pool_size, 1))(heatmap_layer)
            heatmap_layer = Conv2DTranspose(n_heatmap_filters, (self.kernel_size, 1), padding='same')(heatmap_layer)
            heatmap_layer = Reshape((-1, n_heatmap_filters), name='Heatmap')(heatmap_layer)
            heatmap_output_layer = GlobalAveragePooling1D()(heatmap_layer)
            heatmap_output_layer = Softmax()(heatmap_output_layer)

        if self.heatmap:
            self.model = Model(inputs=self.autoencoder.input,
                               outputs=[self.autoencoder.output, clustering_layer, heatmap_output_layer])
            self.heatmap_model = Model(inputs=self.autoencoder.input, outputs=heatmap_layer)
        else:
            self.model = Model(inputs=self.autoencoder.input,
                               outputs=[self.autoencoder.output, clustering_layer])


dtc = DTC(n_clusters=2, input_dim=1, timesteps=128, n_filters=50, kernel_size=10, pool_size=8, n_units=[50, 1],
          heatmap=True)
dtc.initialize()
print([l.name for l in dtc.model.layers])
