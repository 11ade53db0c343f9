"""Hypothesis strategies for fuzzing: TF/Keras-shaped programs, and mutations of real TF/Keras files.

The programs are drawn from a small grammar of the statements the rules look at (layers with names, Sequential
and functional models, `tf.Variable` with weight-like names, `get_layer`, `.kernel`/`.cell.kernel`, assigns,
`variable_scope`/`dynamic_rnn`, `tf.function`, custom Layer classes with `call`/`build`), over a handful of
names, so that the same layer gets built, renamed, read and assigned: that is what makes rules and fixes fire.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

REPO = Path(__file__).resolve().parent.parent

HEADERS = (
    "import tensorflow as tf\nfrom tensorflow import keras\nimport numpy as np\n",
    "import tensorflow as tf\nimport keras\nimport numpy as np\n",
    "import tensorflow as tf\nimport tf_keras as keras\nimport numpy as np\n",
    "import tensorflow.compat.v1 as tf\nfrom tensorflow import keras\nimport numpy as np\n",
    "import tensorflow as tf\nfrom tensorflow.keras import layers\nfrom tensorflow import keras\nimport numpy as np\n",
    '"""Doc."""\nfrom __future__ import annotations\nimport tensorflow as tf\nkeras = tf.keras\nimport numpy as np\n',
)

LAYER_VARS = ("lstm", "dense", "gru", "enc", "rnn", "head")
MODEL_VARS = ("model", "seq", "net")
NAMES = ("my_lstm", "dense", "enc", "out", "head", "lstm", "x")
WEIGHTS = (
    "kernel",
    "bias",
    "recurrent_kernel",
    "embeddings",
    "cell.kernel",
    "cell.recurrent_kernel",
    "cell.bias",
)
SHAPES = ("(3, 4)", "(4,)", "(3, 16)", "(4, 16)", "(2, 8)", "[3, 4]", "(1,)")


def _name() -> st.SearchStrategy[str]:
    return st.sampled_from(NAMES)


def _make_layer_expr() -> st.SearchStrategy[str]:
    name = st.one_of(st.none(), _name())

    def build(kind: str, units: int, name: str | None, extra: str) -> str:
        args = [str(units)]
        if kind == "Embedding":
            args = ["10", str(units)]
        if extra:
            args.append(extra)
        if name is not None:
            args.append(f"name={name!r}")
        inner = f"keras.layers.{kind}({', '.join(args)})"
        return inner

    plain = st.builds(
        build,
        st.sampled_from(("LSTM", "GRU", "SimpleRNN", "Dense", "Embedding", "Conv1D")),
        st.integers(1, 16),
        name,
        st.sampled_from(
            (
                "",
                "bias_initializer=keras.initializers.Constant(0.5)",
                "bias_initializer='zeros', unit_forget_bias=True",
                "kernel_initializer='he_normal'",
                "return_sequences=True",
                "3",
            )
        ),
    )
    wrapped = st.builds(
        lambda wrapper, inner, name: (
            f"keras.layers.{wrapper}({inner}" + (f", name={name!r})" if name else ")")
        ),
        st.sampled_from(("Bidirectional", "TimeDistributed")),
        plain,
        st.one_of(st.none(), _name()),
    )
    return st.one_of(plain, plain, wrapped)


def _value(shape: str) -> st.SearchStrategy[str]:
    return st.sampled_from(
        (
            f"np.zeros({shape})",
            f"np.full({shape}, 0.5, 'float32')",
            f"tf.ones({shape})",
            f"tf.random.normal({shape})",
            "0.5",
        )
    )


def _make_simple_statements() -> st.SearchStrategy[str]:
    layer = st.sampled_from(LAYER_VARS)
    model = st.sampled_from(MODEL_VARS)
    weight = st.sampled_from(WEIGHTS)
    shape = st.sampled_from(SHAPES)
    var_name = st.one_of(
        st.builds(lambda n, w: f"{n}/{w.split('.')[-1]}", _name(), weight).map(repr),
        st.builds(lambda v, w: f"f'{{{v}.name}}/{w.split('.')[-1]}'", layer, weight),
        st.builds(lambda n, w: repr(f"sequential/{n}/lstm_cell/{w.split('.')[-1]}:0"), _name(), weight),
        st.builds(lambda v, w: f"{v}.name + '/{w.split('.')[-1]}'", layer, weight),
        st.sampled_from(("'w'", "'v'", "None")),
    )
    return st.one_of(
        st.builds(lambda v, e: f"{v} = {e}", layer, LAYER_EXPR),
        st.builds(lambda m, a, b: f"{m} = keras.Sequential([{a}, {b}])", model, layer, LAYER_EXPR),
        st.builds(lambda m, a: f"{m} = keras.Sequential([keras.Input((5, 4)), {a}])", model, layer),
        st.builds(lambda m, a: f"{m}.add({a})", model, layer),
        st.just("inputs = keras.Input((5, 4))"),
        st.builds(lambda v: f"outputs = {v}(inputs)", layer),
        st.builds(lambda m: f"{m} = keras.Model(inputs, outputs)", model),
        st.builds(lambda v, s: f"{v}.build((None, {s[1:-1].rstrip(',')}))", layer, shape),
        st.builds(lambda m: f"{m}.fit(np.zeros((2, 5, 4)), np.zeros((2, 1)), verbose=0)", model),
        st.builds(lambda m: f"{m}.compile(optimizer='sgd', loss='mse')", model),
        st.builds(lambda m: f"{m}.predict(np.zeros((1, 5, 4)))", model),
        st.builds(
            lambda t, s, n: f"{t} = tf.Variable({s}, name={n})",
            st.sampled_from(("w", "k", "v", "my_kernel")),
            shape.flatmap(_value),
            var_name,
        ),
        st.builds(lambda s, n: f"tf.Variable({s}, name={n})", shape.flatmap(_value), var_name),
        st.builds(lambda t, v, w: f"{t} = {v}.{w}", st.sampled_from(("k", "w", "b")), layer, weight),
        st.builds(lambda v, w, s: f"{v}.{w}.assign({s})", layer, weight, shape.flatmap(_value)),
        st.builds(lambda v, w: f"{v}.{w}[0, 0].assign(0.5)", layer, weight),
        st.builds(lambda v, w, s: f"{v}.{w} = tf.Variable({s})", layer, weight, shape.flatmap(_value)),
        st.builds(lambda v, w, s: f"{v}.{w} = {s}", layer, weight, shape.flatmap(_value)),
        st.builds(lambda m, n, w: f"k = {m}.get_layer({n!r}).{w}", model, _name(), weight),
        st.builds(
            lambda m, n, w, s: f"{m}.get_layer({n!r}).{w}.assign({s})",
            model,
            _name(),
            weight,
            shape.flatmap(_value),
        ),
        st.builds(lambda m, i, w: f"k = {m}.layers[{i}].{w}", model, st.integers(-1, 2), weight),
        st.builds(lambda v: f"ws = {v}.get_weights()\nws[0][0, 0] = 1.0\n{v}.set_weights(ws)", layer),
        st.builds(lambda v, s: f"{v}.set_weights([{s}])", layer, shape.flatmap(_value)),
        st.just("cell = tf.nn.rnn_cell.LSTMCell(4)"),
        st.just("stack = tf.nn.rnn_cell.MultiRNNCell([cell] * 2)"),
        st.just("x = tf.placeholder(tf.float32, [None, 5, 3])"),
        st.builds(
            lambda c, s: f"out, _ = tf.nn.dynamic_rnn({c}, x, dtype=tf.float32{s})",
            st.sampled_from(("cell", "tf.nn.rnn_cell.LSTMCell(4)", "tf.nn.rnn_cell.GRUCell(3)")),
            st.sampled_from(("", ", scope='enc'", ", scope='dec'")),
        ),
        st.just("(fw, bw), _ = tf.nn.bidirectional_dynamic_rnn(cell, cell, x, dtype=tf.float32)"),
        st.builds(
            lambda n, s: f"w = tf.get_variable({n!r}, {s})",
            st.sampled_from(("w", "weights", "embedding")),
            st.sampled_from(("[3, 4]", "[4]", "shape=[2]")),
        ),
        st.just("tf.reset_default_graph()"),
        st.builds(lambda f: f"ops = {f}()", st.sampled_from(("build", "make_model"))),
        st.just("pass"),
        st.builds(lambda v: f"print({v})", layer),
        st.builds(lambda v: f"del {v}", layer),
    )


LAYER_EXPR = _make_layer_expr()
SIMPLE = _make_simple_statements()


def _scenario(template: str, **parts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.fixed_dictionaries(parts).map(lambda chosen: template.format(**chosen))


_V = st.sampled_from(LAYER_VARS)
_N = st.sampled_from(NAMES)
_BUILT = st.sampled_from(
    (
        "{m} = keras.Sequential([keras.Input((5, 4)), {v}])",
        "{m} = keras.Sequential([{v}])\n{m}.build((None, 5, 4))",
        "{m} = keras.Sequential([{v}])",
        "inputs = keras.Input((5, 4))\n{m} = keras.Model(inputs, {v}(inputs))",
        "{v}.build((None, 5, 4))",
        "{v}(np.zeros((1, 5, 4), 'float32'))",
        "{m} = keras.Sequential()\n{m}.add({v})\n{m}.fit(np.zeros((2, 5, 4)), np.zeros((2, 4)))",
    )
)


def _coherent(template: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A layer (or two) bound, placed in a model, built or not, then its weights used: what rules look for."""
    return st.builds(
        lambda kind, units, v, n, m, built, use: (
            f"{v} = keras.layers.{kind}({units}, name={n!r})\n"
            + built.format(v=v, m=m)
            + "\n"
            + use.format(v=v, n=n, m=m, units=units)
        ),
        st.sampled_from(("LSTM", "GRU", "Dense", "SimpleRNN", "Embedding")),
        st.integers(1, 8),
        _V,
        _N,
        st.sampled_from(MODEL_VARS),
        _BUILT,
        template,
    )


