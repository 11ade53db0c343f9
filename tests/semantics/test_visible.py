"""`facts.visible`: what code at an event's point can reach. Walking the module's names once per frozen heap
(the entries share one) must give, for every event, exactly what a walk from all its variables gives."""

from __future__ import annotations

from collections.abc import Mapping

import libcst as cst
import pytest

from tests.fixtures import TESTDATA
from tfvarfix.engine import analyze_facts, flavor_of
from tfvarfix.semantics.events import Event
from tfvarfix.semantics.facts import Facts, _reach, scopes, visible

FILES = sorted((TESTDATA / "TFV101").glob("*.py")) + sorted((TESTDATA / "TFV103").glob("*.py"))

# A module-level layer that a function builds by calling it: that entry's heap changes an object the module's
# names reach, so it cannot use the shared walk; the other entry can.
CHANGED = """
import keras
import tensorflow as tf

lstm = keras.layers.LSTM(4, name="enc")
model = keras.Sequential([keras.Input((3, 2)), lstm])


def calls_it(x):
    lstm(x)
    return tf.Variable(tf.zeros((2, 16)), name="enc/kernel")


def reads_it():
    return tf.Variable(tf.zeros((2, 16)), name="enc/kernel")
"""


def _reference(facts: Facts, event: Event) -> set[int]:
    view: Mapping = event.view or {}
    roots = [*scopes(facts, event), *(view.get(frame, {}) for frame in event.callers)]
    seen: dict[int, object] = {}
    _reach(view, roots, seen, 5_000)  # type: ignore[arg-type]
    return set(seen)


def _check(text: str) -> int:
    facts = analyze_facts(cst.parse_module(text), text, flavor_of(text), None, None, None)
    events = [e for e in facts.events if e.view is not None]
    for event in events:
        assert {id(o) for o in visible(facts, event)} == _reference(facts, event)
    return sum(facts.shared_closure(e.view, scopes(facts, e)) is not None for e in events)


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_visible_is_a_walk_from_every_variable(path: object) -> None:
    _check(path.read_text(encoding="utf-8"))  # type: ignore[attr-defined]


def test_an_entry_that_changes_what_the_module_reaches_walks_it_all() -> None:
    facts = analyze_facts(cst.parse_module(CHANGED), CHANGED, flavor_of(CHANGED), None, None, None)
    made = {
        e.frame.name: facts.shared_closure(e.view, scopes(facts, e)) is not None
        for e in facts.events
        if e.view is not None and getattr(e.frame, "name", None) in ("calls_it", "reads_it")
    }
    assert made == {"calls_it": False, "reads_it": True}
    assert _check(CHANGED) >= 1
