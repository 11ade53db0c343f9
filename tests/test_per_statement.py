"""Values kept per top-level statement (`walker.PerStatement`) and the Facts queries built on them: the same
answers as a walk of the whole module, and only replaced statements computed again."""

from __future__ import annotations

import libcst as cst

from tests.fixtures import TESTDATA
from tfvarfix.engine import flavor_of
from tfvarfix.semantics.facts import Facts
from tfvarfix.semantics.walker import PerStatement, children, descendants


def _facts(module: cst.Module) -> Facts:
    source = module.code
    return Facts(module, source, flavor_of(source))


def test_only_the_statements_an_edit_replaced_are_computed_again() -> None:
    computed: list[str] = []
    lengths = PerStatement(lambda node: computed.append(type(node).__name__) or len(list(descendants(node))))
    module = cst.parse_module("a = 1\n\ndef f():\n    return 2\n\nb = [3, 4]\n")
    first = lengths.values(module)
    assert len(computed) == 3
    edited = module.with_changes(
        body=[module.body[0], cst.parse_statement("def f():\n    return 5\n"), module.body[2]]
    )
    second = lengths.values(edited)
    assert len(computed) == 4 and computed[-1] == "FunctionDef"
    assert second[0] == first[0] and second[2] == first[2]


def test_ancestors_are_the_path_from_the_root() -> None:
    module = cst.parse_module((TESTDATA / "TFV104" / "bad.py").read_text(encoding="utf-8"))
    facts = _facts(module)

    def walked(target: cst.CSTNode) -> list[cst.CSTNode]:
        stack: list[tuple[cst.CSTNode, list[cst.CSTNode]]] = [(module, [])]
        while stack:
            node, trail = stack.pop()
            if node is target:
                return trail
            stack.extend((child, [*trail, node]) for child in children(node))
        return []

    nodes = list(descendants(module))
    assert len(nodes) > 100
    assert all(facts.ancestors(node) == walked(node) for node in nodes)
    assert facts.ancestors(module) == [] and facts.ancestors(cst.Name("elsewhere")) == []


def test_literal_count_leaves_docstrings_out() -> None:
    source = (
        '"""fc"""\n\n\ndef f():\n    """fc"""\n    return g("fc", name=\'fc\') + "fc_1"\n\n\nx = ("fc" "x")\n'
    )
    facts = _facts(cst.parse_module(source))
    assert facts.literal_count("fc") == 3  # two in f's call, one inside the concatenation
    assert facts.literal_count("fc_1") == 1 and facts.literal_count("nowhere") == 0


def test_word_count_counts_whole_words_not_after_a_dot() -> None:
    facts = _facts(cst.parse_module("kernel = layer.kernel\nkernel_1 = kernel + kernel2\nf(kernel=1)\n"))
    assert facts.word_count("kernel") == 3  # bound, read, a keyword; not `.kernel`, `kernel_1`, `kernel2`
    assert facts.word_count("kernel_1") == 1 and facts.word_count("layer") == 1


def test_the_editor_parser_keeps_the_nodes_of_statements_an_edit_did_not_touch() -> None:
    # Pieces are joined with the blank lines between them: the statement that leads a piece must be the same node
    # from one buffer to the next (a fresh copy per buffer would make every value kept per statement a miss).
    from tfvarfix.lsp.incremental import IncrementalParser

    blocks = [f"def f{i}(x):\n    return x + {i}\n" for i in range(6)]
    parser = IncrementalParser()
    first = parser.parse("import tensorflow as tf\n\n\n" + "\n\n".join(blocks))
    blocks[3] = "def f3(x):\n    return x * 3\n"
    second = parser.parse("import tensorflow as tf\n\n\n" + "\n\n".join(blocks))
    assert first is not None and second is not None
    old, new = first.module.body, second.module.body
    assert len(old) == len(new) == 7
    kept = [i for i in range(7) if old[i] is new[i]]
    assert kept == [0, 1, 2, 3, 6], (
        kept
    )  # f3 (index 4) was edited; f4 follows it, so its leading lines are new
    assert second.module.code == "import tensorflow as tf\n\n\n" + "\n\n".join(blocks)
