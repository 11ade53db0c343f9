from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import replace

import libcst as cst

from tfvarfix.codegen import (
    is_registered,
    keras_prefix,
    register_decorator,
    string,
    unique_name,
    with_keywords,
)
from tfvarfix.keras.config_keys import BASE, in_config_order, returned_keys
from tfvarfix.keras.names import BUILTIN_OBJECT_CONFIGS, OBJECT_BASES
from tfvarfix.keras.spec import Flavor
from tfvarfix.keras.table import layer_spec
from tfvarfix.keras.transfer import CHECKPOINT_SAVE, TF_CHECKPOINTS
from tfvarfix.rule import AddImport, Finding, FixPlan, InsertAfter, InsertBefore, NodeEdit, Replace, Rule
from tfvarfix.semantics.events import Created, Ctx, CtxKind, Escapes, Event, MethodCall, UnknownCall, UserCall
from tfvarfix.semantics.facts import Facts, reachable
from tfvarfix.semantics.heap import Items, held_values, present
from tfvarfix.semantics.values import (
    AV,
    NOTHING,
    TOP,
    Args,
    BoundMethod,
    ClassObj,
    DictObj,
    FuncObj,
    InstanceObj,
    KerasObj,
    LayerObj,
    ListObj,
    ModelKind,
    ModelObj,
    Obj,
    PartialObj,
    TensorObj,
    TupleObj,
    VarObj,
    const,
    upstream,
)
from tfvarfix.semantics.walker import descendants, sole_assignment
from tfvarfix.types import FixAvailability, FixSafety, Rename, VerifyCheck

# `CHECKPOINT_SAVE`: recorded at a `fit` whose ModelCheckpoint callback saves the whole model.
SAVES = ("keras.Model.save", ".save", "keras.saving.save_model", "keras.models.save_model", CHECKPOINT_SAVE)
LOADS = ("keras.models.load_model", "keras.saving.load_model")
_LAYER = (
    "has no `get_config` and its `__init__` takes no `**kwargs`: Keras 3 `load_model` raises "
    "`TypeError: ... got an unexpected keyword argument 'trainable'`"
)
_BOUND_METHOD = (
    "is a bound method given to `Lambda` in a model this module saves: Keras 3 saves it as `{'module': "
    "'builtins', 'class_name': 'method', 'config': ...}`, which no load can rebuild (`TypeError: ... could not be "
    "deserialized properly ... Expected 'config' to be a dict for method`, with `custom_objects` or "
    "`safe_mode=False` too); give `Lambda` a registered module-level function instead, passing what it reads "
    "from the object through `Lambda(..., arguments={...})`"
)
_MODEL = (
    "has no `get_config`: Keras 3 `model.save` raises `NotImplementedError: Object {name} was created by passing "
    "non-serializable argument values in `__init__()`...`"
)