SCENARIOS = st.one_of(
    _coherent(
        st.sampled_from(
            (
                "w = tf.Variable(np.ones((4, {units})), name='{n}/kernel')",
                "tf.Variable(np.ones((4, {units})), name=f'{{{v}.name}}/bias')",
                "tf.compat.v1.Variable(np.ones((4, 4)), name='{n}/kernel:0')",
                "tf.Variable(np.ones((4, 4)), name='sequential/{n}/lstm_cell/recurrent_kernel')",
                "keras.Variable(np.ones((4, 4)), name={v}.name + '/kernel')",
                "{v}.kernel = tf.Variable(np.ones((4, {units})))",
                "{v}.cell.kernel = tf.Variable(np.ones((4, {units})))",
                "{m}.get_layer('{n}').bias = np.zeros(({units},))",
                "{v}.kernel.assign(np.full((4, {units}), 0.1))",
                "{v}.bias.assign(np.full(({units},), 0.1))",
                "{v}.cell.kernel[0, 0].assign(0.5)",
                "{v}.kernel[0, 0].assign(0.5)",
                "{v}.kernel.assign(tf.tensor_scatter_nd_update({v}.kernel, [[0, 0]], [0.5]))",
                "ws = {v}.get_weights()\nws[0][0, 0] = 1.0\n{v}.set_weights(ws)",
                "k = {v}.kernel.numpy()\nk[0, 1] = 3.0\n{v}.kernel.assign(k)",
                "k = {v}.kernel\nr = {v}.recurrent_kernel",
                "k = {m}.get_layer('{n}').kernel",
                "k = {m}.layers[0].kernel",
                "{v}.set_weights([np.ones((4, {units})), np.zeros(({units},))])",
                "{m}.get_layer('{n}').kernel.assign(np.zeros((4, 99)))",
            )
        )
    ),
    _scenario(
        "{a} = keras.layers.Dense(2, name={n!r})\n{b} = keras.layers.Dense(3, name={n!r})\n"
        "{m} = keras.Sequential([{a}, {b}])",
        a=st.just("first"),
        b=st.just("second"),
        n=_N,
        m=st.sampled_from(MODEL_VARS),
    ),
    _scenario(
        "{scope}a, _ = tf.nn.{rnn}({cell}, x, dtype=tf.float32{s1})\n"
        "{indent}b, _ = tf.nn.{rnn}({cell}, a, dtype=tf.float32{s2})",
        scope=st.sampled_from(("", "with tf.variable_scope('stack'):\n    ")),
        indent=st.just(""),
        rnn=st.sampled_from(("dynamic_rnn", "static_rnn")),
        cell=st.sampled_from(("tf.nn.rnn_cell.LSTMCell(4)", "tf.nn.rnn_cell.GRUCell(3)", "cell")),
        s1=st.sampled_from(("", "", ", scope='layer'")),
        s2=st.sampled_from(("", "", ", scope='layer'", ", scope='other'")),
    ).map(lambda t: t.replace("\nb, _", "\n    b, _") if t.startswith("with") else t),
    _scenario(
        "def {f}(lr):\n    w = tf.get_variable({n!r}, [3])\n    return w\n\n{calls}",
        f=st.just("build"),
        n=_N,
        calls=st.sampled_from(
            (
                "first = build(0.1)\nsecond = build(0.0)",
                "ops = []\nfor lr in [0.1, 0.01]:\n    ops.append(build(lr))",
                "tf.reset_default_graph()\nfirst = build(0.1)\ntf.reset_default_graph()\nsecond = build(0.0)",
            )
        ),
    ),
    _scenario(
        "with tf.variable_scope({s!r}):\n    {a} = tf.get_variable({n!r}, [4, 4])\n"
        "    {b} = tf.get_variable({n!r}, [4, 4]{extra})",
        s=_N,
        a=st.just("w_in"),
        b=st.just("w_out"),
        n=_N,
        extra=st.sampled_from(("", ", initializer=tf.zeros_initializer()")),
    ),
    _scenario(
        "@tf.function{args}\ndef {f}(x):\n    {t} = tf.Variable({value})\n    return x + {t}",
        args=st.sampled_from(("", "(jit_compile=True)")),
        f=st.sampled_from(("scaled", "step")),
        t=st.sampled_from(("scale", "v")),
        value=st.sampled_from(("2.0", "tf.ones([3])", "tf.zeros_like(x)")),
    ),
)


