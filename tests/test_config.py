"""tfvarfix.config: finding, validating and merging `[tool.tfvarfix]`."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tfvarfix.config import (
    DEFAULT_EXCLUDES,
    KEYS,
    ConfigError,
    Overrides,
    RuleSelection,
    Settings,
    SettingsResolver,
    find_config,
    load_settings,
    resolve_codes,
)

# The catalog of DESIGN.md.
KNOWN = frozenset(
    {
        "TFV101",
        "TFV102",
        "TFV103",
        "TFV104",
        "TFV105",
        "TFV106",
        "TFV201",
        "TFV202",
        "TFV203",
        "TFV301",
        "TFV302",
        "TFV303",
        "TFV304",
        "TFV401",
        "TFV402",
    }
)
# A catalog with codes beyond TFV10x, so that TFV1 and TFV10 differ.
WIDE = frozenset({"TFV101", "TFV102", "TFV103", "TFV110", "TFV111", "TFV201", "TFV202", "TFV301"})


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def pyproject(directory: Path, body: str) -> Path:
    return write(directory / "pyproject.toml", "[tool.tfvarfix]\n" + textwrap.dedent(body))


def load(
    directory: Path, body: str, overrides: Overrides | None = None, known: frozenset[str] = KNOWN
) -> Settings:
    return load_settings(pyproject(directory, body), overrides or Overrides(), known)


def error_of(directory: Path, body: str, known: frozenset[str] = KNOWN) -> str:
    with pytest.raises(ConfigError) as info:
        load(directory, body, known=known)
    return str(info.value)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


# ------------------------------------------------------------------------------------------ defaults
def test_defaults_without_a_file(tmp_path: Path) -> None:
    s = load_settings(None, Overrides(), KNOWN)
    assert s.select == KNOWN
    assert s.per_file_ignores == ()
    assert s.exclude == DEFAULT_EXCLUDES
    assert s.extend_exclude == ()
    assert s.unsafe_fixes is False
    assert s.root == tmp_path
    assert s.source is None


def test_empty_table_is_the_defaults(tmp_path: Path) -> None:
    s = load(tmp_path, "")
    assert s.select == KNOWN
    assert s.exclude == DEFAULT_EXCLUDES
    assert s.unsafe_fixes is False
    assert s.root == tmp_path
    assert s.source == tmp_path / "pyproject.toml"


def test_settings_is_frozen_hashable_and_picklable(tmp_path: Path) -> None:
    s = load(tmp_path, 'per-file-ignores = { "t/*" = ["TFV1"] }\n')
    with pytest.raises(AttributeError):
        s.unsafe_fixes = True  # type: ignore[misc]
    assert hash(s) == hash(pickle.loads(pickle.dumps(s)))
    assert pickle.loads(pickle.dumps(s)) == s


def test_settings_constructible_with_only_a_selection(tmp_path: Path) -> None:
    s = Settings(select=frozenset({"TFV101"}))
    assert s.exclude == DEFAULT_EXCLUDES
    assert s.root == tmp_path
    assert s.codes_for(Path("x.py")) == {"TFV101"}


# ---------------------------------------------------------------------------------------------- keys
def test_every_key(tmp_path: Path) -> None:
    s = load(
        tmp_path,
        """
        select = ["TFV1", "TFV2"]
        extend-select = ["TFV301"]
        ignore = ["TFV104"]
        per-file-ignores = { "tests/**" = ["TFV2"], "__init__.py" = ["TFV101", "TFV102"] }
        exclude = ["generated"]
        extend-exclude = ["examples", "*_pb2.py"]
        unsafe-fixes = true
        """,
    )
    assert s.select == {
        "TFV101",
        "TFV102",
        "TFV103",
        "TFV105",
        "TFV106",
        "TFV201",
        "TFV202",
        "TFV203",
        "TFV301",
    }
    assert s.per_file_ignores == (
        ("tests/**", frozenset({"TFV201", "TFV202", "TFV203"})),
        ("__init__.py", frozenset({"TFV101", "TFV102"})),
    )
    assert s.exclude == ("generated",)
    assert s.extend_exclude == ("examples", "*_pb2.py")
    assert s.exclude_patterns == ("generated", "examples", "*_pb2.py")
    assert s.unsafe_fixes is True


def test_keys_are_exactly_the_documented_ones() -> None:
    assert set(KEYS) == {
        "select",
        "ignore",
        "extend-select",
        "per-file-ignores",
        "exclude",
        "extend-exclude",
        "unsafe-fixes",
        "keras-version",
        "serialization-package",
        "follow-imports",
    }


def test_extend_exclude_keeps_the_defaults(tmp_path: Path) -> None:
    s = load(tmp_path, 'extend-exclude = ["examples"]\n')
    assert s.exclude == DEFAULT_EXCLUDES
    assert s.exclude_patterns == (*DEFAULT_EXCLUDES, "examples")


def test_exclude_replaces_the_defaults(tmp_path: Path) -> None:
    assert load(tmp_path, "exclude = []\n").exclude == ()


def test_dotted_and_sectioned_spellings(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        """
        [project]
        name = "x"

        [tool.tfvarfix]
        select = ["TFV101"]

        [tool.tfvarfix.per-file-ignores]
        "tests/*" = ["TFV101"]
        """,
    )
    s = load_settings(tmp_path / "pyproject.toml", Overrides(), KNOWN)
    assert s.select == {"TFV101"}
    assert s.per_file_ignores == (("tests/*", frozenset({"TFV101"})),)


# -------------------------------------------------------------------------------------------- errors
def test_unknown_key_names_file_key_and_suggestion(tmp_path: Path) -> None:
    assert error_of(tmp_path, 'selct = ["TFV1"]\n') == (
        "pyproject.toml: [tool.tfvarfix] unknown key 'selct' (did you mean 'select'?)"
    )


def test_unknown_key_with_underscores_suggests_the_dashed_key(tmp_path: Path) -> None:
    message = error_of(tmp_path, 'extend_select = ["TFV1"]\n')
    assert "unknown key 'extend_select'" in message
    assert "did you mean 'extend-select'?" in message


def test_unknown_key_without_a_close_match_lists_the_keys(tmp_path: Path) -> None:
    message = error_of(tmp_path, "line-length = 88\n")
    assert message.startswith("pyproject.toml: [tool.tfvarfix] unknown key 'line-length'")
    for key in KEYS:
        assert key in message


def test_unknown_key_in_a_subtable(tmp_path: Path) -> None:
    message = error_of(tmp_path, '[tool.tfvarfix.lint]\nselect = ["TFV1"]\n')
    assert "unknown key 'lint'" in message


@pytest.mark.parametrize(
    ("body", "key", "got"),
    [
        ('select = "TFV1"\n', "select", "a string"),
        ("select = [1]\n", "select", "an array"),
        ('ignore = "TFV1"\n', "ignore", "a string"),
        ("extend-select = true\n", "extend-select", "a boolean"),
        ("exclude = 3\n", "exclude", "an integer"),
        ('extend-exclude = { a = "b" }\n', "extend-exclude", "a table"),
        ('unsafe-fixes = "yes"\n', "unsafe-fixes", "a string"),
        ("unsafe-fixes = 1\n", "unsafe-fixes", "an integer"),
        ('per-file-ignores = ["TFV1"]\n', "per-file-ignores", "an array"),
        ('per-file-ignores = { "t/*" = "TFV1" }\n', 'per-file-ignores."t/*"', "a string"),
        ("select = 1.5\n", "select", "a float"),
    ],
)
def test_wrong_types_name_file_and_key(tmp_path: Path, body: str, key: str, got: str) -> None:
    message = error_of(tmp_path, body)
    assert message.startswith(f"pyproject.toml: [tool.tfvarfix] {key}: expected ")
    assert got in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("body", "key", "selector"),
    [
        ('select = ["TFV999"]\n', "select", "TFV999"),
        ('ignore = ["TFV5"]\n', "ignore", "TFV5"),
        ('extend-select = ["TFV1", "E501"]\n', "extend-select", "E501"),
        ('select = ["T"]\n', "select", "T"),
        ('select = ["TF"]\n', "select", "TF"),
        ('select = [""]\n', "select", ""),
        ('select = ["TFV1000"]\n', "select", "TFV1000"),
        ('select = ["all"]\n', "select", "all"),
        ('per-file-ignores = { "tests/*" = ["TFV7"] }\n', 'per-file-ignores."tests/*"', "TFV7"),
    ],
)
def test_unknown_codes_are_named(tmp_path: Path, body: str, key: str, selector: str) -> None:
    message = error_of(tmp_path, body)
    assert message.startswith(
        f"pyproject.toml: [tool.tfvarfix] {key}: unknown rule code or prefix {selector!r}"
    )


def test_lowercase_code_suggests_the_code(tmp_path: Path) -> None:
    assert error_of(tmp_path, 'select = ["tfv103"]\n').endswith(
        "unknown rule code or prefix 'tfv103' (did you mean 'TFV103'?)"
    )


def test_near_miss_code_suggests_a_known_code(tmp_path: Path) -> None:
    assert "did you mean 'TFV103'?" in error_of(tmp_path, 'select = ["TFV13"]\n')


@pytest.mark.parametrize("selector", ["ALL", "TFV", "TFV1", "TFV10", "TFV103", "TFV4", "TFV40", "TFV402"])
def test_valid_selectors(tmp_path: Path, selector: str) -> None:
    load(tmp_path, f'select = ["{selector}"]\n')


def test_selectors_are_checked_against_the_codes_passed_in(tmp_path: Path) -> None:
    assert "'TFV110'" in error_of(tmp_path, 'select = ["TFV110"]\n', known=KNOWN)
    assert load(tmp_path, 'select = ["TFV110"]\n', known=WIDE).select == {"TFV110"}


def test_empty_per_file_ignores_glob(tmp_path: Path) -> None:
    assert "empty glob" in error_of(tmp_path, 'per-file-ignores = { "" = ["TFV1"] }\n')


def test_invalid_toml_names_the_file_and_line(tmp_path: Path) -> None:
    message = error_of(tmp_path, 'select = ["TFV1"\nignore = []\n')
    assert message.startswith("pyproject.toml: invalid TOML: ")
    assert "line" in message


def test_invalid_utf8(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_bytes(b"[tool.tfvarfix]\nselect = ['\xff']\n")
    with pytest.raises(ConfigError, match=r"^pyproject.toml: not valid UTF-8"):
        load_settings(tmp_path / "pyproject.toml", Overrides(), KNOWN)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("tool = 1\n", "'tool' must be a table"),
        ("[tool]\ntfvarfix = 1\n", "[tool.tfvarfix] must be a table"),
        ("[tool]\ntfvarfix = [1]\n", "[tool.tfvarfix] must be a table"),
    ],
)
def test_malformed_tool_tables(tmp_path: Path, text: str, problem: str) -> None:
    write(tmp_path / "pyproject.toml", text)
    with pytest.raises(ConfigError) as info:
        load_settings(tmp_path / "pyproject.toml", Overrides(), KNOWN)
    assert str(info.value).startswith("pyproject.toml: ")
    assert problem in str(info.value)


def test_messages_name_files_outside_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = pyproject(tmp_path / "proj", 'selct = ["TFV1"]\n')
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    with pytest.raises(ConfigError) as info:
        load_settings(config, Overrides(), KNOWN)
    assert str(info.value).startswith(f"{config}: [tool.tfvarfix] unknown key 'selct'")


def test_a_config_file_never_runs_code(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    body = f"""select = ["__import__('pathlib').Path({str(marker)!r}).touch()"]\n"""
    with pytest.raises(ConfigError):
        load(tmp_path, body)
    assert not marker.exists()


def test_importing_config_does_not_import_the_rules() -> None:
    heavy = ("tfvarfix.rule", "tfvarfix.rules", "tfvarfix.engine", "libcst")
    code = (
        "import sys, tfvarfix; before = set(sys.modules); "
        "import tfvarfix.config, tfvarfix.discovery; "
        f"bad = [m for m in set(sys.modules) - before if m in {heavy!r}]; "
        "sys.exit(', '.join(bad) or None)"
    )
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    assert result.returncode == 0, result.stderr


# ---------------------------------------------------------------------------------------- precedence
# Each case: the file's table, the overrides, the codes expected (over WIDE).
PRECEDENCE = [
    pytest.param("", Overrides(), WIDE, id="default-is-everything"),
    pytest.param(
        'select = ["TFV1"]', Overrides(), {"TFV101", "TFV102", "TFV103", "TFV110", "TFV111"}, id="prefix"
    ),
    pytest.param('select = ["TFV10"]', Overrides(), {"TFV101", "TFV102", "TFV103"}, id="longer-prefix"),
    pytest.param('select = ["TFV103"]', Overrides(), {"TFV103"}, id="one-code"),
    pytest.param('select = ["TFV"]', Overrides(), WIDE, id="TFV-is-everything"),
    pytest.param('select = ["ALL"]', Overrides(), WIDE, id="ALL-is-everything"),
    pytest.param("select = []", Overrides(), set(), id="empty-select"),
    pytest.param('extend-select = ["TFV1"]', Overrides(), WIDE, id="extend-select-over-default"),
    pytest.param('ignore = ["TFV1"]', Overrides(), {"TFV201", "TFV202", "TFV301"}, id="ignore-over-default"),
    pytest.param(
        'select = ["TFV1"]\nignore = ["TFV10"]\nextend-select = ["TFV103"]',
        Overrides(),
        {"TFV103", "TFV110", "TFV111"},
        id="specific-extend-select-beats-ignore-prefix",
    ),
    pytest.param(
        'select = ["TFV103"]\nignore = ["TFV1"]',
        Overrides(),
        {"TFV103"},
        id="specific-select-beats-ignore-prefix",
    ),
    pytest.param(
        'select = ["TFV1"]\nignore = ["TFV103"]',
        Overrides(),
        {"TFV101", "TFV102", "TFV110", "TFV111"},
        id="specific-ignore-beats-select-prefix",
    ),
    pytest.param(
        'select = ["TFV1"]\nignore = ["TFV1"]', Overrides(), set(), id="equal-specificity-ignore-wins"
    ),
    pytest.param('select = ["TFV103"]\nignore = ["TFV103"]', Overrides(), set(), id="same-code-ignore-wins"),
    pytest.param('select = ["ALL"]\nignore = ["TFV"]', Overrides(), set(), id="TFV-more-specific-than-ALL"),
    pytest.param('select = ["TFV"]\nignore = ["ALL"]', Overrides(), WIDE, id="ALL-least-specific"),
    pytest.param(
        'select = ["TFV2"]',
        Overrides(extend_select=("TFV301",)),
        {"TFV201", "TFV202", "TFV301"},
        id="flag-extend-select-adds-to-file-select",
    ),
    pytest.param(
        'ignore = ["TFV201"]',
        Overrides(ignore=("TFV202",)),
        WIDE - {"TFV201", "TFV202"},
        id="flag-ignore-adds-to-file-ignore",
    ),
    pytest.param(
        'select = ["TFV1"]\nignore = ["TFV103"]',
        Overrides(select=("TFV10",)),
        {"TFV101", "TFV102", "TFV103"},
        id="flag-select-replaces-file-select-and-ignores",
    ),
    pytest.param(
        'select = ["TFV103"]',
        Overrides(ignore=("TFV1",)),
        set(),
        id="flag-ignore-wins-over-file-specific-select",
    ),
    pytest.param(
        'ignore = ["TFV103"]',
        Overrides(extend_select=("TFV1",)),
        WIDE,
        id="flag-extend-select-wins-over-file-specific-ignore",
    ),
    pytest.param(
        'select = ["TFV2"]',
        Overrides(select=("TFV3",), extend_select=("TFV110",), ignore=("TFV30",)),
        {"TFV110"},
        id="flag-layer-has-its-own-precedence",
    ),
    pytest.param(
        "",
        Overrides(select=("TFV1,TFV201",)),
        {"TFV101", "TFV102", "TFV103", "TFV110", "TFV111", "TFV201"},
        id="flag-comma-separated",
    ),
    pytest.param("", Overrides(select=(" TFV103 , ", "TFV110")), {"TFV103", "TFV110"}, id="flag-spaces"),
    pytest.param("", Overrides(select=()), set(), id="flag-empty-select"),
]


@pytest.mark.parametrize(("body", "overrides", "expected"), PRECEDENCE)
def test_precedence(tmp_path: Path, body: str, overrides: Overrides, expected: set[str]) -> None:
    assert load(tmp_path, body + "\n", overrides, known=WIDE).select == frozenset(expected)


def test_resolve_codes_directly() -> None:
    layers = [RuleSelection(select=("TFV1",), ignore=("TFV10",), extend_select=("TFV103",))]
    assert resolve_codes(layers, WIDE) == {"TFV103", "TFV110", "TFV111"}
    assert resolve_codes([], WIDE) == WIDE


# An oracle for one layer: the most specific selector that names the code decides; at equal specificity
# ignore wins; a code no selector names keeps its previous state, or is off when the layer has `select`.
def _oracle(previous: set[str], layer: RuleSelection, known: frozenset[str]) -> set[str]:
    def spec(selector: str) -> int:
        return -1 if selector == "ALL" else len(selector)

    def names(selector: str, code: str) -> bool:
        return selector == "ALL" or code.startswith(selector)

    result = set()
    for code in known:
        votes = [(spec(s), 0) for s in (*(layer.select or ()), *layer.extend_select) if names(s, code)]
        votes += [(spec(s), 1) for s in layer.ignore if names(s, code)]
        on = max(votes)[1] == 0 if votes else (code in previous and layer.select is None)
        if on:
            result.add(code)
    return result


def _selectors() -> st.SearchStrategy[str]:
    prefixes = sorted({code[:n] for code in WIDE for n in range(3, 7)} | {"ALL"})
    return st.sampled_from(prefixes)


_layers = st.builds(
    RuleSelection,
    select=st.none() | st.lists(_selectors(), max_size=4).map(tuple),
    extend_select=st.lists(_selectors(), max_size=3).map(tuple),
    ignore=st.lists(_selectors(), max_size=4).map(tuple),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_layers, max_size=3))
def test_resolve_codes_matches_the_oracle(layers: list[RuleSelection]) -> None:
    expected = set(WIDE)
    for layer in layers:
        expected = _oracle(expected, layer, WIDE)
    assert resolve_codes(layers, WIDE) == expected


@settings(max_examples=200, deadline=None)
@given(_layers, _selectors())
def test_selection_properties(layer: RuleSelection, selector: str) -> None:
    resolved = resolve_codes([layer], WIDE)
    assert resolved <= WIDE
    # Ignoring a selector in a later layer removes everything it names.
    named = {c for c in WIDE if selector == "ALL" or c.startswith(selector)}
    assert not resolve_codes([layer, RuleSelection(ignore=(selector,))], WIDE) & named
    # Extending with it adds everything it names and keeps the rest.
    assert resolve_codes([layer, RuleSelection(extend_select=(selector,))], WIDE) == resolved | named
    # A later select replaces the past.
    assert resolve_codes([layer, RuleSelection(select=(selector,))], WIDE) == named
    # Order of selectors inside a list does not matter.
    reordered = RuleSelection(
        select=None if layer.select is None else tuple(reversed(layer.select)),
        extend_select=tuple(reversed(layer.extend_select)),
        ignore=tuple(reversed(layer.ignore)),
    )
    assert resolve_codes([reordered], WIDE) == resolved


@settings(max_examples=100, deadline=None)
@given(st.sets(_selectors(), max_size=4))
def test_select_alone_is_the_union_of_expansions(selectors: set[str]) -> None:
    expected = {c for c in WIDE for s in selectors if s == "ALL" or c.startswith(s)}
    assert resolve_codes([RuleSelection(select=tuple(sorted(selectors)))], WIDE) == expected


# ----------------------------------------------------------------------------------------- overrides
def test_flag_codes_are_validated_and_named() -> None:
    with pytest.raises(ConfigError, match=r"^--select: unknown rule code or prefix 'TFV9'$"):
        load_settings(None, Overrides(select=("TFV9",)), KNOWN)
    with pytest.raises(ConfigError, match=r"^--extend-select: unknown rule code or prefix 'X1'"):
        load_settings(None, Overrides(extend_select=("TFV1,X1",)), KNOWN)
    with pytest.raises(
        ConfigError, match=r"^--ignore: unknown rule code or prefix 'tfv1' \(did you mean 'TFV1'\?\)"
    ):
        load_settings(None, Overrides(ignore=("tfv1",)), KNOWN)


@pytest.mark.parametrize(
    ("file_value", "flag", "expected"),
    [(None, None, False), (True, None, True), (False, True, True), (True, False, False), (None, True, True)],
)
def test_unsafe_fixes_flag_wins(
    tmp_path: Path, file_value: bool | None, flag: bool | None, expected: bool
) -> None:
    body = "" if file_value is None else f"unsafe-fixes = {str(file_value).lower()}\n"
    assert load(tmp_path, body, Overrides(unsafe_fixes=flag)).unsafe_fixes is expected


def test_exclude_flags(tmp_path: Path) -> None:
    body = 'exclude = ["a"]\nextend-exclude = ["b"]\n'
    s = load(tmp_path, body, Overrides(exclude=("c",), extend_exclude=("d,e",)))
    assert s.exclude == ("c",)
    assert s.extend_exclude == ("b", "d", "e")
    s = load(tmp_path, body, Overrides(extend_exclude=("d",)))
    assert s.exclude == ("a",)
    assert s.extend_exclude == ("b", "d")
    assert load_settings(None, Overrides(exclude=("x",)), KNOWN).exclude == ("x",)


def test_overrides_accept_lists() -> None:
    overrides = Overrides(select=["TFV1"])  # type: ignore[arg-type]
    assert overrides.select == ("TFV1",)
    hash(overrides)


def test_flags_do_not_change_per_file_ignores(tmp_path: Path) -> None:
    s = load(tmp_path, 'per-file-ignores = { "t.py" = ["TFV101"] }\n', Overrides(select=("TFV101", "TFV102")))
    assert s.codes_for(tmp_path / "t.py") == {"TFV102"}


# --------------------------------------------------------------------------------------- find_config
def test_find_config_nearest_above_a_file_or_directory(tmp_path: Path) -> None:
    top = pyproject(tmp_path, "")
    inner = pyproject(tmp_path / "a" / "b", "")
    (tmp_path / "a" / "b" / "c").mkdir()
    write(tmp_path / "a" / "b" / "c" / "m.py", "")
    assert find_config(tmp_path / "a" / "b" / "c" / "m.py") == inner
    assert find_config(tmp_path / "a" / "b" / "c") == inner
    assert find_config(tmp_path / "a" / "b") == inner
    assert find_config(tmp_path / "a" / "b" / "pyproject.toml") == inner
    assert find_config(tmp_path / "a") == top
    assert find_config(tmp_path / "a" / "missing.py") == top  # need not exist


def test_find_config_skips_a_pyproject_without_the_table(tmp_path: Path) -> None:
    top = pyproject(tmp_path, 'select = ["TFV1"]\n')
    write(tmp_path / "pkg" / "pyproject.toml", "[tool.ruff]\nline-length = 100\n# tool.tfvarfix mention\n")
    write(tmp_path / "pkg" / "sub" / "pyproject.toml", '[project]\nname = "sub"\n')
    assert find_config(tmp_path / "pkg" / "sub" / "m.py") == top


def test_find_config_relative_path(tmp_path: Path) -> None:
    top = pyproject(tmp_path, "")
    (tmp_path / "d").mkdir()
    assert find_config(Path("d")) == top
    assert find_config(Path()) == top
    assert find_config(Path("d/../d/x.py")) == top


def test_find_config_none(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    write(tmp_path / "d" / "pyproject.toml", "[project]\n")
    found = find_config(tmp_path / "d")
    assert found is None or tmp_path not in found.parents


def test_find_config_prefers_the_standalone_files(tmp_path: Path) -> None:
    pyproject(tmp_path, "")
    assert find_config(tmp_path) == tmp_path / "pyproject.toml"
    write(tmp_path / "tfvarfix.toml", "")
    assert find_config(tmp_path) == tmp_path / "tfvarfix.toml"
    write(tmp_path / ".tfvarfix.toml", "")
    assert find_config(tmp_path) == tmp_path / ".tfvarfix.toml"


def test_find_config_dotted_tool_table(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool]\ntfvarfix = { select = ["TFV1"] }\n')
    assert find_config(tmp_path) == tmp_path / "pyproject.toml"


def test_find_config_invalid_pyproject_mentioning_tfvarfix_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.tfvarfix\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        find_config(tmp_path)


def test_find_config_ignores_a_directory_named_pyproject(tmp_path: Path) -> None:
    top = pyproject(tmp_path, "")
    (tmp_path / "d" / "pyproject.toml").mkdir(parents=True)
    assert find_config(tmp_path / "d") == top


# ---------------------------------------------------------------------------------------- --config
def test_explicit_standalone_file_uses_the_top_level(tmp_path: Path) -> None:
    for name in ("tfvarfix.toml", ".tfvarfix.toml"):
        path = write(tmp_path / "conf" / name, 'select = ["TFV2"]\nunsafe-fixes = true\n')
        s = load_settings(path, Overrides(), KNOWN)
        assert s.select == {"TFV201", "TFV202", "TFV203"}
        assert s.unsafe_fixes is True
        assert s.root == tmp_path / "conf"
        assert s.source == path


def test_explicit_standalone_file_errors_name_no_table(tmp_path: Path) -> None:
    path = write(tmp_path / "tfvarfix.toml", 'selct = ["TFV1"]\n')
    with pytest.raises(ConfigError) as info:
        load_settings(path, Overrides(), KNOWN)
    assert str(info.value) == "tfvarfix.toml: unknown key 'selct' (did you mean 'select'?)"


def test_explicit_pyproject_without_the_table_is_the_defaults(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    s = load_settings(path, Overrides(), KNOWN)
    assert s.select == KNOWN
    assert s.source == path


def test_explicit_file_with_another_name(tmp_path: Path) -> None:
    top_level = write(tmp_path / "lint.toml", 'select = ["TFV3"]\n')
    assert load_settings(top_level, Overrides(), KNOWN).select == {"TFV301", "TFV302", "TFV303", "TFV304"}
    tool = write(tmp_path / "other.toml", '[tool.tfvarfix]\nselect = ["TFV4"]\n')
    assert load_settings(tool, Overrides(), KNOWN).select == {"TFV401", "TFV402"}


def test_explicit_missing_or_directory_config(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"^nope.toml: No such file or directory$"):
        load_settings(Path("nope.toml"), Overrides(), KNOWN)
    (tmp_path / "dir.toml").mkdir()
    with pytest.raises(ConfigError, match=r"^dir.toml: is a directory"):
        load_settings(Path("dir.toml"), Overrides(), KNOWN)


def test_explicit_relative_config_root_is_absolute(tmp_path: Path) -> None:
    write(tmp_path / "cfg" / "tfvarfix.toml", "")
    s = load_settings(Path("cfg/tfvarfix.toml"), Overrides(), KNOWN)
    assert s.root == tmp_path / "cfg"
    assert s.root.is_absolute()


# --------------------------------------------------------------------------------- per-file-ignores
@pytest.fixture
def pfi(tmp_path: Path) -> Settings:
    return load(
        tmp_path,
        """
        [tool.tfvarfix.per-file-ignores]
        "tests/*" = ["TFV1"]
        "__init__.py" = ["TFV201"]
        "**/gen_*.py" = ["TFV202"]
        "scripts/{a,b}.py" = ["TFV203"]
        "!src/**" = ["TFV301"]
        "docs/[abc]?.py" = ["TFV302"]
        """,
    )


@pytest.mark.parametrize(
    ("rel", "ignored"),
    [
        ("src/m.py", set()),
        ("tests/test_x.py", {"TFV101", "TFV102", "TFV103", "TFV104", "TFV105", "TFV106", "TFV301"}),
        ("tests/deep/test_x.py", {"TFV101", "TFV102", "TFV103", "TFV104", "TFV105", "TFV106", "TFV301"}),
        ("src/pkg/__init__.py", {"TFV201"}),
        ("__init__.py", {"TFV201", "TFV301"}),
        ("gen_top.py", {"TFV202", "TFV301"}),
        ("src/a/b/gen_x.py", {"TFV202"}),
        ("scripts/a.py", {"TFV203", "TFV301"}),
        ("scripts/c.py", {"TFV301"}),
        ("docs/a1.py", {"TFV302", "TFV301"}),
        ("docs/d1.py", {"TFV301"}),
        ("docs/a12.py", {"TFV301"}),
    ],
)
def test_per_file_ignores(tmp_path: Path, pfi: Settings, rel: str, ignored: set[str]) -> None:
    assert pfi.codes_for(tmp_path / rel) == KNOWN - ignored
    assert pfi.codes_for(Path(rel)) == KNOWN - ignored  # relative to the working directory (tmp_path)


def test_per_file_ignores_outside_the_root_match_by_basename(tmp_path: Path, pfi: Settings) -> None:
    outside = tmp_path.parent / "elsewhere" / "tests" / "__init__.py"
    # Not under the root: `tests/*` cannot match, `!src/**` does (the relative path is not under src/).
    assert pfi.codes_for(outside) == KNOWN - {"TFV201", "TFV301"}


def test_per_file_ignores_are_relative_to_the_config_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = load(tmp_path / "proj", 'per-file-ignores = { "tests/*" = ["TFV101"] }\n')
    monkeypatch.chdir(tmp_path / "proj")
    assert s.codes_for(Path("tests/t.py")) == KNOWN - {"TFV101"}
    assert s.codes_for(tmp_path / "tests" / "t.py") == KNOWN  # tmp_path/tests is outside proj/


def test_per_file_ignores_absolute_glob(tmp_path: Path) -> None:
    s = load(tmp_path, f'per-file-ignores = {{ "{tmp_path.as_posix()}/x/*.py" = ["TFV101"] }}\n')
    assert s.codes_for(tmp_path / "x" / "a.py") == KNOWN - {"TFV101"}
    assert s.codes_for(tmp_path / "y" / "a.py") == KNOWN


def test_per_file_ignores_only_remove_selected_codes(tmp_path: Path) -> None:
    s = load(tmp_path, 'select = ["TFV103"]\nper-file-ignores = { "*.py" = ["TFV1"] }\n')
    assert s.codes_for(tmp_path / "a.py") == frozenset()
    assert s.codes_for(tmp_path / "a.pyi") == {"TFV103"}


# ------------------------------------------------------------------------------------------ resolver
def test_resolver_is_hierarchical_and_cached(tmp_path: Path) -> None:
    pyproject(tmp_path, 'select = ["TFV1"]\n')
    inner = write(tmp_path / "sub" / "tfvarfix.toml", 'select = ["TFV2"]\n')
    (tmp_path / "sub" / "deep").mkdir()
    (tmp_path / "other").mkdir()
    resolver = SettingsResolver(KNOWN, Overrides(ignore=("TFV201",)))
    top = resolver(tmp_path / "other")
    sub = resolver(tmp_path / "sub" / "deep" / "m.py")
    assert top.source == tmp_path / "pyproject.toml"
    assert top.select == {"TFV101", "TFV102", "TFV103", "TFV104", "TFV105", "TFV106"}
    assert sub.source == inner
    assert sub.root == tmp_path / "sub"
    assert sub.select == {"TFV202", "TFV203"}
    assert resolver(tmp_path / "sub") is sub
    assert resolver(Path("other/x.py")) is top
    assert resolver.config_for(tmp_path / "sub" / "deep") == inner


def test_resolver_with_an_explicit_config_ignores_the_others(tmp_path: Path) -> None:
    pyproject(tmp_path, 'select = ["TFV1"]\n')
    explicit = write(tmp_path / "conf" / "tfvarfix.toml", 'select = ["TFV4"]\n')
    resolver = SettingsResolver(KNOWN, config=explicit)
    assert resolver(tmp_path).select == {"TFV401", "TFV402"}
    assert resolver(tmp_path / "anything" / "x.py").source == explicit
    assert resolver.config_for(tmp_path) == explicit


def test_resolver_without_any_config(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    resolver = SettingsResolver(KNOWN)
    if resolver.config_for(tmp_path / "d") is None:
        s = resolver(tmp_path / "d")
        assert s.source is None
        assert s.select == KNOWN
        assert s.root == tmp_path


def test_resolver_reports_errors_of_the_config_it_needs(tmp_path: Path) -> None:
    pyproject(tmp_path / "bad", 'select = ["TFV9"]\n')
    resolver = SettingsResolver(KNOWN)
    with pytest.raises(ConfigError, match=r"bad/pyproject.toml: \[tool.tfvarfix\] select: unknown rule code"):
        resolver(tmp_path / "bad" / "m.py")