class UnserializableCustomObject(Rule):
    """
    ## What it does
    Finds a custom Keras `Initializer`, `Constraint` or `Regularizer` whose constructor arguments do not
    survive `model.save` and `keras.models.load_model` because it has no `get_config`; and, in a Keras 3 module
    that saves a model, a custom `Layer` or `Model` without `get_config` whose `__init__` takes no `**kwargs`,
    or a subclassed `Model` without `get_config` whose `__init__` takes an argument without a default (or one
    whose default is an object), or is made with a value other than a default for one (a `ModelCheckpoint`
    given to `fit` saves the model too, unless `save_weights_only=True`: hlamba28/One-Shot-Learning#3). A
    layer that a subclassed model's `__init__` makes (that model without a `get_config` of its own) is not
    reported for its config or its registration: the load runs that `__init__` again. Also a custom
    class nothing registers, in a model the module saves to a `.keras` or `.h5` file and loads back from that
    same path without `custom_objects` (mvoelk/keras_layers#1, keras-io#894): the fix registers it. In a Keras
    3 module that saves, a layer without `get_config` that every construction gives an instance of a plain class
    of the program (maxvit#6: `MaxViT(config)`; Keras cannot derive its config; no fix), or a Keras object: a
    model, a layer, an initializer or a variable (keras#4871: `SpatialTransformer(localization_net=locnet)`;
    Keras derives a config only from `str`, `int`, `float`, `bool` and `None` arguments). In tf_keras code
    that saves to an HDF5 file (`.h5`, `.hdf5`, not `.weights.h5`; `save`, `save_weights`, a `ModelCheckpoint`),
    a custom layer whose method makes two or more weights with `add_weight` and no `name` (tensorflow#36650:
    the custom-layer guide's `Linear`; one call on each pass of a `for` or a comprehension counts once a pass,
    where every construction's pass count is known: tensorflow#51840's `for i in range(self.n_models)`): each is
    `Variable:0` in the layer's scope, and the save raises
    `ValueError: Unable to synchronously create dataset (name already exists)`. In tf_keras code that saves a
    model in the TensorFlow format (`save` to a path whose last part has no `.h5`, `.hdf5` or `.keras` ending,
    or `save_format="tf"`; `save_weights` to a checkpoint prefix; a `ModelCheckpoint` to such a path), one such
    weight is enough (tensorflow#36962, #51835, #59954): tf_keras leaves its name `None`, and the save raises
    `AttributeError: 'NoneType' object has no attribute 'replace'`; so does a `tf.train.Checkpoint` given the
    model or the layer, when it is saved (`save`, `write`, a `CheckpointManager`'s `save`: tensorflow#35241;
    not a checkpoint of variables and optimizers only). In tf_keras code that saves to an HDF5 file, also a
    custom layer (not a `Model`) whose `build` builds two or more of its built-in sub-layers by hand, whose
    weights share a name (jkiesele/caloGraphNN#2's `GravNet`: `self.input_feature_transform.build(shape)` for
    three `Dense`; two `BatchNormalization`; tensorflow#41021: `unit = self.units[i]; unit.build(shape)` on each
    pass of a `for`, and so through a helper method or over a dict's `items()`): a hand `build` does not enter
    the sub-layer's name scope, so each kernel is `<layer>/kernel:0`, and the save raises the same `name already
    exists` (a `Dense` and a `BatchNormalization`, builds under `with tf.name_scope(sub.name):`, one sub-layer
    built by hand, sub-layers built by their own call, and a subclassed `Model`'s hand builds save; Keras 3
    names each weight by its sub-layer's path and saves). In Keras 3
    code, also a
    `get_config` whose keys (read when certain: `config.update({...})`, `config["k"] = ...`, `{**base, ...}`,
    `dict(list(base.items()) + list(config.items()))`) leave out an `__init__` argument without a default, on
    a class the code puts in a model itself (not one another layer makes in its `__init__`, nor an abstract
    base; but one that a built-in layer's subclass stores, in its `__init__` or `build`, on an attribute the
    built-in's `get_config` saves: `self.kernel_constraint = Clip(...)` in a `Dense` subclass) and that does not
    override `from_config`; and on such a `Layer`, `Initializer`, `Constraint` or
    `Regularizer` subclass, a `get_config` key its `__init__` cannot take: no parameter of that name and no
    `**kwargs` (keras#8956: `{"name": self.__class__.__name__, "c": self.c}` on a constraint taking only `c`;
    and `super().get_config()` of a `Layer`, which holds `name`, `trainable` and `dtype`), or, on a direct
    `Layer` subclass whose `**kwargs` go untouched to one `super().__init__(..., **kwargs)`, a key that
    `Layer.__init__` does not take either. In Keras 3 code, a subclass of one of Keras's own initializers,
    regularizers or constraints (`VarianceScaling`, `L2`, `MaxNorm`...) without a `get_config` of its own whose
    `__init__` (no `**kwargs`) cannot take the keys the base's config holds, or needs an argument it lacks
    (tf_SIREN#17: a `VarianceScaling` subclass taking `w0` and `c`). In a Keras 3 module that saves a model, a
    direct `Layer` subclass handing `**kwargs` to `Layer.__init__` whose `get_config` returns a dict literal,
    without the base config, holding a `name` the same for every instance (`"LRN"`, `self.__class__.__name__`,
    `type(self).__name__`; keras#11210), made at two places or on each pass of a loop. And in a Keras 3
    module that saves a model, a module-level function (undecorated) given as a built-in layer's
    `*_initializer`, `*_regularizer` or `*_constraint` (keras-oneshot#10: `kernel_initializer=W_init`), unless
    every load that may read a file holding it passes it in `custom_objects` (where each save writes one
    constant path: the loads of a path after a save of it holding the layer, before the next save of it sure to
    run; handson-ml2's chapter 12 loads each file with the functions of the model last saved to it), or the
    layer is in none of the models the module saves (where every save's model and its layers are known). In a
    Keras 3 module that saves a functional model, a
    `Lambda` in it given a Python `lambda` that reads a module the program imports (keras-oneshot#10:
    `Lambda(lambda x: ops.abs(x[0] - x[1]))`) or a module-level name of the program that no enclosing function
    binds: a function or a number (keras#9431's `lambda x: x * size_of_something`, tensorflow#54198's
    `lambda x: dummy_padding(x, padding_size)` in a helper that builds a `Sequential` by `add`); or given a
    function made by `def` that is not registered and that some load may read without it in `custom_objects`
    (CAP#10: `crop(dimension, start, end)` returns `Lambda(func)` for a nested `func`), reported at a
    module-level `def`, and at the `Lambda` for a nested one; or given a bound method (keras#13992:
    `Lambda(self.custom_layer)`; a classmethod), reported at the `Lambda`'s argument. In a module that saves a
    model and loads it back, a module-level function (undecorated) given to that model's `compile` as `loss`
    (or its second positional argument), `metrics` or `weighted_metrics`, directly or in lists and dicts
    (keras#11363's `metrics=["accuracy", f1]`), when some load that may read the file compiles the model (no
    `compile=False`) without the function in an inline `custom_objects` dict; the compile config the save
    writes is the last `compile` before it. Keras 3 code counts only saves and loads of `.keras` files;
    tf_keras code every format.
    A layer or model class defined inside a function
    that nothing in the module calls (a test method) has no instance outside that function's run: it is
    reported only when a model is saved during that run (keras's export tests export such a layer as a
    SavedModel and save another model in another test). A save counts for a layer or model class only when it
    can hold an instance: one made after the first instance, of a model that holds one where every saved
    model's layers are known; `tf.train.Checkpoint(...).save(prefix)` writes variables, not a model's config
    (it counts only for the unnamed weights above).

    ## Why is this bad?
    Saving succeeds; loading fails or silently changes the object. The base `Initializer.get_config()` and
    `Constraint.get_config()` return `{}`, so an argument without a default fails at load with
    `TypeError: X.__init__() missing 1 required positional argument: 'scale'`, and an argument with a default
    comes back at its default. `Regularizer` has no `get_config` at all: `model.save` raises
    `NotImplementedError: <...> does not implement get_config()`. Custom layers are different: Keras 3 and
    tf_keras record the `__init__` arguments of a layer by themselves when they are plain values, but Keras 3
    loads them together with `name`, `trainable` and `dtype`, so an `__init__` without `**kwargs` fails with
    `TypeError: ... __init__() got an unexpected keyword argument 'trainable'`. A subclassed Keras 3 `Model`
    without `get_config` gets a config from its `__init__`'s defaults alone (`Model.__new__` sees none of the
    arguments given): with an argument that has no default, `model.save` raises, `**kwargs` or not:
    `NotImplementedError: Object M was created by passing non-serializable argument values in __init__()`;
    with defaults only, the save writes the defaults and the load rebuilds the model from them, silently
    (`Scaled(scale=5.0)` reloads with `scale=1.0`), or fails to load its weights when they set a shape. Made
    with nothing but `name`, it saves and loads. The layers such a model's `__init__` makes are made again by
    the load, never looked up by name (measured, Keras 3.15.1 and tf_keras 2.21). A config key `__init__`
    cannot take fails the load the same way, since `from_config` is `cls(**config)`: Keras 3 raises
    `TypeError: <class 'keras.src.models.functional.Functional'> could not be deserialized properly ...
    WeightClip.__init__() got an unexpected keyword argument 'name'` (Python names the config's first such
    key); a built-in base's config is the base's own (`VarianceScaling`'s: `seed`, `scale`, `mode`,
    `distribution`, `input_axes`, `output_axes` in Keras 3.15), so its subclass fails with `... __init__() got
    an unexpected keyword argument 'seed'`. tf_keras raises the same from `.keras` and `.h5` files but
    revives a SavedModel, so, as for missing keys, only Keras 3 code is reported. A layer whose `__init__`
    hands `**kwargs` to `Layer.__init__` fails
    on a key `Layer.__init__` does not take (it takes `name`, `trainable`, `dtype`, `autocast`,
    `activity_regularizer`, `input_dim`, `input_shape`): `TypeError: ... Unrecognized keyword arguments
    passed to L: {'version': 2}`; one that reads `kwargs` anywhere else (`kwargs.pop("version")`) is taken
    to handle its keys, and an object's `**kwargs` accepts every key. tf_keras reloads both
    (`.keras`), so tf_keras modules are not reported for them. An unregistered class also
    fails (`Cannot deserialize object of type X. If X is a custom class, please register it using the
    @keras.saving.register_keras_serializable() decorator.`) unless every load passes `custom_objects`;
    that alone is not reported, because the loads may be elsewhere. A config whose `name` is one constant gives
    every restored layer of the class that name: loading a model holding two raises `ValueError: The name "LRN"
    is used 2 times in the model. All operation names should be unique.` (Keras 3 and tf_keras, `.keras` and
    `.h5`; tf_keras's SavedModel revives them, so only Keras 3 code is reported), and a config without the
    base's keys drops `trainable` and `dtype`. A plain function given as a layer's initializer, regularizer or
    constraint is saved as `{'module': 'builtins', 'class_name': 'function', 'config': 'W_init'}`, and Keras 3's
    `load_model` raises `TypeError: ... Could not interpret initializer identifier` (`regularizer`,
    `constraint`); tf_keras raises `Unknown initializer: 'W_init'` from `.keras`, fails from `.h5` even when
    the function is registered, and revives a SavedModel, so only Keras 3 code is reported. Keras 3 saves a
    `Lambda`'s Python lambda as bytecode and loads it with the globals of its own `python_utils` module, which
    hold none of the program's names: `load_model(path, safe_mode=False)` raises `NotImplementedError: ... We
    could not automatically infer the shape of the Lambda's output` (a `NameError` for `ops` inside), and with
    an `output_shape` given, a call of the loaded layer raises the `NameError` (measured, Keras 3.15.1); without
    `safe_mode=False` the load refuses any lambda. The lambda's closure is saved with it: a lambda of its
    arguments and of an enclosing function's parameters or locals (`lambda t: t[0] - t[1]`, `lambda x: x * factor`
    in `make(factor)`) loads with `safe_mode=False`, predicts the same, and is not reported. A function made by
    `def` is saved by name (`{'module': 'builtins', 'class_name': 'function', 'config': 'func'}`), and
    `load_model` raises `TypeError: ... could not be deserialized properly` unless it is registered or in
    `custom_objects` (measured, Keras 3.15: a nested `func` fails even with the module-level ones given). A
    bound method is saved as `{'module': 'builtins', 'class_name': 'method', 'config': 'custom_layer'}`, which
    no load rebuilds: `TypeError: ... could not be deserialized properly ... Expected 'config' to be a dict for
    method`, with `custom_objects` naming it and `safe_mode=False` too (measured, Keras 3.15.1, an instance
    method and a classmethod). A function given to `compile` is saved by name in the compile config, and a
    load that compiles the model cannot find it: Keras 3.15.1 and tf_keras 2.21 raise `TypeError: Could not
    locate function 'f1'` from a `.keras` file; tf_keras raises `ValueError: Unknown loss function: 'myloss'`
    (`Unknown metric function`) from an `.h5` file, and fails from a SavedModel too (`Unknown loss function`;
    for a metric, `Unable to restore custom object of class "MeanMetricWrapper"`). `load_model(...,
    compile=False)`, `custom_objects={"myloss": myloss}` or a registered function load. Keras 3's legacy `.h5`
    load is not reported: it fails on other grounds as well (`TypeError: string indices must be integers, not
    'str'` for `loss=myloss`, `Could not deserialize 'keras.metrics.mse'` with a built-in loss string) and loads
    `loss=[myloss]`.

    ## Example
    ```python
    import tensorflow as tf


    class Scaled(tf.keras.initializers.Initializer):
        def __init__(self, scale):
            self.scale = scale

        def __call__(self, shape, dtype=None):
            return tf.ones(shape, dtype=dtype) * self.scale
    ```

    ## Use instead
    ```python
    import tensorflow as tf


    @tf.keras.utils.register_keras_serializable()
    class Scaled(tf.keras.initializers.Initializer):
        def __init__(self, scale):
            self.scale = scale

        def __call__(self, shape, dtype=None):
            return tf.ones(shape, dtype=dtype) * self.scale

        def get_config(self):
            return {"scale": self.scale}
    ```

    ## Fix safety
    No fix for a subclassed model whose every save in the module names a path Keras 3 refuses (`save("m.ckpt")`):
    a `get_config` alone would not make that save work, and the path is the author's to change. The fix adds
    `get_config` returning each constructor argument (an argument given an array is stored as a
    list, `np.asarray(self.x).tolist()`: a config holds JSON), and the registration decorator when it is
    missing, under the user's package, never ours: the configured `serialization-package`, else the top-level
    package the file lies in (the outermost folder above it with an `__init__.py`), else the package the module
    already registers other classes with, else Keras's default, `Custom`. A script that loads with
    `custom_objects={"X": X}` still loads both the files saved before the fix and those saved after it. When
    every load in the module passes `custom_objects` naming the class, `get_config` alone is the fix and no
    decorator is added; a registered class still loads with `custom_objects`. An initializer or constraint
    that is registered and has a default for every argument loads without the fix, at the defaults
    (`Identity(gain=2.0)` comes back from `load_model` or `clone_model` with `gain` 1.0, measured on Keras
    3.15): there the fix is unsafe, since a load then computes with the saved values. It is offered only when
    every argument is stored unchanged (`self.scale = scale`) and never rebound, so the stored value is the
    argument. Where a value is transformed (seed article 2 stores `tf.constant(custom_value, dtype=tf.float32)`:
    a float32 tensor that is not JSON and no longer the float that was passed), the original argument is lost
    and no fix is offered. The one exception is an argument a subclass of a built-in initializer, regularizer or
    constraint hands unchanged to the base under a key of the base's config (`super().__init__(...,
    seed=seed)`, in straight-line code, never rebound): the base keeps it, and `get_config` reads it back from
    the base's own config, `config = super().get_config()` then `"seed": config["seed"]`, so the loaded object
    gets the seed as the base saves it and draws the same values (measured under Keras 3.15: seeded
    `VarianceScaling` subclasses give the same kernel after `load_model`). A direct subclass of `keras.Model` or
    `keras.layers.Layer` whose `__init__` only uses an argument (`for size in sizes: ...`, keras-core#469) gets
    it stored first, `self.sizes = sizes` right after its one `super().__init__(...)` line, and returned by
    `get_config`; unsafe, since the object gains attributes. Withheld when `__init__` rebinds the argument, when
    the class already uses `self.<argument>` (`self.sizes = list(sizes)`: what it keeps is not the argument),
    or when the name is one Keras's objects have (`name`, `dtype`, `layers`, `weights`, `inputs`...).
    A layer (or a model without arguments) whose `__init__` takes no `**kwargs` gets
    `**kwargs`, passed to its bare `super().__init__()` (or `super(Cls, self).__init__()` naming the class
    itself, keras-neural-alu#1), when every construction passes plain values (Keras 3 records those itself).
    The fix is safe: it changes nothing until a model is saved and loaded, and then the load works where it
    failed.
    An incomplete `get_config` that ends in `return config` gets `config["x"] = self.x` for each missing
    argument stored unchanged in `__init__` and given plain values wherever the class is built; safe for the
    same reason. One that returns a dict literal holding a missing argument's stored value under a key
    `__init__` cannot take (`{"lambda": float(self.lambd)}` for `lambd`, tensorflow#41164) gets that key
    renamed to the parameter, `"lambd"`: only when the entry's value is the attribute itself (or `float()`,
    `int()`, `str()`, `.tolist()` of it), one entry per missing argument, and no key `__init__` cannot take is
    left; a computed value (`"span": self.high - self.low`) gets no fix. Safe for the same reason: only the
    saved config changes, and a load that raised now rebuilds the object with its arguments.
    A key `__init__` cannot take gets `**kwargs` on the `__init__` the class defines itself (a module-level
    class): an object's ignores them (it never had those arguments), a layer's goes to its one bare
    `super().__init__()` or `super(Cls, self).__init__()` (another class named there skips part of the MRO: no
    fix), only when the keys are `name`, `trainable` and `dtype` (which `Layer.__init__` takes); a layer with
    another key, whose `super().__init__(...)` already takes arguments, or that hands
    `**kwargs` on already, gets no fix (where the key's value belongs is the author's decision).
    Safe: no call that worked before can pass a keyword the old signature refused, so the object is built and
    behaves as before (measured: the same seed trains the same weights and predicts the same), and the load
    that failed loads it with its arguments.

    A `get_config` saving a constant `name` starts from the base config instead, `config = super().get_config()`
    then `config.update({...})` with its other entries (in place of `config = {...}`, or before `return
    config` in place of `return {...}`), the constant `name` dropped. Unsafe: the model saves and loads as
    before except for the layers' names, now each layer's own (measured: two LRN layers load as `lrn` and
    `lrn_1`, as saved, and predict the same), so a model holding one such layer, which loaded as `"LRN"`,
    loads as `"lrn"`, and code reading the loaded layer by the old name would break.

    A plain function given to a layer gets the registration decorator (`@keras.utils.register_keras_serializable()`
    in the module's spelling of Keras, under the user's package as above). Safe: the decorator returns the
    function itself, so the program builds and trains as before, and the load that failed loads it (measured:
    the same kernel, predictions and regularization losses after `load_model`).

    A module-level function made by `def` and given to a `Lambda` is registered (unsafe, as for plain functions
    above); a nested one gets no fix: it reads its enclosing call's locals, which a module-level function
    would take through `Lambda(..., arguments={...})`, a change of its signature left to the author. A bound
    method gets no fix for the same reason: what it reads from its object would have to be passed through
    `arguments={...}` (measured: such a registered function loads and predicts the same).

    A function given to `compile` gets the registration decorator, as a plain function given to a layer does.
    Safe: the decorator returns the function itself, so training is unchanged, and the load that failed
    loads the compiled model (measured, Keras 3.15.1 and tf_keras 2.21, `.keras` and `.h5`).

    A `Lambda`'s `lambda` becomes a registered module-level function, written before the module statement that
    makes the layer (`@keras.utils.register_keras_serializable()`, `def distance_fn(t): return ...`, named after
    the layer's `name=` or the name its statement binds, with `_fn` or a number where that name is taken), and
    the `Lambda` is given it. Offered when the lambda has plain parameters (no defaults, no `*args`), binds
    nothing itself (no comprehension, nested lambda or `:=`), and reads only names imported, defined or
    assigned at the module's top level before that statement (the function reads them from the module's
    globals when called, as the lambda did); a lambda that reads a closure variable (`padding_size`) gets no
    fix. Unsafe: the program computes as before, but the saved file now names the function, so a load in
    a process that has not imported this module cannot find it (the lambda could not be loaded there either),
    and a load without `safe_mode=False`, which refused the lambda, now loads (measured: the model loads and
    predicts the same).

    In tf_keras code that saves to HDF5, a layer whose weights are made by `self.w = self.add_weight(...)` with no
    `name` gets each the name of the attribute it is bound to, `name="w"` (appended to the call's keywords):
    the file then holds `w:0` and `b:0` apart, and the save that raised works (measured, tf_keras 2.21:
    `save_weights`, `save` and a `ModelCheckpoint` to `.h5`, and `load_weights` reads the same values back).
    The same fix cures the TensorFlow-format save (measured, tf_keras 2.21: `model.save("dir")`, a `ModelCheckpoint`
    of the whole model, one weight made in `build` or in `__init__`).
    Unsafe: the weights' names change (`Variable:0` becomes `w:0`), so code or files that read them by name
    see new ones. Offered only when every unnamed
    `add_weight`/`add_variable` of the class is such a statement of the method's own body, each bound to an
    attribute of its own, and every weight the class names has a literal name other than those: an unnamed
    weight left (`self.add_weight(...)` on a line of its own, or under `if`/`for`) could still collide.
    A sub-layer built by hand after another whose weight names it shares is built in its own name scope,
    `with tf.name_scope(self.gate.name):` around the statement (the first one keeps the outer layer's scope;
    in a loop or a helper, `with tf.name_scope(unit.name):` around the one statement scopes every pass):
    each sub-layer's weights are then `<layer>/<sub>/kernel:0`, and the HDF5 save and `load_model` work and the
    loaded model predicts the same (measured, tf_keras 2.21). Unsafe: the weights' names change, so an HDF5 file
    saved before (had one been written) or code that reads weights by name sees new ones.

    ## Numerical equivalence
    `repairs`: `load_model` fails on the original and loads the rewritten class with its arguments.

    ## References
    - [Keras serialization and saving](https://keras.io/guides/serialization_and_saving/)
    - [`register_keras_serializable`](https://keras.io/api/models/model_saving_apis/serialization_utils/)
    """

    CODE = "TFV202"
    NAME = "unserializable-custom-object"
    MESSAGE = "`{name}` {problem}"
    FIX_TITLE = "Add `get_config` and register the class"
    FIX_AVAILABILITY = FixAvailability.SOMETIMES
    FIX_SAFETY = FixSafety.SAFE
    VERIFY = VerifyCheck.REPAIRS

    def check(self, facts: Facts) -> Iterator[Finding]:
        reported: set[int] = set()
        for finding in self._check(facts):
            reported.add(id(finding.node))
            yield finding
        yield from self._unregistered_loads(facts, reported)
        yield from _unnamed_weights(self, facts)

    def _unregistered_loads(self, facts: Facts, reported: set[int]) -> Iterator[Finding]:
        """mvoelk/keras_layers#1, deep_complex_networks#8, keras-io#894: a custom class that nothing registers,
        in a model this module saves to a `.keras`/`.h5` file (`model.save`, a `ModelCheckpoint`) and loads back
        from that same path with `load_model` without `custom_objects`: Keras cannot locate the class by name
        (Keras 3.15 `TypeError: ... could not be deserialized properly`, tf_keras `Cannot deserialize object of
        type` / `Unknown layer`). Only when the module never touches custom objects otherwise (a
        `custom_object_scope`, `get_custom_objects()`)."""
        if any(word in facts.source for word in ("custom_object_scope", "CustomObjectScope", "get_custom_objects")):
            return
        saved = {_path(e) for e in _model_saves(facts)} - {None}
        loads = [e for e in facts.calls(*LOADS) if reachable(e) and _path(e) in saved and not _has_custom(e.node)]
        if not loads:
            return
        # Only the saves to a file such a load reads: a class saved to `offset.keras` while the module loads
        # back only `plain.keras` (a model of built-in layers) is never looked up by name.
        loaded = {_path(e) for e in loads}
        back = [e for e in _model_saves(facts) if _path(e) in loaded]
        for cls in facts.classes:
            if cls.keras_base is None or cls.unknown_base or is_registered(cls) or id(cls.node.name) in reported:
                continue
            config = facts.class_field(cls, "get_config")
            method = config.single() if config is not None else None
            if (
                isinstance(method, FuncObj)
                and isinstance(method.node, cst.FunctionDef)
                and id(method.node.name) in reported
            ):
                continue
            if not _sites(facts, cls) or not _saved_with(facts, cls, back, by_name=True):
                continue
            problem = (
                f"is not registered, and this module loads the file it saves without `custom_objects`: Keras "
                f"cannot locate the class by name (Keras 3 `TypeError: ... could not be deserialized properly`; "
                f"tf_keras `Cannot deserialize object of type `{cls.name}`` or `Unknown layer`)"
            )
            prefix = keras_prefix(facts)
            fix = None
            if prefix is not None and not cls.node.decorators and cls.namespace.parent is None:
                fix = self.fix(InsertBefore(cls.node, register_decorator(facts, prefix)), title="Register the class")
            yield self.finding(cls.node.name, fix=fix, name=cls.name, problem=problem)

    def _check(self, facts: Facts) -> Iterator[Finding]:
        save_calls = _model_saves(facts)
        saves = bool(save_calls)
        defined = Counter(id(c.node) for c in facts.classes)
        keras3 = facts.flavor is Flavor.KERAS3
        reported: set[int] = set()
        if keras3 and saves:
            for finding in (*self._plain_functions(facts, save_calls), *self._lambda_functions(facts, save_calls)):
                reported.add(id(finding.node))
                yield finding
        if saves:
            yield from self._compiled_functions(facts, save_calls, reported)
        for cls in facts.classes:
            refused = ""  # the module saves an instance only to paths Keras 3 refuses (then no fix)
            if cls.keras_base is None or cls.unknown_base:
                continue
            if facts.class_field(cls, "get_config") is not None:
                # Keras 3 rebuilds from the config alone; tf_keras's SavedModel load revives the saved object
                # when `from_config` fails, so only Keras 3 code is sure to fail.
                config = _config_problem(facts, cls) if keras3 else None
                if config is not None:
                    method, missing, extra, said = config
                    if missing:
                        fix = self._complete_config(facts, cls, method, missing) or self._rename_keys(
                            facts, cls, method, missing
                        )
                    else:
                        fix = self._accept_keys(facts, cls, extra, defined[id(cls.node)] == 1)
                    yield self.finding(method.name, fix=fix, name=f"{cls.name}.get_config", problem=said)
                    continue
                shared = _shared_name(facts, cls) if keras3 and saves else None
                if shared is not None:
                    method, element, _, consequence = shared
                    yield self.finding(
                        method.name,
                        fix=self._base_config_fix(facts, method, element),
                        name=f"{cls.name}.get_config",
                        problem=consequence,
                    )
                continue
            found = facts.class_field(cls, "__init__")
            init = found.single() if found is not None else None
            params = _params(init)
            if params is None:
                continue
            names, required, kwargs = params
            registered = is_registered(cls) or _loads_name(facts, cls.name)
            if cls.is_serializable_object and cls.keras_base in BUILTIN_OBJECT_CONFIGS:
                problem = _inherited_config_problem(cls, names, required, kwargs) if keras3 else None
            elif cls.is_serializable_object:
                problem = _object_problem(cls, names, required, registered)
            elif not keras3 or not _saved_with(facts, cls, save_calls, by_name=True):
                continue  # tf_keras records and reloads them; and only a save or load is hurt
            elif cls.is_model and names:
                problem = _model_problem(facts, cls, init, required, kwargs)
                if problem is not None:
                    refused = _refused_extension(facts, cls, save_calls)
                    problem += refused
            else:
                problem = _LAYER if init is not None and not kwargs else None
                if problem is None and isinstance(init, FuncObj):
                    problem = _object_argument(facts, cls, init, names)
            if problem is None:
                continue
            fix = None
            if refused:
                pass  # a `get_config` alone would not make that save work: the path is the author's to change
            elif cls.namespace.parent is None and isinstance(init, FuncObj) and defined[id(cls.node)] == 1:
                if cls.is_serializable_object or (cls.is_model and names):
                    fix = self._config_fix(facts, cls, init, names, registered)
                    if fix is not None and cls.is_serializable_object and _loses_arguments_silently(
                        cls, names, required, registered
                    ):
                        fix = replace(fix, safety=FixSafety.UNSAFE)
                else:
                    fix = self._kwargs_fix(facts, cls, init, registered)
            yield self.finding(cls.node.name, fix=fix, name=cls.name, problem=problem)

    def _plain_functions(self, facts: Facts, saves: list[MethodCall]) -> Iterator[Finding]:
        """keras-oneshot#10: a module-level function given as a built-in layer's `*_initializer`, `*_regularizer`
        or `*_constraint`. Keras 3 saves it as `{'module': 'builtins', 'class_name': 'function', 'config':
        'W_init'}`, which `load_model` cannot look up unless the function is registered or every load passes it
        in `custom_objects`; the fix registers it (the decorator returns the function itself)."""
        uses: dict[int, tuple[FuncObj, list[tuple[str, str]]]] = {}
        given_to: dict[int, set[int]] = {}  # the layers each function is given to
        top = {id(statement) for statement in facts.module.body}
        held = _held_by_saves(facts, saves, by_name=True)
        for made in facts.of(Created):
            if not isinstance(made.obj, LayerObj) or not reachable(made):
                continue
            if held is not None and id(made.obj) not in held:
                continue  # in no model the module saves (handson-ml3's chapter 12 shows such a layer, unsaved)
            for keyword, value in made.obj.args.keywords.items():
                kind = _slot(keyword)
                if kind is None:
                    continue
                for func in value:
                    if (
                        isinstance(func, FuncObj)
                        and isinstance(func.node, cst.FunctionDef)
                        and id(func.node) in top
                        and not func.node.decorators
                    ):
                        layer = made.obj.cls.rsplit(".", 1)[-1]
                        given_to.setdefault(id(func.node), set()).add(id(made.obj))
                        entry = uses.setdefault(id(func.node), (func, []))
                        if (keyword, layer) not in entry[1]:
                            entry[1].append((keyword, layer))
        for func, given in uses.values():
            assert isinstance(func.node, cst.FunctionDef)
            if _loads_name(facts, func.name, _loads_of(facts, saves, given_to[id(func.node)])):
                continue
            keywords = "`/`".join(dict.fromkeys(k for k, _ in given))
            layers = "`, `".join(dict.fromkeys(layer for _, layer in given))
            kind = _slot(given[0][0])
            where = f"`{keywords}` of `{layers}`"
            error = (
                f"Could not locate function '{func.name}'"  # measured on Keras 3.15: activation=swish
                if kind == "activation"
                else f"Could not interpret {kind} identifier"
            )
            problem = (
                f"is a plain function given as {where} in a module that saves the model: Keras 3 saves it as "
                f"`{{'module': 'builtins', 'class_name': 'function', 'config': '{func.name}'}}` and `load_model` "
                f"raises `TypeError: ... {error}` unless the function is registered"
            )
            yield self._unregistered_function(facts, func, problem)

    def _compiled_functions(self, facts: Facts, saves: list[MethodCall], reported: set[int]) -> Iterator[Finding]:
        """keras#11363: a module-level function given to `compile` (`loss`, the second positional argument,
        `metrics`, `weighted_metrics`; in lists, tuples and dicts) of a model this module saves, then loads with
        `load_model` compiling it (no `compile=False`) without the function in `custom_objects`. The saved
        compile config names it, `{'module': 'builtins', 'class_name': 'function', 'config': 'f1'}`, and the
        load cannot find it (measured, Keras 3.15.1 and tf_keras 2.21: `TypeError: Could not locate function
        'f1'` from a `.keras` file; tf_keras `ValueError: Unknown loss function: 'f1'` / `Unknown metric
        function` from `.h5`). Keras 3 counts only saves to `.keras` files: its legacy `.h5` load fails on other
        grounds too (`Could not deserialize 'keras.metrics.mse'` for a built-in loss string) and loads
        `loss=[f]`. The functions are read from the `.compile` calls of the saved model before the save, back to
        the last one sure to run, their lists and dicts in the heap at the save. The fix registers the function."""
        if any(word in facts.source for word in _CUSTOM_SCOPES):
            return
        keras3 = facts.flavor is Flavor.KERAS3
        top = {id(statement) for statement in facts.module.body}
        compiles = [e for e in facts.calls(".compile") if reachable(e) and e.args is not None]
        uses: dict[int, tuple[FuncObj, list[str], set[int]]] = {}  # function -> (keywords, compiled models)
        for save in saves:
            if not reachable(save) or save.view is None:
                continue
            tail = _path_tail_of(save)
            if keras3 and (tail is None or not tail.endswith(".keras")):
                continue
            index = facts.index_of(save)
            for model in _saved_models(save):
                for compiled in reversed([c for c in compiles if facts.index_of(c) < index and _compiles(c, model)]):
                    for keyword, func in _compiled_in(compiled.args, save.view):
                        node = func.node
                        if not isinstance(node, cst.FunctionDef) or id(node) not in top or node.decorators:
                            continue
                        entry = uses.setdefault(id(node), (func, [], set()))
                        if keyword not in entry[1]:
                            entry[1].append(keyword)
                        entry[2].add(id(model))
                    if compiled.certain and compiled.receiver.single() is model:
                        break  # the compile config the save writes is this one's, or a later one's
        for func, keywords, models in uses.values():
            assert isinstance(func.node, cst.FunctionDef)
            if id(func.node.name) in reported or _registered_by_call(facts, func.name):
                continue
            loads = [
                e
                for e in _loads_of(facts, saves, models)
                if reachable(e) and _looks_up(e, func.name) and not (keras3 and not _may_be_keras_file(e))
            ]
            if not loads:
                continue  # every load passes it in `custom_objects` or `compile=False` (or there is none here)
            given = "`/`".join(keywords)
            if keras3:
                saved = (
                    f"Keras 3 saves it by name in the compile config, `{{'module': 'builtins', 'class_name': "
                    f"'function', 'config': '{func.name}'}}`, and the load raises `TypeError: Could not locate "
                    f"function '{func.name}'`"
                )
            else:
                what = "loss" if "loss" in keywords else "metric"
                saved = (
                    f"tf_keras saves it by name in the compile config, and the load raises `TypeError: Could not "
                    f"locate function '{func.name}'` from a `.keras` file, `ValueError: Unknown {what} function: "
                    f"'{func.name}'` from an `.h5` file (a SavedModel fails too)"
                )
            problem = (
                f"is a plain function given to `compile` as `{given}` of a model this module saves and loads back "
                f"with `load_model` without `compile=False` or the function in `custom_objects`: {saved} unless "
                f"the function is registered"
            )
            yield self._unregistered_function(facts, func, problem)

    def _lambda_functions(self, facts: Facts, saves: list[MethodCall]) -> Iterator[Finding]:
        """keras-oneshot#10's L1 distance, `Lambda(lambda x: ops.abs(x[0] - x[1]))`, in a model this module saves:
        Keras 3 saves a Python lambda as its bytecode and loads it with the globals of its own
        `python_utils` module, so a lambda that reads a module of the program (`ops`, `tf`, `K`) cannot be
        loaded: `load_model(..., safe_mode=False)` raises `NotImplementedError: ... could not automatically
        infer the shape of the Lambda's output` (the `NameError` inside), and a call of the loaded layer raises
        `NameError` (measured, Keras 3.15.1). Without `safe_mode=False` the load refuses the lambda."""
        top = {id(statement): statement for statement in facts.module.body}
        held = {
            id(o)
            for save in saves
            if reachable(save) and save.receiver is not None and not save.receiver.is_top
            for model in save.receiver
            if isinstance(model, ModelObj)
            for o in _graph_layers(model)
        }
        # Also the layers a Sequential (built by `add` or from a list) or a model given to `save_model(model,
        # ...)` holds at each save, where every save's model is known (tensorflow#54198's helper-built
        # Sequential); not those a subclassed model's `__init__` makes again at the load.
        held |= _held_by_saves(facts, saves, by_name=True) or set()
        seen: set[int] = set()
        for made in facts.of(Created):
            layer = made.obj
            if not isinstance(layer, LayerObj) or layer.cls != "keras.layers.Lambda" or not reachable(made):
                continue
            if id(layer) not in held:
                continue
            function = layer.args.node_of("function", ("function",))
            if function is not None and not isinstance(function, cst.Lambda):
                named = self._named_function(facts, saves, layer, function, top, seen)
                if named is not None:
                    yield named
                continue
            if not isinstance(function, cst.Lambda) or id(function) in seen:
                continue
            seen.add(id(function))
            free = _free_names(function)
            if free is None:
                continue
            if free & _LOADER_GLOBALS:
                continue
            modules = sorted(n for n in free if facts.imported(n) is not None)
            globals_read = sorted(_module_globals_read(facts, function, free) - set(modules))
            if not modules and not globals_read:
                continue
            fix = self._lambda_fix(facts, made, layer, function, free, top)
            what = (
                f"`{modules[0]}`, a module of this program"
                if modules
                else f"`{globals_read[0]}`, a module-level name of this program (not a closure variable)"
            )
            yield self.finding(
                function,
                fix=fix,
                name="lambda",
                problem=(
                    f"given to `Lambda` reads {what}, in a model this module saves: Keras 3 saves a lambda as "
                    "bytecode with its closure and loads it without this module's names, so `load_model` "
                    "raises (with `safe_mode=False`, `NotImplementedError: ... could not automatically infer "
                    "the shape of the Lambda's output`, from a `NameError`; given an `output_shape`, the "
                    "loaded model's call raises the `NameError`); a registered function is saved by name"
                ),
            )

    def _unregistered_function(self, facts: Facts, func: FuncObj, problem: str) -> Finding:
        """A module-level function Keras saves by name and cannot load back: reported at its `def`, fixed by
        registering it."""
        assert isinstance(func.node, cst.FunctionDef)
        fix = self._register_function(facts, func.node)
        return self.finding(func.node.name, fix=fix, name=func.name, problem=problem)

    def _register_function(self, facts: Facts, function: cst.FunctionDef) -> FixPlan | None:
        """The decorator that registers a module-level function (it returns the function itself)."""
        prefix = keras_prefix(facts)
        if prefix is None:
            return None
        return self.fix(InsertBefore(function, register_decorator(facts, prefix)), title="Register the function")

    def _named_function(
        self,
        facts: Facts,
        saves: list[MethodCall],
        layer: LayerObj,
        argument: cst.BaseExpression,
        top: Mapping[int, cst.CSTNode],
        seen: set[int],
    ) -> Finding | None:
        """CAP#10: a function made by `def` given to `Lambda` in a model this module saves. Keras 3 saves it by
        name (`{'module': 'builtins', 'class_name': 'function', 'config': 'func'}`), so `load_model` finds it
        only registered or in `custom_objects` (`TypeError: ... could not be deserialized properly`, then
        `Could not locate function 'func'`; measured, Keras 3.15). A module-level function is reported at its
        `def`, fixed by registering it; a nested one (a closure: `crop(dimension, start, end)` returning
        `Lambda(func)`) at the `Lambda`, without a fix. Not where every load that may read the file passes the
        name in `custom_objects`."""
        value = layer.args.get("function", ("function",))
        func = value.single()
        # A bound method, or a classmethod read off its class (Python binds it to the class).
        if isinstance(func, BoundMethod) or (isinstance(func, FuncObj) and func.method_kind == "class"):
            if id(argument) in seen:
                return None
            seen.add(id(argument))
            return self.finding(argument, name=facts.code_for(argument), problem=_BOUND_METHOD)
        if not isinstance(func, FuncObj) or not isinstance(func.node, cst.FunctionDef) or func.node.decorators:
            return None
        # The loads that may read the file, else every load (a checkpoint's `{epoch:02d}` path read back as
        # `.01.keras`): a module that loads each file with the function in `custom_objects` loads it.
        loads = _loads_of(facts, saves, {id(layer)}) or facts.calls(*LOADS)
        if id(func.node) in seen or _loads_name(facts, func.name, loads):
            return None
        seen.add(id(func.node))
        saved = (
            f"Keras 3 saves a function made by `def` by its name, `{{'module': 'builtins', 'class_name': "
            f"'function', 'config': '{func.name}'}}`, and `load_model` raises `TypeError: ... could not be "
            f"deserialized properly` (`Could not locate function '{func.name}'`)"
        )
        if id(func.node) in top:
            return self._unregistered_function(
                facts,
                func,
                f"is given to `Lambda` in a model this module saves: {saved} unless the function is registered or "
                "every load passes it in `custom_objects`",
            )
        return self.finding(
            argument,
            name=func.name,
            problem=f"is a nested function given to `Lambda` in a model this module saves: {saved}; a nested "
            "function cannot be registered, so make it a module-level function that takes what it reads from "
            "the enclosing call through `Lambda(..., arguments={...})`, and register it",
        )

    def _lambda_fix(
        self,
        facts: Facts,
        made: Created,
        layer: LayerObj,
        function: cst.Lambda,
        free: set[str],
        top: Mapping[int, cst.CSTNode],
    ) -> FixPlan | None:
        """The lambda becomes a registered module-level function, defined before the module statement that makes
        the layer, named after the layer's `name=` or the name its statement binds."""
        prefix = keras_prefix(facts)
        statement = next((s for s in facts.ancestors(function) if id(s) in top), None)
        if prefix is None or statement is None:
            return None
        params = function.params
        if params.star_arg != cst.MaybeSentinel.DEFAULT or params.star_kwarg or params.kwonly_params:
            return None
        if params.posonly_params or any(p.default is not None for p in params.params):
            return None
        body = list(facts.module.body)
        index = body.index(statement)  # type: ignore[arg-type]
        before = {n for s in body[:index] for n in (*_bound_at_top(s), *_defined_at_top(s))}
        if not free <= before:
            return None  # a name the lambda reads is bound later, or in a function: it cannot move up
        given = layer.args.keywords.get("name")
        named = given.const() if given is not None else None
        base = named if isinstance(named, str) and named.isidentifier() else None
        if base is None:
            target = sole_assignment(made.statement, made.node)
            bound = _names_bound(made.statement)
            base = f"{bound[0]}_fn" if target is None and len(bound) == 1 else None
            if isinstance(target, cst.Name):
                base = f"{target.value}_fn"
        base = base or "lambda_fn"
        name = next((n for n in (base, f"{base}_fn") if facts.word_count(n) == 0), None)
        if name is None:
            name = unique_name(base, lambda n: facts.word_count(n) > 0)
        arguments = ", ".join(p.name.value for p in params.params)
        code = facts.code_for(function.body)
        indent = facts.module.default_indent
        # Two blank lines after the function, and before it where the statement above is not two lines up
        # (each ` ` line is written blank).
        blanks = 0
        for line in reversed(statement.leading_lines):  # type: ignore[attr-defined]
            if line.comment is not None:
                break
            blanks += 1
        above = " \n" * max(0, 2 - blanks) if index > 0 else ""
        text = f"{above}{register_decorator(facts, prefix)}\ndef {name}({arguments}):\n{indent}return {code}\n \n "
        return self.fix(
            InsertBefore(statement, text),
            Replace(function, name),
            title=f"Save the lambda as the registered function `{name}`",
            safety=FixSafety.UNSAFE,
        )

    def _complete_config(
        self, facts: Facts, cls: ClassObj, method: cst.FunctionDef, missing: list[str]
    ) -> FixPlan | None:
        """`config["x"] = self.x` before `return config`, for each missing argument stored unchanged in
        `__init__` and given plain values (numbers, strings...) wherever the class is constructed."""
        found = facts.class_field(cls, "__init__")
        init = found.single() if found is not None else None
        if not isinstance(init, FuncObj) or not _plain_arguments(facts, cls):
            return None
        stored = _stored_as_given(facts, cls, init)
        body = method.body.body if isinstance(method.body, cst.IndentedBlock) else ()
        last = body[-1] if body else None
        returned = (
            last.body[0].value
            if isinstance(last, cst.SimpleStatementLine) and isinstance(last.body[0], cst.Return)
            else None
        )
        if not isinstance(returned, cst.Name) or len(body) < 2 or any(stored.get(n) is None for n in missing):
            return None
        lines = "\n".join(f"{returned.value}[{string(facts, n)}] = self.{stored[n]}" for n in missing)
        return self.fix(InsertAfter(body[-2], lines), title="Add the missing arguments to `get_config`")

    def _rename_keys(
        self, facts: Facts, cls: ClassObj, method: cst.FunctionDef, missing: list[str]
    ) -> FixPlan | None:
        """`return {"lambda": float(self.lambd), ...}` for an `__init__(self, lambd, ...)` that stores
        `self.lambd = lambd`: the value is there under a key `__init__` does not take, and the key is renamed
        to the parameter (`"lambd"`). Offered only when each missing argument's attribute is the value of exactly
        one entry (as is, or through `float()`, `int()`, `.tolist()`...), whose key `__init__` cannot take, and
        no such key is left over."""
        found = facts.class_field(cls, "__init__")
        init = found.single() if found is not None else None
        params = _params(init)
        if not isinstance(init, FuncObj) or params is None or params[2]:
            return None
        names = params[0]
        body = method.body.body if isinstance(method.body, cst.IndentedBlock) else ()
        last = body[-1] if body else None
        returned = (
            last.body[0].value
            if isinstance(last, cst.SimpleStatementLine) and isinstance(last.body[0], cst.Return)
            else None
        )
        if not isinstance(returned, cst.Dict):
            return None
        entries: list[tuple[cst.SimpleString, str, set[str]]] = []  # key node, key, the attribute it holds
        for element in returned.elements:
            if not isinstance(element, cst.DictElement) or not isinstance(element.key, cst.SimpleString):
                return None
            key = element.key.evaluated_value
            if not isinstance(key, str):
                return None
            attr = _attribute_as_is(element.value)
            reads = {attr} if attr is not None else set()
            entries.append((element.key, key, reads))
        stored = _stored_as_given(facts, cls, init)
        edits: list[NodeEdit] = []
        renamed: dict[str, str] = {}
        for name in missing:
            attr = stored.get(name)
            readers = [e for e in entries if attr is not None and attr in e[2]]
            if len(readers) != 1 or readers[0][1] in names or readers[0][1] in renamed:
                return None
            node, key, _ = readers[0]
            renamed[key] = name
            edits.append(Replace(node, f"{node.prefix}{node.quote}{name}{node.quote}"))
        if any(key not in names and key not in renamed for _, key, _ in entries):
            return None
        listed = ", ".join(f"`{old}` -> `{new}`" for old, new in renamed.items())
        return self.fix(*edits, title=f"Save each argument under the key `__init__` takes: {listed}")

    def _accept_keys(self, facts: Facts, cls: ClassObj, extra: list[str], once: bool) -> FixPlan | None:
        """A `get_config` key `__init__` cannot take: an object's `__init__` takes `**kwargs` (and ignores them:
        the object never had those arguments); a layer's takes them and hands them to its bare
        `super().__init__()`, when the keys are the ones `Layer.__init__` accepts (`name`, `trainable`,
        `dtype`)."""
        own = facts.namespaces.get(cls, {}).get("__init__")
        init = own.single() if isinstance(own, AV) else None
        node = init.node if isinstance(init, FuncObj) else None
        if cls.namespace.parent is not None or not once or not isinstance(node, cst.FunctionDef):
            return None
        if node.params.star_kwarg is not None:
            return None  # it hands them to `Layer.__init__`, which refuses the key
        params = _with_kwargs(node.params)
        if cls.is_serializable_object:
            return self.fix(Replace(node.params, params), title="Take `**kwargs` in `__init__`")
        calls = (
            [s for s in node.body.body if _bare_super_init(s, cls)]
            if isinstance(node.body, cst.IndentedBlock)
            else []
        )
        if len(calls) != 1 or not set(extra) <= set(_LAYER_KEYS):
            return None
        line = calls[0]
        assert isinstance(line, cst.SimpleStatementLine)
        small = line.body[0]
        assert isinstance(small, cst.Expr) and isinstance(small.value, cst.Call)
        call = small.value.with_changes(args=[cst.Arg(cst.Name("kwargs"), star="**")])
        return self.fix(
            Replace(node.params, params),
            Replace(small.value, call),
            title="Take `**kwargs` and pass them to `super().__init__()`",
        )

    def _base_config_fix(
        self, facts: Facts, method: cst.FunctionDef, element: cst.DictElement
    ) -> FixPlan | None:
        """`config = super().get_config()` then `config.update({...})` with the dict's other entries, in place of
        the dict literal that `get_config` returns (directly, or through the one name it is bound to)."""
        body = _config_body(method)
        found = _returned_dict(method, body)
        if found is None:
            return None
        statement, literal = found
        last = body[-1]
        entries = []
        for other in literal.elements:
            if other is element:
                continue
            if not isinstance(other, cst.DictElement):
                return None
            entries.append(f"{facts.code_for(other.key)}: {facts.code_for(other.value)}")
        one_line = ", ".join(entries)
        lines = "".join(f"    {e},\n" for e in entries)
        rest = f"{{{one_line}}}" if len(one_line) <= 80 else f"{{\n{lines}}}"
        title = "Start the config from `super().get_config()` and drop the constant `name`"
        if isinstance(statement, cst.SimpleStatementLine) and statement is not last:
            # `config = {...}` ... `return config`: the base config, then its entries.
            assign = statement.body[0]
            assert isinstance(assign, cst.Assign)
            target = assign.targets[0].target
            assert isinstance(target, cst.Name)
            edits: list[NodeEdit] = [Replace(literal, "super().get_config()")]
            if entries:
                edits.append(InsertAfter(statement, f"{target.value}.update({rest})"))
            return self.fix(*edits, title=title, safety=FixSafety.UNSAFE)
        if any(isinstance(n, cst.Name) and n.value == "config" for n in descendants(method.body)):
            return None
        code = "config = super().get_config()" + (f"\nconfig.update({rest})" if entries else "")
        return self.fix(
            InsertBefore(last, code), Replace(literal, "config"), title=title, safety=FixSafety.UNSAFE
        )

    def _config_fix(
        self, facts: Facts, cls: ClassObj, init: FuncObj, names: list[str], registered: bool
    ) -> FixPlan | None:
        stored = _stored_as_given(facts, cls, init)
        # An argument a built-in base keeps (`seed` handed to `VarianceScaling.__init__`) is read back from the
        # base's own config, as the base saves it.
        passed = _passed_to_base(cls, init) if cls.keras_base in BUILTIN_OBJECT_CONFIGS else {}
        edits: list[NodeEdit] = []
        # Arguments `__init__` only uses (`for size in sizes: ...`) are stored first, `self.sizes = sizes`,
        # right after `super().__init__(...)`: unsafe, the object gains attributes.
        unstored = [n for n in names if stored.get(n) is None and n not in passed]
        if unstored:
            line = _store_point(cls, init, unstored)
            if line is None:
                return None
            edits.append(InsertAfter(line, "\n".join(f"self.{n} = {n}" for n in unstored)))
            stored.update({n: n for n in unstored})
        arrays = _array_arguments(facts, cls, init, names)
        if arrays is None:
            return None
        numpy = facts.numpy_alias() if arrays else ("np", False)
        if numpy is None:
            return None
        if numpy[1]:
            edits.append(AddImport("numpy", "np"))
        base = "config" if any(stored.get(n) is None for n in names) else ""
        config = ", ".join(
            f"{string(facts, n)}: {numpy[0]}.asarray(self.{stored[n]}).tolist()"
            if n in arrays
            else f"{string(facts, n)}: self.{stored[n]}"
            if stored.get(n) is not None
            else f"{string(facts, n)}: {base}[{string(facts, passed[n])}]"
            for n in names
        )
        head = f"\n    {base} = super().get_config()" if base else ""
        # The leading " " line becomes the blank line between the methods.
        edits.append(InsertAfter(init.node, f" \ndef get_config(self):{head}\n    return {{{config}}}"))
        if not registered:
            prefix = keras_prefix(facts, cls.node.bases[0].value if cls.node.bases else None)
            if prefix is None:
                return None
            edits.append(InsertBefore(cls.node, register_decorator(facts, prefix)))
        if unstored:
            listed = ", ".join(f"`self.{n}`" for n in unstored)
            return self.fix(
                *edits,
                title=f"Store {listed} and add `get_config`"
                + ("" if registered else " and register the class"),
                safety=FixSafety.UNSAFE,
            )
        return self.fix(*edits)

    def _kwargs_fix(self, facts: Facts, cls: ClassObj, init: FuncObj, registered: bool) -> FixPlan | None:
        """A layer whose `__init__` takes no `**kwargs`: take them and hand them to `super().__init__()`, so that
        Keras 3 loads it with `name`, `trainable` and `dtype` (it records plain arguments by itself)."""
        node = init.node
        if not isinstance(node, cst.FunctionDef) or not isinstance(node.body, cst.IndentedBlock):
            return None
        calls = [s for s in node.body.body if _bare_super_init(s, cls)]
        if len(calls) != 1 or not _plain_arguments(facts, cls):
            return None
        params = _with_kwargs(node.params)
        line = calls[0]
        assert isinstance(line, cst.SimpleStatementLine)
        small = line.body[0]
        assert isinstance(small, cst.Expr) and isinstance(small.value, cst.Call)
        call = small.value.with_changes(args=[cst.Arg(cst.Name("kwargs"), star="**")])
        edits: list[NodeEdit] = [Replace(node.params, params), Replace(small.value, call)]
        title = "Take `**kwargs` and pass them to `super().__init__()`"
        if not registered:
            prefix = keras_prefix(facts, cls.node.bases[0].value if cls.node.bases else None)
            if prefix is None:
                return None
            edits.append(InsertBefore(cls.node, register_decorator(facts, prefix)))
            title += ", and register the class"
        return self.fix(*edits, title=title)