def _indent(lines: str, by: str) -> str:
    return "\n".join((by + line if line else line) for line in lines.split("\n"))


@st.composite
def _block(draw: st.DrawFn, depth: int = 0) -> str:
    """A run of statements, some of them compound (with/def/for/if/@tf.function/class)."""
    count = draw(st.integers(1, 6))
    out: list[str] = []
    for _ in range(count):
        kind = draw(st.integers(0, 9 if depth < 2 else 0))
        if kind <= 1:
            out.append(draw(SIMPLE))
            continue
        if kind <= 3:
            out.append(draw(SCENARIOS))
            continue
        body = draw(_block(depth + 1))
        if kind == 4:
            scope = draw(st.sampled_from(("'s'", "'enc'", "'s', reuse=True", "None, default_name='x'")))
            out.append(f"with tf.variable_scope({scope}):\n" + _indent(body, "    "))
        elif kind == 5:
            fname = draw(st.sampled_from(("build", "make_model", "step", "case")))
            deco = draw(st.sampled_from(("", "@tf.function\n", "@tf.function(jit_compile=True)\n")))
            out.append(f"{deco}def {fname}(x=None):\n" + _indent(body, "    "))
        elif kind == 6:
            out.append("for lr in [0.1, 0.01]:\n" + _indent(body, "    "))
        elif kind == 7:
            out.append("if x is None:\n" + _indent(body, "    ") + "\nelse:\n    pass")
        elif kind == 8:
            out.append(draw(_layer_class(body)))
        else:
            out.append(draw(_custom_object()))
    return "\n".join(out)


