"""Incremental parsing in the editor server gives exactly what a full analysis gives.

A differential test: real files (testdata, examples, the real-world reproductions) are edited at random, as
in an editor, one edit after another on the same document (syntax errors included: an edit may leave an
unclosed bracket, a stray `else:`, a bad indent), and after every edit the server's incremental path must give
the diagnostics `api.check_source` gives on the same text, fixes and positions included. Where the pieces were
assembled, the module must also be the full parse's, node for node. TFVARFIX_DIFF_VERSIONS sets how many
edited versions are checked (the default keeps the suite quick; the report ran it with 3,000).
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import libcst as cst
import pytest

from tfvarfix import api
from tfvarfix.lsp.incremental import IncrementalParser, check, cut
from tfvarfix.types import DEFAULT_TARGET

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted(
    [*ROOT.glob("testdata/*/*.py"), *ROOT.glob("examples/*.py"), *ROOT.glob("tests/realworld/cases/**/*.py")]
)
VERSIONS = int(os.environ.get("TFVARFIX_DIFF_VERSIONS", "400"))
SNIPPETS = [
    "",
    "# a comment",
    "else:",
    "    else:",
    "elif x:",
    "except Exception:",
    "finally:",
    "@decorator",
    "def f():",
    "class C:",
    "    pass",
    "  x = 1",
    "x = (",
    ")",
    "]",
    '"""',
    "'''",
    "s = '''",
    "y = 1 \\",
    "from __future__ import annotations",
    "import tensorflow as tf",
    "v = tf.Variable(1.0, name='dense/kernel')",
    "if True:",
    "\tz = 2",
    "async def g():",
    "lambda: (",
]
FRAGMENTS = ["(", ")", "[", "]", ":", "'", '"', "#", " ", "\\", "x", ",", "\n", "    ", "tf.", "=", "{", "}"]


def edit(rng: random.Random, text: str, pool: list[str]) -> str:
    lines = text.split("\n")
    at = rng.randrange(len(lines) + 1)
    kind = rng.randrange(9)
    if kind == 0:  # type a few characters somewhere
        line = lines[min(at, len(lines) - 1)]
        column = rng.randrange(len(line) + 1)
        typed = "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 3)))
        lines[min(at, len(lines) - 1)] = line[:column] + typed + line[column:]
    elif kind == 1 and len(lines) > 1:  # delete lines
        del lines[min(at, len(lines) - 1) : min(at, len(lines) - 1) + rng.randint(1, 3)]
    elif kind == 2:  # a line from this or another real file
        lines.insert(at, rng.choice(pool))
    elif kind == 3:
        lines.insert(at, rng.choice(SNIPPETS))
    elif kind == 4 and len(lines) > 2:  # move a line
        moved = lines.pop(rng.randrange(len(lines)))
        lines.insert(rng.randrange(len(lines) + 1), moved)
    elif kind == 5:  # re-indent a line
        index = min(at, len(lines) - 1)
        lines[index] = rng.choice(["", "    ", "  ", "\t"]) + lines[index].lstrip()
    elif kind == 6:  # blank lines and comments between statements
        lines[at:at] = rng.choice([[""], ["", ""], ["# note", ""], ["    # indented note"]])
    elif kind == 7:  # a comment typed at the end of a line
        index = min(at, len(lines) - 1)
        lines[index] += "  # " + "".join(rng.choice(FRAGMENTS) for _ in range(3))
    else:  # duplicate a few lines (repeated pieces)
        start = min(at, len(lines) - 1)
        lines[start:start] = lines[start : start + rng.randint(1, 8)]
    return "\n".join(lines)