# What a plain function may be given as to a built-in layer (`kernel_initializer=`, `bias_regularizer=`...).
_FUNCTION_SLOTS = ("initializer", "regularizer", "constraint", "activation")


def _slot(keyword: str) -> str | None:
    """What a layer's keyword takes a function as: `kernel_initializer` -> "initializer", `activation` and
    `recurrent_activation` -> "activation"; None for other keywords."""
    return next((k for k in _FUNCTION_SLOTS if keyword == k or keyword.endswith(f"_{k}")), None)
# Keras bases whose own `get_config` is known: a layer's gives these keys (in this order), an object's none.
_LAYER_KEYS = ("name", "trainable", "dtype")
_BASE_KEYS = {
    "keras.layers.Layer": frozenset(_LAYER_KEYS),
    **{name: frozenset(keys) for name, keys in BUILTIN_OBJECT_CONFIGS.items()},
}
# Bases whose `from_config` is `cls(**config)` (Keras 3 and tf_keras): every key must be an `__init__` argument.
_PLAIN_FROM_CONFIG = frozenset({"keras.layers.Layer", *OBJECT_BASES, *BUILTIN_OBJECT_CONFIGS})


def _own_get_config(facts: Facts, cls: ClassObj) -> cst.FunctionDef | None:
    """The `get_config` the class itself defines, when nothing overrides `from_config` (Keras then rebuilds the
    class with `cls(**config)`)."""
    own = facts.namespaces.get(cls, {}).get("get_config")
    method = own.single() if isinstance(own, AV) else None
    if not isinstance(method, FuncObj) or not isinstance(method.node, cst.FunctionDef):
        return None
    return method.node if facts.class_field(cls, "from_config") is None else None