@st.composite
def _layer_class(draw: st.DrawFn, extra: str) -> str:
    base = draw(st.sampled_from(("keras.layers.Layer", "keras.Model", "tf.keras.layers.Layer", "tf.Module")))
    name = draw(st.sampled_from(("Affine", "Block", "Cell")))
    init_body = draw(
        st.lists(
            st.sampled_from(
                (
                    "self.units = units",
                    "self.offset = tf.Variable(0.5)",
                    "self.proj = keras.layers.Dense(units, name='proj')",
                    "self.lstm = keras.layers.LSTM(units)",
                    "self.w = None",
                )
            ),
            max_size=3,
        )
    )
    build_body = draw(
        st.lists(
            st.sampled_from(
                (
                    "self.w = tf.Variable(tf.ones((input_shape[-1], self.units)))",
                    "self.k = self.add_weight(shape=(input_shape[-1], self.units), name='k')",
                    "self.lstm.build(input_shape)",
                    "self.b = tf.Variable(np.full((2,), 0.25, 'float32'), name='bias')",
                )
            ),
            max_size=2,
        )
    )
    call_body = draw(
        st.lists(
            st.sampled_from(
                (
                    "self.proj = keras.layers.Dense(self.units)",
                    "d = keras.layers.Dense(1)",
                    "self.w = self.add_weight(shape=(x.shape[-1], 1))",
                    "v = tf.Variable(1.0)",
                    "k = self.lstm.kernel",
                    "self.lstm.kernel.assign(tf.zeros((3, 16)))",
                    "if self.w is None:\n    self.w = keras.layers.Dense(1)",
                )
            ),
            max_size=3,
        )
    )
    deco = draw(st.sampled_from(("", "@keras.saving.register_keras_serializable()\n")))
    call_deco = draw(st.sampled_from(("", "    @tf.function\n")))
    parts = [
        f"{deco}class {name}({base}):",
        "    def __init__(self, units=4, **kwargs):",
        "        super().__init__(**kwargs)",
        *("        " + line for line in init_body),
        "",
        "    def build(self, input_shape):",
        *(_indent(line, "        ") for line in build_body),
        "        " + ("pass" if not build_body else "super().build(input_shape)"),
        "",
        call_deco + "    def call(self, x):",
        *(_indent(line, "        ") for line in call_body),
        _indent(extra, "        ") if draw(st.booleans()) else "        pass",
        "        return x",
    ]
    return "\n".join(parts)


@st.composite
def _custom_object(draw: st.DrawFn) -> str:
    base = draw(
        st.sampled_from(
            (
                "tf.keras.initializers.Initializer",
                "keras.constraints.Constraint",
                "keras.regularizers.Regularizer",
                "keras.layers.Layer",
            )
        )
    )
    config = draw(st.booleans())
    return "\n".join(
        [
            f"class Custom{draw(st.integers(0, 2))}({base}):",
            "    def __init__(self, scale=1.0, limit=2):",
            "        self.scale = scale",
            "        self.limit = limit",
            "",
            "    def __call__(self, shape, dtype=None):",
            "        return tf.ones(shape, dtype=dtype) * self.scale",
            *(["", "    def get_config(self):", "        return {'scale': self.scale}"] if config else []),
        ]
    )