def test_incremental_diagnostics_equal_a_full_analysis_on_edited_real_files() -> None:
    assert len(FILES) > 100
    rng = random.Random(16)
    codes = api.all_codes()
    pool = [line for path in FILES[::7] for line in path.read_text(encoding="utf-8").split("\n")]
    checked = assembled = errors = with_findings = sessions = 0
    # Every other editing session starts from a file with bugs (a bad fixture, a real-world case), so that the
    # walk meets findings whatever the mix of fixtures (a third of the files are near misses without any).
    buggy = [p for p in FILES if p.name.startswith("bad") or "realworld" in p.parts]
    while checked < VERSIONS:
        path = rng.choice(buggy if sessions % 2 == 0 else FILES)
        sessions += 1
        text = path.read_text(encoding="utf-8")
        parser = IncrementalParser()
        good = text
        for _ in range(rng.randint(5, 40)):
            text = edit(rng, text, pool)
            label = str(path)
            expected = api.check_source(text, label, codes, target=DEFAULT_TARGET).diagnostics
            got = check(text, label, codes, DEFAULT_TARGET, parser)
            assert got == expected, f"{path} after edits:\n{text}"
            result = parser.parse(text)
            if result is not None:
                assembled += 1
                full = cst.parse_module(text)
                assert result.module.code == text
                assert result.module.deep_equals(full), f"{path} after edits:\n{text}"
            broken = any(d.code == "TFV001" for d in expected)
            errors += broken
            with_findings += any(d.code != "TFV001" for d in expected)
            checked += 1
            if not broken:
                good = text
            elif rng.random() < 0.7:  # the user mends it (undo), or types on in the broken file
                text = good
    print(
        f"{checked} versions: {assembled} assembled from pieces, {errors} with syntax errors, "
        f"{with_findings} with findings"
    )
    # The test exercised what it is for: assembled modules, syntax errors and real findings. The walk is seeded but
    # draws from every fixture, so its mix moves as fixtures are added: these are floors, not the usual counts
    # (about a fifth to a quarter assembled, a third or more with findings).
    assert assembled > VERSIONS // 8, assembled
    assert errors > VERSIONS // 20, errors
    assert with_findings > VERSIONS // 8, with_findings


def test_an_edit_reparses_only_the_piece_it_touched() -> None:
    text = (ROOT / "testdata/TFV101/bad.py").read_text(encoding="utf-8")
    pieces = cut(text)
    assert pieces is not None and len(pieces) > 5 and "".join(pieces) == text
    parser = IncrementalParser()
    first = parser.parse(text)
    assert first is not None and first.parsed == first.pieces
    lines = text.split("\n")
    middle = len(lines) // 2
    edited = "\n".join([*lines[:middle], "# typed here", *lines[middle:]])
    second = parser.parse(edited)
    assert second is not None and second.parsed == 1 and second.pieces == first.pieces
    assert second.module.deep_equals(cst.parse_module(edited))


def test_what_is_not_cut() -> None:
    assert cut("import tensorflow as tf\nx = tf.Variable(1.0)\n") is None  # one piece: parsed whole
    assert cut("x = 1\r\n\r\ny = 2\r\n") is None  # other newlines: parsed whole
    # no cut before a clause that continues a statement, after a decorator, or inside a line continuation
    text = "if a:\n    pass\n\nelse:\n    pass\n\n@dec\n\ndef f():\n    pass\n\ny = 1 + \\\n\n2\n"
    assert cut(text) == [
        "if a:\n    pass\n\nelse:\n    pass\n\n",
        "@dec\n\ndef f():\n    pass\n\n",
        "y = 1 + \\\n\n2\n",
    ]
    assert cut("x = 1\n\ndef f():\n    pass\n\nelse_ = 2\n") == [
        "x = 1\n\n",
        "def f():\n    pass\n\n",
        "else_ = 2\n",
    ]


def test_a_piece_that_does_not_parse_alone_means_a_full_parse() -> None:
    text = 'import tensorflow as tf\n\ns = """\n\ndef inside_a_string():\n    pass\n"""\n'
    assert cut(text) is not None  # the cut falls inside the string ...
    assert IncrementalParser().parse(text) is None  # ... so its pieces do not parse alone
    codes = api.all_codes()
    expected = api.check_source(text, "m.py", codes).diagnostics
    assert check(text, "m.py", codes, DEFAULT_TARGET, IncrementalParser()) == expected