def _config_problem(facts: Facts, cls: ClassObj) -> tuple[cst.FunctionDef, list[str], list[str], str] | None:
    """The class's own `get_config` certainly leaves out an argument its `__init__` requires (no default), or
    returns a key its `__init__` cannot take (no such parameter and no `**kwargs`), and nothing overrides
    `from_config`: Keras's `cls(**config)` then raises on load. (method, missing, unaccepted keys, message)."""
    method = _own_get_config(facts, cls)
    if method is None:
        return None
    # Only a layer a model holds directly is rebuilt from its own config; one made in another layer's
    # `__init__`/`build` is made again by that layer's own construction, and an abstract base never is.
    if not any(
        isinstance(e.obj, InstanceObj)
        and e.obj.cls is cls
        and reachable(e)
        and (
            (not e.ctx.has(CtxKind.METHOD) and not e.ctx.has(CtxKind.LAYER_CALL))
            or _saved_by_builtin_base(facts, e)
        )
        for e in facts.of(Created)
    ):
        return None
    found = facts.class_field(cls, "__init__")
    init = found.single() if found is not None else None
    params = _params(init)
    if params is None:
        return None
    names, required, kwargs = params
    checks_extra = not kwargs and cls.keras_base in _PLAIN_FROM_CONFIG
    # A layer of Keras's own base that hands `**kwargs` on, untouched, to `Layer.__init__`: that raises on any
    # key it does not take.
    forwards = (
        kwargs
        and cls.keras_base == "keras.layers.Layer"
        and not any(isinstance(b, ClassObj) for b in cls.bases)
        and isinstance(init, FuncObj)
        and isinstance(init.node, cst.FunctionDef)
        and _forwards_kwargs(init.node)
    )
    if not required and not checks_extra and not forwards:
        return None
    keys = returned_keys(method)
    if keys is None:
        return None
    if BASE in keys:
        if any(k is not cls and facts.namespaces.get(k, {}).get("get_config") for k in cls.mro()):
            return None  # a program base's own get_config: read only the class's own
        base = _BASE_KEYS.get(cls.keras_base or "", frozenset() if cls.is_serializable_object else None)
        if base is None:
            return None  # a built-in layer's config (Dense's `units`...) is not read here
        keys = (keys - {BASE}) | base
    missing = [name for name in required if name not in keys]
    unknown = {k for k in keys if k not in names and (not forwards or k not in _LAYER_INIT_KEYS)}
    order = BUILTIN_OBJECT_CONFIGS.get(cls.keras_base or "", _LAYER_KEYS)
    extra = in_config_order(method, unknown, order) if checks_extra or forwards else []
    if not missing and not extra:
        return None
    said = []
    if missing:
        listed = "`, `".join(missing)
        count = f"{len(missing)} required positional argument{'s' if len(missing) > 1 else ''}"
        said.append(
            f"leaves out `{listed}`, which `__init__` requires: loading a saved model raises "
            f"`TypeError: ... missing {count}: {', '.join(repr(n) for n in missing)}`"
        )
    listed = "`, `".join(extra)
    keys_are = "a key" if len(extra) == 1 else "keys"
    if extra and forwards:
        refused = ", ".join(f"'{k}': ..." for k in extra)
        said.append(
            f"returns {keys_are} `{listed}` that `{cls.name}.__init__` hands in `**kwargs` to `Layer.__init__`, "
            f"which does not take {'it' if len(extra) == 1 else 'them'}: loading a saved model raises "
            f"`TypeError: ... could not be deserialized properly ... Unrecognized keyword arguments passed to "
            f"{cls.name}: {{{refused}}}`"
        )
    elif extra:
        said.append(
            f"returns {keys_are} `{listed}` that `{cls.name}.__init__` cannot take (no such parameter, no "
            f"`**kwargs`): loading a saved model raises `TypeError: ... could not be deserialized properly ... "
            f"{cls.name}.__init__() got an unexpected keyword argument '{extra[0]}'`"
        )
    if missing and extra and not forwards:
        # `cls(**config)` refuses an unexpected keyword before it counts the missing ones: that TypeError is the
        # one a load raises (tensorflow/privacy's KiferRegularizer, measured on Keras 3.15 and tf_keras).
        said.reverse()
    return method, missing, extra, "; it also ".join(said)


def _config_body(method: cst.FunctionDef) -> list[cst.BaseStatement]:
    body = list(method.body.body) if isinstance(method.body, cst.IndentedBlock) else []
    first = body[0] if body else None
    if (
        isinstance(first, cst.SimpleStatementLine)
        and isinstance(first.body[0], cst.Expr)
        and isinstance(first.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    ):
        body = body[1:]
    return body


def _returned_dict(
    method: cst.FunctionDef, body: list[cst.BaseStatement]
) -> tuple[cst.BaseStatement, cst.Dict] | None:
    """The dict literal `get_config` returns: `return {...}`, or `config = {...}` (its one binding of the name)
    and, last, `return config`. (the statement holding it, the literal)"""
    if not body or not isinstance(body[-1], cst.SimpleStatementLine) or len(body[-1].body) != 1:
        return None
    last, small = body[-1], body[-1].body[0]
    if not isinstance(small, cst.Return):
        return None
    if isinstance(small.value, cst.Dict):
        return last, small.value
    if not isinstance(small.value, cst.Name):
        return None
    name = small.value.value
    bound = [
        t
        for n in descendants(method.body)
        if isinstance(n, (cst.AssignTarget, cst.AugAssign, cst.AnnAssign, cst.For, cst.NamedExpr, cst.AsName))
        for t in ([n.name] if isinstance(n, cst.AsName) else [n.target])
        if isinstance(t, cst.Name) and t.value == name
    ]
    for statement in body[:-1]:
        if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
            continue
        assign = statement.body[0]
        if (
            isinstance(assign, cst.Assign)
            and len(assign.targets) == 1
            and isinstance(assign.targets[0].target, cst.Name)
            and assign.targets[0].target.value == name
            and isinstance(assign.value, cst.Dict)
            and len(bound) == 1
        ):
            return statement, assign.value
    return None


def _same_for_every(value: cst.BaseExpression, cls: ClassObj) -> str | None:
    """The name a `get_config` entry gives every instance alike: a string literal, or the class's own name
    (`self.__class__.__name__`, `type(self).__name__`, `Cls.__name__`); None for anything else."""
    if isinstance(value, cst.SimpleString):
        text = value.evaluated_value
        return text if isinstance(text, str) else None
    if not isinstance(value, cst.Attribute) or value.attr.value != "__name__":
        return None
    owner = value.value
    if (
        isinstance(owner, cst.Attribute)
        and owner.attr.value == "__class__"
        and isinstance(owner.value, cst.Name)
        and owner.value.value == "self"
    ):
        return cls.name
    if (
        isinstance(owner, cst.Call)
        and isinstance(owner.func, cst.Name)
        and owner.func.value == "type"
        and len(owner.args) == 1
        and isinstance(owner.args[0].value, cst.Name)
        and owner.args[0].value.value == "self"
    ):
        return cls.name
    if isinstance(owner, cst.Name) and owner.value == cls.name:
        return cls.name
    return None


def _shared_name(
    facts: Facts, cls: ClassObj
) -> tuple[cst.FunctionDef, cst.DictElement, str, str] | None:
    """keras#11210: a direct `Layer` subclass whose `get_config` returns a dict literal with a key `name` that is
    the same for every instance (`"LRN"`, `self.__class__.__name__`) and no base config, whose `__init__` hands
    `**kwargs` on to `Layer.__init__`, made twice where a model is built (or once on each pass of a loop): every
    restored layer of that class gets that one name, and a model holding two cannot be rebuilt. (method, the
    `name` entry, the name, the message)"""
    if cls.keras_base != "keras.layers.Layer" or any(isinstance(b, ClassObj) for b in cls.bases):
        return None
    method = _own_get_config(facts, cls)
    if method is None:
        return None
    found = facts.class_field(cls, "__init__")
    init = found.single() if found is not None else None
    if not isinstance(init, FuncObj) or not isinstance(init.node, cst.FunctionDef):
        return None
    if not _forwards_kwargs(init.node):
        return None
    made = [
        e
        for e in facts.of(Created)
        if isinstance(e.obj, InstanceObj)
        and e.obj.cls is cls
        and reachable(e)
        and not e.ctx.has(CtxKind.METHOD)
        and not e.ctx.has(CtxKind.LAYER_CALL)
    ]
    if len({id(e.node) for e in made}) < 2 and not any(e.ctx.has(CtxKind.LOOP) for e in made):
        return None
    keys = returned_keys(method)
    if keys is None or BASE in keys or "name" not in keys:
        return None
    returned = _returned_dict(method, _config_body(method))
    if returned is None:
        return None
    named = [
        e
        for e in returned[1].elements
        if isinstance(e, cst.DictElement)
        and isinstance(e.key, cst.SimpleString)
        and e.key.evaluated_value == "name"
    ]
    given = _same_for_every(named[0].value, cls) if len(named) == 1 else None
    if given is None:
        return None
    mentions = [
        n
        for n in descendants(method.body)
        if (isinstance(n, cst.SimpleString) and n.evaluated_value == "name")
        or (isinstance(n, cst.Arg) and n.keyword is not None and n.keyword.value == "name")
    ]
    if len(mentions) != 1:
        return None  # the key is set again elsewhere in the method
    written = facts.code_for(named[0].value)
    problem = (
        f"saves `name` as `{written}`, the same for every `{cls.name}`: the layers of a loaded model all get the "
        f'name "{given}", so `load_model` of a model holding two raises `ValueError: The name "{given}" is used '
        f"2 times in the model`; the config also leaves out the base layer's `trainable` and `dtype`"
    )
    return method, named[0], given, problem


# What Keras 3's `Layer.__init__` takes (its parameters, and the two it pops from `**kwargs`); it raises
# `ValueError: Unrecognized keyword arguments passed to L` on any other.
_LAYER_INIT_KEYS = frozenset(
    {"activity_regularizer", "trainable", "dtype", "autocast", "name", "input_dim", "input_shape"}
)


def _saved_by_builtin_base(facts: Facts, made: Created) -> bool:
    """The object is made in a method of a program layer that derives from a built-in one and stored on an
    attribute that the built-in's `get_config` saves (`self.kernel_constraint = Clip(...)` in a `Dense`
    subclass's `build`, DingKe/nn_playground#6): the saved layer's config holds the object's own config, which
    loading hands to its class."""
    method = made.ctx.find(CtxKind.METHOD)
    owner = method.data[0] if method is not None and isinstance(method.data, tuple) else None
    if not isinstance(owner, InstanceObj) or owner.cls.keras_base is None:
        return False
    spec = layer_spec(owner.cls.keras_base, facts.flavor)
    statement = next(
        (a for a in reversed(facts.ancestors(made.node)) if isinstance(a, cst.SimpleStatementLine)), None
    )
    target = sole_assignment(statement, made.node)
    return (
        spec is not None
        and isinstance(target, cst.Attribute)
        and isinstance(target.value, cst.Name)
        and target.value.value == "self"
        and target.attr.value in spec.default_config
        and target.attr.value.endswith(("_constraint", "_regularizer", "_initializer"))
    )


def _forwards_kwargs(init: cst.FunctionDef) -> bool:
    """`__init__` names its `**kwargs` only in one `super().__init__(..., **kwargs)`: every key reaches Keras."""
    star = init.params.star_kwarg
    if not isinstance(star, cst.Param) or not isinstance(init.body, cst.IndentedBlock):
        return False
    name = star.name.value
    uses = [n for n in descendants(init.body) if isinstance(n, cst.Name) and n.value == name]
    calls = [
        n
        for n in descendants(init.body)
        if isinstance(n, cst.Call)
        and isinstance(n.func, cst.Attribute)
        and n.func.attr.value == "__init__"
        and isinstance(n.func.value, cst.Call)
        and isinstance(n.func.value.func, cst.Name)
        and n.func.value.func.value == "super"
        and any(a.star == "**" and isinstance(a.value, cst.Name) and a.value.value == name for a in n.args)
    ]
    return len(uses) == 1 and len(calls) == 1


def _params(init: object) -> tuple[list[str], list[str], bool] | None:
    """`__init__` parameters after `self`: names, required ones, takes **kwargs; None with *args."""
    if init is None:
        return [], [], True  # Keras's own
    if not isinstance(init, FuncObj) or not isinstance(init.node, cst.FunctionDef):
        return None
    p = init.node.params
    if isinstance(p.star_arg, cst.Param) or p.posonly_params:
        return None
    params = [*p.params, *p.kwonly_params][1:]
    names = [q.name.value for q in params]
    return names, [q.name.value for q in params if q.default is None], p.star_kwarg is not None


def _loads_name(facts: Facts, name: str, loads: list[MethodCall] | None = None) -> bool:
    """Every load in the module (or every load of `loads`) passes `custom_objects` naming the class or function
    (and there is one)."""
    if loads is None:
        loads = facts.calls(*LOADS)
    return bool(loads) and all(name in _custom_names(e.node) | _custom_value_names(e) for e in loads)


def _loads_of(facts: Facts, saves: list[MethodCall], layers: set[int]) -> list[MethodCall]:
    """The loads that may read a file holding one of `layers` (or one of them saved itself: a compiled model). Where
    every reachable save writes one constant path, a load of a constant path reads what the saves of that path
    before it wrote, back to the last one sure to run (all saves of the path when none is): it counts when one of
    those may hold one of `layers`; a load of a path not known counts. Else every load counts. handson-ml2's chapter
    12 loads a model with only a custom loss with that loss in `custom_objects`, and the file whose model holds its
    plain functions with those functions in `custom_objects`, then saves another model to that file and loads it
    with the functions that model has: no load looks for a function it is not given."""
    loads = facts.calls(*LOADS)
    written: dict[str, list[tuple[int, bool, bool]]] = {}  # path -> (index, sure to run, may hold `layers`)
    for save in saves:
        if not reachable(save):
            continue
        path = _constant_path(save)
        if path is None:
            return loads
        held = _held_by_saves(facts, [save])
        holds = held is None or bool(held & layers) or any(id(m) in layers for m in _saved_models(save))
        written.setdefault(path, []).append((facts.index_of(save), save.certain, holds))
    found: list[MethodCall] = []
    for load in loads:
        path = _constant_path(load)
        if path is None:
            found.append(load)
            continue
        before = sorted((w for w in written.get(path, []) if w[0] < facts.index_of(load)), reverse=True)
        read: list[tuple[int, bool, bool]] = []
        for entry in before:
            read.append(entry)
            if entry[1]:
                break
        else:
            read = written.get(path, [])  # no save sure to run before it: any save of the path may have written it
        if any(holds for _, _, holds in read):
            found.append(load)
    return found


_CUSTOM_SCOPES = ("custom_object_scope", "CustomObjectScope", "get_custom_objects")


def _registered_by_call(facts: Facts, name: str) -> bool:
    """`register_keras_serializable(...)(name)`: the function is registered without a decorator."""
    return re.search(rf"register_keras_serializable\([^()]*\)\(\s*{re.escape(name)}\s*\)", facts.source) is not None


def _saved_models(save: MethodCall) -> list[Obj]:
    """The models a whole-model save writes (its receiver, or `save_model`'s model), when known."""
    receiver = save.receiver
    if receiver is None or receiver.is_bottom:
        receiver = save.args.first("model", 0) if save.args is not None else TOP
    if receiver.is_top:
        return []
    return [
        o for o in present(receiver) if isinstance(o, ModelObj) or (isinstance(o, InstanceObj) and o.cls.is_model)
    ]


def _compiled_in(args: Args, view: Mapping[Obj, Mapping[str, object]]) -> Iterator[tuple[str, FuncObj]]:
    """The functions a `compile` call is given as `loss` (also its second positional argument), `metrics` or
    `weighted_metrics`, directly or in (nested) lists, tuples and dicts, whose items are read in `view`."""
    for keyword, value in (
        ("loss", args.first("loss", 1)),
        ("metrics", args.get("metrics")),
        ("weighted_metrics", args.get("weighted_metrics")),
    ):
        pending, seen = [value], 0
        while pending and seen < 200:
            item = pending.pop()
            seen += 1
            if item.is_top:
                continue
            for obj in present(item):
                if isinstance(obj, FuncObj):
                    yield keyword, obj
                elif isinstance(obj, TupleObj):
                    pending += obj.items
                elif isinstance(obj, (ListObj, DictObj)):
                    pending += held_values(view.get(obj, {}))


def _compiles(call: MethodCall, model: Obj) -> bool:
    objs = call.receiver.objs if call.receiver is not None else None
    return objs is not None and model in objs


def _path_tail_of(event: MethodCall) -> str | None:
    """The text the path of a save or load certainly ends with, when it is written out."""
    constant = _constant_path(event)
    if constant is not None:
        return constant
    if event.args is None:
        return None
    index = 1 if event.callee in ("keras.saving.save_model", "keras.models.save_model") else 0
    return _path_tail(event.args.first_node("filepath", index))


def _may_be_keras_file(load: MethodCall) -> bool:
    tail = _path_tail_of(load)
    return tail is None or tail.endswith(".keras")


def _looks_up(load: MethodCall, name: str) -> bool:
    """The load compiles the model it reads and so looks `name` up: no `compile=False`, and `custom_objects`
    not given or an inline dict of string keys without it. False where not known (`**kwargs`, a
    `custom_objects` made elsewhere or holding `**` entries)."""
    args = load.args
    if args is None or args.star:
        return False
    compiled = args.first("compile", 2)
    if not compiled.is_bottom and compiled.const() is not True:
        return False
    if args.first("custom_objects", 1).is_bottom:
        return True
    given = args.first_node("custom_objects", 1)
    if not isinstance(given, cst.Dict):
        return False
    if not all(
        isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString) for e in given.elements
    ):
        return False
    return name not in _string_keys(given)


