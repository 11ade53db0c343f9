"""Whole-project analysis: a model built in one module, broken in another (testdata/projects/).

Each folder of testdata/projects is a small project whose `main.py` carries a reproduction's header (Source,
Shape, Target, Runtime, as tests/realworld has them) and whose files mark with `# expect: TFVnnn` where the bug
is reported. The tests check the findings over the whole project and over `main.py` alone (pre-commit passes only
the changed files: the modules they import are still read), that the findings come from following the imports
(the same text checked without its project finds none of the cross-module ones), that messages name the other
file's line, that the cache re-checks a file when a module it imports changes and nothing else, and, under real
TensorFlow, that each project's program shows the outcome its header claims.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.realworld.corpus import _EXPECT, assert_runtime, parse_case, run_case
from tfvarfix.api import FixMode, RunSettings, check_paths, check_source, plan
from tfvarfix.cache import ResultCache

PROJECTS = Path(__file__).resolve().parent.parent / "testdata" / "projects"
NAMES = sorted(p.name for p in PROJECTS.iterdir() if (p / "main.py").is_file())


def _expected(root: Path) -> set[tuple[str, int, str]]:
    found: set[tuple[str, int, str]] = set()
    for path in sorted(root.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if match := _EXPECT.search(line):
                found.update(
                    (path.relative_to(root).as_posix(), number, c.strip()) for c in match[1].split(",")
                )
    return found


def _found(root: Path, paths: list[Path], cache: ResultCache | None = None) -> set[tuple[str, int, str]]:
    jobs = list(plan(paths, RunSettings()))
    return {
        (Path(result.path).resolve().relative_to(root.resolve()).as_posix(), d.range.start.line, d.code)
        for result in check_paths(jobs, FixMode(), cache=cache)
        for d in result.diagnostics
    }


def test_projects_are_here() -> None:
    assert len(NAMES) >= 9
    assert any(not _expected(PROJECTS / name) for name in NAMES)  # a look-alike project
    assert any(parse_case(PROJECTS / name / "main.py").target == "tf1" for name in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_project_findings(name: str) -> None:
    root = PROJECTS / name
    assert _found(root, [root]) == _expected(root)


@pytest.mark.parametrize("name", NAMES)
def test_changed_file_alone_reads_what_it_imports(name: str) -> None:
    """pre-commit passes `main.py` alone: its findings are the same, and nothing is reported on the modules it
    imports."""
    root = PROJECTS / name
    expected = {e for e in _expected(root) if e[0] == "main.py"}
    assert _found(root, [root / "main.py"]) == expected


@pytest.mark.parametrize(
    "name", [n for n in NAMES if any(e[0] == "main.py" for e in _expected(PROJECTS / n))]
)
def test_findings_come_from_the_imported_modules(name: str) -> None:
    """Checked as text of no file (no project around it), `main.py` shows none of its cross-module bugs."""
    text = (PROJECTS / name / "main.py").read_text(encoding="utf-8")
    result = check_source(text, "<stdin>")
    assert not result.diagnostics


def test_message_names_the_other_file() -> None:
    root = PROJECTS / "detached_variable"
    result = check_source((root / "main.py").read_text(encoding="utf-8"), str(root / "main.py"))
    (diagnostic,) = result.diagnostics
    assert "layer `enc` (made at model.py:8)" in diagnostic.message


def test_finding_in_a_helper_is_reported_at_the_call() -> None:
    """The helper alone is fine (its parameter could be a cell); the caller's SimpleRNN makes it a bug: it is
    reported at the call, naming the helper's line, and with no fix (its edit would be in the other file)."""
    root = PROJECTS / "layer_passed_to_helper"
    helper = check_source((root / "analysis.py").read_text(encoding="utf-8"), str(root / "analysis.py"))
    assert not helper.diagnostics
    result = check_source((root / "main.py").read_text(encoding="utf-8"), str(root / "main.py"))
    (diagnostic,) = result.diagnostics
    assert diagnostic.code == "TFV103"
    assert diagnostic.message.endswith("(in analysis.py:5, run by this call)")
    assert diagnostic.fix is None


