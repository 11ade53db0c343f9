"""tfvarfix: find and fix TensorFlow/Keras variable-ownership bugs."""

__version__ = "0.1.0"