@st.composite
def tf_programs(draw: st.DrawFn) -> str:
    """A syntactically valid TF/Keras-shaped module, with varied newlines, indentation and noqa comments."""
    header = draw(st.sampled_from(HEADERS))
    body = draw(_block())
    lines = body.split("\n")
    # Decorations that the engine must keep intact: noqa comments, trailing comments, blank lines.
    decorated: list[str] = []
    for line in lines:
        extra = draw(st.sampled_from(("", "", "", "  # noqa: TFV103", "  # note", "  # noqa")))
        if extra and line.strip() and not line.rstrip().endswith(":") and not line.lstrip().startswith("@"):
            line += extra
        decorated.append(line)
        if draw(st.integers(0, 9)) == 0:
            decorated.append("")
    text = header + "\n".join(decorated) + "\n"
    if draw(st.booleans()) and "\t" not in text:
        text = text.replace("    ", "\t")  # tabs, consistently
    if not draw(st.booleans()):
        text = text.rstrip("\n")  # no final newline
    newline = draw(st.sampled_from(("\n", "\n", "\r\n")))
    return text.replace("\n", newline)


# ------------------------------------------------------------------------------------------- mutations
def corpus_files() -> list[Path]:
    """Real TF/Keras sources: the fixtures, the example, and (a pinned, sorted sample of) installed keras."""
    files = sorted((REPO / "testdata").glob("TFV*/*.py")) + sorted((REPO / "examples").rglob("*.py"))
    try:
        import importlib.util

        spec = importlib.util.find_spec("keras")
        if spec is not None and spec.submodule_search_locations:
            root = Path(next(iter(spec.submodule_search_locations)))
            keras_files = sorted(
                p
                for p in (root / "src" / "layers").rglob("*.py")
                if 2_000 < p.stat().st_size < 40_000 and "test" not in p.name
            )
            files += keras_files[::7]
    except (ImportError, ValueError, OSError):
        pass
    return files


_IDENT = re.compile(r"\b[A-Za-z_][A-Za-z0-9_]*\b")


def _mutation(draw: st.DrawFn, lines: list[str]) -> list[str]:
    kind = draw(st.integers(0, 5))
    if not lines:
        return lines
    i = draw(st.integers(0, len(lines) - 1))
    j = draw(st.integers(0, len(lines) - 1))
    if kind == 0:  # delete a line
        return lines[:i] + lines[i + 1 :]
    if kind == 1:  # duplicate a line
        return [*lines[: i + 1], lines[i], *lines[i + 1 :]]
    if kind == 2:  # swap two lines
        out = list(lines)
        out[i], out[j] = out[j], out[i]
        return out
    if kind == 3:  # add name='x' to a call on that line
        line = lines[i]
        close = line.rfind(")")
        if close > 0:
            sep = "" if line[:close].rstrip().endswith("(") else ", "
            name = draw(st.sampled_from(NAMES))
            line = f"{line[:close]}{sep}name={name!r}{line[close:]}"
        return [*lines[:i], line, *lines[i + 1 :]]
    if kind == 4:  # rename an identifier everywhere
        idents = sorted(set(_IDENT.findall("\n".join(lines))))
        if not idents:
            return lines
        old = draw(st.sampled_from(idents))
        new = draw(st.sampled_from(("lstm", "kernel", "cell", "tf", "keras", "self", "x", "model")))
        pattern = re.compile(rf"\b{re.escape(old)}\b")
        return [pattern.sub(new, line) for line in lines]
    # insert a TF-shaped statement at the line's indentation
    stmt = draw(SIMPLE)
    indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
    return [*lines[:i], *(indent + s for s in stmt.split("\n")), *lines[i:]]


@st.composite
def mutated_files(draw: st.DrawFn, files: list[Path]) -> str:
    """A real TF/Keras file after 1 to 4 line-level mutations (it may no longer be valid Python)."""
    path = draw(st.sampled_from(files))
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        lines = _mutation(draw, lines)
    out = "\n".join(lines)
    if "tensorflow" not in out and "keras" not in out:
        out = "import tensorflow as tf\n" + out
    return out


def hypothesmith_programs() -> st.SearchStrategy[str]:
    """Programs from CPython's grammar (hypothesmith), prefixed so that they pass the pre-filter."""
    import hypothesmith

    prefix: Callable[[str], str] = lambda code: "import tensorflow as tf\n" + code  # noqa: E731
    return st.one_of(hypothesmith.from_grammar().map(prefix), hypothesmith.from_node().map(prefix))


# ------------------------------------------------------------------------------------ programs that run
# For tests/test_safe_fix_differential.py: programs that run under real TF/Keras (eager; Keras 3 or tf_keras) and
# make the rules whose fixes can be safe fire: TFV201 (a weight edited after the build with values known at
# construction), TFV202 (a custom initializer, constraint, regularizer or layer without `get_config`) and TFV103
# (`.kernel` read on a recurrent layer). Each builds a model, edits or reads weights, and prints what it computes.

