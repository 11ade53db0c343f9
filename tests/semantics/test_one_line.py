"""`one_line`: code quoted in a message stands on one line, without comments, and is cut when long."""

from __future__ import annotations

from tfvarfix.semantics.facts import one_line


def test_a_multi_line_call_loses_its_comments_and_line_breaks() -> None:
    code = "tf.train.AdamOptimizer(1e-3).minimize(  # the loss\n    loss,\n    var_list=[a, b]  # expect: X\n)"
    assert one_line(code) == "tf.train.AdamOptimizer(1e-3).minimize(loss, var_list=[a, b])"


def test_strings_keep_their_spaces_and_hashes() -> None:
    assert one_line('f("a  #b",\n  x)') == 'f("a  #b", x)'


def test_long_code_is_cut_and_code_that_does_not_tokenize_is_collapsed() -> None:
    assert one_line("x" * 120, limit=20) == "x" * 17 + "..."
    assert one_line('f("open\n   x') == 'f("open x'
