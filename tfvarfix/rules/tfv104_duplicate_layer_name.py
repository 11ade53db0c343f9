from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from tfvarfix.codegen import quote_of, snake, string, unique_name, with_keywords
from tfvarfix.keras.autonames import auto_names, reason
from tfvarfix.keras.spec import Flavor
from tfvarfix.rule import Finding, FixPlan, NodeEdit, Replace, Rule
from tfvarfix.semantics.events import Created, CtxKind, Duplicate, UserCall
from tfvarfix.semantics.facts import Facts, divergence, reachable
from tfvarfix.semantics.values import ApplicationLayers, FuncObj, InstanceObj, LayerObj, ModelObj
from tfvarfix.semantics.walker import children, descendants
from tfvarfix.types import FixAvailability, FixSafety, Rename, Severity, VerifyCheck


def _consequence(where: str, name: str, count: str, flavor: Flavor) -> str:
    """What the duplicate does on the file's target (measured on Keras 3.15 and tf_keras 2.21)."""
    if where == "sequential":
        return (
            "Sequential raises `ValueError: All layers added to a Sequential model should have unique names`"
        )
    if where == "functional":
        if not count.isdigit():
            return f'keras.Model raises ValueError: the name "{name}" is used more than once in the model'
        return f'keras.Model raises `ValueError: The name "{name}" is used {count} times in the model`'
    if flavor is Flavor.TF_KERAS:
        return (
            "both weight sets get one name, and `save_weights` to .h5 raises "
            "`ValueError: Unable to synchronously create group (name already exists)`"
        )
    return f'both weight sets get one path, and `get_layer("{name}")` finds only the first'