RUN_HEADERS = (
    "import tensorflow as tf\nfrom tensorflow import keras\nimport numpy as np\n",
    "import tensorflow as tf\nimport keras\nimport numpy as np\n",
    "import tensorflow as tf\nimport tf_keras as keras\nimport numpy as np\n",
    '"""Doc."""\nfrom __future__ import annotations\nimport tensorflow as tf\nkeras = tf.keras\nimport numpy as np\n',
)


def _shape_text(shape: tuple[int, ...]) -> str:
    return "(" + ", ".join(str(s) for s in shape) + ("," if len(shape) == 1 else "") + ")"


def _size(shape: tuple[int, ...]) -> int:
    out = 1
    for s in shape:
        out *= s
    return out


@dataclass(frozen=True)
class _Kind:
    """A layer kind: its call (`{u}` units, `{x}` extra arguments), input shape (no batch), weights' shapes."""

    make: str
    shape: tuple[int, ...]
    weights: Callable[[int], dict[str, tuple[int, ...]]]
    extras: tuple[str, ...]
    ints: bool = False

    def inputs(self) -> str:
        """`X`, two fixed examples of the layer's input."""
        shape = _shape_text((2, *self.shape))
        if self.ints:
            return f"X = np.arange({_size((2, *self.shape))}).reshape({shape}) % 10"
        return f"X = np.linspace(-1.0, 1.0, {_size((2, *self.shape))}).reshape({shape}).astype('float32')"


_RNN_EXTRAS = (
    "",
    "recurrent_initializer='orthogonal'",
    "bias_initializer='ones'",
    "kernel_initializer='ones'",
    "kernel_initializer='zeros', recurrent_initializer='ones'",
)
KINDS = {
    "Dense": _Kind(
        "Dense({u}{x})",
        (4,),
        lambda u: {"kernel": (4, u), "bias": (u,)},
        (
            "",
            "kernel_initializer='he_normal'",
            "bias_initializer='ones'",
            "kernel_initializer='zeros'",
            "kernel_initializer=keras.initializers.Constant(0.2)",
        ),
    ),
    "Dense3d": _Kind(
        "Dense({u}{x})",
        (5, 4),
        lambda u: {"kernel": (4, u), "bias": (u,)},
        ("", "bias_initializer=keras.initializers.Constant(0.5)"),
    ),
    "Conv1D": _Kind(
        "Conv1D({u}, 3{x})",
        (5, 4),
        lambda u: {"kernel": (3, 4, u), "bias": (u,)},
        ("", "kernel_initializer='ones'", "kernel_initializer=keras.initializers.RandomNormal(seed=3)"),
    ),
    "Embedding": _Kind(
        "Embedding(10, {u}{x})",
        (5,),
        lambda u: {"embeddings": (10, u)},
        ("", "embeddings_initializer='ones'"),
        ints=True,
    ),
    "LSTM": _Kind(
        "LSTM({u}{x})",
        (5, 4),
        lambda u: {"cell.kernel": (4, 4 * u), "cell.recurrent_kernel": (u, 4 * u), "cell.bias": (4 * u,)},
        (*_RNN_EXTRAS, "unit_forget_bias=False"),
    ),
    "GRU": _Kind(
        "GRU({u}{x})",
        (5, 4),
        lambda u: {"cell.kernel": (4, 3 * u), "cell.recurrent_kernel": (u, 3 * u), "cell.bias": (2, 3 * u)},
        _RNN_EXTRAS,
    ),
    "SimpleRNN": _Kind(
        "SimpleRNN({u}{x})",
        (5, 4),
        lambda u: {"cell.kernel": (4, u), "cell.recurrent_kernel": (u, u), "cell.bias": (u,)},
        _RNN_EXTRAS,
    ),
}
RECURRENT = ("LSTM", "GRU", "SimpleRNN")
# A wrapper whose weights live on `.layer` (TFV103 reads them there; TFV201 does not fix edits through it).
KINDS["TimeDistributed"] = _Kind(
    "TimeDistributed(keras.layers.Dense({u}{x}))",
    (5, 4),
    lambda u: {"layer.kernel": (4, u), "layer.bias": (u,)},
    ("", "kernel_initializer='ones'"),
)


@dataclass(frozen=True)
class _Built:
    """One layer made and built (in a model or alone): the code, and what later statements may refer to."""

    code: str
    var: str
    kind: _Kind
    units: int
    name: str
    model: str | None


