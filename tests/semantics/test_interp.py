"""The abstract interpreter on small programs: values, branches, loops, calls, scopes, containers, contexts."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from tfvarfix.keras.spec import Flavor
from tfvarfix.semantics.events import Attribute, CtxKind, Duplicate, VariableInTrace
from tfvarfix.semantics.facts import Facts, analyze
from tfvarfix.semantics.heap import present
from tfvarfix.semantics.values import AV, Const, LayerObj, ListObj, ModelObj, PartObj, TensorObj


def facts_of(source: str) -> Facts:
    text = textwrap.dedent(source)
    return analyze(cst.parse_module(text), text, Flavor.KERAS3)


def value(facts: Facts, name: str) -> AV:
    found = facts.module_names[name]
    assert isinstance(found, AV)
    return present(found)


def consts(av: AV) -> set[object]:
    return {o.value for o in av if isinstance(o, Const)}


# ---------------------------------------------------------------------------------------------- values
def test_constants_fold_and_branches_join() -> None:
    facts = facts_of(
        """
        import random
        a = 2 * 3 + 1
        if random.random() > 0.5:
            b = "x"
        else:
            b = "y"
        c = f"{a}-{b}" if a else None
        """
    )
    assert consts(value(facts, "a")) == {7}
    assert consts(value(facts, "b")) == {"x", "y"}
    assert value(facts, "c").is_top  # an f-string of an unknown part


def test_dict_get_reads_the_default_only_where_the_key_may_be_missing() -> None:
    facts = facts_of(
        """
        import random
        hp = {"block_type": "resnet"}
        if random.random() > 0.5:
            hp["depth"] = 50
        kind = hp.get("block_type")
        depth = hp.get("depth", 18)
        width = hp.get("width", 64)
        """
    )
    assert consts(value(facts, "kind")) == {"resnet"}  # there on every path: not None
    assert consts(value(facts, "depth")) == {50, 18}
    assert consts(value(facts, "width")) == {64}


def test_tensorflow_ops_give_their_static_shapes() -> None:
    """TF1 graph code sizes variables from `get_shape()` (DCGAN's `linear`); tests/runtime/test_tfv302_runtime.py
    checks the same shapes against TF."""
    facts = facts_of(
        """
        import tensorflow.compat.v1 as tf
        x = tf.placeholder(tf.float32, [4, 9, 9, 3])
        w = tf.get_variable("w", [3, 3, 3, 5])
        h = tf.nn.relu(tf.nn.conv2d(x, w, strides=[1, 2, 2, 1], padding="SAME"))
        flat = tf.reshape(tf.maximum(h, 0.2 * h), [4, -1])
        width = flat.get_shape().as_list()[1]
        channels = x.get_shape()[-1]
        """
    )
    assert [o.shape for o in value(facts, "h") if isinstance(o, TensorObj)] == [(4, 5, 5, 5)]
    assert [o.shape for o in value(facts, "flat") if isinstance(o, TensorObj)] == [(4, 125)]
    assert consts(value(facts, "width")) == {125}
    assert consts(value(facts, "channels")) == {3}


def test_a_format_that_python_refuses_gives_an_unknown_value() -> None:
    # stanford-tensorflow-tutorials' style_transfer assignment: `total_loss = None` (a TO DO), then
    # '{:5.1f}'.format(total_loss), which raises TypeError in Python; the analyzer crashed with TFV004 on it
    facts = facts_of(
        """
        total_loss = None
        line = '   Loss: {:5.1f}'.format(total_loss)
        name = 'Step {}: {:5.1f}'.format(3, 2.25)
        """
    )
    assert value(facts, "line").is_top
    assert consts(value(facts, "name")) == {"Step 3:   2.2"}


def test_a_certain_test_runs_one_arm_only() -> None:
    facts = facts_of(
        """
        DEBUG = False
        if DEBUG:
            x = 1
        else:
            x = 2
        """
    )
    assert consts(value(facts, "x")) == {2}


# ---------------------------------------------------------------------------------------------- loops
def test_a_literal_true_false_or_none_test_leaves_the_code_after_it_reachable() -> None:
    # `False` is a constant, not a name a test narrows: narrowing the builtin object `False` to "falsy" once
    # emptied it and made everything after `1 if False else 2` unreachable (no finding after it was reported).
    facts = facts_of(
        """
        y = 1 if False else 2
        if False:
            z = 1
        else:
            z = 3
        w = None if None else 4
        v = 5 if True else 6
        after = "reached"
        """
    )
    assert consts(value(facts, "y")) == {2} and consts(value(facts, "z")) == {3}
    assert consts(value(facts, "w")) == {4} and consts(value(facts, "v")) == {5}
    assert consts(value(facts, "after")) == {"reached"}


def test_a_counted_loop_runs_once_per_item_and_an_unknown_one_twice() -> None:
    facts = facts_of(
        """
        import keras
        known = []
        for units in [4, 8, 16]:
            known.append(keras.layers.Dense(units))
        unknown = []
        for units in keras.config.sizes():
            unknown.append(keras.layers.Dense(units))
        """
    )
    known = value(facts, "known").single()
    assert isinstance(known, ListObj)
    made = [e for e in facts.made(LayerObj)]
    assert len(made) == 5  # three known passes, two passes of unknown count
    assert [o.config("units").const() for o in made[:3]] == [4, 8, 16]


def test_break_and_else_of_a_loop() -> None:
    facts = facts_of(
        """
        found = None
        for i in range(5):
            if i == 2:
                found = i
                break
        else:
            found = -1
        """
    )
    assert consts(value(facts, "found")) == {2}


def test_a_fresh_model_per_pass_has_no_duplicates_and_one_shared_model_has() -> None:
    facts = facts_of(
        """
        import keras
        for trial in range(3):
            fresh = keras.Sequential([keras.Input((4,))])
            fresh.add(keras.layers.Dense(2, name="head"))
        shared = keras.Sequential([keras.Input((4,))])
        for trial in range(3):
            shared.add(keras.layers.Dense(2, name="head"))
        """
    )
    duplicates = facts.of(Duplicate)
    assert duplicates and all(d.model is value(facts, "shared").single() for d in duplicates)


# ---------------------------------------------------------------------------------------------- scopes
def test_a_comprehension_variable_is_its_own_scope() -> None:
    facts = facts_of(
        """
        import keras
        layer = keras.layers.LSTM(4)
        dense_model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
        kernels = [layer.kernel for layer in dense_model.layers]
        """
    )
    reads = [e for e in facts.of(Attribute) if e.attr == "kernel"]
    assert [o.short for e in reads for o in e.base if isinstance(o, LayerObj)] == ["Dense"]
    assert isinstance(value(facts, "layer").single(), LayerObj)


def test_function_bodies_see_module_names_as_they_are_when_called() -> None:
    facts = facts_of(
        """
        import keras
        def make():
            return keras.layers.Dense(UNITS)
        UNITS = 3
        first = make()
        UNITS = 5
        second = make()
        """
    )
    first, second = value(facts, "first").single(), value(facts, "second").single()
    assert isinstance(first, LayerObj) and isinstance(second, LayerObj)
    assert (first.config("units").const(), second.config("units").const()) == (3, 5)


def test_globals_nonlocals_and_closures() -> None:
    facts = facts_of(
        """
        count = 0
        def bump():
            global count
            count = count + 1
        bump()
        def outer():
            total = 1
            def inner():
                nonlocal total
                total = total + 1
                return total
            return inner()
        result = outer()
        """
    )
    assert consts(value(facts, "count")) == {1}
    assert consts(value(facts, "result")) == {2}


# ---------------------------------------------------------------------------------------------- calls
def test_helpers_return_what_they_build_and_recursion_is_unknown() -> None:
    facts = facts_of(
        """
        import keras
        def block(units, name):
            return keras.layers.Dense(units, name=name)
        def build():
            return keras.Sequential([keras.Input((4,)), block(8, "a"), block(2, "b")])
        model = build()
        def loop(n):
            return loop(n - 1)
        odd = loop(3)
        """
    )
    model = value(facts, "model").single()
    assert isinstance(model, ModelObj)
    assert [o.name for o in facts.made(LayerObj) if o.cls == "keras.layers.Dense"] == ["a", "b"]
    assert value(facts, "odd").is_top


def test_a_parameter_gets_the_argument_and_an_uncalled_function_runs_as_an_entry() -> None:
    facts = facts_of(
        """
        import keras
        def spectral_radius(rnn_layer):
            return rnn_layer.recurrent_kernel
        def never_called(layer):
            return layer.kernel
        spectral_radius(keras.layers.LSTM(4))
        """
    )
    by_attr = {e.attr: e for e in facts.of(Attribute)}
    assert [o.short for o in by_attr["recurrent_kernel"].base] == ["LSTM"]
    assert by_attr["kernel"].base.is_top and by_attr["kernel"].ctx.has(CtxKind.ENTRY)


# ---------------------------------------------------------------------------------------------- containers
@pytest.mark.parametrize(
    "mutation, exact",
    [
        ("items.append(keras.layers.Dense(3))", True),
        ("items[0] = keras.layers.Dense(3)", True),
        ("items.insert(0, keras.layers.Dense(3))", True),
        ("items.reverse()", True),
        ("items[len(unknown)] = keras.layers.Dense(3)", False),
        ("unknown.process(items)", False),
    ],
)
def test_lists_stay_exact_until_an_unknown_mutation_or_an_escape(mutation: str, exact: bool) -> None:
    facts = facts_of(
        f"""
        import keras
        import unknown
        items = [keras.layers.Dense(1), keras.layers.Dense(2)]
        {mutation}
        model = keras.Sequential(items)
        """
    )
    model = value(facts, "model").single()
    assert isinstance(model, ModelObj)
    created = [e for e in facts.events if type(e).__name__ == "Created" and e.obj is model]
    assert created
    # The Sequential's layers are exact exactly when the list still was.
    layers_read = facts_of(
        f"""
        import keras
        import unknown
        items = [keras.layers.Dense(1), keras.layers.Dense(2)]
        {mutation}
        first = keras.Sequential(items).layers[0]
        """
    )
    assert (value(layers_read, "first").single() is not None) is exact


def test_a_functional_models_first_layer_is_its_input_layer() -> None:
    facts = facts_of(
        """
        import keras
        inputs = keras.Input((4,))
        outputs = keras.layers.Dense(2, name="d")(inputs)
        model = keras.Model(inputs, outputs)
        first = model.layers[0]
        second = model.layers[1]
        """
    )
    first, second = value(facts, "first").single(), value(facts, "second").single()
    assert isinstance(first, LayerObj) and first.short == "InputLayer"
    assert isinstance(second, LayerObj) and second.name == "d"


# ---------------------------------------------------------------------------------------------- refinement
def test_isinstance_and_is_none_narrow_what_a_name_holds() -> None:
    facts = facts_of(
        """
        import keras
        model = keras.Sequential([keras.Input((3, 2)), keras.layers.LSTM(4), keras.layers.Dense(1)])
        for layer in model.layers:
            if isinstance(layer, keras.layers.LSTM):
                layer.cell.kernel
        maybe = None
        if maybe is None:
            maybe = 1
        """
    )
    reads = [e for e in facts.of(Attribute) if e.attr == "cell"]
    assert [o.short for e in reads for o in e.base] == ["LSTM"]
    assert consts(value(facts, "maybe")) == {1}


def test_an_unknown_value_narrowed_by_isinstance_is_a_layer_of_that_class() -> None:
    facts = facts_of(
        """
        import keras
        def kernels(model):
            for layer in model.layers:
                if isinstance(layer, keras.layers.GRU):
                    layer.kernel
        """
    )
    read = next(e for e in facts.of(Attribute) if e.attr == "kernel")
    assert [o.short for o in read.base] == ["GRU"]


def test_an_attribute_set_on_both_arms_is_either_value() -> None:
    facts = facts_of(
        """
        import keras
        class Head(keras.Model):
            def __init__(self, classes):
                super().__init__()
                if classes > 2:
                    self.out = keras.layers.Dense(classes, name="out")
                else:
                    self.out = keras.layers.Dense(1, name="out")
            def call(self, x):
                return self.out(x)
        """
    )
    assert not facts.of(Duplicate)


# ---------------------------------------------------------------------------------------------- contexts
def test_lazy_creation_in_a_tf_function_happens_once_and_per_call_creation_twice() -> None:
    facts = facts_of(
        """
        import tensorflow as tf
        class Lazy(tf.Module):
            def __init__(self):
                self.v = None
            @tf.function
            def __call__(self, x):
                if self.v is None:
                    self.v = tf.Variable(1.0)
                return self.v * x
        @tf.function
        def eager(x):
            return tf.Variable(2.0) * x
        Lazy()(1.0)
        eager(1.0)
        """
    )
    traced = facts.of(VariableInTrace)
    assert len(traced) == 1 and traced[0].ctx.find(CtxKind.TF_FUNCTION).data == 2  # type: ignore[union-attr]


def test_code_expected_to_fail_is_in_an_expected_context() -> None:
    facts = facts_of(
        """
        import keras
        import pytest
        lstm = keras.layers.LSTM(4)
        with pytest.raises(AttributeError):
            lstm.kernel
        try:
            lstm.bias
        except AttributeError:
            pass
        try:
            lstm.recurrent_kernel
        except (TypeError, keras.errors.AttributeError):
            pass
        """
    )
    kernel = next(e for e in facts.of(Attribute) if e.attr == "kernel")
    bias = next(e for e in facts.of(Attribute) if e.attr == "bias")
    recurrent = next(e for e in facts.of(Attribute) if e.attr == "recurrent_kernel")
    assert kernel.ctx.expected_failure
    assert bias.ctx.catches("AttributeError") and not bias.ctx.expected_failure
    # a tuple of exceptions catches each of them, named by their last part
    assert recurrent.ctx.catches("AttributeError") and recurrent.ctx.catches("TypeError")
    assert not recurrent.ctx.catches("ValueError")


def test_a_contextmanager_of_the_program_that_swallows_an_exception_expects_it() -> None:
    """The TensorFlow guides' `with assert_raises(ValueError):` (a `@contextlib.contextmanager` generator that
    catches its argument around `yield`): its block is expected to fail with that exception, not another."""
    facts = facts_of(
        """
        import contextlib
        from contextlib import contextmanager
        import keras

        @contextlib.contextmanager
        def assert_raises(error_class):
            try:
                yield
            except error_class as e:
                print("Caught expected exception", e)

        @contextmanager
        def reraising():
            try:
                yield
            except AttributeError:
                raise

        lstm = keras.layers.LSTM(4)
        with assert_raises(AttributeError):
            lstm.kernel
        with assert_raises(error_class=TypeError):
            lstm.bias
        with reraising():
            lstm.recurrent_kernel
        """
    )
    kernel, bias, recurrent = (next(e for e in facts.of(Attribute) if e.attr == a) for a in
                               ("kernel", "bias", "recurrent_kernel"))
    assert kernel.ctx.expected_failure and kernel.ctx.catches("AttributeError")
    assert bias.ctx.catches("TypeError") and not bias.ctx.catches("AttributeError")
    assert not recurrent.ctx.expected_failure


def test_methods_see_attributes_set_in_init() -> None:
    facts = facts_of(
        """
        import keras
        class Tagger(keras.Model):
            def __init__(self):
                super().__init__()
                self.encoder = keras.layers.GRU(4)
            def penalty(self):
                return self.encoder.cell.kernel
        """
    )
    read = next(e for e in facts.of(Attribute) if e.attr == "cell")
    assert [o.short for o in read.base] == ["GRU"]


def test_tensors_carry_the_layers_that_made_them() -> None:
    facts = facts_of(
        """
        import keras
        inputs = keras.Input((5, 3))
        hidden = keras.layers.Dense(4)(inputs)
        """
    )
    hidden = value(facts, "hidden").single()
    assert isinstance(hidden, TensorObj) and isinstance(hidden.producer, LayerObj)
    assert hidden.producer.input_dim == 3


def test_a_program_too_costly_for_the_budget_claims_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    import tfvarfix.semantics.facts as facts_module

    monkeypatch.setattr(facts_module, "BUDGET_BASE", 10)
    monkeypatch.setattr(facts_module, "BUDGET_PER_STATEMENT", 0)
    facts = facts_of("import keras\n" + "x = keras.layers.LSTM(4)\nx.kernel\n" * 50)
    assert not facts.complete and facts.events == []


def test_dict_pop_of_a_known_key_gives_its_value_and_removes_it() -> None:
    facts = facts_of(
        """
        spec = dict(type="dense", size=4)
        kind = spec.pop("type")
        rest = spec.pop("missing", 7)
        left = len(spec)
        """
    )
    assert consts(value(facts, "kind")) == {"dense"}
    assert consts(value(facts, "rest")) == {7}
    assert consts(value(facts, "left")) == {1}


def test_a_dict_read_by_an_unknown_key_is_one_of_its_values() -> None:
    # leondgarse/keras_cv_attention_models: `{0: MBConvBlock, 1: FusedMBConvBlock}[conv_type](...)`: the block
    # is one of the two classes (or the read raises KeyError), not anything.
    facts = facts_of(
        """
        import os
        kind = int(os.environ["KIND"])
        table = {0: "mb", 1: "fused"}
        picked = table[kind]
        partial = {0: "a"}
        partial[os.environ["K"]] = "b"
        maybe_added = partial[kind]
        unknown_key = dict(os.environ)[kind]
        """
    )
    assert consts(value(facts, "picked")) == {"mb", "fused"}
    # a value stored under a key not known is one of the values too: "a", "b" (or KeyError)
    assert consts(value(facts, "maybe_added")) == {"a", "b"}
    assert value(facts, "unknown_key").is_top  # a dict whose contents are not known


def test_a_dict_filled_by_unknown_keys_is_read_as_the_values_stored() -> None:
    # neural-structured-learning's CARLS SparseFeatureEmbedding: `build` stores each feature's weights under
    # its name (names from a parameter), and `call()` reads them back by name: the read is one of the stored
    # objects (else a KeyError), not anything.
    facts = facts_of(
        """
        import os
        names = os.environ["FEATURES"].split(",")
        table = {}
        for name in names:
            table[name] = (name, 1)
        picked = table[os.environ["ONE"]]
        escaped = {}
        escaped[os.environ["K"]] = "x"
        os.environ.update(escaped)
        unknown = escaped[os.environ["ONE"]]
        """
    )
    picked = value(facts, "picked")
    assert not picked.is_top and picked.objs is not None and len(picked.objs) == 1
    assert value(facts, "unknown").is_top  # the dict reached code not followed: anything may be in it


def test_a_value_that_may_be_several_tuples_unpacks_position_by_position() -> None:
    # CARLS' embed_single_feature returns `embedding, None` on one path and `embedding, variables` on another:
    # `y, variables = embed(...)` binds `variables` to None or the variables, not to anything.
    facts = facts_of(
        """
        import os
        def pick(flag):
            if flag:
                return "e", None
            return "f", "v"
        first, second = pick(os.environ["A"])
        a, b = pick(os.environ["A"]) if os.environ["B"] else (1, 2, 3)
        """
    )
    assert consts(value(facts, "first")) == {"e", "f"}
    assert consts(value(facts, "second")) == {None, "v"}
    assert value(facts, "b").is_top  # one of the values has three items: that path raises, no claim


def test_a_variable_made_where_an_existing_one_was_found_missing_is_a_fallback() -> None:
    # `if variables: use them else: tf.Variable(...)` where `variables` may be None or the weights `build`
    # made: the creation is the code's fallback (which runs or not by which weights exist), and says so; a
    # creation where the value is certainly None, or under a test on something else, is not one.
    facts = facts_of(
        """
        import os
        import tensorflow as tf

        def make(dim, variables=None):
            if variables:
                vc = variables
            else:
                vc = tf.Variable(tf.zeros([dim]))  # fallback
            if variables is not None:
                pass
            else:
                other = tf.Variable(1.0)  # fallback
            return vc

        class Emb(tf.keras.layers.Layer):
            def __init__(self, names):
                super().__init__()
                self._names = names
                self._vars = {}

            def build(self, input_shape):
                for name in self._names:
                    self._vars[name] = self.add_weight(name=name, shape=[2])

            def call(self, inputs):
                got = None
                if os.environ["K"] in self._vars.keys():
                    got = self._vars[os.environ["K"]]
                make(2, got)
                none = None
                if none is None:
                    fresh = tf.Variable(2.0)  # not a fallback: certainly made
                if os.environ["X"]:
                    maybe = tf.Variable(3.0)  # not a fallback: a test on something else
                return inputs

        Emb(os.environ["N"].split(","))(tf.ones((1, 2)))
        """
    )
    made = {}
    for event in facts.of(VariableInTrace):
        line = facts.code_for(event.node)
        made.setdefault(line, set()).add(event.fallback)
    assert made["tf.Variable(tf.zeros([dim]))"] == {True}
    assert made["tf.Variable(1.0)"] == {True}
    assert made["tf.Variable(2.0)"] == {False}
    assert made["tf.Variable(3.0)"] == {False}


def test_a_with_block_left_by_return_runs_its_exit_on_that_path() -> None:
    # A named variable_scope resets the default-name counts under it when it is left, on a `return` too: the
    # same helper run twice makes `g/dense` both times, and the second creation collides (measured, TF 2.21).
    from tfvarfix.semantics.events import Collision

    facts = facts_of(
        """
        import tensorflow.compat.v1 as tf
        tf.disable_eager_execution()

        def generator(z):
            with tf.variable_scope("g"):
                return tf.layers.dense(z, 4)

        z = tf.placeholder(tf.float32, [None, 2])
        first = generator(z)
        second = generator(z)
        """
    )
    assert [e.name for e in facts.of(Collision)] == ["g/dense/kernel"]


def test_namedtuples_carry_their_fields() -> None:
    facts = facts_of(
        """
        import typing
        from collections import OrderedDict, namedtuple
        Feat = namedtuple("Feat", ["name", "dim", "length_name"], defaults=(None,))
        Pair = typing.NamedTuple("Pair", [("left", int), ("right", int)])
        user = Feat("user", 4)
        hist = Feat(name="hist", dim=8, length_name="seq")
        pair = Pair(1, right=2)
        bad = Feat("x")
        name, dim, length = hist
        kinds = [isinstance(user, Feat), isinstance(user, Pair), isinstance(user, tuple)]
        table = OrderedDict()
        table[user.name] = user.dim
        """
    )
    assert consts(value(facts, "user").single().field("name")) == {"user"}  # type: ignore[union-attr]
    assert consts(value(facts, "user").single().field("length_name")) == {None}  # type: ignore[union-attr]
    assert consts(value(facts, "length")) == {"seq"}
    assert consts(value(facts, "pair").single().field("right")) == {2}  # type: ignore[union-attr]
    assert value(facts, "bad").is_top  # a required field is missing: Python raises
    kinds = value(facts, "kinds").single()
    assert isinstance(kinds, ListObj)


def test_isinstance_between_namedtuples_narrows() -> None:
    facts = facts_of(
        """
        from collections import namedtuple
        Dense = namedtuple("Dense", "units")
        Sparse = namedtuple("Sparse", "vocab")
        specs = [Dense(4), Sparse(10)]
        for spec in specs:
            if isinstance(spec, Sparse):
                vocab = spec.vocab
            else:
                units = spec.units
        """
    )
    assert consts(value(facts, "vocab")) == {10}
    assert consts(value(facts, "units")) == {4}


def test_getattr_with_a_default_and_keras_aliases() -> None:
    """`regularizers.l2(...)` is the class `L2` (an alias); a layer keeps its regularizers as attributes (an RNN
    layer forwards its cell's), so `getattr(..., default)` is the attribute there; where Keras keeps them under
    another name (MultiHeadAttention: `_kernel_regularizer`), it is not known."""
    facts = facts_of(
        """
        import keras
        from keras import layers, regularizers
        reg = regularizers.l2(1e-4)
        lstm = layers.LSTM(8, kernel_regularizer=reg)
        got = getattr(lstm, "kernel_regularizer", None)
        plain = getattr(layers.Dense(2), "kernel_regularizer", 0)
        attention = getattr(layers.MultiHeadAttention(2, 2), "kernel_regularizer", None)
        cell = getattr(lstm, "cell", None)
        """
    )
    (l2,) = value(facts, "reg")
    assert getattr(l2, "cls", None) == "keras.regularizers.L2"
    assert value(facts, "got").single() is l2
    assert consts(value(facts, "plain")) == {None}  # Dense's default, not getattr's
    assert value(facts, "attention").is_top
    assert isinstance(value(facts, "cell").single(), PartObj)  # the LSTM has a cell: not the default


def test_getattr_and_setattr_of_a_constant_name_are_that_read_and_store_at_the_call() -> None:
    """`getattr(x, "kernel")` is the read `x.kernel` and `setattr(x, "bias", v)` the store `x.bias = v`, each
    recorded at its call (rules report there); a name that is not a constant reads nothing known."""
    facts = facts_of(
        """
        import keras
        lstm = keras.layers.LSTM(4)
        got = getattr(lstm, "cell")
        setattr(lstm, "bias", 1.0)
        unknown = getattr(lstm, input())
        """
    )
    reads = {(e.attr, e.store, type(e.node).__name__) for e in facts.of(Attribute)}
    assert reads == {("cell", False, "Call"), ("bias", True, "Call")}
    assert isinstance(value(facts, "got").single(), PartObj)
    assert value(facts, "unknown").is_top


def test_hasattr_narrows_what_a_name_holds() -> None:
    """`if hasattr(layer, "kernel"):` lets only the objects that may have the attribute into its arm, and the
    others into its else."""
    facts = facts_of(
        """
        import keras
        import random
        layer = keras.layers.LSTM(4) if random.random() else keras.layers.Dense(4)
        if hasattr(layer, "kernel"):
            layer.kernel
        else:
            layer.cell
        """
    )
    kernel = [o.short for e in facts.of(Attribute) if e.attr == "kernel" for o in e.base]
    cell = [o.short for e in facts.of(Attribute) if e.attr == "cell" for o in e.base]
    assert (kernel, cell) == (["Dense"], ["LSTM"])


def test_a_name_test_narrows_the_layers_a_name_holds() -> None:
    """`if layer.name == "emb":` (MatchZoo#629's loop over `model.layers`) lets only the layers whose name is that
    string, or not known (a known auto name counts as known), into its arm; `!=` and a name on the left narrow
    the same way."""
    facts = facts_of(
        """
        import keras
        import random
        name = "emb"
        unknown = keras.layers.GRU(3, name=str(random.random()))
        for layer in [keras.layers.Embedding(4, 2, name="emb"), keras.layers.Dense(2, name="out"), unknown]:
            if layer.name == name:
                layer.embeddings
            if "out" != layer.name:
                pass
            else:
                layer.kernel
        """
    )
    embeddings = sorted(o.short for e in facts.of(Attribute) if e.attr == "embeddings" for o in e.base)
    kernel = sorted(o.short for e in facts.of(Attribute) if e.attr == "kernel" for o in e.base)
    assert (embeddings, kernel) == (["Embedding", "GRU"], ["Dense", "GRU"])


def test_a_partial_of_a_layer_class_constructs_that_layer_with_both_sets_of_arguments() -> None:
    """`Conv = partial(Conv2D, padding="same")`: each call is a construction of the class, the partial's
    arguments first; a keyword of the call replaces the partial's (as functools.partial does)."""
    facts = facts_of(
        """
        import functools
        from functools import partial
        import keras

        Dense = partial(keras.layers.Dense, activation="relu", name="fc")
        first = Dense(8)
        second = Dense(4, name="out")
        Wide = functools.partial(keras.layers.LSTM, 16)
        lstm = Wide(return_sequences=True)

        def block(units, name):
            return keras.layers.Dense(units, name=name)

        Head = partial(block, name="head")
        head = Head(2)
        """
    )
    dense = sorted((o for o in facts.made(LayerObj) if o.cls == "keras.layers.Dense"), key=lambda o: o.serial)
    assert [(consts(o.config("units")), o.name) for o in dense] == [({8}, "fc"), ({4}, "out"), ({2}, "head")]
    assert consts(dense[0].config("activation")) == {"relu"}
    (lstm,) = (o for o in facts.made(LayerObj) if o.cls == "keras.layers.LSTM")
    assert consts(lstm.config("units")) == {16} and consts(lstm.config("return_sequences")) == {True}
    assert value(facts, "lstm").single() is lstm


def test_one_class_reached_through_two_imports_is_one_value() -> None:
    """tensorflow/hub's tests bind `keras` to `tf_keras` in one arm and to `tf.keras` in the other: the joined
    value of `keras.layers.Input` is one class, so one call constructs one layer (it made two, both named
    "text", and TFV104 reported the name used twice in one model)."""
    from tfvarfix.semantics.values import AV, ModuleRef

    tf_keras_input, tf_input = ModuleRef("tf_keras.layers.Input"), ModuleRef("tensorflow.keras.layers.Input")
    assert tf_keras_input == tf_input and hash(tf_keras_input) == hash(tf_input)
    assert len(AV.of(tf_keras_input).join(AV.of(tf_input))) == 1
    assert ModuleRef("numpy.ones") != ModuleRef("tensorflow.ones")
