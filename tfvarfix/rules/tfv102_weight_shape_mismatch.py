from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

import libcst as cst

from tfvarfix.keras.spec import Flavor, WeightSpec
from tfvarfix.keras.weights import (
    Shape,
    broadcast_conflict,
    conflict,
    constant_conflict,
    detached,
    formula,
    show,
    weight_shape,
)
from tfvarfix.rule import Finding, FixPlan, Replace, Rule
from tfvarfix.semantics.events import Created, InputMismatch, WeightCount, WeightWrite
from tfvarfix.semantics.facts import Facts, reachable
from tfvarfix.semantics.values import InstanceObj, KerasObj, LayerObj, TensorObj
from tfvarfix.types import FixAvailability, FixSafety, VerifyCheck


class WeightShapeMismatch(Rule):
    """
    ## What it does
    Finds a value whose static shape cannot fit the layer weight it is given to: a variable named after the
    weight (TFV101), `<weight>.assign(value)`, `layer.set_weights([...])`, or a
    `keras.initializers.Constant(value)` given as the layer's initializer (Keras 3 multiplies the value by ones
    of the weight's shape, so it must broadcast to it; tf_keras makes `tf.constant(value, shape=shape)`, which
    reshapes a value of as many elements and fills one of a single element: neural-structured-learning's flat
    `Constant(np.array([1.0, -1.0]))` for a `Dense(1)` kernel of shape `(2, 1)` is right there, while Keras 3
    makes a `(2, 2)` kernel of it, silently). The weight's shape comes from the
    layer-weight table (`LSTM` kernel: `(input_dim, 4*units)`); a dimension that depends on something unknown
    (often `input_dim`) is left open, and the other dimensions must still agree. A numpy value's shape is
    followed through what is made of it: a row `a[i]`, the rows of `list(a)`, `a.reshape(4, -1)` and
    `np.reshape`, a slice with constant bounds `a[0:256]`, fancy indexing with a list of ints `a[[1, 0, 2, 3]]`
    (yolov3-recaptcha#5: a darknet loader gave a 32-channel `BatchNormalization` the four 64-long rows of
    `list(wf[o:o + 4 * f].reshape((4, f))[[1, 0, 2, 3]])`); a slice whose bounds are not known keeps only
    the axis. Also one built layer called
    again on an input of another last dimension (one `BatchNormalization` after two convolutions of different
    widths, one `Dense` for two inputs): its weights were made for the first width. And a built layer given a
    `set_weights` list of another length than the weights it holds, in `get_weights()` order: a
    `Dense(use_bias=False)` holds only its kernel (kviz#13: a helper set `[w, b]` on every Dense), a
    `BatchNormalization` four (keras#2772: `[gamma, beta]` from a Torch model), a darknet loader's output
    convolution has a bias the others lack (tensorflow-yolov4-tflite#116). In tf_keras code, also a layer given
    a `weights=[...]` list of another length than the weights it holds, when the layer is built (its build
    writes the list with `set_weights`; keras#1671: `Dense(3, input_dim=2, weights=[kernel])` holds a bias too);
    not a layer a `TimeDistributed` or `Bidirectional` wrapper builds, which never writes it (TFV201).
    Also a layer or subclassed model of the program given a `set_weights` list (or a `get_weights()` copy of
    another) that cannot fit: it holds the weights of the layers it tracks, in the order its attributes were
    assigned (not the order they are built), each layer's in its own order; known only where every layer it
    tracks is built and known, and it makes no weight of its own (an out-of-domain intent detector,
    A-hybrid-architecture-for-out-of-domain-intent-detection#1:
    `bert.layers[0].set_weights(classifier.layers[0].get_weights())` between two BERT main layers built with
    vocabularies of 50 and 30 tokens).

    ## Why is this bad?
    The value can never become the weight. `assign` raises `ValueError: The shape of the target variable and
    the shape of the target value in `variable.assign(value)` must match. variable.shape=(100, 256), Received:
    value.shape=(100, 64).`; `set_weights` raises `ValueError: Layer dense weight shape (4, 3) is not
    compatible with provided weight shape (5, 3).`; a `Constant` initializer fails at build with
    `InvalidArgumentError: Incompatible shapes: [100,64] vs. [100,256]`. A detached variable (TFV101) raises
    nothing at all, which hides the second mistake behind the first: an `LSTM(64)` kernel has `4*64 = 256`
    columns. The darknet loader raises `ValueError: Layer batch_normalization_1 weight shape (32,) is not
    compatible with provided weight shape (64,).` (Keras 3). A list of the wrong length raises `ValueError: You
    called `set_weights(weights)` on layer 'dense_1' with a weight list of length 2, but the layer was expecting
    1 weights.` A program layer raises with its own name: `ValueError: Layer bert weight shape (50, 8) is not
    compatible with provided weight shape (30, 8).` (Keras 3.15 and tf_keras 2.21 alike).

    ## Example
    ```python
    import tensorflow as tf

    lstm = tf.keras.layers.LSTM(64, name="my_lstm")
    lstm(tf.zeros((1, 5, 100)))
    lstm.cell.kernel.assign(tf.random.normal([100, 64]))
    ```

    ## Use instead
    ```python
    import tensorflow as tf

    lstm = tf.keras.layers.LSTM(64, name="my_lstm")
    lstm(tf.zeros((1, 5, 100)))
    lstm.cell.kernel.assign(tf.random.normal([100, 256]))
    ```

    ## Fix safety
    An `Embedding` given a pretrained matrix in `weights=[matrix]` whose rows or width differ from its
    `input_dim` or `output_dim` (keras#8006: the GloVe example's matrix has `num_words + 1` rows for
    `Embedding(num_words, ...)`) is sized from the matrix it is given: the argument that disagrees becomes
    `matrix.shape[0]` (rows) or `matrix.shape[1]` (width), as the pretrained-embedding idiom writes it. The
    matrix is what the author computed for the vocabulary, and a lookup of its last row is what the off-by-one
    layer cannot do. Unsafe: the original raises at build, and the rewrite has another vocabulary size or
    width (layers after it are built for the new width). Not offered when the matrix has fewer rows than the
    layer's `input_dim` (Email-Spam-Detection#1: `min(max_features, len(word_index))` rows, 0 for a tokenizer
    never fit): the token ids the layer was sized for would have no row. Offered only when the matrix is an
    array (a nested list has no `.shape`) written as a name or an attribute path, and the disagreeing argument
    is written in the call. Everywhere else there is no fix: which of the two shapes is wrong is the author's
    decision (a `set_weights` from another vocabulary, a kernel transposed by a loader). The message gives both
    shapes and the weight's formula.

    ## Numerical equivalence
    `repairs`: the original raises at build; the rewrite builds the layer with the matrix as its weights.

    ## References
    - [Keras LSTM layer](https://keras.io/api/layers/recurrent_layers/lstm/)
    - [tf.Variable.assign](https://www.tensorflow.org/api_docs/python/tf/Variable#assign)
    """

    CODE = "TFV102"
    NAME = "weight-shape-mismatch"
    MESSAGE = "{what} of shape {shape} cannot fit the {weight} of layer `{layer}`: {expected} = {formula}"
    FIX_TITLE = "Size the layer from the weights it is given"
    FIX_AVAILABILITY = FixAvailability.SOMETIMES
    FIX_SAFETY = FixSafety.UNSAFE
    VERIFY = VerifyCheck.REPAIRS

    def check(self, facts: Facts) -> Iterator[Finding]:
        for node, events in facts.grouped(Created):
            found = detached(facts, events)
            if found is not None and found[0].shape is not None:
                variable, owner = found
                yield from self._compare(
                    node, "The detached variable", variable.shape, owner.layer, owner.weight
                )
        for node, writes in facts.grouped(WeightWrite):
            # One context that proves the value cannot fit is enough: that run raises.
            for write in writes:
                if not reachable(write) or write.index is not None or write.shape is None:
                    continue
                if write.ctx.catches("ValueError"):
                    continue  # the mismatch is expected and handled
                if write.how not in ("assign", "set_value", "set_weights", "weights"):
                    continue
                where: cst.CSTNode = node
                what = "The assigned value"
                if write.how in ("set_weights", "weights"):
                    what = "`set_weights` item" if write.how == "set_weights" else "The `weights=` item"
                    where = _item_node(node, write.item) or node
                proven = list(self._compare(where, what, write.shape, write.weight.layer, write.weight.spec))
                if proven:
                    fix = self._sized_by_weights(facts, node, where, write) if write.how == "weights" else None
                    yield proven[0] if fix is None else replace(proven[0], fix=fix)
                    break
        for node, counts in facts.grouped(WeightCount):
            # One context that proves the list cannot fit is enough: that run raises.
            count = next((c for c in counts if reachable(c) and not c.ctx.catches("ValueError")), None)
            if count is not None:
                yield self._count(node, count)
        for node, calls in facts.grouped(InputMismatch):
            # One context that proves the call cannot fit is enough: that run raises.
            call = next((c for c in calls if reachable(c) and not c.ctx.catches("ValueError")), None)
            if call is not None and isinstance(call.layer, LayerObj):
                yield from self._input(node, call)
        for layer in facts.made(LayerObj):
            if layer.spec is None:
                continue
            for keyword, value in layer.args.keywords.items():
                init = value.single()
                if not isinstance(init, KerasObj) or init.shape is None or init.site is None:
                    continue
                if init.cls != "keras.initializers.Constant":
                    continue
                matching = [w for w in layer.spec.weights if w.initializer == keyword]
                if len(matching) == 1:
                    yield from self._compare(
                        init.site,
                        "The Constant initializer's value",
                        init.shape,
                        layer,
                        matching[0],
                        test=constant_conflict if facts.flavor is Flavor.TF_KERAS else broadcast_conflict,
                    )

    def _sized_by_weights(
        self, facts: Facts, call: cst.CSTNode, item: cst.CSTNode, write: WeightWrite
    ) -> FixPlan | None:
        """`Embedding(num_words, 5, weights=[embedding_matrix])` with a matrix of another size (keras#8006: one
        row more than the layer's inputs): the layer is sized from the matrix it is given,
        `Embedding(embedding_matrix.shape[0], ...)`, as the pretrained-embedding idiom writes it."""
        layer = write.weight.layer
        if layer.short != "Embedding" or not isinstance(call, cst.Call) or write.shape is None:
            return None
        value = write.value.single() if write.value is not None else None
        if not isinstance(value, TensorObj) or value.symbolic:
            return None  # an array (or tensor) has `.shape`; a nested list does not
        expected = weight_shape(layer, write.weight.spec)
        if expected is None or len(expected) != 2 or len(write.shape) != 2:
            return None
        base: cst.CSTNode = item
        while isinstance(base, cst.Attribute):
            base = base.value
        if not isinstance(base, cst.Name) or any(a.star for a in call.args):
            return None  # the matrix must read the same at each mention: a name or an attribute path
        matrix = facts.code_for(item)
        positional = [a for a in call.args if a.keyword is None]
        edits: list[Replace] = []
        for axis, keyword in enumerate(("input_dim", "output_dim")):
            given, wanted = write.shape[axis], expected[axis]
            if given is None or wanted is None or given == wanted:
                continue
            if axis == 0 and given < wanted:
                # Fewer rows than the layer's vocabulary (Email-Spam-Detection#1: `min(max_features,
                # len(word_index))` rows of a tokenizer never fit, 0): the ids the layer was sized for would
                # have no row; which one is wrong is the author's call.
                return None
            arg = next((a for a in call.args if a.keyword is not None and a.keyword.value == keyword), None)
            if arg is None and axis < len(positional):
                arg = positional[axis]
            if arg is None:
                return None
            edits.append(Replace(arg.value, f"{matrix}.shape[{axis}]"))
        if not edits:
            return None
        sized = ", ".join(f"`{e.new}`" for e in edits)
        return self.fix(*edits, title=f"Size the Embedding from the matrix it is given: {sized}")

    def _count(self, node: cst.CSTNode, count: WeightCount) -> Finding:
        layer = count.layer
        if isinstance(layer, LayerObj):
            name = layer.name or layer.short
        else:
            name = layer.cls.name if isinstance(layer, InstanceObj) else "?"  # a layer or model of the program
        held = ", ".join(f"`{w}`" for w in count.held) or "nothing"
        absent = "".join(f"; no `{w}` with `{switch}=False`" for w, switch in count.absent)
        number = "weight" if len(count.held) == 1 else "weights"
        arrays = "array" if count.given == 1 else "arrays"
        given = "`set_weights` gets" if count.how == "set_weights" else "`weights=` gives"
        when = "" if count.how == "set_weights" else " when it builds the layer"
        message = (
            f"{given} a list of {count.given} {arrays}, but layer `{name}` holds {len(count.held)} "
            f"{number} ({held}{absent}): Keras raises `ValueError`{when} (expecting {len(count.held)} weights)"
        )
        return Finding(node=node, message=message, code=self.CODE)

    def _input(self, node: cst.CSTNode, call: InputMismatch) -> Iterator[Finding]:
        """The first weight that the layer's build gave a shape this call's input cannot take."""
        from tfvarfix.keras.table import weight_shape as shape_for
        from tfvarfix.keras.transfer import layer_config

        layer = call.layer
        assert isinstance(layer, LayerObj) and layer.spec is not None
        config = layer_config(layer)
        for weight in layer.spec.weights:
            built = shape_for(layer.spec, weight, config, call.built_for)
            wanted = shape_for(layer.spec, weight, config, call.given)
            if built is not None and wanted is not None and built != wanted:
                yield self.finding(
                    node,
                    what="This call's input",
                    shape=f"(..., {call.given})",
                    weight=weight.name,
                    layer=layer.name or layer.short,
                    expected=show(built),
                    formula=f"{formula(weight)}, built for inputs of last dimension {call.built_for}",
                )
                return

    def _compare(
        self,
        node: cst.CSTNode,
        what: str,
        shape: Shape | None,
        layer: LayerObj,
        weight: WeightSpec,
        test: Callable[[Shape, Shape], bool] = conflict,
    ) -> Iterator[Finding]:
        expected = weight_shape(layer, weight)
        if (
            shape is None
            or expected is None
            or not test(shape, expected)
        ):
            return
        yield self.finding(
            node,
            what=what,
            shape=show(shape),
            weight=weight.name,
            layer=layer.name or layer.short,
            expected=show(expected),
            formula=formula(weight),
        )


def _item_node(call: cst.CSTNode, position: int | None) -> cst.CSTNode | None:
    """The item's expression in a literal list given to `set_weights(...)` or `weights=`."""
    if not isinstance(call, cst.Call) or position is None or not call.args:
        return None
    keyword = next((a for a in call.args if a.keyword is not None and a.keyword.value == "weights"), None)
    listed = keyword.value if keyword is not None else call.args[0].value
    if isinstance(listed, (cst.List, cst.Tuple)) and position < len(listed.elements):
        return listed.elements[position].value
    return None