@st.composite
def _built(draw: st.DrawFn, kinds: tuple[str, ...], extra: str | None = None) -> _Built:
    kind = KINDS[draw(st.sampled_from(kinds))]
    units = draw(st.integers(1, 4))
    chosen = extra if extra is not None else draw(st.sampled_from(kind.extras))
    name = draw(st.sampled_from(("enc", "my_layer", "rnn", "proj")))
    var = draw(st.sampled_from(("layer", "enc", "dense", "lstm")))
    arguments = kind.make.format(u=units, x=f", {chosen}" if chosen else "")
    arguments = arguments[:-1] + f", name={name!r})"
    line = f"{var} = keras.layers.{arguments}"
    shape = _shape_text(kind.shape)
    dtype = ", dtype='int32'" if kind.ints else ""
    head = draw(st.booleans())
    tail = ", keras.layers.Dense(2, name='head')" if head else ""
    how = draw(
        st.sampled_from(("sequential", "sequential", "build", "functional", "layer-build", "layer-call"))
    )
    model: str | None = "model"
    if how == "sequential":
        code = f"{line}\nmodel = keras.Sequential([keras.Input({shape}{dtype}), {var}{tail}])"
    elif how == "build":
        code = f"{line}\nmodel = keras.Sequential([{var}{tail}])\nmodel.build((None, *{shape}))"
    elif how == "functional":
        out = f"keras.layers.Dense(2, name='head')({var}(inputs))" if head else f"{var}(inputs)"
        code = f"{line}\ninputs = keras.Input({shape}{dtype})\nmodel = keras.Model(inputs, {out})"
    elif how == "layer-build":
        code, model = f"{line}\n{var}.build((None, *{shape}))", None
    else:
        code, model = f"{line}\n_ = {var}(X)", None
    return _Built(code, var, kind, units, name, model)


def _reach(draw: st.DrawFn, built: _Built) -> str:
    """An expression for the built layer: its variable, or through the model."""
    if built.model is None:
        return built.var
    return draw(st.sampled_from((built.var, built.var, f"{built.model}.get_layer({built.name!r})")))


def _observe(draw: st.DrawFn, built: _Built) -> list[str]:
    """Statements after the edits that show what the program computes."""
    var, model = built.var, built.model
    options = [
        f"print(np.round(np.sum({var}.weights[0].numpy()), 5))",
        f"print([tuple(w.shape) for w in {var}.weights])",
        f"print(np.round({var}(X).numpy(), 5))",
    ]
    if model is not None:
        options += [
            f"print({model}.predict(X, verbose=0))",
            f"print(np.round({model}(X).numpy(), 5))",
            f"{model}.compile(optimizer='sgd', loss='mse')\n"
            f"{model}.fit(X, np.ones((2, *{model}.output_shape[1:])), epochs=2, verbose=0)",
        ]
    return draw(st.lists(st.sampled_from(options), min_size=1, max_size=3))


def _edits(weight: str, shape: tuple[int, ...]) -> tuple[str, ...]:
    """Writes of values known at construction into `weight` (an expression) of shape `shape`."""
    text = _shape_text(shape)
    first = ", ".join("0" for _ in shape)
    out = [
        f"{weight}.assign(np.full({text}, 0.25, 'float32'))",
        f"{weight}.assign(np.zeros({text}))",
        f"{weight}.assign(tf.ones({text}))",
        f"{weight}[{first}].assign(0.5)",
        f"{weight}.assign({weight} * 0.5)",
        f"{weight}.assign(tf.tensor_scatter_nd_update({weight}, [[{first}]], [0.5]))",
        f"k = {weight}.numpy()\nk[{first}] = 3.0\n{weight}.assign(k)",
    ]
    if len(shape) == 2:
        out.append(f"{weight}[1, 0].assign(-1.0)\n{weight}[0, 1].assign(2.0)")
    return tuple(out)


def _program(draw: st.DrawFn, built: _Built, lines: list[str]) -> str:
    """The header, the inputs, and `lines`; sometimes inside a helper that makes the model and returns it."""
    body = "\n".join(lines)
    if draw(st.integers(0, 3)) == 0:
        result = built.model or built.var
        body = f"def make(X):\n{_indent(body, '    ')}\n    return {result}\n\n\n{result} = make(X)"
    return draw(st.sampled_from(RUN_HEADERS)) + "\n" + built.kind.inputs() + "\n" + body + "\n"