class DuplicateLayerName(Rule):
    """
    ## What it does
    Finds two layers with the same literal `name=` in one model: in a `Sequential` list or its `.add` calls, in a
    functional graph (the layers between the model's inputs and outputs), or among the layers a subclassed model
    makes in its `__init__`; and a layer with a constant name made in a loop or comprehension, whose copies
    cannot differ.

    Names no code wrote count too: Keras names an unnamed layer from a per-session counter of its class (`dense`,
    `dense_1`, ...), `clear_session()` resets the counters, and a model loaded with `load_model` of a file the
    program saved keeps the saved names, so a new `Dense` after `clear_session()` is `dense` again beside the loaded
    `dense`. Only where the count is known: after a loop of unknown count, a layer made on one arm of an `if`, or
    code that is not followed, the name is not claimed.

    In Keras 3 code, also two `keras.applications` models whose `input`/`output` tensors build one functional model
    (thanif/CPL#4: two `InceptionV3(include_top=False)` backbones, each pooled, then concatenated): Keras flattens
    both sets of inner layers into it, and each application names some of them itself (`mixed0` in InceptionV3,
    `conv1_pad` in ResNet50, `block1_conv1` in VGG16 and Xception; measured per application), so the model holds
    those names twice. Not once the program reaches an application's layers before the model is built (`.layers`,
    `get_layer`: it may rename them, keras#7412). No fix: no argument of an application renames its inner layers.

    ## Why is this bad?
    Keras identifies layers and their weights by name. `Sequential` raises `ValueError: All layers added to a
    Sequential model should have unique names` when the second layer is added, and `keras.Model(inputs, outputs)`
    raises `ValueError: The name "d" is used 2 times in the model`. A subclassed model never raises: both weight
    sets get the same path, `get_layer("d")` silently returns the first, and tf_keras fails to save `.h5` weights
    with `Unable to synchronously create group (name already exists)` (`... create dataset ...` when the clash is
    inside one layer's weights). The message names the consequence for the file's target: Keras 3 saves such a
    model (`.keras`, `.weights.h5` and checkpoints key weights by attribute, not by name), so there only the
    lookup by name is said.

    ## Example
    ```python
    import keras

    model = keras.Sequential([
        keras.Input((4,)),
        keras.layers.Dense(8, name="hidden"),
        keras.layers.Dense(8, name="hidden"),
    ])
    ```

    ## Use instead
    ```python
    import keras

    model = keras.Sequential([
        keras.Input((4,)),
        keras.layers.Dense(8, name="hidden"),
        keras.layers.Dense(8, name="hidden_1"),
    ])
    ```

    ## Fix safety
    The fix gives the later layers a unique suffix (`hidden_1`, `hidden_2`). It is unsafe: layer and weight names
    change, and with them checkpoint keys and anything that looks layers up by name. It is offered only when the
    name appears nowhere else in the module (no `get_layer("hidden")`, no other string `"hidden"`). A constant name
    in a loop or a comprehension is numbered by the loop's index, `f"fc_{i}"` (the index named where it is `_`, or
    `enumerate` added where the loop has none: `for i, width in enumerate(widths)`); when the name is read elsewhere
    (`get_layer("fc")`) the first pass keeps it, `f"fc_{i}" if i else "fc"`. A layer or a Keras 3 application made
    without a name on each pass (one `ResNet50(...)` per input stream) gets `name=f"resnet50_{i}"` the same way,
    unless the call passes `name` or `**kwargs` already, or the default name is read elsewhere. A parenthesized
    iterable is enumerated as written (`for s in (a, b):` -> `for i, s in enumerate((a, b)):`). Not offered for
    nested comprehension clauses. A module-level helper with fixed names (`name="conv1_conv"`) called once
    per member or branch gets a `name_prefix=""` parameter, each fixed `name=` literal in it becomes
    `f"{name_prefix}conv1_conv"` (in the literal's quotes; a template a loop repeats, `f"conv_{rate}"`, gets
    `{name_prefix}` in front), and each call the duplicates come from passes its own
    prefix: `f"stem_{i}_"` from the index of the loop or comprehension it stands in (named or added as above), else
    the name its result is bound to (`user = tower(x)`: `"user_"`), numbered by the helper's name when those are not
    distinct. Unsafe: every layer the helper names is renamed (`conv1_conv` -> `stem_0_conv1_conv`, ...; the title
    and `renames` say so). Withheld when a call cannot be edited: the helper is passed around or bound to another
    name (`make = stem`), called with `*args` or `**kwargs` or already given `name_prefix`, a single call
    outside any loop (a call inside another's arguments, `stem(stem(x))`, is edited within the outer one's edit); when a
    name it gives is also read as a string (`get_layer("conv1_conv")`, which would have to change too); when a name has
    braces or escapes; and for methods, nested functions and decorated helpers. A helper that calls helpers of
    its module which name layers that collide too (keras-resnet#50: `ResNet()` names `conv1` and calls
    `bottleneck()`, which names `res2a_branch2a`) gets the prefix the same way, and hands it on: each of those
    helpers gets the parameter and the prefixed names, and each call of one in the helpers' code passes
    `name_prefix=name_prefix`; a name held in a local bound once to a string (`base = f"res{stage}{block}"`,
    `Add(name=base)`) becomes `name=f"{name_prefix}{base}"`. Withheld there when such a helper is not a plain
    module-level function of the same module, is mentioned other than by calls (passed around), is called with
    `*args`/`**kwargs`, or when a colliding name is given any other way (a parameter, a local bound twice).
    A helper of another module of the project (`nn.nn_base(x)`
    called per input in `train.py`) gets the same fix across the two files: the parameter and the prefixed names in
    its module, the prefixes at the calls here; its default `""` keeps the names of callers the analysis does not
    see. It is applied only when both files are among those checked (pre-commit's changed files alone leave it
    unapplied) and they are written together (see the CLI's `--fix`). A name computed from a template at a
    second site (`"layer%d" % idx`, `f"fc_{i}"`, `"proj_{}".format(i)`) gets a suffix on the template (`"layer%d_1"
    % idx`), so each name it makes differs from the first site's; also unsafe. A name held in a variable at the
    second site (a helper's parameter given to both its layers, `name=embedding_name`: deep_qa#186) gets a
    suffix, `name=f"{embedding_name}_1"` (a name no layer has and no string of the module holds); unsafe, and
    withheld when some run gives that layer another name or none (`None` would become `"None_1"`). A layer
    class of the program that
    names every instance alike, by a parameter's constant default forwarded to `super().__init__(name=name)`
    (`name=""`) or a literal there (`super().__init__(name="ResBlock")`), gets `name=None` or loses the literal, so
    Keras names each instance (`res_block`, `res_block_1`); a loop or comprehension included, since every copy then
    differs. A layer or (Keras 3) an application made by a call without `name=` whose default name another has (two
    `ResNet50(...)` are both `resnet50`, or a new `Dense` is `dense` again after `clear_session()` beside a loaded
    `dense`) is given a name no layer of the program has or had, `name="resnet50_1"`, `name="dense_3"` (tf_keras
    applications take no name: no fix there); made so by a module-level helper called twice (`backbone()` returning
    `MobileNetV3Small(...)`), the helper gets `name="MobileNetV3Small"` (the name it gave so far), passes it on, and
    the second call gives a unique one. All unsafe: the fix renames layers (the title and `renames` say which), and
    none is offered when the name stands as a string elsewhere in the code (`get_layer("ResBlock")`), when the
    construction passes a name itself, or when the helper is passed around rather than only called (its callers
    cannot all be seen).

    ## Numerical equivalence
    `repairs`: for Sequential and functional models the original raises the `ValueError` and the rewrite builds.
    For a subclassed model both build, and `verify` checks that the weights are the same values under new paths.

    ## References
    - [Keras Sequential model guide](https://keras.io/guides/sequential_model/)
    - [Keras functional API guide](https://keras.io/guides/functional_api/)
    """

    CODE = "TFV104"
    NAME = "duplicate-layer-name"
    MESSAGE = "Layer name `{name}` is used {count} times in {model}: {consequence}"
    FIX_TITLE = "Rename to a unique name"
    FIX_AVAILABILITY = FixAvailability.SOMETIMES
    FIX_SAFETY = FixSafety.UNSAFE
    VERIFY = VerifyCheck.REPAIRS

    def check(self, facts: Facts) -> Iterator[Finding]:
        taken: set[str] = set(facts.layers_named()) | auto_names(facts)
        made = {id(e.obj): e for e in facts.of(Created)}
        for node, events in facts.grouped(Duplicate):
            # One construction site reached twice through a helper: the second call of the helper is the bug.
            first_made, second_made = made.get(id(events[0].first)), made.get(id(events[0].second))
            if events[0].first.site is events[0].second.site and first_made and second_made:
                node = divergence(first_made.ctx, second_made.ctx) or node
            live = [
                e
                for e in events
                if reachable(e) and not (e.where != "subclassed" and e.ctx.catches("ValueError"))
            ]
            if not live or len(live) != len(events):
                continue
            event = live[0]
            name = event.name
            looped = any(e.looped for e in live)
            # Every layer of that model with that name, as Keras counts them ("used 4 times"), not only this pair:
            # by the calls that make them (a layer whose build runs in several contexts makes its two layers named
            # `output` in each: two, not 16). Where one call makes several (a loop), the count is "several".
            sites = {
                id(o.site)
                for e in facts.of(Duplicate)
                if e.model is event.model and e.name == name and reachable(e)
                for o in (e.first, e.second)
            }
            count = "several" if looped else str(max(len(sites), 1 + len({id(e.second.site) for e in live})))
            fix = None
            literal = node if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)) else None
            if (
                literal is not None
                and not looped
                and facts.quoted_count(name) <= 1 + len({id(e.second) for e in live})
            ):
                new_name = unique_name(name, taken.__contains__)
                taken.add(new_name)
                fix = self.fix(Replace(literal, _string_like(literal, new_name)))
            elif not looped and len({id(e.second.site) for e in live}) == 1:
                fix = self._template_fix(facts, node, name, taken)
            if fix is None and looped and literal is not None and isinstance(literal, cst.SimpleString):
                fix = self._loop_fix(facts, literal, name)
            # The name is fixed in a helper that each member or branch calls: the helper takes a prefix.
            fixed_name = literal if literal is not None else getattr(event.second, "name_node", None)
            if isinstance(node, cst.FormattedString) and looped:
                fixed_name = node  # `name=f"conv_{rate}"` in a helper a loop calls with repeating rates
            if (
                fix is None
                and isinstance(fixed_name, (cst.SimpleString, cst.FormattedString, cst.Name))
                and all(e.first.site is e.second.site for e in live)
            ):
                fix = self._prefix_fix(
                    facts, fixed_name, [made.get(id(o)) for e in live for o in (e.first, e.second)]
                )
            if fix is None and looped and isinstance(node, cst.Call) and event.second.site is not node:
                fix = self._helper_fix(facts, event.second, node, name, taken)
            if fix is None and looped and isinstance(node, cst.Call) and event.second.site is not node:
                fix = self._loop_call_fix(facts, event.second, node, name)
            if fix is None and isinstance(event.second, InstanceObj) and event.second.site is node:
                fix = self._class_name_fix(facts, event.second, name)
            elif fix is None and not looped and event.second.site is node and isinstance(node, cst.Call):
                fix = self._call_name_fix(facts, event.second, node, name, taken)
            elif fix is None and looped and event.second.site is node and isinstance(node, cst.Call):
                fix = self._loop_call_fix(facts, event.second, node, name)
            if any(isinstance(o, ApplicationLayers) for e in live for o in (e.first, e.second)):
                fix = None  # the inner layers of two applications: no argument of an application renames them
            yield self.finding(
                node,
                fix=fix,
                origin=event.node,  # where the name is given: another module's, when a call here made the layer
                # A subclassed model raises nothing: its duplicate paths are a hazard (h5 saves, `.path` lookups).
                severity=Severity.WARNING if event.where == "subclassed" else None,
                name=name,
                count=count,
                model=_describe(facts, event),
                consequence=_consequence(event.where, name, count, facts.flavor)
                + reason(facts, event.first, event.second),
            )

    def _loop_fix(self, facts: Facts, literal: cst.SimpleString, name: str) -> FixPlan | None:
        """A constant name in a loop or comprehension (`name="fc"` under `for i in range(n)`): the loop's index
        makes it unique, `f"fc_{i}"` (an index is added, `for i, x in enumerate(xs)`, or `_` named, where there
        is none). When the name is also read elsewhere (`get_layer("fc")`) the first pass keeps it:
        `f"fc_{i}" if i else "fc"`."""
        if not name or any(c in name for c in "{}\\'\"") or "\n" in name:
            return None
        found = _loop_index(facts, literal)
        if found is None:
            return None
        index, edits = found
        quote = literal.quote
        if len(quote) != 1 or literal.prefix:
            return None
        unique = f"f{quote}{name}_{{{index}}}{quote}"
        kept = facts.literal_count(name) > 1  # read elsewhere: the first pass keeps the name
        text = f"{unique} if {index} else {quote}{name}{quote}" if kept else unique
        return self.fix(
            Replace(literal, text),
            *edits,
            title=f"Number the name by the loop: `{name}_0`, `{name}_1`, ..."
            if not kept
            else f"Number the name by the loop after the first: `{name}`, `{name}_1`, ...",
            renames=() if kept else (Rename("layer", name, f"{name}_0"),),
        )

    def _loop_call_fix(self, facts: Facts, second: object, call: cst.Call, name: str) -> FixPlan | None:
        """A layer or Keras 3 application made without a name on each pass of a loop (`ResNet50(...)` per input
        stream, tensorflow#32408), or a call of a helper that passes its `name` parameter on, default and all
        (StarGAN v2's `Relu(name="relu")` factory, called after each layer of a loop): the loop's index names
        each, `name=f"resnet50_{i}"` (an index is added where the loop has none). Withheld where the call
        already passes `name` or `**kwargs`, or the name is read."""
        helper = getattr(second, "site", None) is not call
        if helper and not _forwards_name(facts, call, second, name):
            return None
        if isinstance(second, ModelObj):
            if facts.flavor is Flavor.TF_KERAS:
                return None
        elif not isinstance(second, LayerObj):
            return None
        if not name.isidentifier() or facts.literal_count(name) > int(helper):
            return None  # a name the program reads back (`get_layer("resnet50")`) would stop resolving (the
            # helper's default is the one literal a helper may hold)
        if any(a.star or (a.keyword is not None and a.keyword.value == "name") for a in call.args):
            return None
        found = _loop_index(facts, call)
        if found is None:
            return None
        index, edits = found
        quote = quote_of(facts.module)
        named = with_keywords(call, {"name": f"f{quote}{name}_{{{index}}}{quote}"})
        return self.fix(
            Replace(call, named, wrap=True),
            *edits,
            title=f"Number the name by the loop: `{name}_0`, `{name}_1`, ...",
            renames=(Rename("layer", name, f"{name}_0"),),
        )

    def _helper_fix(
        self, facts: Facts, second: object, node: cst.Call, name: str, taken: set[str]
    ) -> FixPlan | None:
        """A helper that makes the layer (or a Keras 3 application) without a name, called twice (`backbone(shape)`
        twice): the helper gets a `name` parameter whose default is the name it gave so far, passes it on, and
        the second call (`node`) gives a unique one."""
        site = getattr(second, "site", None)
        if not isinstance(site, cst.Call) or not isinstance(node.func, cst.Name):
            return None
        if isinstance(second, ModelObj):
            if facts.flavor is Flavor.TF_KERAS:
                return None
        elif not isinstance(second, LayerObj):
            return None
        if any(
            a.star or (a.keyword is not None and a.keyword.value == "name") for a in (*site.args, *node.args)
        ):
            return None
        helper = next(
            (
                s
                for s in facts.module.body
                if isinstance(s, cst.FunctionDef) and s.name.value == node.func.value
            ),
            None,
        )
        if helper is None or not any(n is site for n in descendants(helper.body)):
            return None
        params = helper.params
        if params.star_arg is not cst.MaybeSentinel.DEFAULT or params.kwonly_params or params.star_kwarg:
            return None
        if params.posonly_params or any(p.name.value == "name" for p in params.params):
            return None
        if any(isinstance(n, cst.Name) and n.value == "name" for n in descendants(helper.body)):
            return None
        helper_name = helper.name.value
        mentions, called = facts.name_uses(helper_name)
        if mentions != 1 + called:
            return None  # the helper is passed around, not only called: its callers cannot all be seen
        if not name or facts.literal_count(name) > 0:
            return None
        new_name = unique_name(name, lambda c: c in taken or facts.literal_count(c) > 0)
        taken.add(new_name)
        parameter = cst.Param(
            cst.Name("name"),
            default=cst.SimpleString(string(facts, name)),
            equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
        )
        last = params.params[-1] if params.params else None
        listed = [*params.params]
        if last is not None and last.comma is cst.MaybeSentinel.DEFAULT:
            listed[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        return self.fix(
            Replace(params, params.with_changes(params=[*listed, parameter])),
            Replace(site, with_keywords(site, {"name": "name"})),
            Replace(node, with_keywords(node, {"name": string(facts, new_name)})),
            title=f"Give `{helper.name.value}()` a `name` and call it with `{new_name}` here",
            renames=(Rename("layer", name, new_name),),
        )

    def _prefix_fix(
        self,
        facts: Facts,
        literal: cst.SimpleString | cst.FormattedString | cst.Name,
        made: list[Created | None],
    ) -> FixPlan | None:
        """A helper with fixed layer names (`name="conv1_conv"`) called once per member or branch: the helper
        gets a `name_prefix=""` parameter, each fixed `name="x"` in it becomes `name=f"{name_prefix}x"`, and each
        call the duplicates come from passes its own prefix (`f"stem_{i}_"` from a loop's index, `"user_"` from
        the name the call's result is bound to). Withheld when a call cannot be edited (the helper is passed
        around, or called with `*args`/`**kwargs`), when a prefixed name is also read as a string
        (`get_layer("conv1_conv")`), or when the helper's parameters take no new keyword cleanly."""
        # The helper may be another module's (`nn.nn_base`, made per input of a model built here): its edits
        # are written there, from what that module holds (`there`); each call's, in the caller's module.
        there = facts.home(literal)
        if there is None:
            return None
        helper = next(
            (
                a
                for a in reversed(there.ancestors(literal))
                if isinstance(a, (cst.FunctionDef, cst.ClassDef, cst.Lambda))
            ),
            None,
        )
        if not isinstance(helper, cst.FunctionDef) or not any(s is helper for s in there.module.body):
            return None
        if helper.asynchronous is not None or helper.decorators:
            return None
        # The pairs may part at a call of an outer helper that calls this one (keras-resnet: `ResNet()` per
        # input calls `bottleneck()`, which names the layers): that helper takes the prefix, and hands it on
        # (`name_prefix=name_prefix`) to the helpers of its module that it calls and that name layers.
        outer = _outer_helper(there, helper, made)
        if outer is None:
            return None
        helper, callees = outer
        helper_name = helper.name.value
        sites: list[cst.Call] = []
        for created in made:
            link = (
                next(
                    (
                        c
                        for c in created.ctx.chain()
                        if c.kind is CtxKind.CALL and isinstance(c.data, FuncObj) and c.data.node is helper
                    ),
                    None,
                )
                if created is not None
                else None
            )
            if link is None or not isinstance(link.node, cst.Call):
                return None
            if not any(s is link.node for s in sites):
                sites.append(link.node)
        if there is facts:
            calls = {
                id(e.node): e.node
                for e in facts.of(UserCall)
                if isinstance(e.node, cst.Call)
                and isinstance(e.node.func, cst.Name)
                and e.node.func.value == helper_name
            }
            if any(id(s) not in calls for s in sites):
                return None
            if facts.word_count(helper_name) != 1 + len(calls) and facts.name_uses(helper_name)[0] != 1 + len(
                calls
            ):  # (the word in a comment or a string: the names themselves are counted)
                return None  # the helper is passed around or called where the analysis did not go
        else:
            # Another module's helper: its callers elsewhere are not all seen, and need not be: the new parameter's
            # default keeps their names. Each call edited here must call that helper and nothing else.
            calls = {id(s): s for s in sites}
            if any(
                isinstance(e.node, cst.Call) and id(e.node) in calls and e.func.node is not helper
                for e in facts.of(UserCall)
            ) or any(facts.home(s) is not facts for s in sites):
                return None
        if any(
            a.star or (a.keyword is not None and a.keyword.value == "name_prefix")
            for c in calls.values()
            for a in c.args
        ):
            return None
        # The fixed names of the helpers' own code (not of functions or lambdas defined in them), and in the
        # helpers it calls, the calls of those that hand the prefix on.
        literals: list[cst.SimpleString | cst.FormattedString | cst.Name] = []
        handing: list[cst.Call] = []
        callee_names = {c.name.value for c in callees}
        for function in (helper, *callees):
            stack: list[cst.CSTNode] = [function.body]
            while stack:
                current = stack.pop()
                if isinstance(current, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
                    continue
                if isinstance(current, cst.Name) and current.value == "name_prefix":
                    return None
                if (
                    isinstance(current, cst.Call)
                    and isinstance(current.func, cst.Name)
                    and current.func.value in callee_names
                ):
                    handing.append(current)
                if (
                    isinstance(current, cst.Arg)
                    and current.keyword is not None
                    and current.keyword.value == "name"
                    and isinstance(current.value, (cst.SimpleString, cst.FormattedString))
                ):
                    literals.append(current.value)
                elif (
                    isinstance(current, cst.Arg)
                    and current.keyword is not None
                    and current.keyword.value == "name"
                    and isinstance(current.value, cst.Name)
                    and _string_local(function, current.value.value) is not None
                ):
                    literals.append(current.value)  # `name=base`, a local bound once to a string
                stack.extend(reversed(children(current)))  # source order: the first name first
        if not any(n is literal for n in literals):
            return None
        if not _prefix_covers(facts, helper, literals):
            return None
        for callee in callees:
            mentions, called = there.name_uses(callee.name.value)
            if mentions != 1 + called:
                return None  # passed around, or called where the prefix cannot be handed on
        if any(
            a.star or (a.keyword is not None and a.keyword.value == "name_prefix")
            for c in handing
            for a in c.args
        ) or any(any(a is c for a in there.ancestors(n)) for n in literals for c in handing):
            return None  # a call that cannot take the prefix, or one whose edit would hold a name's
        names: list[str] = []
        for string_node in literals:
            if isinstance(string_node, cst.Name):
                bound = next(
                    _string_local(f, string_node.value)
                    for f in (helper, *callees)
                    if any(a is f for a in there.ancestors(string_node))
                )
                if bound is None:
                    return None
                names.append(bound)
                continue
            if isinstance(string_node, cst.FormattedString):
                if string_node.start not in ('f"', "f'"):
                    return None
                names.append(there.code_for(string_node)[2:-1])  # the template: `conv_{rate}`
                continue
            value = string_node.evaluated_value
            if (
                string_node.prefix
                or len(string_node.quote) != 1
                or not isinstance(value, str)
                or any(c in string_node.raw_value for c in "{}\\")
                or there.literal_count(value) > 1
                or (there is not facts and facts.literal_count(value) > 0)
            ):
                return None  # escapes or braces in the name, or the name also read elsewhere (`get_layer`)
            names.append(value)
        edits: list[NodeEdit] = []
        for function in (helper, *callees):
            params = function.params
            if any(
                p.name.value == "name_prefix"
                for p in (*params.params, *params.kwonly_params, *params.posonly_params)
            ):
                return None
            parameter = cst.Param(
                cst.Name("name_prefix"),
                default=cst.SimpleString(string(there, "")),
                equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
            )
            if isinstance(params.star_arg, (cst.Param, cst.ParamStar)):
                new_params = params.with_changes(kwonly_params=[*params.kwonly_params, parameter])
            else:
                new_params = params.with_changes(params=[*params.params, parameter])
            edits.append(Replace(params, new_params))
        handed = {id(c): "name_prefix" for c in handing}
        for call in handing:
            if not any(a is other for a in there.ancestors(call) for other in handing):
                passed = call.visit(_PassPrefix(handed))
                if not isinstance(passed, cst.CSTNode):
                    return None
                edits.append(Replace(call, passed))
        for string_node in literals:
            if isinstance(string_node, cst.Name):
                quote = quote_of(there.module)
                edits.append(Replace(string_node, f"f{quote}{{name_prefix}}{{{string_node.value}}}{quote}"))
                continue
            if isinstance(string_node, cst.FormattedString):
                prefix_part = cst.FormattedStringExpression(cst.Name("name_prefix"))
                edits.append(
                    Replace(string_node, string_node.with_changes(parts=[prefix_part, *string_node.parts]))
                )
                continue
            quote = string_node.quote
            edits.append(Replace(string_node, f"f{quote}{{name_prefix}}{string_node.raw_value}{quote}"))
        # Each call the duplicates come from passes its own prefix.
        prefixes: dict[int, str] = {}
        shown: list[str] = []
        targets = [_bound_name(facts, site) for site in sites]
        for number, site in enumerate(sites):
            looped = _loop_index(facts, site)
            if looped is not None:
                index, loop_edits = looped
                edits.extend(loop_edits)
                text = "f" + string(facts, f"{helper_name}_{{{index}}}_")
                shown.append(f"{helper_name}_0_")
            else:
                if len(sites) == 1:
                    return None  # one call, not in a loop: what repeats it cannot be told
                target = targets[number]
                prefix = (
                    f"{target}_"
                    if target is not None and targets.count(target) == 1
                    else f"{helper_name}_{number + 1}_"
                )
                text = string(facts, prefix)
                shown.append(prefix)
            prefixes[id(site)] = text
        # A call inside another's arguments (`block(block(x))`) is edited within the outer one's edit.
        for site in sites:
            if not any(a is other for a in facts.ancestors(site) for other in sites):
                passed = site.visit(_PassPrefix(prefixes))
                if not isinstance(passed, cst.CSTNode):
                    return None
                edits.append(Replace(site, passed))
        return self.fix(
            *edits,
            title=f"Give `{helper_name}()` a `name_prefix` and pass a distinct one per call "
            f"(`{shown[0]}{names[0]}`, ...)",
            renames=tuple(Rename("layer", n, ", ".join(f"{p}{n}" for p in shown) + ", ...") for n in names),
        )

    def _class_name_fix(self, facts: Facts, instance: InstanceObj, name: str) -> FixPlan | None:
        """A layer class of the program that gives every instance one name, passed to `super().__init__`: a
        parameter's constant default (`name=""`) becomes `None`, a literal (`name="ResBlock"`) is dropped, and
        Keras names each instance itself (`res_block`, `res_block_1`, ...). Not when the construction passes a
        name, nor when the name is looked up elsewhere (`get_layer("ResBlock")`)."""
        site = instance.site
        if not isinstance(site, cst.Call) or any(
            a.star or (a.keyword is not None and a.keyword.value == "name") for a in site.args
        ):
            return None
        init = next(
            (
                s
                for s in instance.cls.node.body.body
                if isinstance(s, cst.FunctionDef) and s.name.value == "__init__"
            ),
            None,
        )
        found = _super_name_argument(init) if init is not None else None
        if init is None or found is None:
            return None
        call, arg = found
        auto = snake(instance.cls.name)
        renames = (Rename("layer", name, f"{auto}, {auto}_1, ..."),)
        title = f"Let Keras name each `{instance.cls.name}` (`{auto}`, `{auto}_1`, ...)"
        if isinstance(arg.value, cst.Name):
            params = [*init.params.params, *init.params.kwonly_params]
            param = next((p for p in params if p.name.value == arg.value.value), None)
            if param is None or not isinstance(param.default, cst.SimpleString):
                return None
            positional = [p.name.value for p in init.params.params][1:]
            if param.name.value in positional and positional.index(param.name.value) < sum(
                1 for a in site.args if a.keyword is None
            ):
                return None  # the construction passes it by position
            keywords = {id(a.keyword) for a in descendants(init.body) if isinstance(a, cst.Arg) and a.keyword}
            reads = [
                n
                for n in descendants(init.body)
                if isinstance(n, cst.Name) and n.value == param.name.value and id(n) not in keywords
            ]
            if len(reads) != 1 or (name and facts.literal_count(name) > 1):
                return None
            return self.fix(Replace(param.default, "None"), title=title, renames=renames)
        if not isinstance(arg.value, cst.SimpleString) or facts.literal_count(name) > 1:
            return None
        if arg is not call.args[-1]:
            return None
        args = list(call.args[:-1])
        if args:
            args[-1] = args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return self.fix(Replace(call, call.with_changes(args=args)), title=title, renames=renames)

    def _call_name_fix(
        self, facts: Facts, second: object, node: cst.Call, name: str, taken: set[str]
    ) -> FixPlan | None:
        """A layer or (Keras 3) a model made by a call that passes no name and gets the same default name as
        another (two `ResNet50(...)` are both `resnet50`): the later one is given a unique name."""
        if any(a.star or (a.keyword is not None and a.keyword.value == "name") for a in node.args):
            return None
        if isinstance(second, ModelObj):
            if facts.flavor is Flavor.TF_KERAS:
                return None  # tf_keras applications take no `name`
        elif not isinstance(second, LayerObj):
            return None
        if not name or facts.literal_count(name) > 0:
            return None  # looked up by that name somewhere (get_layer("resnet50"))
        new_name = unique_name(name, lambda c: c in taken or facts.literal_count(c) > 0)
        taken.add(new_name)
        return self.fix(
            Replace(node, with_keywords(node, {"name": string(facts, new_name)})),
            title=f"Name it `{new_name}`",
            renames=(Rename("layer", name, new_name),),
        )

    def _template_fix(self, facts: Facts, node: cst.CSTNode, name: str, taken: set[str]) -> FixPlan | None:
        """A name computed from a template (`"layer%d" % idx`, `f"block_{i}"`, `"conv_{}".format(i)`) at a
        second site: the template gets a suffix (`"layer%d_1" % idx`), so every name it makes differs from
        the first site's."""
        if isinstance(node, cst.FormattedString) and node.parts:
            last = node.parts[-1]
            tail = last.value if isinstance(last, cst.FormattedStringText) else ""
            if "\\" in tail or "{" in tail:
                return None
            text = cst.FormattedStringText(f"{tail}_1")
            parts = [*node.parts[:-1], text] if tail else [*node.parts, text]
            return self.fix(Replace(node, node.with_changes(parts=parts)))
        if isinstance(node, cst.Name):
            return self._variable_name_fix(facts, node, name, taken)
        string = _template_literal(node)
        if string is None:
            return None
        body = string.raw_value if isinstance(string, cst.SimpleString) else None
        if body is None or "\\" in body:
            return None
        new = unique_name(body, lambda c: c in taken or facts.quoted_count(c) > 0)
        taken.add(new)
        quote = string.quote
        return self.fix(Replace(string, f"{string.prefix}{quote}{new}{quote}"))

    def _variable_name_fix(self, facts: Facts, node: cst.Name, name: str, taken: set[str]) -> FixPlan | None:
        """A name held in a variable at the second site (`name=embedding_name`, a helper's parameter that both
        layers of the helper are given; deep_qa#186): the second gets a suffix, `name=f"{embedding_name}_1"`,
        where `embedding_1` is a name no layer of the program has and no string of the module holds."""
        made = [e.obj for e in facts.of(Created) if isinstance(e.obj, LayerObj) and e.obj.name_node is node]
        if not made or any(o.name != name for o in made):
            return None  # another run gives the layer another name, or none (`None` would become `"None_1"`)
        new = unique_name(name, lambda c: c in taken or facts.quoted_count(c) > 0)
        suffix = new[len(name) :]
        if "{" in node.value or not suffix:
            return None
        taken.add(new)
        return self.fix(
            Replace(node, f"f{string(facts, '{' + node.value + '}' + suffix)}"),
            title=f"Give the second layer the name `{new}`",
        )


def _forwards_name(facts: Facts, call: cst.Call, made: object, name: str) -> bool:
    """Whether `call` calls a function of the module whose `name` parameter, defaulting to `name`, is the
    `name=` the layer `made` is given in it (`def Relu(x=None, name="relu"): return Activation(..., name=name)`),
    and nothing else in it binds `name`: a `name=` given to the call names the layer."""
    site = getattr(made, "site", None)
    if not isinstance(call.func, cst.Name) or not isinstance(site, cst.Call):
        return False
    helper = next(
        (s for s in facts.module.body if isinstance(s, cst.FunctionDef) and s.name.value == call.func.value), None
    )
    if helper is None or helper.asynchronous is not None or not any(n is site for n in descendants(helper.body)):
        return False
    param = next((p for p in (*helper.params.params, *helper.params.kwonly_params) if p.name.value == "name"), None)
    if param is None or not isinstance(param.default, cst.SimpleString):
        return False
    if param.default.evaluated_value != name:
        return False
    given = next((a for a in site.args if a.keyword is not None and a.keyword.value == "name"), None)
    if given is None or not (isinstance(given.value, cst.Name) and given.value.value == "name"):
        return False
    return not any(
        isinstance(n, (cst.AssignTarget, cst.AugAssign, cst.AnnAssign))
        and isinstance(n.target, cst.Name)
        and n.target.value == "name"
        for n in descendants(helper.body)
    )


def _loop_index(facts: Facts, node: cst.CSTNode) -> tuple[str, list[Replace]] | None:
    """The index of the loop or comprehension of its own function that runs `node` again and again: its name,
    and the edits that give the loop one (`for _ in range(n)` names it, `for x in xs` gets `enumerate`). None
    outside a loop, for nested comprehension clauses or an async loop."""
    path = facts.ancestors(node)
    loop: cst.For | cst.CompFor | None = None
    holder: cst.CSTNode | None = None
    for ancestor in reversed(path):
        if isinstance(ancestor, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
            break
        if isinstance(ancestor, cst.For) and any(n is node for n in descendants(ancestor.body)):
            loop, holder = ancestor, ancestor
            break
        if isinstance(ancestor, (cst.ListComp, cst.GeneratorExp, cst.SetComp)) and any(
            n is node for n in descendants(ancestor.elt)
        ):
            loop, holder = ancestor.for_in, ancestor
            if loop.inner_for_in is not None:
                return None  # which of the nested clauses repeats it cannot be told
            break
    if loop is None or holder is None or loop.asynchronous is not None:
        return None
    scope = next((a for a in reversed(path) if isinstance(a, cst.FunctionDef)), facts.module)
    words = {n.value for n in descendants(scope) if isinstance(n, cst.Name)}
    target, iterable = loop.target, loop.iter
    is_range = (
        isinstance(iterable, cst.Call)
        and isinstance(iterable.func, cst.Name)
        and iterable.func.value == "range"
        and "range" not in facts.module_names
    )
    index = "i" if "i" not in words else unique_name("i", words.__contains__)
    edits: list[Replace] = []
    if is_range and isinstance(target, cst.Name) and target.value != "_":
        index = target.value
    elif is_range and isinstance(target, cst.Name):
        if any(
            isinstance(n, cst.Name) and n.value == target.value and n is not target
            for n in descendants(holder)
        ):
            return None  # `_` is read in the loop: it cannot be renamed
        edits.append(Replace(target, index))  # `for _ in range(n)`: the index gets a name
    elif isinstance(target, (cst.Name, cst.Tuple)) and not any(
        isinstance(n, cst.StarredElement) for n in descendants(target)
    ):
        inner = facts.code_for(target)
        if isinstance(target, cst.Tuple) and not target.lpar:
            inner = f"({inner})"
        edits.append(Replace(target, f"{index}, {inner}"))
        # `for s in (a, b):` -> `enumerate((a, b))`: the tuple keeps its parentheses inside the call's; others'
        # (`(xs)`, a generator's) become the call's own
        bare = iterable if isinstance(iterable, cst.Tuple) else iterable.with_changes(lpar=[], rpar=[])
        edits.append(Replace(iterable, f"enumerate({facts.code_for(bare)})", parens=True))
    else:
        return None
    return index, edits


def _super_name_argument(init: cst.FunctionDef) -> tuple[cst.Call, cst.Arg] | None:
    """`super().__init__(..., name=<value>)` in `__init__`'s own statements: the call and its `name=` argument."""
    for statement in init.body.body if isinstance(init.body, cst.IndentedBlock) else ():
        if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
            continue
        expr = statement.body[0]
        call = expr.value if isinstance(expr, cst.Expr) else None
        if not (
            isinstance(call, cst.Call)
            and isinstance(call.func, cst.Attribute)
            and call.func.attr.value == "__init__"
            and isinstance(call.func.value, cst.Call)
            and isinstance(call.func.value.func, cst.Name)
            and call.func.value.func.value == "super"
        ):
            continue
        arg = next((a for a in call.args if a.keyword is not None and a.keyword.value == "name"), None)
        return (call, arg) if arg is not None else None
    return None


class _PassPrefix(cst.CSTTransformer):
    """Adds `name_prefix=<text>` to each call of `prefixes` (by the original node's id), nested ones included."""

    def __init__(self, prefixes: dict[int, str]) -> None:
        super().__init__()
        self.prefixes = prefixes

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        text = self.prefixes.get(id(original_node))
        return updated_node if text is None else with_keywords(updated_node, {"name_prefix": text})


def _bound_name(facts: Facts, call: cst.Call) -> str | None:
    """The one name a call's result is bound to (`user = tower(x)`, `user, _ = tower(x)`: `user`)."""
    path = facts.ancestors(call)
    parent = path[-1] if path else None
    if not isinstance(parent, cst.Assign) or parent.value is not call or len(parent.targets) != 1:
        return None
    target: cst.BaseExpression = parent.targets[0].target
    if isinstance(target, cst.Tuple) and target.elements:
        target = target.elements[0].value
    return target.value if isinstance(target, cst.Name) and target.value != "_" else None


def _template_literal(node: cst.CSTNode) -> cst.SimpleString | None:
    """The string literal a computed layer name is formatted from, when it is the only one."""
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Modulo):
        return node.left if isinstance(node.left, cst.SimpleString) else None
    if (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value == "format"
        and isinstance(node.func.value, cst.SimpleString)
    ):
        return node.func.value
    return None


def _describe(facts: Facts, event: Duplicate) -> str:
    model = event.model
    if isinstance(model, InstanceObj):
        return f"the layers `{model.cls.name}` makes"
    kind = "Sequential model" if event.where == "sequential" else "functional model"
    if isinstance(model, ModelObj):
        for name, value in event.env.items():
            if getattr(value, "objs", None) and model in value and name.isidentifier():  # type: ignore[operator]
                return f"{kind} `{name}`"
    return f"one {kind}"


def _string_like(node: cst.BaseExpression, value: str) -> str:
    quote = "'" if isinstance(node, cst.SimpleString) and node.value.lstrip("rRbBuU").startswith("'") else '"'
    return f"{quote}{value}{quote}"


def _prefix_covers(
    facts: Facts, helper: cst.FunctionDef, literals: list[cst.SimpleString | cst.FormattedString | cst.Name]
) -> bool:
    """Whether prefixing the helper's own fixed names cures every duplicate its calls make: none of the pairs
    both made during calls of it has its name written elsewhere (keras-resnet: `ResNet()` names "conv1" and
    calls `bottleneck()`, whose "res2a_branch2a" would still collide)."""
    covered = {id(n) for n in literals}
    made = {id(c.obj): c for c in facts.of(Created)}

    def in_helper(obj: object) -> bool:
        created = made.get(id(obj))
        return created is not None and any(
            c.kind is CtxKind.CALL and isinstance(c.data, FuncObj) and c.data.node is helper
            for c in created.ctx.chain()
        )

    for pair in facts.of(Duplicate):
        if not reachable(pair) or not (in_helper(pair.first) and in_helper(pair.second)):
            continue
        node = getattr(pair.second, "name_node", None)
        if node is None or id(node) not in covered:
            return False
    return True


def _outer_helper(
    there: Facts, helper: cst.FunctionDef, made: list[Created | None]
) -> tuple[cst.FunctionDef, list[cst.FunctionDef]] | None:
    """The helper whose calls part each pair of `made` (pairs in order), and the helpers of the module it calls
    on the way to any duplicate pair made during its calls (keras-resnet: `ResNet`, and `bottleneck` that it
    calls), outermost first. `helper` itself with none where the pairs part at its own calls, or in the passes of
    a loop; None where they part elsewhere, or on the way through a function that cannot take a parameter."""
    tops: list[cst.FunctionDef] = []
    for first, second in zip(made[::2], made[1::2], strict=True):
        if first is None or second is None:
            return None
        at = divergence(first.ctx, second.ctx)
        link = next((c for c in second.ctx.chain() if c.kind is CtxKind.CALL and c.node is at), None)
        top = link.data.node if link is not None and isinstance(link.data, FuncObj) else helper
        if not isinstance(top, cst.FunctionDef):
            return None
        if not any(t is top for t in tops):
            tops.append(top)
    if len(tops) != 1:
        return None
    top = tops[0]
    if top is not helper and (
        not any(s is top for s in there.module.body) or top.asynchronous is not None or top.decorators
    ):
        return None
    # Every duplicate pair made during calls of the outer helper: the functions between it and the layers.
    callees: list[cst.FunctionDef] = []
    created = {id(c.obj): c for c in there.of(Created)}
    for pair in there.of(Duplicate):
        if not reachable(pair):
            continue
        between: list[cst.FunctionDef] = []
        for obj in (pair.first, pair.second):
            event = created.get(id(obj))
            inner: list[cst.FunctionDef] = []
            reached = False
            for ctx in event.ctx.chain() if event is not None else ():  # innermost first
                if ctx.kind is not CtxKind.CALL or not isinstance(ctx.data, FuncObj):
                    continue
                if ctx.data.node is top:
                    reached = True
                    break
                if not isinstance(ctx.data.node, cst.FunctionDef):
                    return None
                inner.append(ctx.data.node)
            if not reached:
                break  # a pair not both made during calls of the outer helper: not its to cure
            between.extend(reversed(inner))
        else:
            for node in between:
                if (
                    not any(s is node for s in there.module.body)
                    or node.asynchronous is not None
                    or node.decorators
                ):
                    return None
                if not any(c is node for c in callees):
                    callees.append(node)
    if top is not helper and not any(c is helper for c in callees):
        return None
    return top, callees


def _string_local(function: cst.FunctionDef, name: str) -> str | None:
    """What a local of `function` holds when it is bound once, by `name = "..."` or `name = f"..."` in the
    function's own code, and nowhere else (no parameter, loop, `with`, augmented or nested binding): the string,
    or the template of the f-string; None otherwise."""
    params = function.params
    if any(
        p.name.value == name for p in (*params.params, *params.kwonly_params, *params.posonly_params)
    ) or any(isinstance(p, cst.Param) and p.name.value == name for p in (params.star_arg, params.star_kwarg)):
        return None
    found: list[str] = []
    for node in descendants(function.body):
        if isinstance(node, cst.Assign) and any(
            isinstance(t.target, cst.Name) and t.target.value == name for t in node.targets
        ):
            value = node.value
            if len(node.targets) != 1:
                return None
            if isinstance(value, cst.SimpleString) and isinstance(value.evaluated_value, str):
                found.append(value.evaluated_value)
            elif isinstance(value, cst.FormattedString) and value.start in ('f"', "f'"):
                found.append(cst.Module([]).code_for_node(value)[2:-1])  # the template: `res{stage}{block}`
            else:
                return None
        elif (isinstance(node, (cst.FunctionDef, cst.ClassDef)) and node.name.value == name) or any(
            isinstance(t, cst.Name) and t.value == name for t in _bound_by(node)
        ):
            return None
    return found[0] if len(found) == 1 else None


def _bound_by(node: cst.CSTNode) -> list[cst.CSTNode]:
    """The nodes a statement or clause other than a plain assignment binds (`for x in`, `with ... as x`,
    `x += 1`, `(x := ...)`, `del x`, `import ... as x`, `except ... as x`, `global x`), top-level names only
    where a target is a tuple's elements."""
    targets: list[cst.CSTNode] = []
    if isinstance(node, (cst.AugAssign, cst.AnnAssign, cst.For, cst.CompFor, cst.NamedExpr, cst.Del)):
        targets.append(node.target)
    elif isinstance(node, cst.AsName):  # `with ... as x`, `except ... as x`, `import ... as x`
        targets.append(node.name)
    elif isinstance(node, (cst.Global, cst.Nonlocal)):
        targets.extend(n.name for n in node.names)
    elif isinstance(node, cst.ImportAlias) and node.asname is None:
        targets.append(node.name)
    out: list[cst.CSTNode] = []
    while targets:
        target = targets.pop()
        if isinstance(target, (cst.Tuple, cst.List)):
            targets.extend(e.value for e in target.elements)
        elif isinstance(target, cst.StarredElement):
            targets.append(target.value)
        else:
            out.append(target)
    return out