def _object_argument(facts: Facts, cls: ClassObj, init: FuncObj, names: list[str]) -> str | None:
    """maxvit#6: a Keras 3 layer without `get_config` made with an instance of a plain class of the program
    (`MaxViT(config)`): Keras derives a layer's config from its constructor arguments, cannot serialize that
    object, and `model.save` (or a full-model `ModelCheckpoint`) raises `NotImplementedError` (measured, Keras
    3.15.1). Only when every construction of the layer passes such an object for that argument. Also a Keras
    object there (keras#4871: `SpatialTransformer(localization_net=locnet)`, a `Sequential`): Keras 3 derives the
    config only when every argument is a `str`, `int`, `float`, `bool` or `None` (`Operation.__new__`), so a
    model, a layer, an initializer or a variable as an argument makes `model.save` raise the same (measured,
    Keras 3.15.1: each of the four; a dict or a tuple of numbers saves and loads)."""
    sites = _sites(facts, cls)
    for name in names:
        found: str | None = None
        for args in sites:
            if args is None or args.star:
                return None
            what = _unserializable(facts, _argument(args, init, name).single())
            if what is None or (found is not None and what != found):
                found = None
                break
            found = what
        if found is not None:
            return (
                f"has no `get_config` and is made with `{name}`, {found} Keras cannot serialize: "
                f"Keras 3 `model.save` raises `NotImplementedError: Object {cls.name} was created by passing "
                f"non-serializable argument values in `__init__()`...`"
            )
    return None


def _unserializable(facts: Facts, obj: object) -> str | None:
    """What `obj` is, when it is certainly not a value Keras 3 records in a derived config."""
    if isinstance(obj, InstanceObj):
        if obj.cls.keras_base is not None or obj.cls.unknown_base:
            return None
        if facts.class_field(obj.cls, "get_config") is not None:
            return None
        return f"a `{obj.cls.name}` object"
    if isinstance(obj, ModelObj):
        return "a Keras model"
    if isinstance(obj, LayerObj):
        return f"a `{obj.short}` layer"
    if isinstance(obj, KerasObj):
        return f"a `{obj.cls.rsplit('.', 1)[-1]}` object"
    if isinstance(obj, VarObj):
        return "a variable"
    return None


def _path(event: MethodCall) -> str | None:
    """The file a save or load names, when it is one constant `.keras` or `.h5` path."""
    value = _constant_path(event)
    return value if value is not None and value.endswith((".keras", ".h5")) else None


def _constant_path(event: MethodCall) -> str | None:
    """The path a save or load names, when it is one constant string."""
    args = event.args
    if args is None:
        return None
    index = 1 if event.callee in ("keras.saving.save_model", "keras.models.save_model") else 0
    value = args.first("filepath", index).const()
    return value if isinstance(value, str) else None


_H5_SAVES = ("keras.Model.save", ".save", "keras.saving.save_model", "keras.models.save_model", ".save_weights")


def _unnamed_weights(rule: Rule, facts: Facts) -> Iterator[Finding]:
    """tensorflow#36650: in tf_keras code, a custom layer whose method makes two weights with `add_weight` and no
    `name`, in a module that saves to an HDF5 file. tf_keras names each such weight `Variable:0` inside the layer's
    scope (`linear/Variable:0` twice), and the HDF5 writer keeps a layer's weights by name, so the save raises
    `ValueError: Unable to synchronously create dataset (name already exists)` (measured, tf_keras 2.21:
    `save_weights("w.h5")`, `model.save("m.h5")` and a `ModelCheckpoint("weights.h5", save_weights_only=True)`
    during `fit`; a `.weights.h5` path saves, and so does Keras 3, which names them `variable`, `variable_1`).
    Only calls that always run: statements of the method's own body, not under `if`; and one such call in a `for`
    (or a list comprehension) counts once per pass when every instance's pass count is known (tensorflow#51840:
    `for i in range(self.n_models): self.ensemble_weights.append(self.add_weight(shape=(1,)))`, n_models=3).

    tensorflow#36962, #51835, #59954: one such weight is enough when the module saves in the TensorFlow format:
    tf_keras leaves the weight's name `None`, and naming the layer's checkpoint entries raises `AttributeError:
    'NoneType' object has no attribute 'replace'` (or `TypeError: bad argument type for built-in operation`)
    (measured, tf_keras 2.21: `model.save("dir")`, `save(..., save_format="tf")`, `save_weights("ckpt/w")` and a
    `ModelCheckpoint("ckpt")`, whole model or weights only, during `fit`; the weight made in `build` or in
    `__init__`; `.h5` and `.keras` paths save)."""
    if facts.flavor is not Flavor.TF_KERAS:
        return
    h5 = _saves_h5(facts)
    tf_saves, any_model = _tf_format_saves(facts)
    tf_format = bool(tf_saves) or any_model
    if not h5 and not tf_format:
        return
    if h5:
        yield from _hand_built_sublayers(rule, facts)
    # The layers those saves hold; None when one may hold any (a `save_weights` keeps no heap to read them in).
    held = None if any_model or not tf_saves else _held_by_saves(facts, tf_saves)
    for cls in facts.classes:
        if cls.keras_base is None or cls.unknown_base or not cls.is_layer or not _sites(facts, cls):
            continue
        counted = [(method, _unnamed_sites(facts, cls, method)) for method in _methods(facts, cls)]
        if h5:
            found = next(((m, sites) for m, sites in counted if sum(n for _, n in sites) >= 2), None)
            if found is not None:
                method, sites = found
                made = sum(n for _, n in sites)
                calls = [call for call, n in sites if n >= 1]
                yield rule.finding(
                    calls[1] if len(calls) > 1 else calls[0],
                    fix=_name_weights_fix(rule, facts, cls, calls),
                    name=f"{cls.name}.{method.name.value}",
                    problem=(
                        f"makes {made} weights with `add_weight` and no `name`: tf_keras calls each "
                        "`Variable:0` in the layer's scope, and saving the model to an HDF5 file raises `ValueError: "
                        "Unable to synchronously create dataset (name already exists)`; give each weight a `name=`"
                    ),
                )
                continue
        if tf_format and held is not None:
            instances = {id(e.obj) for e in facts.of(Created) if isinstance(e.obj, InstanceObj) and e.obj.cls is cls}
            if not instances & held:
                continue  # no instance is in a model the module saves in the TensorFlow format
        if tf_format:
            found = next(((m, sites) for m, sites in counted if any(n >= 1 for _, n in sites)), None)
            if found is not None:
                method, sites = found
                calls = [call for call, n in sites if n >= 1]
                yield rule.finding(
                    calls[0],
                    fix=_name_weights_fix(rule, facts, cls, calls),
                    name=f"{cls.name}.{method.name.value}",
                    problem=(
                        "makes a weight with `add_weight` and no `name`: tf_keras leaves its name `None`, and saving "
                        "the model in the TensorFlow format (a SavedModel or a checkpoint) raises where it names the "
                        "weight's entry (`AttributeError: 'NoneType' object has no attribute 'replace'`, or a "
                        "`TypeError`); give the weight a `name=`"
                    ),
                )


# The weights a built-in layer's build always makes, by the name tf_keras gives them (`kernel:0`...).
_BUILT_WEIGHTS: dict[str, frozenset[str]] = {
    **{
        f"keras.layers.{name}": frozenset({"kernel"})
        for name in (
            "Dense", "Conv1D", "Conv2D", "Conv3D", "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose",
        )
    },
    "keras.layers.BatchNormalization": frozenset({"moving_mean", "moving_variance"}),
    "keras.layers.Embedding": frozenset({"embeddings"}),
}


def _hand_built_sublayers(rule: Rule, facts: Facts) -> Iterator[Finding]:
    """jkiesele/caloGraphNN#2, tensorflow#41021: in tf_keras code that saves to an HDF5 file, a custom layer
    whose `build` builds two or more of its built-in sub-layers by hand, on one run of it: the `.build` calls the
    interpreter saw while the layer's `build` ran (its METHOD context), through `self.x.build(shape)`, a local
    (`unit = self.units[i]; unit.build(shape)` on each pass of a `for`), a loop over a list or a dict of layers,
    or a helper method. A hand `build` does not enter the sub-layer's name scope, so its weights are named in the
    outer layer's scope alone (`gravnet_0/kernel:0` for each `Dense`, `nested_layers/kernel:0` for each
    `Conv2D`), and the HDF5 writer, which keeps a layer's weights by name, raises `ValueError: Unable to
    synchronously create dataset (name already exists)` when two sub-layers make a weight of the same name
    (measured, tf_keras 2.21: three `Dense`; a `Conv1D` and a `Dense`; two `BatchNormalization`; a
    `Dense(use_bias=False)` and a `Dense`; two `Conv2D` of a list built by a loop through a local, through a
    helper method, or over a dict's `items()`: `save_weights("w.h5")` and `model.save("m.h5")`). A `Dense` and a
    `BatchNormalization` save; so does each hand build under `with tf.name_scope(sub.name):`, one sub-layer built
    by hand, sub-layers built by their first call, a subclassed `Model` whose `build` builds two `Dense` by hand
    (each sub-layer is a layer of the model, a group of its own in the file), and every such model in the
    TensorFlow format, to `.keras` and `.weights.h5` (measured, tf_keras 2.21), and in Keras 3, whose weight
    paths hold each sub-layer's name (`sequential/nested_layers/conv_2d_0/kernel`, measured, Keras 3.15.1:
    `.weights.h5`, `.keras`, `.h5`).

    Counted: a build certain to run (not under an `if` whose outcome is not known, not on a pass of a loop whose
    count is not known), of one layer of the table's classes that the owner's `__init__` or `build` made (so it
    holds it), under no `with` (a `name_scope` may be entered there), in no `call()`. Reported at a call whose
    every run of an owner's `build` builds there a sub-layer sharing a weight name with one built before in that
    run; and, where the module's HDF5 saves and what they hold are known, only for an owner they hold."""
    held = _held_by_h5_saves(facts)
    tf = next((n for n in facts.module_names if facts.imported(n) == "tensorflow"), None)
    # id(METHOD context) -> the sub-layers that run of the owner's `build` built by hand so far: layer, weights
    runs: dict[int, list[tuple[LayerObj, frozenset[str], cst.Call]]] = {}
    reached: dict[int, set[int]] = {}  # id(call node) -> the runs that reached it
    clashes: dict[int, dict[int, tuple[MethodCall, LayerObj, LayerObj, cst.Call, str]]] = {}
    refused: set[int] = set()  # call nodes some run of which is not counted
    makers = _sub_layer_makers(facts)
    for event in facts.calls(".build"):
        node = event.node
        if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute):
            continue
        if not reachable(event):
            continue
        run = _owner_build(event)
        layer = _hand_built_layer(event)
        if run is None or layer is None:
            refused.add(id(node))
            continue
        owner = run.data[0]  # type: ignore[index]
        if owner.synthetic:
            continue  # a class's methods analysed for an instance Keras would make: no context of the program
        if (
            not event.certain
            or event.anchor is not None
            or _unknown_pass(event.ctx, run)
            or _under_with(facts, event, run)
            or makers.get(id(layer)) is not owner
            or (held is not None and (id(owner) not in held or id(layer) not in held))
        ):
            refused.add(id(node))
            continue
        reached.setdefault(id(node), set()).add(id(run))
        built = runs.setdefault(id(run), [])
        if any(other is layer for other, _, _ in built):
            continue  # the same layer built again: not measured
        names = _BUILT_WEIGHTS[layer.cls]
        clash = next(((other, call) for other, taken, call in built if taken & names), None)
        built.append((layer, names, node))
        if clash is not None:
            other, first = clash
            shared = sorted(names & _BUILT_WEIGHTS[other.cls])[0]
            clashes.setdefault(id(node), {}).setdefault(id(run), (event, layer, other, first, shared))
    done: set[int] = set()
    for node_id, found in clashes.items():
        if node_id in refused or node_id in done or set(found) != reached.get(node_id, set()):
            continue  # some run reaching the call builds no clashing sub-layer there
        done.add(node_id)
        event, layer, other, first, shared = next(iter(found.values()))
        call = event.node
        assert isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute)
        owner = _owner_build(event)
        assert owner is not None
        cls = owner.data[0].cls  # type: ignore[index]
        this, before = _sub_layer_named(facts, call, layer), _sub_layer_named(facts, first, other)
        receiver = call.func.value
        scoped = facts.code_for(receiver) if _plain_receiver(receiver) else None
        advice = (
            f"build it under `with tf.name_scope({scoped}.name):`" if scoped is not None
            else "build it in its own name scope"
        )
        yield rule.finding(
            call,
            fix=_name_scope_fix(rule, facts, call, scoped, tf),
            name=f"{cls.name}.build",
            problem=(
                f"builds its sub-layer {this} by hand, as it did {before}: a hand `build` does not enter the "
                f"sub-layer's name scope, so both make `{shared}:0` in this layer's scope, and saving the model to "
                "an HDF5 file raises `ValueError: Unable to synchronously create dataset (name already exists)`; "
                f"{advice}, or let its first call build it"
            ),
        )


def _owner_build(event: Event) -> Ctx | None:
    """The run of a custom layer's `build` (not a model's) the event happened in, the innermost, with no
    `call()` or `tf.function` trace in between; None otherwise."""
    for ctx in event.ctx.chain():
        if ctx.kind in (CtxKind.LAYER_CALL, CtxKind.TF_FUNCTION, CtxKind.ENTRY):
            return None
        if ctx.kind is CtxKind.METHOD:
            data = ctx.data
            if not isinstance(data, tuple) or data[1] != "build" or not isinstance(data[0], InstanceObj):
                return None
            if not isinstance(ctx.node, cst.FunctionDef) or ctx.node.name.value != "build":
                return None  # Keras 3's build by a first run of `call()`
            cls = data[0].cls
            if cls.keras_base is None or cls.unknown_base or not cls.is_layer or cls.is_model:
                return None
            return ctx
    return None


def _hand_built_layer(event: MethodCall) -> LayerObj | None:
    """The one built-in layer of the table's classes a `.build` call builds, for certain."""
    receiver = event.receiver
    if receiver is None or receiver.is_top:
        return None
    layer = receiver.single()
    if not isinstance(layer, LayerObj) or layer.synthetic or layer.cls not in _BUILT_WEIGHTS:
        return None
    return layer