@st.composite
def weight_edit_programs(draw: st.DrawFn) -> str:
    """TFV201: a layer built, then weights overwritten with known values, then used."""
    built = draw(_built((*KINDS, *RECURRENT)))  # recurrent layers twice: their cells and gates hold surprises
    weights = built.kind.weights(built.units)
    lines = [built.code]
    for weight in draw(st.lists(st.sampled_from(sorted(weights)), min_size=1, max_size=2, unique=True)):
        lines.append(draw(st.sampled_from(_edits(f"{_reach(draw, built)}.{weight}", weights[weight]))))
    order: list[str] = [
        w for w in ("kernel", "cell.kernel", "embeddings", "cell.recurrent_kernel") if w in weights
    ]
    order += [w for w in weights if "bias" in w]
    shown = draw(st.integers(0, 5))
    if shown == 0:
        values = ", ".join(f"np.full({_shape_text(weights[w])}, 0.1, 'float32')" for w in order)
        lines.append(f"{built.var}.set_weights([{values}])")
    elif shown == 1:
        first = ", ".join("0" for _ in weights[order[0]])
        lines.append(f"ws = {built.var}.get_weights()\nws[0][{first}] = 1.0\n{built.var}.set_weights(ws)")
    lines += _observe(draw, built)
    return _program(draw, built, lines)


@st.composite
def rnn_read_programs(draw: st.DrawFn) -> str:
    """TFV103: `.kernel`, `.recurrent_kernel`, `.bias` read on a recurrent layer (Keras 2 had them), or on a
    `TimeDistributed` (whose weights are its layer's)."""
    built = draw(_built((*RECURRENT, "TimeDistributed")))
    weights = built.kind.weights(built.units)
    weight = draw(st.sampled_from(sorted(w.split(".")[-1] for w in weights)))
    shape = next(s for w, s in weights.items() if w.split(".")[-1] == weight)
    reach = _reach(draw, built)
    use = draw(
        st.sampled_from(
            (
                f"w = {reach}.{weight}\nprint(tuple(w.shape))",
                f"print(np.round(np.sum({reach}.{weight}.numpy()), 5))",
                f"w = {reach}.{weight}.numpy()\nprint(np.round(w[0], 5))",
                f"{reach}.{weight}.assign(np.full({_shape_text(shape)}, 0.5, 'float32'))",
                f"{reach}.{weight}.assign({reach}.{weight} * 2.0)",
            )
        )
    )
    return _program(draw, built, [built.code, use, *_observe(draw, built)])


_CUSTOM = {
    "initializer": (
        "keras.initializers.Initializer",
        "    def __call__(self, shape, dtype=None, **kwargs):\n"
        "        return tf.ones(shape, dtype=dtype) * self.{a}",
        "kernel_initializer={cls}({v})",
    ),
    "constraint": (
        "keras.constraints.Constraint",
        "    def __call__(self, w):\n        return tf.clip_by_value(w, -self.{a}, self.{a})",
        "kernel_constraint={cls}({v})",
    ),
    "regularizer": (
        "keras.regularizers.Regularizer",
        "    def __call__(self, w):\n        return self.{a} * tf.reduce_sum(tf.square(w))",
        "kernel_regularizer={cls}({v})",
    ),
}


@st.composite
def custom_object_programs(draw: st.DrawFn) -> str:
    """TFV202: a custom initializer, constraint or regularizer without `get_config` in a model, which is
    trained, printed, and sometimes saved and loaded (with or without `custom_objects`)."""
    kind = draw(st.sampled_from(sorted(_CUSTOM)))
    base, call, use = _CUSTOM[kind]
    cls = draw(st.sampled_from(("Scaled", "Clip", "MyThing")))
    attr = draw(st.sampled_from(("scale", "limit")))
    default = draw(st.sampled_from(("", "=1.0")))
    value = draw(st.sampled_from(("0.5", "0.01", "2.0")))
    config = draw(
        st.sampled_from(("", "", "    def get_config(self):\n        config = {}\n        return config"))
    )
    parts = [
        f"class {cls}({base}):",
        f"    def __init__(self, {attr}{default}):",
        f"        self.{attr} = {attr}",
        "",
        call.format(a=attr),
    ]
    if config:
        parts += ["", config]
    built = draw(_built(("Dense", "Dense3d", "Conv1D"), extra=use.format(cls=cls, v=value)))
    lines = ["\n".join(parts), "", "", built.code, *_observe(draw, built)]
    if built.model is not None and draw(st.booleans()):
        path = draw(st.sampled_from(("'m.keras'", "'m.keras'", "'m.h5'")))
        objects = draw(st.sampled_from(("", f", custom_objects={{{cls!r}: {cls}}}")))
        lines.append(f"print(np.round({built.model}(X).numpy(), 5))")
        lines.append(f"{built.model}.save({path})")
        lines.append(f"loaded = keras.models.load_model({path}{objects})")
        lines.append("print(np.round(loaded(X).numpy(), 5))")
    return _program(draw, built, lines)


def runnable_programs() -> st.SearchStrategy[str]:
    """Programs that run under TF and make the rules with safe fixes fire (TFV201's weight edits most, since
    most of its fixes are unsafe), and (a seventh) the grammar's programs above, most of which do not run."""
    return st.one_of(
        weight_edit_programs(),
        weight_edit_programs(),
        weight_edit_programs(),
        rnn_read_programs(),
        custom_object_programs(),
        custom_object_programs(),
        tf_programs(),
    )
