from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from tfvarfix.rule import Finding, FixPlan, InsertAfter, InsertBefore, NodeEdit, Rule
from tfvarfix.semantics import initializers as init
from tfvarfix.semantics.model import ClassFact, ModuleFacts
from tfvarfix.types import FixAvailability, FixSafety, VerifyCheck

SAVES = frozenset({".save", "keras.saving.save_model", "keras.models.save_model"})


class UnserializableCustomObject(Rule):
    """
    ## What it does
    Finds a custom Keras `Initializer`, `Constraint` or `Regularizer` whose constructor arguments do not
    survive `model.save` and `keras.models.load_model` because it has no `get_config`, and a custom `Layer`
    without `get_config` whose `__init__` takes no `**kwargs`.

    ## Why is this bad?
    Saving succeeds; loading fails or silently changes the object. The base `Initializer.get_config()` and
    `Constraint.get_config()` return `{}`, so an argument without a default fails at load with
    `TypeError: X.__init__() missing 1 required positional argument: 'scale'`, and an argument with a default
    comes back at its default. `Regularizer` has no `get_config` at all: `model.save` raises
    `NotImplementedError: <...> does not implement get_config()`. Custom layers are different: Keras 3 and
    tf_keras record the `__init__` arguments of a layer by themselves when they are plain values, but Keras 3
    loads them together with `name`, `trainable` and `dtype`, so an `__init__` without `**kwargs` fails with
    `TypeError: ... __init__() got an unexpected keyword argument 'trainable'`. An unregistered class also
    fails (`Cannot deserialize object of type X. If X is a custom class, please register it using the
    @keras.saving.register_keras_serializable() decorator.`) unless every load passes `custom_objects`;
    that alone is not reported, because the loads may be elsewhere.

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


    @tf.keras.utils.register_keras_serializable(package="tfvarfix")
    class Scaled(tf.keras.initializers.Initializer):
        def __init__(self, scale):
            self.scale = scale

        def __call__(self, shape, dtype=None):
            return tf.ones(shape, dtype=dtype) * self.scale

        def get_config(self):
            return {"scale": self.scale}
    ```

    ## Fix safety
    The fix adds `get_config` returning each constructor argument, and the registration decorator when it is
    missing. It is offered only when every argument is stored unchanged (`self.scale = scale`) and never
    rebound, so the stored value is the argument. Where a value is transformed (seed article 2 stores
    `tf.constant(custom_value, dtype=tf.float32)`: a float32 tensor that is not JSON and no longer the float
    that was passed), the original argument is lost and no fix is offered. The fix is safe: it changes nothing
    until a model is saved and loaded, and then the load works where it failed. Layers get no fix.

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

    def check(self, facts: ModuleFacts) -> Iterator[Finding]:
        for cls in facts.classes:
            if cls.keras_base is None or cls.is_model or "get_config" in cls.methods or "" in cls.bases:
                continue
            params = _params(cls)
            if params is None:
                continue
            names, required, kwargs = params
            # A decorator we cannot resolve may register the class (Keras's own `keras_export` does).
            registered = bool(cls.node.decorators)
            if cls.is_layer and not _saves(facts):
                continue  # a layer's missing **kwargs only matters to a load; nothing here saves
            problem = _problem(cls, names, required, kwargs, registered)
            if problem is None:
                continue
            fix = None
            if cls.is_serializable_object and cls.scope.parent is facts.scopes[0]:
                fix = self._fix(facts, cls, names, registered)
            yield self.finding(cls.node.name, fix=fix, name=cls.name, problem=problem)

    def _fix(self, facts: ModuleFacts, cls: ClassFact, names: list[str], registered: bool) -> FixPlan | None:
        stored = _stored_as_given(cls)
        if any(stored.get(n) is None for n in names):
            return None
        body = cls.node.body.body
        anchor = cls.methods.get("__init__") or body[-1]
        config = ", ".join(f'"{n}": self.{stored[n]}' for n in names)
        # The leading " " line becomes the blank line between the methods.
        edits: list[NodeEdit] = [InsertAfter(anchor, f" \ndef get_config(self):\n    return {{{config}}}")]
        if not registered:
            prefix = init.module_keras_prefix(facts, cls.node.bases[0].value if cls.node.bases else None)
            if prefix is None:
                return None
            edits.append(
                InsertBefore(cls.node, f'@{prefix}.utils.register_keras_serializable(package="tfvarfix")')
            )
        return self.fix(*edits)


def _saves(facts: ModuleFacts) -> bool:
    return bool(facts.calls_to(*SAVES))


def _params(cls: ClassFact) -> tuple[list[str], list[str], bool] | None:
    """`__init__` parameters after `self`: names, required ones, takes **kwargs; None with *args."""
    init_def = cls.methods.get("__init__")
    if init_def is None:
        return [], [], True
    p = init_def.params
    if isinstance(p.star_arg, cst.Param) or p.posonly_params:
        return None
    params = [*p.params, *p.kwonly_params][1:]
    names = [q.name.value for q in params]
    return names, [q.name.value for q in params if q.default is None], p.star_kwarg is not None


def _problem(
    cls: ClassFact, names: list[str], required: list[str], kwargs: bool, registered: bool
) -> str | None:
    base = cls.keras_base or ""
    if cls.is_serializable_object and names and not registered and not base.startswith("keras.regularizers."):
        return (
            f"has no `get_config` and is not registered: `load_model` raises `TypeError: Cannot deserialize "
            f"object of type `{cls.name}``, and registering it alone leaves its arguments behind"
        )
    if base.startswith("keras.regularizers."):
        return "has no `get_config`: `model.save` raises NotImplementedError"
    if cls.is_serializable_object and required:
        return (
            f"has no `get_config`: `load_model` raises `TypeError: {cls.name}.__init__() missing "
            f"{len(required)} required positional argument`"
        )
    if cls.is_serializable_object and names:
        return (
            f"has no `get_config`: after `load_model`, `{'`, `'.join(names)}` silently return to the defaults"
        )
    if cls.is_layer and not kwargs and names:
        return (
            "has no `get_config` and its `__init__` takes no `**kwargs`: Keras 3 `load_model` raises "
            "`TypeError: ... got an unexpected keyword argument 'trainable'`"
        )
    return None


def _stored_as_given(cls: ClassFact) -> dict[str, str | None]:
    """param -> the attribute holding it unchanged (`self.x = x` in `__init__`, never rebound), or None."""
    out: dict[str, str | None] = {}
    assigned: dict[str, int] = {}
    for method in cls.methods.values():
        for statement in method.body.body if isinstance(method.body, cst.IndentedBlock) else ():
            if not isinstance(statement, cst.SimpleStatementLine):
                continue
            for small in statement.body:
                if not isinstance(small, cst.Assign):
                    continue
                for target in small.targets:
                    t = target.target
                    if (
                        isinstance(t, cst.Attribute)
                        and isinstance(t.value, cst.Name)
                        and t.value.value == "self"
                    ):
                        assigned[t.attr.value] = assigned.get(t.attr.value, 0) + 1
                        given = small.value
                        if method is cls.methods.get("__init__") and isinstance(given, cst.Name):
                            out.setdefault(given.value, t.attr.value)
    return {p: a if a is not None and assigned.get(a) == 1 else None for p, a in out.items()}