def _unknown_pass(ctx: Ctx, run: Ctx) -> bool:
    """A pass of a loop of unknown count between the event and the run of `build`."""
    for link in ctx.chain():
        if link is run:
            return False
        if link.kind is CtxKind.LOOP and link.data == -1:
            return True
    return False


def _under_with(facts: Facts, event: Event, run: Ctx) -> bool:
    """The call, or a call site that led to it from the run of `build`, is inside a `with` (a `name_scope`)."""
    nodes = [event.node]
    for link in event.ctx.chain():
        if link is run:
            break
        if link.kind is CtxKind.CALL and link.node is not None:
            nodes.append(link.node)
    return any(isinstance(a, cst.With) for node in nodes for a in facts.ancestors(node))


def _sub_layer_makers(facts: Facts) -> dict[int, Obj]:
    """id(layer) -> the custom layer whose `__init__` or `build` made it (the innermost such run)."""
    found: dict[int, Obj] = {}
    for made in facts.of(Created):
        if not isinstance(made.obj, LayerObj):
            continue
        method = made.ctx.find(CtxKind.METHOD)
        data = method.data if method is not None else None
        if isinstance(data, tuple) and data[1] in ("__init__", "build") and isinstance(data[0], InstanceObj):
            found.setdefault(id(made.obj), data[0])
    return found


def _held_by_h5_saves(facts: Facts) -> set[int] | None:
    """The layers the module's HDF5 saves of a model hold (see `_held_by_saves`); None when not known (a save
    that keeps no heap, such as `save_weights`, or a `ModelCheckpoint`)."""
    saves = []
    for event in _model_saves(facts, _H5_SAVES):
        if event.args is None:
            continue
        index = 1 if event.callee in ("keras.saving.save_model", "keras.models.save_model") else 0
        if _h5_path(event.args.first("filepath", index).const()) or event.args.get("save_format").const() == "h5":
            saves.append(event)
    if not saves or facts.calls("keras.callbacks.ModelCheckpoint"):
        return None
    return _held_by_saves(facts, saves)


def _sub_layer_named(facts: Facts, call: cst.Call, layer: LayerObj) -> str:
    """`self.gate` for `self.gate.build(...)`; else the layer's name and class (`conv_2d_1`, a `Conv2D`)."""
    attr = _hand_build_of(call)
    if attr is not None:
        return f"`self.{attr}`"
    short = layer.cls.rsplit(".", 1)[-1]
    return f"`{layer.name}` (a `{short}`)" if layer.name is not None else f"a `{short}`"


def _plain_receiver(node: cst.BaseExpression) -> bool:
    """A name, attributes and constant or name subscripts of one (`unit`, `self.units[i]`): read twice, the same."""
    while True:
        if isinstance(node, cst.Name):
            return True
        if isinstance(node, cst.Attribute):
            node = node.value
            continue
        if isinstance(node, cst.Subscript) and len(node.slice) == 1:
            index = node.slice[0].slice
            plain = (cst.Name, cst.Integer, cst.SimpleString)
            if not isinstance(index, cst.Index) or not isinstance(index.value, plain):
                return False
            node = node.value
            continue
        return False


def _name_scope_fix(
    rule: Rule, facts: Facts, call: cst.Call, scoped: str | None, tf: str | None
) -> FixPlan | None:
    """The hand build, a statement of its own, put under `with tf.name_scope(<sub-layer>.name):`."""
    if tf is None or scoped is None:
        return None
    statement = next((a for a in reversed(facts.ancestors(call)) if isinstance(a, cst.SimpleStatementLine)), None)
    if statement is None or len(statement.body) != 1:
        return None
    small = statement.body[0]
    if not isinstance(small, cst.Expr) or small.value is not call:
        return None
    scope = f"with {tf}.name_scope({scoped}.name):"
    code = facts.code_for(call)
    if "\n" in code:
        # Only the callee is rewritten: the arguments keep their lines as written.
        edit = Replace(call.func, f"{scope} {facts.code_for(call.func)}")
    else:
        inner = _indent_of(facts, statement) + facts.module.default_indent
        edit = Replace(call, f"{scope}\n{inner}{code}")
    return rule.fix(edit, title=f"Build `{scoped}` in its own name scope", safety=FixSafety.UNSAFE)


def _indent_of(facts: Facts, statement: cst.CSTNode) -> str:
    """The indentation of a statement: that of each block that holds it."""
    blocks = [a for a in facts.ancestors(statement) if isinstance(a, cst.IndentedBlock)]
    return "".join(facts.module.default_indent if b.indent is None else b.indent for b in blocks)


def _hand_build_of(call: cst.BaseExpression | None) -> str | None:
    """`attr` of `self.attr.build(...)`."""
    if not isinstance(call, cst.Call) or not isinstance(call.func, cst.Attribute) or call.func.attr.value != "build":
        return None
    target = call.func.value
    if isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and target.value.value == "self":
        return target.attr.value
    return None


def _unnamed_sites(facts: Facts, cls: ClassObj, method: cst.FunctionDef) -> list[tuple[cst.Call, int]]:
    """The unnamed `self.add_weight(...)` calls of the method that always run, each with the fewest weights it
    makes in every instance: 1 for a statement of the body (or the value it assigns), the pass count for one in
    the body of a `for` of the method's body, or the element of a list comprehension assigned there (0 when that
    count is not known)."""
    out: list[tuple[cst.Call, int]] = []
    body = method.body.body if isinstance(method.body, cst.IndentedBlock) else ()
    for statement in body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                value = small.value if isinstance(small, (cst.Assign, cst.Expr, cst.AnnAssign)) else None
                if isinstance(value, cst.Call) and _unnamed_add_weight(value):
                    out.append((value, 1))
                elif (
                    isinstance(value, cst.ListComp)
                    and isinstance(value.elt, cst.Call)
                    and _unnamed_add_weight(value.elt)
                    and value.for_in.inner_for_in is None
                    and not value.for_in.ifs
                ):
                    out.append((value.elt, _passes(facts, cls, value.for_in.iter)))
        elif (
            isinstance(statement, cst.For)
            and statement.orelse is None
            and isinstance(statement.body, cst.IndentedBlock)
        ):
            exits = (cst.Break, cst.Continue, cst.Return, cst.Raise)
            leaves = any(isinstance(n, exits) for n in descendants(statement))
            passes = 0 if leaves else _passes(facts, cls, statement.iter)
            for inner in statement.body.body:
                if not isinstance(inner, cst.SimpleStatementLine):
                    continue
                for small in inner.body:
                    value = small.value if isinstance(small, (cst.Assign, cst.Expr, cst.AnnAssign)) else None
                    for call in _weight_calls(value):
                        out.append((call, passes))
    return out


def _weight_calls(value: cst.BaseExpression | None) -> list[cst.Call]:
    """An unnamed `self.add_weight(...)` that is the value, or the one argument of a `.append(...)` that is."""
    if not isinstance(value, cst.Call):
        return []
    if _unnamed_add_weight(value):
        return [value]
    if (
        isinstance(value.func, cst.Attribute)
        and value.func.attr.value == "append"
        and len(value.args) == 1
        and isinstance(value.args[0].value, cst.Call)
        and _unnamed_add_weight(value.args[0].value)
    ):
        return [value.args[0].value]
    return []


def _passes(facts: Facts, cls: ClassObj, iterable: cst.BaseExpression) -> int:
    """The fewest passes a `for` over the iterable makes in every instance of the class, 0 when not known: a list
    or tuple literal's length, `range(k)` with `k` an int literal or `self.x` holding an `__init__` argument as
    given that every construction passes as an int (or leaves to an int default)."""
    if isinstance(iterable, (cst.List, cst.Tuple)):
        return 0 if any(isinstance(e, cst.StarredElement) for e in iterable.elements) else len(iterable.elements)
    if not (
        isinstance(iterable, cst.Call)
        and isinstance(iterable.func, cst.Name)
        and iterable.func.value == "range"
        and len(iterable.args) == 1
        and iterable.args[0].keyword is None
        and not iterable.args[0].star
    ):
        return 0
    bound = iterable.args[0].value
    if isinstance(bound, cst.Integer):
        return max(int(bound.evaluated_value), 0)
    if not (isinstance(bound, cst.Attribute) and isinstance(bound.value, cst.Name) and bound.value.value == "self"):
        return 0
    found = facts.class_field(cls, "__init__")
    init = found.single() if found is not None else None
    if not isinstance(init, FuncObj) or not isinstance(init.node, cst.FunctionDef):
        return 0
    param = next((p for p, a in _stored_as_given(facts, cls, init).items() if a == bound.attr.value), None)
    if param is None:
        return 0
    default = next((p.default for p in init.node.params.params if p.name.value == param), None)
    counts: list[int] = []
    for args in _sites(facts, cls):
        if args is None:
            return 0
        if _given(args, init, param):
            value = _argument(args, init, param).const()
        else:
            value = default.evaluated_value if isinstance(default, cst.Integer) else None
        if not isinstance(value, int) or isinstance(value, bool):
            return 0
        counts.append(value)
    return max(min(counts), 0) if counts else 0


def _given(args: Args, init: FuncObj, name: str) -> bool:
    node = init.node
    assert isinstance(node, cst.FunctionDef)
    return args.given(name, tuple(p.name.value for p in node.params.params[1:]))


def _tf_format_saves(facts: Facts) -> tuple[list[MethodCall], bool]:
    """The saves of a model in the TensorFlow format, and whether one whose model is not known may save any:
    `save`/`save_weights` to a path whose last part has no `.h5`, `.hdf5` or `.keras` ending (or with
    `save_format="tf"`) on a receiver known to be a model, and the save a `ModelCheckpoint` of the whole model to
    such a path makes at its `fit`; any other `ModelCheckpoint` to such a path (weights only, or given to the
    `fit` of a model whose saves are not recorded), in a module that fits, may save any model. The path's last
    part is read from the argument as written: a string, or the last argument of `os.path.join(...)`, the right
    side of `+` or `/`, the text an f-string ends with after a `/`."""
    saves: list[MethodCall] = []
    for event in _model_saves(facts, (".save", ".save_weights", "keras.Model.save")):
        if event.args is None or event.receiver is None or event.receiver.is_top:
            continue
        if not event.receiver.objs or not all(_is_model(o) for o in event.receiver.objs):
            continue
        fmt = event.args.get("save_format").const()
        if fmt in ("tf", "tensorflow") or (
            not event.args.given("save_format") and _tf_path(event.args.first_node("filepath", 0))
        ):
            saves.append(event)
    recorded = facts.calls(CHECKPOINT_SAVE)
    saves += [e for e in recorded if e.args is not None and _tf_path(e.args.first_node("filepath", 0))]
    saves += _object_checkpoint_saves(facts)
    any_model = bool(facts.calls(".fit", ".fit_generator")) and any(
        made.args is not None
        and _tf_path(made.args.first_node("filepath", 0))
        and not any(e.args is made.args for e in recorded)
        for made in facts.calls("keras.callbacks.ModelCheckpoint")
    )
    return saves, any_model


def _object_checkpoint_saves(facts: Facts) -> list[MethodCall]:
    """tensorflow#35241: the saves of a `tf.train.Checkpoint` (`save(prefix)`, `write(prefix)`) and of a
    `CheckpointManager` over one (`save()`), always in the TensorFlow format. Under tf_keras a checkpoint that
    holds a model or layer with an unnamed weight raises like `save_weights` to a prefix (measured, tf_keras 2.21:
    `Checkpoint(net=model)`, `Checkpoint(layer=built_layer)`, a subclassed model's sublayer, through a
    `CheckpointManager`; not a checkpoint of the variable alone, of an unbuilt layer, or of another model)."""
    return [
        call
        for call in facts.calls(".save", ".write")
        if call.receiver is not None
        and not call.receiver.is_top
        and call.receiver.objs
        and all(_checkpoint_of(o, call.callee) for o in call.receiver)
    ]


def _checkpoint_of(obj: Obj, callee: str) -> bool:
    if not isinstance(obj, KerasObj) or obj.cls not in TF_CHECKPOINTS:
        return False
    return callee == ".save" or obj.cls == "tf.train.Checkpoint"


def _checkpointed(receiver: AV) -> list[Obj] | None:
    """What a `tf.train.Checkpoint` (or the one a `CheckpointManager` was given) saves that may hold layers: its
    keyword arguments' objects, leaving out variables, optimizers and other TF objects, which hold none; None
    when one is not known."""
    roots: list[Obj] = []
    for obj in receiver:
        assert isinstance(obj, KerasObj)
        checkpoints = obj.args.first("checkpoint", 0) if obj.cls == "tf.train.CheckpointManager" else AV.of(obj)
        if checkpoints.is_top or not checkpoints.objs:
            return None
        for checkpoint in checkpoints:
            if not isinstance(checkpoint, KerasObj) or checkpoint.cls != "tf.train.Checkpoint":
                return None
            if checkpoint.args.star or checkpoint.args.positional:
                return None
            for value in checkpoint.args.keywords.values():
                if value.is_top:
                    return None
                roots += (o for o in present(value) if not isinstance(o, (VarObj, KerasObj, TensorObj)))
    return roots


def _is_model(obj: object) -> bool:
    if isinstance(obj, ModelObj):
        return True
    return (
        isinstance(obj, InstanceObj)
        and obj.cls.keras_base is not None
        and not obj.cls.unknown_base
        and obj.cls.is_model
    )


def _tf_path(node: cst.BaseExpression | None) -> bool:
    tail = _path_tail(node)
    if tail is None or not tail.strip("/"):
        return False
    last = tail.rstrip("/").rsplit("/", 1)[-1]
    return "{" not in last and not last.endswith((".h5", ".hdf5", ".keras"))


def _path_tail(node: cst.BaseExpression | None) -> str | None:
    """The text a path expression certainly ends with, when it is written out: see `_tf_format_saves`."""
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    if isinstance(node, cst.ConcatenatedString):
        return _path_tail(node.right) if isinstance(node.right, cst.SimpleString) else None
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, (cst.Add, cst.Divide)):
        tail = _path_tail(node.right)
        return None if tail is None else (("/" + tail) if isinstance(node.operator, cst.Divide) else tail)
    if isinstance(node, cst.FormattedString) and node.parts and isinstance(node.parts[-1], cst.FormattedStringText):
        text = node.parts[-1].value
        return text if "/" in text else None
    if (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value == "join"
        and isinstance(node.func.value, cst.Attribute)
        and node.func.value.attr.value == "path"
        and node.args
        and node.args[-1].keyword is None
        and not node.args[-1].star
    ):
        tail = _path_tail(node.args[-1].value)
        return None if tail is None else "/" + tail
    return None


def _name_weights_fix(rule: Rule, facts: Facts, cls: ClassObj, unnamed: list[cst.Call]) -> FixPlan | None:
    """Each unnamed `self.w = self.add_weight(...)` gets the attribute's name, `name="w"`: the HDF5 file then holds
    `w:0` and `b:0` apart. Only where every `add_weight`/`add_variable` of the class without a name is one of
    these, each bound to an attribute of its own (`self.w = ...`, nothing else on that line), and no weight of the
    class is named so already (nor by an expression: it may be any name)."""
    names: list[str] = []
    for call in unnamed:
        path = facts.ancestors(call)
        parent = path[-1] if path else None
        if not (isinstance(parent, cst.Assign) and parent.value is call and len(parent.targets) == 1):
            return None
        target = parent.targets[0].target
        if not (
            isinstance(target, cst.Attribute)
            and isinstance(target.value, cst.Name)
            and target.value.value == "self"
            and target.attr.value not in names
        ):
            return None
        names.append(target.attr.value)
    for method in _methods(facts, cls):
        for node in descendants(method):
            if not (
                isinstance(node, cst.Call)
                and isinstance(node.func, cst.Attribute)
                and node.func.attr.value in ("add_weight", "add_variable")
            ):
                continue
            if _unnamed_add_weight(node):
                if not any(node is c for c in unnamed):
                    return None  # an unnamed weight left: it could still be a second `Variable:0`
                continue
            given = next((a.value for a in node.args if a.keyword is not None and a.keyword.value == "name"), None)
            if given is None and node.args and node.args[0].keyword is None:
                given = node.args[0].value  # tf_keras's first positional argument is the name
            if not (isinstance(given, cst.SimpleString) and given.evaluated_value not in names):
                return None
    edits = [
        Replace(call, with_keywords(call, {"name": string(facts, name)}), wrap=True)
        for call, name in zip(unnamed, names, strict=True)
    ]
    listed = ", ".join(f'`name="{n}"`' for n in names)
    return rule.fix(
        *edits,
        title=f"Name each weight after its attribute ({listed})",
        safety=FixSafety.UNSAFE,
        renames=tuple(Rename("weight", "Variable", n) for n in names),
    )


def _saves_h5(facts: Facts) -> bool:
    """A save to a legacy HDF5 file: `.h5`/`.hdf5` (not `.weights.h5`, the Keras 3 format) or `save_format="h5"`,
    by `save`/`save_weights`, or by a `ModelCheckpoint` of the module, which has a `fit`."""
    for event in _model_saves(facts, _H5_SAVES):
        if event.args is None:
            continue
        index = 1 if event.callee in ("keras.saving.save_model", "keras.models.save_model") else 0
        if _h5_path(event.args.first("filepath", index).const()) or event.args.get("save_format").const() == "h5":
            return True
    if not facts.calls(".fit", ".fit_generator"):
        return False
    return any(
        made.args is not None and _h5_path(made.args.first("filepath", 0).const())
        for made in facts.calls("keras.callbacks.ModelCheckpoint")
    )


def _h5_path(value: object) -> bool:
    return isinstance(value, str) and value.endswith((".h5", ".hdf5")) and not value.endswith(".weights.h5")


def _unnamed_add_weight(call: cst.Call) -> bool:
    """`self.add_weight(...)` given no name: no `name=` and no positional argument (tf_keras's first is `name`)."""
    func = call.func
    if not (
        isinstance(func, cst.Attribute)
        and func.attr.value in ("add_weight", "add_variable")
        and isinstance(func.value, cst.Name)
        and func.value.value == "self"
    ):
        return False
    return all(a.keyword is not None and a.keyword.value != "name" and not a.star for a in call.args)


