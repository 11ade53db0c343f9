"""The copy-on-write heap: forks are independent, joins keep what both paths agree on, lists degrade soundly."""

from __future__ import annotations

from pathlib import Path

from tfvarfix.semantics.heap import Entries, Items, State, maybe_absent, present
from tfvarfix.semantics.values import AV, TOP, InstanceObj, ListObj, const


def _instance() -> InstanceObj:
    import libcst as cst

    from tfvarfix.semantics.values import ClassObj, FrameObj

    node = cst.parse_statement("class C: pass")
    assert isinstance(node, cst.ClassDef)
    return InstanceObj(None, ClassObj(node, FrameObj(node, None, frozenset(), "C"), "C"))


def test_a_fork_does_not_see_the_writes_of_its_parent() -> None:
    state = State()
    obj = _instance()
    state.set(obj, "x", const(1))
    child = state.fork()
    state.set(obj, "x", const(2))
    assert child.value(obj, "x") == const(1) and state.value(obj, "x") == const(2)


def test_a_join_is_either_value_and_a_field_set_on_one_path_may_be_absent() -> None:
    state = State()
    obj = _instance()
    left, right = state.fork(), state.fork()
    left.set(obj, "x", const(1))
    right.set(obj, "x", const(2))
    left.set(obj, "only_left", const(3))
    joined = State.join([left, right])
    x = joined.value(obj, "x")
    assert x is not None and {o.value for o in x} == {1, 2}  # type: ignore[attr-defined]
    only = joined.value(obj, "only_left")
    assert only is not None and maybe_absent(only) and present(only) == const(3)


def test_an_object_with_no_fields_yet_is_known_to_exist_once_touched() -> None:
    """A TF1 cell (no fields when made) used in a `try` body: the handler's state joins the state before the try,
    where the cell had no `used_by`. Untouched, the object would look made on the try's path only, and the
    handler would see it certainly used."""
    state = State()
    cell = _instance()
    state.touch(cell)
    before = state.fork()
    state.set(cell, "used_by", const(1))
    joined = State.join([before, state.fork()])
    found = joined.value(cell, "used_by")
    assert found is not None and maybe_absent(found)
    made_on_one_path = _instance()
    state.set(made_on_one_path, "x", const(1))
    assert State.join([before, state]).value(made_on_one_path, "x") == const(1)


def test_a_dead_path_leaves_no_trace_in_a_join() -> None:
    state = State()
    obj = _instance()
    live, dead = state.fork(), state.fork()
    dead.set(obj, "x", const(9))
    dead.dead = True
    live.set(obj, "x", const(1))
    assert State.join([live, dead]).value(obj, "x") == const(1)


def test_lists_of_different_lengths_join_to_one_merged_element() -> None:
    a, b = AV.of(_instance()), AV.of(_instance())
    joined = Items((a,)).join(Items((a, b)))
    assert joined.exact is None and set(joined.merged) == set(a) | set(b)
    assert Items((a,)).join(Items((b,))).exact is not None


def test_dict_entries_keep_constant_keys() -> None:
    entries = Entries(()).put("k", const(1))
    assert entries.get("k") == const(1)
    assert maybe_absent(entries.get("missing"))
    assert Entries((), False, TOP).get("k").is_top


def test_a_frozen_state_shares_its_base_with_every_fork() -> None:
    state = State()
    listed = ListObj(None)
    state.set(listed, "items", Items(()))
    frozen = state.frozen()
    first, second = frozen.fork(), frozen.fork()
    assert first.base is second.base and not first.delta
    first.set(listed, "items", Items((const(1),)))
    assert second.items(listed).exact == () and first.items(listed).exact == (const(1),)


def test_a_join_keeps_insertion_order_whatever_the_hash_seed(tmp_path: Path) -> None:
    """Joined fields and joined heaps keep the first path's order, then the second's new entries: a set's
    order (string hashes vary from run to run) once made TFV104 report a different line of two duplicates."""
    import os
    import subprocess
    import sys

    import tfvarfix

    probe = (
        "import libcst as cst\n"
        "from tfvarfix.semantics.heap import State\n"
        "from tfvarfix.semantics.values import ClassObj, FrameObj, InstanceObj\n"
        "node = cst.parse_statement('class C: pass')\n"
        "cls = ClassObj(node, FrameObj(node, None, frozenset(), 'C'), 'C')\n"
        "s = State(); o = InstanceObj(None, cls); p = InstanceObj(None, cls)\n"
        "s.set(o, 'a0', None)\n"
        "left, right = s.fork(), s.fork()\n"
        "for k in ('zeta', 'alpha', 'mid', 'omega', 'beta'): left.set(o, k, 1)\n"
        "for k in ('gamma', 'alpha', 'delta'): right.set(o, k, 2)\n"
        "right.set(p, 'x', 3)\n"
        "joined = State.join([left, right])\n"
        "print(list(joined.fields(o)), [k is o for k in joined.delta])\n"
    )
    package_root = str(Path(tfvarfix.__file__).resolve().parent.parent)  # the tfvarfix under test
    outputs = {
        subprocess.run(
            [sys.executable, "-c", probe],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env={**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": package_root},
            check=True,
        ).stdout
        for seed in range(6)
    }
    assert len(outputs) == 1, outputs
    (printed,) = outputs
    assert printed.startswith("['a0', 'zeta', 'alpha', 'mid', 'omega', 'beta', 'gamma', 'delta']"), printed