@pytest.mark.parametrize("odd", ["  # typed at the start of a blank line", "      # deeper", " #"])
def test_a_comment_indented_oddly_after_a_blank_line_moves_the_cut_up(odd: str) -> None:
    """libcst, parsing a piece alone, drops the blank line before such a comment at the piece's end; a full
    parse makes both the next statement's leading lines, so the cut moves up to the blank line instead of
    parsing the whole buffer."""
    head = "import tensorflow as tf\n\n\ndef f():\n    return tf.Variable(1.0, name='dense/kernel')\n"
    tail = "\ndef g():\n    pass\n\n\nx = 1\n"
    text = f"{head}\n{odd}\n{tail}"
    parser = IncrementalParser()
    assembled = parser.parse(text)
    assert assembled is not None and assembled.module.code == text
    assert assembled.module.deep_equals(cst.parse_module(text))
    codes = api.all_codes()
    assert (
        check(text, "m.py", codes, DEFAULT_TARGET, parser)
        == api.check_source(text, "m.py", codes).diagnostics
    )
    # with a comment directly under the body (no blank line) the block keeps it, as in a full parse
    under = f"{head}    # under the body\n\n{odd}\n{tail}"
    again = parser.parse(under)
    assert again is not None and again.module.deep_equals(cst.parse_module(under))


def test_comments_right_after_a_pieces_last_code_line_move_the_cut_up() -> None:
    """A piece that ends with its last line of code and then comments indented oddly, with no blank line
    between (`import keras` then ` # note`): libcst alone drops such a comment, a full parse makes the comments
    the next statement's leading lines; the cut moves up to them instead of parsing the whole buffer (which
    cost an editor analysis ~0.9 s and the server ~44 MiB more resident memory on a 2,400-line file,
    bench/lsp_latency.py's simulated hour)."""
    text = (
        "import tensorflow as tf\n\n\ndef f():\n    return tf.Variable(1.0, name='dense/kernel')\n\n"
        "import keras  \n # note \n  # note\n  \n\n@keras.saving.register_keras_serializable()\n"
        "class Affine(keras.layers.Layer):\n    pass\n"
    )
    parser = IncrementalParser()
    assembled = parser.parse(text)
    assert assembled is not None and assembled.module.code == text
    assert assembled.module.deep_equals(cst.parse_module(text))
    codes = api.all_codes()
    assert (
        check(text, "m.py", codes, DEFAULT_TARGET, parser)
        == api.check_source(text, "m.py", codes).diagnostics
    )


def test_the_crash_gate_is_kept_per_piece_and_adds_up_to_the_buffers() -> None:
    """The editor's parser scans each new piece for the crash gate (engine.gate_scan) instead of the whole buffer
    per keystroke: a piece too deep, or continuations that only the whole buffer has too many of, means the full
    parse, which gates the buffer as the command line does."""
    from tfvarfix.engine import _GATE_CONTINUATIONS, _GATE_DEPTH, _needs_gate

    head = "import tensorflow as tf\n\n\n"
    deep = "y = " + "(" * (_GATE_DEPTH + 1) + "1" + ")" * (_GATE_DEPTH + 1) + "\n"
    assert _needs_gate(head + deep) and IncrementalParser().parse(head + deep) is None
    per_piece = _GATE_CONTINUATIONS // 2 + 1  # each piece alone is under the limit, the buffer is over it
    pieces = [f"v{i} = \\\n    1\n" * per_piece for i in range(2)]  # one continuation per statement
    text = head + "\n\n".join(pieces)
    assert cut(text) is not None and len(cut(text) or []) == 3
    assert _needs_gate(text) and IncrementalParser().parse(text) is None
    one = head + pieces[0]
    assert not _needs_gate(one) and IncrementalParser().parse(one) is not None
    codes = api.all_codes()
    for buffer in (head + deep, text, one):
        assert check(buffer, "m.py", codes, DEFAULT_TARGET, IncrementalParser()) == (
            api.check_source(buffer, "m.py", codes).diagnostics
        )