def _has_custom(node: cst.CSTNode) -> bool:
    """The load passes `custom_objects` (or arguments that may hold it)."""
    if not isinstance(node, cst.Call):
        return True
    return any(
        a.star or (a.keyword is not None and a.keyword.value == "custom_objects") for a in node.args
    )


def _custom_value_names(load: MethodCall) -> set[str]:
    """The string keys of the dict literal a load's `custom_objects` holds when it is passed by name
    (`custom_objects = {...}` made before, `load_model(path, custom_objects=custom_objects)`)."""
    if load.args is None or load.args.star:
        return set()
    given = load.args.get("custom_objects").single()
    site = given.site if isinstance(given, DictObj) else None
    return _string_keys(site) if isinstance(site, cst.Dict) else set()


def _string_keys(literal: cst.Dict) -> set[str]:
    return {
        e.key.evaluated_value
        for e in literal.elements
        if isinstance(e, cst.DictElement)
        and isinstance(e.key, cst.SimpleString)
        and isinstance(e.key.evaluated_value, str)
    }


def _custom_names(node: cst.CSTNode) -> set[str]:
    if not isinstance(node, cst.Call):
        return set()
    for arg in node.args:
        if (
            arg.keyword is not None
            and arg.keyword.value == "custom_objects"
            and isinstance(arg.value, cst.Dict)
        ):
            return _string_keys(arg.value)
    return set()


def _inherited_config_problem(
    cls: ClassObj, names: list[str], required: list[str], kwargs: bool
) -> str | None:
    """A subclass of one of Keras's own initializers, regularizers or constraints, without a `get_config` of its
    own: it saves the base's config, and loading calls `cls(**config)` with the base's keys (tf_titu1994/SIREN:
    a `VarianceScaling` subclass taking `w0` and `c` gets `scale`, `mode`, `distribution`...)."""
    base = cls.keras_base or ""
    keys = BUILTIN_OBJECT_CONFIGS.get(base, ())
    extra = [] if kwargs else [k for k in keys if k not in names]
    missing = [n for n in required if n not in keys]
    if not extra and not missing:
        return None
    short = base.rsplit(".", 1)[-1]
    if extra:
        listed = "`, `".join(extra)
        return (
            f"has no `get_config`: it saves `{short}`'s config, whose {'key' if len(extra) == 1 else 'keys'} "
            f"`{listed}` its `__init__` cannot take: `load_model` raises `TypeError: ... could not be "
            f"deserialized properly ... {cls.name}.__init__() got an unexpected keyword argument '{extra[0]}'`"
        )
    count = f"{len(missing)} required positional argument{'s' if len(missing) > 1 else ''}"
    return (
        f"has no `get_config`: it saves `{short}`'s config, which leaves out `{'`, `'.join(missing)}`: "
        f"`load_model` raises `TypeError: {cls.name}.__init__() missing {count}`"
    )


def _object_problem(cls: ClassObj, names: list[str], required: list[str], registered: bool) -> str | None:
    base = cls.keras_base or ""
    if base.startswith("keras.regularizers."):
        return "has no `get_config`: `model.save` raises NotImplementedError"
    if names and not registered:
        return (
            f"has no `get_config` and is not registered: `load_model` raises `TypeError: Cannot deserialize "
            f"object of type `{cls.name}``, and registering it alone leaves its arguments behind"
        )
    if required:
        return (
            f"has no `get_config`: `load_model` raises `TypeError: {cls.name}.__init__() missing "
            f"{len(required)} required positional argument`"
        )
    if names:
        listed = "`, `".join(names)
        verb = "returns to its default" if len(names) == 1 else "return to their defaults"
        return f"has no `get_config`: after `load_model` or `clone_model`, `{listed}` silently {verb}"
    return None


def _loses_arguments_silently(cls: ClassObj, names: list[str], required: list[str], registered: bool) -> bool:
    """`_object_problem`'s silent case: a registered object whose arguments all have defaults loads, at them.
    Its `get_config` fix changes what a load or `clone_model` computes (`Identity(gain=2.0)` comes back with
    2.0, not 1.0): towards what the author meant, but a change, so unsafe."""
    base = cls.keras_base or ""
    return bool(names) and registered and not required and not base.startswith("keras.regularizers.")


def _methods(facts: Facts, cls: ClassObj) -> list[cst.FunctionDef]:
    out = []
    for value in facts.namespaces.get(cls, {}).values():
        func = value.single() if isinstance(value, AV) else None
        if isinstance(func, FuncObj) and isinstance(func.node, cst.FunctionDef):
            out.append(func.node)
    return out


def _stored_as_given(facts: Facts, cls: ClassObj, init: FuncObj) -> dict[str, str | None]:
    """param -> the attribute holding it unchanged (`self.x = x` in `__init__`, never rebound), or None."""
    out: dict[str, str | None] = {}
    assigned: dict[str, int] = {}
    for method in _methods(facts, cls):
        for statement in method.body.body if isinstance(method.body, cst.IndentedBlock) else ():
            if not isinstance(statement, cst.SimpleStatementLine):
                continue
            for small in statement.body:
                if not isinstance(small, (cst.Assign, cst.AugAssign, cst.AnnAssign)):
                    continue
                targets = (
                    [t.target for t in small.targets] if isinstance(small, cst.Assign) else [small.target]
                )
                for t in targets:
                    if (
                        isinstance(t, cst.Attribute)
                        and isinstance(t.value, cst.Name)
                        and t.value.value == "self"
                    ):
                        assigned[t.attr.value] = assigned.get(t.attr.value, 0) + 1
                        given = small.value
                        if (
                            method is init.node
                            and isinstance(small, cst.Assign)
                            and isinstance(given, cst.Name)
                        ):
                            out.setdefault(given.value, t.attr.value)
    return {p: a if a is not None and assigned.get(a) == 1 else None for p, a in out.items()}


_AS_IS = frozenset({"float", "int", "str", "bool", "list", "tuple"})


def _attribute_as_is(expr: cst.BaseExpression) -> str | None:
    """`self.x`, `float(self.x)`, `self.x.tolist()`: the attribute whose value the expression is, unchanged up to
    its type; None for anything computed (`self.high - self.low`)."""
    while isinstance(expr, cst.Call) and not any(a.keyword or a.star for a in expr.args):
        if isinstance(expr.func, cst.Name) and expr.func.value in _AS_IS and len(expr.args) == 1:
            expr = expr.args[0].value
        elif isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "tolist" and not expr.args:
            expr = expr.func.value
        else:
            return None
    if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name) and expr.value.value == "self":
        return expr.attr.value
    return None


# Attributes Keras's layers, models and objects have themselves: an argument of that name is not stored by a fix.
_KERAS_ATTRIBUTES = frozenset(
    {
        "name", "dtype", "trainable", "built", "layers", "weights", "variables", "inputs", "outputs", "input",
        "output", "losses", "metrics", "optimizer", "loss", "dynamic", "input_shape", "output_shape", "seed",
        "supports_masking", "compute_dtype", "variable_dtype", "dtype_policy", "autocast", "training", "path",
        "trainable_weights", "non_trainable_weights", "trainable_variables", "non_trainable_variables", "config",
    }
)  # fmt: skip


def _store_point(cls: ClassObj, init: FuncObj, names: list[str]) -> cst.SimpleStatementLine | None:
    """The one `super().__init__(...)` line of a Keras model's or layer's own `__init__` (not a built-in layer's
    subclass), after which `self.x = x` stores the arguments: only when `__init__` never rebinds them and the
    class never uses those attributes itself, nor are they attributes Keras has."""
    node = init.node
    if cls.keras_base not in ("keras.Model", "keras.layers.Layer") or not isinstance(node, cst.FunctionDef):
        return None
    if not isinstance(node.body, cst.IndentedBlock) or any(n in _KERAS_ATTRIBUTES for n in names):
        return None
    lines = [
        s
        for s in node.body.body
        if isinstance(s, cst.SimpleStatementLine)
        and len(s.body) == 1
        and isinstance(s.body[0], cst.Expr)
        and isinstance(s.body[0].value, cst.Call)
        and _is_super_init(s.body[0].value, cls)
    ]
    if len(lines) != 1:
        return None
    for current in descendants(node.body):
        targets: list[cst.BaseExpression] = []
        if isinstance(current, (cst.AssignTarget, cst.AugAssign, cst.AnnAssign, cst.For, cst.NamedExpr)):
            targets = [current.target]
        elif isinstance(current, cst.AsName):
            targets = [current.name]
        for target in targets:
            if any(isinstance(n, cst.Name) and n.value in names for n in descendants(target)):
                return None  # rebound: what is stored would not be the argument
    for current in descendants(cls.node.body):
        if (
            isinstance(current, cst.Attribute)
            and isinstance(current.value, cst.Name)
            and current.value.value == "self"
            and current.attr.value in names
        ):
            return None  # the class has an attribute of that name already
    return lines[0]


def _passed_to_base(cls: ClassObj, init: FuncObj) -> dict[str, str]:
    """param -> the key of the built-in base's config it is handed to unchanged in `__init__`'s
    `super().__init__(..., seed=seed)` (a parameter `__init__` never rebinds)."""
    node = init.node
    keys = BUILTIN_OBJECT_CONFIGS.get(cls.keras_base or "", ())
    if not isinstance(node, cst.FunctionDef) or not isinstance(node.body, cst.IndentedBlock):
        return {}
    rebound: set[str] = set()
    calls: list[cst.Call] = []
    for statement in node.body.body:
        for small in statement.body if isinstance(statement, cst.SimpleStatementLine) else ():
            if isinstance(small, (cst.Assign, cst.AugAssign, cst.AnnAssign)):
                targets = (
                    [t.target for t in small.targets] if isinstance(small, cst.Assign) else [small.target]
                )
                rebound |= {t.value for t in targets if isinstance(t, cst.Name)}
            elif (
                isinstance(small, cst.Expr)
                and isinstance(small.value, cst.Call)
                and _is_super_init(small.value, cls)
            ):
                calls.append(small.value)
    if len(calls) != 1 or not all(isinstance(s, cst.SimpleStatementLine) for s in node.body.body):
        return {}  # one `super().__init__` in straight-line code: the value it gets is the argument
    out: dict[str, str] = {}
    for arg in calls[0].args:
        if (
            arg.keyword is not None
            and arg.keyword.value in keys
            and isinstance(arg.value, cst.Name)
            and arg.value.value not in rebound
        ):
            out[arg.value.value] = arg.keyword.value
    return out


def _is_super_init(call: cst.Call, cls: ClassObj | None = None) -> bool:
    """`super().__init__(...)`, or the two-argument form naming the class itself and `self`,
    `super(NALU, self).__init__(...)` (the same call: keras-neural-alu#1), when `cls` is given."""
    func = call.func
    if not (
        isinstance(func, cst.Attribute)
        and func.attr.value == "__init__"
        and isinstance(func.value, cst.Call)
        and isinstance(func.value.func, cst.Name)
        and func.value.func.value == "super"
    ):
        return False
    args = func.value.args
    if not args:
        return True
    return (
        cls is not None
        and len(args) == 2
        and all(a.keyword is None and not a.star and isinstance(a.value, cst.Name) for a in args)
        and cst.ensure_type(args[0].value, cst.Name).value == cls.name
        and cst.ensure_type(args[1].value, cst.Name).value == "self"
    )


def _sites(facts: Facts, cls: ClassObj) -> list[Args | None]:
    return [e.args for e in facts.of(Created) if isinstance(e.obj, InstanceObj) and e.obj.cls is cls]


def _argument(args: Args, init: FuncObj, name: str) -> AV:
    node = init.node
    assert isinstance(node, cst.FunctionDef)
    positional = tuple(p.name.value for p in node.params.params[1:])
    return args.get(name, positional)


def _array_arguments(facts: Facts, cls: ClassObj, init: FuncObj, names: list[str]) -> set[str] | None:
    """The arguments some construction passes an array for (stored as a list: a config holds JSON); None when
    one passes something no config can hold (a layer, a model, a variable)."""
    out: set[str] = set()
    for args in _sites(facts, cls):
        if args is None:
            continue
        for name in names:
            for obj in _argument(args, init, name):
                if isinstance(obj, TensorObj) and not obj.symbolic:
                    out.add(name)
                elif isinstance(obj, (LayerObj, ModelObj, VarObj, InstanceObj, KerasObj)):
                    return None
    return out


def _model_problem(
    facts: Facts, cls: ClassObj, init: object, required: list[str], kwargs: bool
) -> str | None:
    """What a subclassed Keras 3 model without `get_config`, whose `__init__` takes arguments, meets at save
    or load. `Model.__new__` hands none of the constructor's arguments to the config Keras derives, so the
    config is the `__init__`'s defaults (measured, Keras 3.15.1): a parameter without a default, or a default
    that is not a plain value, and `model.save` raises `NotImplementedError`; else the save writes the
    defaults, and `load_model` calls `__init__` with them and with `trainable` and `dtype`: without `**kwargs`
    that raises `TypeError`, and with it the model comes back built from the defaults, not from the values it
    was made with (`scale=5.0` reloads as `scale=1.0` and computes something else; `units=5` reloads as 3 and
    its weights fail to load). A model made with no argument but `name` saves and loads (tensorflow/docs'
    `MySequentialModel(name="the_model")`). None when no claim holds, or a default or an argument is not
    known."""
    if required or not isinstance(init, FuncObj):
        return _MODEL.format(name=cls.name)
    for value in init.defaults.values():
        if not _plain(value):
            single = value.single()
            if value.is_top or single is None or isinstance(single, (ListObj, TupleObj, DictObj)):
                return None  # not known, or a container Keras may record
            return _MODEL.format(name=cls.name)
    if not kwargs:
        return _LAYER
    node = init.node
    assert isinstance(node, cst.FunctionDef)
    positional = tuple(p.name.value for p in node.params.params[1:])
    defaults = {
        p.name.value: p.default for p in (*node.params.params, *node.params.kwonly_params) if p.default is not None
    }
    for args in _sites(facts, cls):
        if args is None or args.star:
            return None
        for name, default in init.defaults.items():
            given = args.get(name, positional)
            known = given.const()
            if name == "name" or given.is_bottom or (known is not NOTHING and known == default.const()):
                continue
            made_with = args.node_of(name, positional)
            written = defaults.get(name)
            if made_with is None or written is None:
                return None
            return (
                f"has no `get_config`: Keras 3 saves the defaults of its `__init__` arguments, not the values it "
                f"is made with, so `load_model` rebuilds it with `{name}={facts.code_for(written)}`, not "
                f"`{name}={facts.code_for(made_with)}`: the loaded model computes something else, or its weights "
                f"fail to load"
            )
    return None


def _rebuilt_by_init(facts: Facts, cls: ClassObj) -> bool:
    """Whether `load_model` makes what an instance of `cls` holds by running its `__init__`: a layer or model
    class of the program, not a `Sequential`, without a `get_config` of its own (which may serialize its
    sublayers), whose `__init__` (when the program defines one) hands no inputs and outputs to `Model.__init__`
    (a functional subclass: its graph is in its config)."""
    if cls.keras_base is None or cls.keras_base == "keras.Sequential" or cls.unknown_base:
        return False
    if facts.class_field(cls, "get_config") is not None:
        return False
    found = facts.class_field(cls, "__init__")
    if found is None:
        return True
    init = found.single()
    if not isinstance(init, FuncObj) or not isinstance(init.node, cst.FunctionDef):
        return False
    for node in descendants(init.node.body):
        if (
            isinstance(node, cst.Call)
            and isinstance(node.func, cst.Attribute)
            and node.func.attr.value == "__init__"
            and any(
                (arg.keyword is None and not arg.star and not _is_self(arg.value))
                or (arg.keyword is not None and arg.keyword.value in ("inputs", "outputs"))
                for arg in node.args
            )
        ):
            return False
    return True


def _is_self(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, cst.Name) and expr.value == "self"


def _saved_with(facts: Facts, cls: ClassObj, saves: list[MethodCall], by_name: bool = False) -> bool:
    """Whether a save can hold an instance of `cls`: one made after an instance of it (when the module makes
    any). A class defined in a function that nothing of the module
    calls (a test method) has no instance outside that function's run: only a save made while it runs counts
    (keras's export tests define a layer in one test method, export it as a SavedModel, and save another model
    with `save_model` in another test)."""
    made = [c for c in facts.of(Created) if isinstance(c.obj, InstanceObj) and cls in c.obj.cls.mro()]
    if made and cls.is_layer:
        held = _held_by_saves(facts, saves, by_name)
        if held is not None and not any(id(c.obj) in held for c in made):
            return False  # in none of the models the module saves (each save's model and layers known)
    if made:
        # A save can only hold an instance made before it (deep-learning-with-python's chapter 7 notebook:
        # a ModelCheckpoint saves a functional model, which is loaded back; a CustomModel is defined and
        # trained afterwards, never saved).
        first = min(facts.index_of(c) for c in made)
        saves = [save for save in saves if facts.index_of(save) > first]
    parent = cls.namespace.parent
    if parent is None or not isinstance(parent.node, cst.FunctionDef):
        return bool(saves)
    where = parent.node
    if any(call.func.node is where for call in facts.of(UserCall)):
        return bool(saves)  # called: what it makes may be returned to the caller and saved there
    return any(_runs_in(save, where) for save in saves)


def _refused_extension(facts: Facts, cls: ClassObj, saves: list[MethodCall]) -> str:
    """What the module's own saves of an instance of `cls` hit first, when each names one constant path that is
    no `.keras`/`.h5` file: Keras 3's `model.save` refuses the path (`ValueError: Invalid filepath extension
    for saving`, measured on 3.15) before it reads any config. handson-ml2's chapter 12 saves its
    `ResidualRegressor` with `model.save("my_custom_model.ckpt")`, a SavedModel under tf_keras."""
    made = [c for c in facts.of(Created) if isinstance(c.obj, InstanceObj) and cls in c.obj.cls.mro()]
    if not made:
        return ""
    first = min(facts.index_of(c) for c in made)
    paths: list[str] = []
    for save in saves:
        if not reachable(save) or facts.index_of(save) < first:
            continue
        held = _held_by_saves(facts, [save])
        if held is not None and not any(id(c.obj) in held for c in made):
            continue
        path = _constant_path(save)
        if save.callee == CHECKPOINT_SAVE or path is None or path.endswith((".keras", ".h5")):
            return ""
        paths.append(path)
    if not paths:
        return ""
    return (
        f"; this module's `save(\"{paths[0]}\")` raises `ValueError: Invalid filepath extension for saving` before "
        "that (Keras 3 saves a whole model only to a `.keras` or `.h5` file)"
    )