def test_cache_rechecks_the_importer_and_nothing_else(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(PROJECTS / "detached_variable", root)
    (root / "other.py").write_text(
        "import tensorflow as tf\nfrom tensorflow import keras\n\nlstm = keras.layers.LSTM(4)\nprint(lstm.kernel)\n",
        encoding="utf-8",
    )
    cache = ResultCache(tmp_path / "cache")
    files = [root / "main.py", root / "other.py"]
    first = _found(root, files, cache)
    assert first == {("main.py", 15, "TFV101"), ("other.py", 5, "TFV103")}
    keys = {}
    for path in files:
        jobs = list(plan([path], RunSettings()))
        keys[path.name] = cache.key(path.read_bytes(), ".py", jobs[0].codes, False, False, _target(jobs[0]))
        assert cache.load(keys[path.name], str(path)) is not None  # stored
    model = root / "model.py"
    model.write_text(
        model.read_text(encoding="utf-8").replace('name="enc"', 'name="encoder"'), encoding="utf-8"
    )
    os.utime(model, ns=(1, 1))  # a new modification time, whatever the clock's resolution
    assert cache.load(keys["main.py"], str(root / "main.py")) is None  # its import changed: checked again
    assert cache.load(keys["other.py"], str(root / "other.py")) is not None  # imports nothing of it: kept
    assert _found(root, files, cache) == {("other.py", 5, "TFV103")}


def _target(job: object) -> object:
    from tfvarfix.targets import target_for

    return target_for(job.target, str(job.path))  # type: ignore[attr-defined]


@pytest.mark.tensorflow
@pytest.mark.parametrize("name", NAMES)
def test_project_program_shows_its_runtime(name: str, tmp_path: Path) -> None:
    pytest.importorskip("tensorflow")
    root = tmp_path / name
    shutil.copytree(PROJECTS / name, root)
    case = parse_case(root / "main.py")
    proc = run_case(root / "main.py", root)
    assert_runtime(case, proc)


def test_follow_imports_false_checks_each_file_alone(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(PROJECTS / "rnn_weight_path_package", root)
    assert _found(root, [root]) == {("main.py", 12, "TFV103")}
    (root / "pyproject.toml").write_text("[tool.tfvarfix]\nfollow-imports = false\n", encoding="utf-8")
    assert _found(root, [root]) == set()
    (root / "pyproject.toml").write_text('[tool.tfvarfix]\nfollow-imports = "yes"\n', encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "tfvarfix", "check", str(root)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 2
    assert "follow-imports: expected a boolean" in proc.stderr + proc.stdout


def test_configured_root_finds_modules_under_src(tmp_path: Path) -> None:
    """A `src/` layout: `scripts/train.py` imports the package that lies under the configuration's `src/`."""
    (tmp_path / "pyproject.toml").write_text("[tool.tfvarfix]\n", encoding="utf-8")
    package = tmp_path / "src" / "mylib"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "nets.py").write_text(
        "from tensorflow import keras\n\n\ndef encoder():\n"
        '    return keras.Sequential([keras.Input((5, 3)), keras.layers.LSTM(4, name="enc")])\n',
        encoding="utf-8",
    )
    (tmp_path / "scripts").mkdir()
    train = tmp_path / "scripts" / "train.py"
    train.write_text(
        "import tensorflow as tf\nfrom mylib.nets import encoder\n\nprint(encoder().get_layer('enc').kernel)\n",
        encoding="utf-8",
    )
    assert _found(tmp_path, [train]) == {("scripts/train.py", 4, "TFV103")}


def test_a_bug_of_the_imported_module_is_reported_there_only(tmp_path: Path) -> None:
    """`blocks.py` itself makes two sublayers named `out` in one layer (its own TFV104): a file that uses the
    layer does not report it again, while a file that calls a builder twice into one model does (written at the
    builder's line)."""
    (tmp_path / "blocks.py").write_text(
        "from tensorflow import keras\n\n\n"
        "class Block(keras.layers.Layer):\n"
        "    def __init__(self, **kwargs):\n"
        "        super().__init__(**kwargs)\n"
        '        self.a = keras.layers.Dense(4, name="out")\n'
        '        self.b = keras.layers.Dense(4, name="out")\n\n'
        "    def call(self, x):\n"
        "        return self.b(self.a(x))\n\n\n"
        "def head():\n"
        '    return keras.layers.Dense(2, name="head")\n',
        encoding="utf-8",
    )
    (tmp_path / "main.py").write_text(
        "import tensorflow as tf\nfrom tensorflow import keras\n\nfrom blocks import Block, head\n\n"
        "inputs = keras.Input((3,))\n"
        "model = keras.Model(inputs, Block()(inputs))\n"
        "twice = keras.Sequential([keras.Input((3,)), head(), head()])\n",
        encoding="utf-8",
    )
    found = _found(tmp_path, [tmp_path])
    assert ("blocks.py", 8, "TFV104") in found
    assert {f for f in found if f[0] == "main.py"} == {("main.py", 8, "TFV104")}
    result = check_source((tmp_path / "main.py").read_text(encoding="utf-8"), str(tmp_path / "main.py"))
    (diagnostic,) = result.diagnostics
    assert diagnostic.message.endswith("(written at blocks.py:15)")


def test_star_import_takes_what_all_lists(tmp_path: Path) -> None:
    """`from nets import *` binds the names `__all__` lists, not the module's other public names."""
    (tmp_path / "nets.py").write_text(
        "from tensorflow import keras\n\n__all__ = ['encoder']\n\n\ndef encoder():\n"
        '    return keras.Sequential([keras.Input((5, 3)), keras.layers.LSTM(4, name="enc")])\n\n\n'
        "def decoder():\n"
        '    return keras.Sequential([keras.Input((5, 3)), keras.layers.GRU(4, name="dec")])\n',
        encoding="utf-8",
    )
    (tmp_path / "main.py").write_text(
        "import tensorflow as tf\nfrom nets import *\n\n"
        "print(encoder().get_layer('enc').kernel)\nprint(decoder().get_layer('dec').kernel)\n",
        encoding="utf-8",
    )
    assert _found(tmp_path, [tmp_path / "main.py"]) == {("main.py", 4, "TFV103")}  # decoder is not bound


def test_a_file_that_never_names_tensorflow_is_checked_when_it_imports_a_module_that_does(tmp_path: Path) -> None:
    """zh-NER-TF#34's shape: `main.py` only imports the model class; its second `build_graph()` is the bug. The
    pre-filter follows the project's imports (text only, three deep) before it skips a file; a file importing only
    libraries and project modules without TensorFlow is still skipped, and so is one whose imports are not followed."""
    from tfvarfix.semantics.project import ProjectIndex, skipped

    root = tmp_path / "project"
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "__init__.py").write_text("", encoding="utf-8")
    (root / "pkg" / "nets.py").write_text("import tensorflow as tf\n", encoding="utf-8")
    (root / "pkg" / "middle.py").write_text("from . import nets\n", encoding="utf-8")
    (root / "plain.py").write_text("import json\n", encoding="utf-8")
    cases = {
        "direct.py": "from pkg.nets import tf\n",
        "submodule.py": "from pkg import nets\n",
        "through.py": "import pkg.middle as m\n",  # main -> middle -> nets
        "parenthesized.py": "from pkg import (\n    middle,\n)\n",
        "libraries.py": "import os, json\nfrom collections import OrderedDict\nimport plain\n",
    }
    index = ProjectIndex()
    for name, text in cases.items():
        (root / name).write_text(text, encoding="utf-8")
    reached = {name: index.reaches_tensorflow(root / name, text) for name, text in cases.items()}
    assert reached == {
        "direct.py": True,
        "submodule.py": True,
        "through.py": True,
        "parenthesized.py": True,
        "libraries.py": False,
    }
    data = (root / "through.py").read_bytes()
    assert not skipped(root / "through.py", data, ())
    assert skipped(root / "through.py", data, None)  # follow-imports = false
    assert skipped(root / "libraries.py", (root / "libraries.py").read_bytes(), ())


def test_plain_python_of_another_module_is_not_run_and_hides_nothing(tmp_path: Path) -> None:
    """A call into another module's plain Python (a configuration class, a helper) is not interpreted: it can
    make nothing the analysis knows (semantics/relevance). What it would have told is then unknown, never
    guessed: the instance its `__init__` filled reads its fields as unknown, not as the class's defaults (the
    class says 16 units, the instance has 8: a weight of 8 columns is right). A plain helper given a layer list
    is still run (what it is given is not plain), so `pick(model.layers, 1).kernel` is found."""
    (tmp_path / "settings.py").write_text(
        "import copy\n\n\n"
        "class Config:\n"
        "    units = 16\n\n"
        "    def __init__(self, units, **extra):\n"
        "        self.units = units\n"
        "        self.extra = copy.deepcopy(extra)\n\n\n"
        "def pick(items, index):\n"
        "    return items[index]\n",
        encoding="utf-8",
    )
    (tmp_path / "main.py").write_text(
        "import tensorflow as tf\nfrom tensorflow import keras\n\nfrom settings import Config, pick\n\n"
        "config = Config(8, dropout=0.1)\n"
        "dense = keras.layers.Dense(config.units)\n"
        "dense.build((None, 4))\n"
        "dense.kernel.assign(tf.zeros((4, 8)))\n"
        "model = keras.Sequential([keras.Input((5, 3)), keras.layers.LSTM(4), keras.layers.Dense(1)])\n"
        "print(pick(model.layers, 0).kernel)\n",
        encoding="utf-8",
    )
    found = _found(tmp_path, [tmp_path / "main.py"])
    assert ("main.py", 11, "TFV103") in found
    assert not any(code == "TFV102" for _, _, code in found)


def test_relevance_follows_names_to_a_fixed_point() -> None:
    """A module's names that may matter: its imports of TensorFlow/Keras/NumPy and of the project, the
    semantics' words, then every function, class, method or assignment that mentions one of those."""
    import libcst as cst

    from tfvarfix.semantics.relevance import relevance, words_of

    module = cst.parse_module(
        "import json\nimport tensorflow as tf\nfrom . import blocks\nfrom pkg import tools\n\n"
        "SIZE = 3\nINIT = tf.zeros(SIZE)\n\n"
        "def plain(text):\n    return json.loads(text)\n\n"
        "def uses_init():\n    return INIT\n\n"
        "def calls_it():\n    return uses_init()\n\n"
        "def local_only():\n    layer = tf.keras.layers.Dense(3)\n    return 1\n\n"
        "def same_local_name():\n    layer = 2\n    return layer\n\n"
        "class Cfg:\n    def parse(self, k):\n        return blocks.read(k)\n\n"
        "    def plain_method(self):\n        return self.size\n"
    )
    names = relevance(module, frozenset({"Dense"}), lambda dotted, level: dotted == "pkg")
    assert names is not None
    assert {"tf", "blocks", "tools", "INIT", "uses_init", "calls_it", "local_only", "parse"} <= names
    assert not {"json", "SIZE", "plain", "layer", "Cfg", "plain_method", "size"} & names
    functions = {f.name.value: f for f in module.body if isinstance(f, cst.FunctionDef)}
    assert words_of(functions["same_local_name"]).isdisjoint(names)  # a local `layer` binds no module name
    star = cst.parse_module("from tensorflow.keras.layers import *\n\ndef f():\n    return 1\n")
    assert relevance(star, frozenset(), lambda dotted, level: False) is None
    plain_star = cst.parse_module("from os.path import *\n\ndef f():\n    return join('a')\n")
    assert relevance(plain_star, frozenset(), lambda dotted, level: False) == frozenset()