def _runs_in(event: MethodCall, function: cst.FunctionDef) -> bool:
    if event.frame is not None and event.frame.node is function:
        return True
    for ctx in event.ctx.chain():
        if ctx.node is function or (isinstance(ctx.data, FuncObj) and ctx.data.node is function):
            return True
    return False


def _plain_arguments(facts: Facts, cls: ClassObj) -> bool:
    """Every construction passes plain values (numbers, strings, None, tuples of them): Keras 3 records those."""
    sites = _sites(facts, cls)
    return bool(sites) and all(
        args is not None
        and not args.star
        and all(_plain(v) for v in (*args.positional, *args.keywords.values()))
        for args in sites
    )


def _plain(value: AV) -> bool:
    known = value.const()
    if isinstance(known, tuple):
        return all(_plain(const(v)) for v in known)
    return known is None or isinstance(known, (bool, int, float, str))


def _with_kwargs(params: cst.Parameters) -> cst.Parameters:
    """`params` with `**kwargs` appended."""
    params = params.with_changes(star_kwarg=cst.Param(cst.Name("kwargs"), star="**"))
    if params.params and params.params[-1].comma == cst.MaybeSentinel.DEFAULT and not params.kwonly_params:
        last = params.params[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        params = params.with_changes(params=[*params.params[:-1], last])
    return params


def _bare_super_init(statement: cst.BaseStatement, cls: ClassObj) -> bool:
    """`super().__init__()` (or `super(Cls, self).__init__()`) with no arguments, alone on its line."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return False
    small = statement.body[0]
    if not isinstance(small, cst.Expr) or not isinstance(small.value, cst.Call) or small.value.args:
        return False
    return _is_super_init(small.value, cls)


# The globals a loaded Keras 3 lambda sees: those of `keras.src.utils.python_utils` (measured, Keras 3.15.1).
_LOADER_GLOBALS = frozenset({"binascii", "codecs", "marshal", "os", "python_types"})


def _model_saves(facts: Facts, names: tuple[str, ...] = SAVES) -> list[MethodCall]:
    """The saves of models: not `.save` of a `tf.train.Checkpoint`, a `CheckpointManager` or a TF1 `Saver`
    (TensorFlow's eager guide: `checkpoint.save(prefix)`), which write variables, never a model's config."""
    return [
        call
        for call in facts.calls(*names)
        if call.receiver is None
        or call.receiver.is_top
        or not call.receiver.objs
        or not all(isinstance(o, KerasObj) and o.cls.rsplit(".", 1)[-1] in _VARIABLE_SAVERS for o in call.receiver)
    ]


_VARIABLE_SAVERS = frozenset({"Checkpoint", "CheckpointManager", "Saver"})


def _held_by_saves(facts: Facts, saves: list[MethodCall], by_name: bool = False) -> set[int] | None:
    """The ids of the layers (and instances of the program's layer and model classes) the module's whole-model
    saves hold (a Sequential's layers, a functional model's
    graph, wrapped and nested ones), read in the heap at each save; None when a save may hold any layer (its
    model or its layers not known there, a subclassed model). With `by_name`, only those a load deserializes
    from the saved config: not what an instance of a program class that `load_model` rebuilds by running its
    `__init__` holds (`_rebuilt_by_init`).

    The layers of a subclassed model (or layer) without a `get_config` of its own are made again by its
    `__init__`; a load never looks them up by name, so they need no registration and no config. Measured,
    Keras 3.15.1: a registered `Model` subclass whose `__init__` makes an unregistered layer taking no
    `**kwargs`, or a `Dense(kernel_initializer=a_plain_function)`, saves and loads with the same outputs; the
    same layer in a functional model fails to load (`TypeError`).

    A model that another package's code made (`keras_model = efficientnet.EfficientNetV2(...)`, then
    `keras_model.save(path)`; or a functional model between its tensors, `Model(keras_model.inputs[0],
    keras_model.layers[-4].output)`) can hold only what reached code not followed: the objects handed to any
    such call in the run (keras_cv_attention_models' EfficientNetV2 conversion script saves both and holds none
    of its own blocks). When the program's own code that may make or return objects reached it (a function, a
    class), anything may be there."""
    held: set[int] = set()
    checkpoint_saves = {id(e) for e in _object_checkpoint_saves(facts)}
    for save in saves:
        if not reachable(save):
            continue
        receiver = save.receiver
        expr: cst.BaseExpression | None = None
        if receiver is None or receiver.is_bottom:
            receiver = save.args.first("model", 0)
            node = save.args.nodes.get("model", save.args.nodes.get(0))
            expr = node.value if isinstance(node, cst.Arg) else None
        elif isinstance(save.node, cst.Call) and isinstance(save.node.func, cst.Attribute):
            expr = save.node.func.value
        if save.view is None:
            return None
        view = save.view
        pending: list[Obj] = []
        if id(save) in checkpoint_saves:
            roots = _checkpointed(receiver)
            if roots is None:
                return None
            pending += roots
        elif receiver.is_top:
            escaped = _unknown_made(facts, expr, save) if expr is not None else None
            roots = _escaped_holders(escaped)
            if roots is None:
                return None
            pending += roots
        else:
            pending += present(receiver)
        seen: set[int] = set()
        while pending:
            obj = pending.pop()
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            if isinstance(obj, LayerObj):
                held.add(id(obj))
                if obj.wrapped is not None:
                    pending.append(obj.wrapped)
                continue
            if isinstance(obj, (InstanceObj, ListObj, TupleObj, DictObj)):
                if isinstance(obj, InstanceObj):
                    if obj.cls.keras_base is None:
                        continue
                    held.add(id(obj))
                    if by_name and _rebuilt_by_init(facts, obj.cls):
                        continue
                # A layer or model class of the program: the layers its attributes hold, in lists and dicts too.
                # An attribute not known here (`self.activation = activations.get(activation)`) holds none of
                # the layers the program made and the analysis followed.
                pending += _contents(view, obj)
                continue
            if not isinstance(obj, ModelObj) or obj.kind not in (ModelKind.SEQUENTIAL, ModelKind.FUNCTIONAL):
                return None
            if obj.kind is ModelKind.FUNCTIONAL:
                layers = _graph_layers(obj)
                if not layers:
                    found = _outputs_holders(facts, obj)
                    if found is None:
                        return None
                    layers = found
                pending += layers
                continue
            items = view.get(obj, {}).get("items")
            if not isinstance(items, Items):
                return None
            # Layers added in a loop (`for _ in range(20): model.add(Dense(100))`, handson-ml2's chapter 11)
            # leave the items merged: any of them may be in the model.
            for item in items.exact if items.exact is not None else (items.merged,):
                if item.is_top:
                    return None
                pending += (o for o in present(item) if not isinstance(o, TensorObj))
    return held


def _outputs_holders(facts: Facts, model: ModelObj) -> list[Obj] | None:
    """What may hold the layers of a functional model whose output tensors are not known here, from its
    construction: outputs read off another model (`Model(base.inputs[0], base.layers[-4].output)`: that
    model, whose graph holds them), or made by code not followed (what reached such code); None otherwise."""
    made = next((c for c in facts.of(Created) if c.obj is model), None)
    if made is None or not isinstance(made.node, cst.Call):
        return None
    args = made.node.args
    outputs = next((a for a in args if a.keyword is not None and a.keyword.value == "outputs"), None)
    if outputs is None:
        plain = [a for a in args if a.keyword is None and not a.star]
        if len(plain) < 2 or any(a.star for a in args):
            return None
        outputs = plain[1]
    base = _model_read(outputs.value, made)
    if base is not None:
        return base
    return _escaped_holders(_unknown_made(facts, outputs.value, made))


_MODEL_READS = frozenset({"layers", "inputs", "outputs", "input", "output", "get_layer"})


def _model_read(expr: cst.BaseExpression, where: Event) -> list[Obj] | None:
    """The models `expr` reads a tensor or layer off through Keras's own attributes (`base.layers[-4].output`,
    `base.get_layer("x").output`), when the name it starts from is known, at `where`, to be only such models."""
    first: str | None = None
    while True:
        if isinstance(expr, cst.Attribute):
            first = expr.attr.value
            expr = expr.value
        elif isinstance(expr, cst.Subscript) and all(_constant_index(e) for e in expr.slice):
            expr = expr.value
        elif isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute):
            if expr.func.attr.value != "get_layer" or not all(_constant_arg(a) for a in expr.args):
                return None
            first = "get_layer"
            expr = expr.func.value
        else:
            break
    if first not in _MODEL_READS or not isinstance(expr, cst.Name):
        return None
    value = where.env.get(expr.value)
    if not isinstance(value, AV) or value.is_top or not value.objs:
        return None
    models = list(value)
    if not all(isinstance(o, ModelObj) and o.kind in (ModelKind.SEQUENTIAL, ModelKind.FUNCTIONAL) for o in models):
        return None
    return models


def _constant_arg(arg: cst.Arg) -> bool:
    return arg.keyword is None and not arg.star and isinstance(arg.value, (cst.SimpleString, cst.Integer))


def _unknown_made(facts: Facts, expr: cst.BaseExpression, where: Event) -> Escapes | None:
    """The run's `Escapes` when `expr` reads only what a call of another package's code made: such a call, a
    name every binding of which in `where`'s scope is a plain `name = <such a call>`, or an attribute or a
    constant subscript of one (`keras_model.layers[-4].output`); None otherwise (a parameter, a loop variable,
    a call the program's own code may answer on some path)."""
    while True:
        if isinstance(expr, cst.Attribute) or (
            isinstance(expr, cst.Subscript) and all(_constant_index(e) for e in expr.slice)
        ):
            expr = expr.value
        else:
            break
    values: list[cst.BaseExpression]
    if isinstance(expr, cst.Call):
        values = [expr]
    elif isinstance(expr, cst.Name):
        found = _plain_bindings(where.frame.node, expr.value)
        if not found:
            return None
        values = found
    else:
        return None
    unknown = {id(e.node): e for e in facts.of(UnknownCall)}
    followed = {id(e.node) for e in facts.of(UserCall)} | {id(e.node) for e in facts.of(Created)}
    escaped: Escapes | None = None
    for value in values:
        event = unknown.get(id(value))
        if event is None or id(value) in followed:
            return None
        escaped = event.escaped
    return escaped


def _escaped_holders(escaped: Escapes | None) -> list[Obj] | None:
    """What of the run's escaped objects may hold a layer (the layers that made an escaped symbolic tensor
    among them: code not followed may build a model up to it); None when not known, or when the program's own
    code that may make objects reached code not followed."""
    if escaped is None or not _inert(escaped):
        return None
    kinds = (LayerObj, ModelObj, InstanceObj, ListObj, TupleObj, DictObj)
    found: list[Obj] = [o for o in escaped.objs.values() if isinstance(o, kinds)]
    tensors = [o for o in escaped.objs.values() if isinstance(o, TensorObj) and o.symbolic]
    found += (t.producer for t in upstream(tensors, 10_000) if t.producer is not None)
    return found


def _inert(escaped: Escapes) -> bool:
    """Whether none of the program's code that reached code not followed can make or hand back an object: only
    lambdas that call nothing and read only their parameters (`filter(lambda e: e is not None, ...)`)."""
    for obj in escaped.objs.values():
        if isinstance(obj, (BoundMethod, ClassObj, PartialObj)):
            return False
        if isinstance(obj, FuncObj):
            node = obj.node
            if not isinstance(node, cst.Lambda) or _free_names(node) != set():
                return False
            if any(isinstance(n, cst.Call) for n in descendants(node.body)):
                return False
    return True


def _constant_index(element: cst.SubscriptElement) -> bool:
    index = element.slice
    if not isinstance(index, cst.Index):
        return False
    value = index.value
    if isinstance(value, cst.UnaryOperation):
        value = value.expression
    return isinstance(value, (cst.Integer, cst.SimpleString))


def _plain_bindings(scope: cst.CSTNode, name: str) -> list[cst.BaseExpression] | None:
    """The values a scope's `name = value` statements (one plain target each) bind `name` to; None when
    anything else in the scope may bind or change it (a parameter, a loop or `with` target, an import, a tuple
    target, `global`, an attribute or item store through it)."""
    if isinstance(scope, (cst.FunctionDef, cst.Lambda)):
        if any(p.name.value == name for p in _all_params(scope.params)):
            return None
        roots: list[cst.CSTNode] = [scope.body]
    else:
        roots = [scope]
    found: list[cst.BaseExpression] = []
    stack: list[tuple[cst.CSTNode, bool]] = [(root, False) for root in roots]
    while stack:
        node, target = stack.pop()
        if isinstance(node, cst.Name):
            if target and node.value == name:
                return None
            continue
        if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
            if node.name.value == name:
                return None
            continue  # its own scope
        if isinstance(node, (cst.Lambda, cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)):
            continue
        if isinstance(node, cst.Assign):
            if len(node.targets) == 1 and _is_name(node.targets[0].target, name):
                found.append(node.value)
            else:
                stack += ((t.target, True) for t in node.targets)
            stack.append((node.value, False))
            continue
        if isinstance(node, (cst.AnnAssign, cst.AugAssign)):
            stack.append((node.target, True))
            if node.value is not None:
                stack.append((node.value, False))
            continue
        if isinstance(node, (cst.For, cst.CompFor)):
            stack.append((node.target, True))
            stack += ((c, target) for c in node.children if c is not node.target)
            continue
        if isinstance(node, (cst.AsName, cst.NamedExpr, cst.Import, cst.ImportFrom, cst.Global, cst.Nonlocal, cst.Del)):
            stack += ((c, True) for c in node.children)
            continue
        stack += ((c, target) for c in node.children)
    return found


def _is_name(node: cst.BaseExpression, name: str) -> bool:
    return isinstance(node, cst.Name) and node.value == name


def _all_params(params: cst.Parameters) -> list[cst.Param]:
    found = [*params.posonly_params, *params.params, *params.kwonly_params]
    for star in (params.star_arg, params.star_kwarg):
        if isinstance(star, cst.Param):
            found.append(star)
    return found


def _contents(view: Mapping[Obj, Mapping[str, object]], obj: Obj) -> list[Obj]:
    """The layers, models, instances and containers an instance's attributes or a container's items hold."""
    values = obj.items if isinstance(obj, TupleObj) else held_values(view.get(obj, {}))
    kinds = (LayerObj, ModelObj, InstanceObj, ListObj, TupleObj, DictObj)
    return [o for value in values for o in present(value) if isinstance(o, kinds)]


def _graph_layers(model: ModelObj) -> list[Obj]:
    """The layers that made a functional model's output tensors, followed back through their inputs (a model
    whose outputs are not plain tensors here: none)."""
    outputs = model.args.get("outputs", ("inputs", "outputs"))
    if outputs.is_top:
        return []
    made = upstream((t for t in outputs if isinstance(t, TensorObj)), 10_000)
    return [t.producer for t in made if t.producer is not None]


def _module_globals_read(facts: Facts, function: cst.Lambda, free: set[str]) -> set[str]:
    """The names of `free` (read by the lambda, bound in it nowhere) that resolve to the module's own bindings
    (a function, a class, a variable of the module): those no enclosing function (or lambda) binds, which
    Keras 3 would carry in the lambda's closure (measured, Keras 3.15.1: `lambda x: x * scale` made in
    `make(scale)` loads with `safe_mode=False` and predicts the same; `lambda x: clip(x)` of a module-level
    `clip` raises `NameError` when the loaded model is called)."""
    enclosing = [a for a in facts.ancestors(function) if isinstance(a, (cst.FunctionDef, cst.Lambda))]
    found: set[str] = set()
    for name in free:
        if name not in facts.module_names:
            continue
        if any(_plain_bindings(scope, name) != [] for scope in enclosing):
            continue  # a parameter or local of an enclosing function: a closure variable
        found.add(name)
    return found


def _free_names(function: cst.Lambda) -> set[str] | None:
    """The names a lambda's body reads that it does not bind; None when it binds any (a comprehension, a nested
    lambda, `:=`)."""
    params = {p.name.value for p in function.params.params}
    found: set[str] = set()
    stack: list[cst.CSTNode] = [function.body]
    while stack:
        node = stack.pop()
        if isinstance(node, (cst.Lambda, cst.NamedExpr, cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)):
            return None
        if isinstance(node, cst.Name):
            found.add(node.value)
            continue
        if isinstance(node, cst.Attribute):
            stack.append(node.value)
            continue
        if isinstance(node, cst.Arg):
            stack.append(node.value)
            continue
        stack.extend(node.children)
    return {n for n in found - params if n not in _BUILTINS}


_BUILTINS = frozenset(dir(__import__("builtins")))


def _bound_at_top(statement: cst.CSTNode) -> set[str]:
    """The names a module-level import binds."""
    if not isinstance(statement, cst.SimpleStatementLine):
        return set()
    names: set[str] = set()
    for small in statement.body:
        if isinstance(small, cst.Import):
            for alias in small.names:
                bound = alias.asname.name if alias.asname is not None else alias.name
                if isinstance(bound, cst.Name):
                    names.add(bound.value)
                elif isinstance(bound, cst.Attribute):
                    names.add(cst.Module([]).code_for_node(bound).split(".", 1)[0])
        elif isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
            for alias in small.names:
                bound = alias.asname.name if alias.asname is not None else alias.name
                if isinstance(bound, cst.Name):
                    names.add(bound.value)
    return names


def _defined_at_top(statement: cst.CSTNode) -> list[str]:
    """The name a module-level `def` or `class` binds, or the plain names a one-assignment statement binds: a
    function defined after it reads them as the lambda did, from the module's globals at the call."""
    if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
        return [statement.name.value]
    return _names_bound(statement)


def _names_bound(statement: cst.CSTNode) -> list[str]:
    """The plain names a one-assignment statement binds."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return []
    small = statement.body[0]
    if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
        return [small.targets[0].target.value]
    return []
