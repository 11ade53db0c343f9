"""tfvarfix.discovery: which files get checked."""

from __future__ import annotations

import os
import socket
import stat
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.privileges import in_child
from tfvarfix.config import DEFAULT_EXCLUDES, Overrides, Settings, SettingsResolver
from tfvarfix.discovery import SOURCE_SUFFIXES, Discovered, discover, is_source_name

KNOWN = frozenset({"TFV101", "TFV201"})

needs_posix = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file types and permissions")


def touch(base: Path, *rels: str, text: str = "") -> None:
    for rel in rels:
        path = base / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


def fixed(root: Path, **fields: object) -> Callable[[Path], Settings]:
    """settings_for that gives every path the same settings, rooted at `root`."""
    s = Settings(select=KNOWN, root=root, **fields)  # type: ignore[arg-type]
    return lambda _path: s


def run(
    paths: Iterable[Path | str],
    settings_for: Callable[[Path], Settings],
    force_exclude: bool = False,
) -> list[Discovered]:
    return list(discover([Path(p) for p in paths], settings_for, force_exclude=force_exclude))


def files(results: Iterable[Discovered]) -> list[str]:
    """The yielded files (no errors), as posix strings of the paths yielded."""
    out = []
    for result in results:
        assert result.error is None, result
        out.append(result.path.as_posix())
    return out


def errors(results: Iterable[Discovered]) -> dict[str, str]:
    return {r.path.as_posix(): r.error for r in results if r.error is not None}


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


# ------------------------------------------------------------------------------------------- walking
def test_walk_yields_source_files_in_sorted_depth_first_order(tmp_path: Path) -> None:
    touch(
        tmp_path,
        "b.py",
        "a.py",
        "c/z.pyi",
        "c/a.ipynb",
        "c/d/e.py",
        "d.py",
        "notes.txt",
        "setup.cfg",
        "noext",
        "x.pyc",
        "y.py.bak",
        "Upper.PY",
        ".hidden/h.py",
        ".py",
    )
    assert files(run(["."], fixed(tmp_path))) == [
        ".hidden/h.py",
        "a.py",
        "b.py",
        "c/a.ipynb",
        "c/d/e.py",
        "c/z.pyi",
        "d.py",
    ]


def test_suffixes() -> None:
    assert {".py", ".pyi", ".ipynb"} == SOURCE_SUFFIXES


def test_yielded_paths_keep_the_form_they_were_given(tmp_path: Path) -> None:
    touch(tmp_path, "src/a.py")
    assert files(run(["src"], fixed(tmp_path))) == ["src/a.py"]
    assert files(run(["./src/"], fixed(tmp_path))) == ["src/a.py"]
    assert files(run([tmp_path / "src"], fixed(tmp_path))) == [(tmp_path / "src" / "a.py").as_posix()]


def test_walk_is_deterministic(tmp_path: Path) -> None:
    for i in range(30):
        touch(tmp_path, f"d{i % 7}/f{(i * 13) % 30}.py")
    first = run(["."], fixed(tmp_path))
    assert first == run(["."], fixed(tmp_path))
    assert files(first) == sorted(files(first), key=lambda p: p.split("/"))


def test_explicit_file_is_yielded_whatever_its_suffix(tmp_path: Path) -> None:
    touch(tmp_path, "script", "notes.txt", "a.py")
    assert files(run(["script", "notes.txt", "a.py"], fixed(tmp_path))) == ["script", "notes.txt", "a.py"]


def test_empty_input() -> None:
    assert run([], fixed(Path.cwd())) == []


def test_discovered_is_frozen() -> None:
    d = Discovered(Path("a.py"))
    assert d.error is None
    with pytest.raises(AttributeError):
        d.error = "x"  # type: ignore[misc]


# ------------------------------------------------------------------------------------------ excludes
@pytest.mark.parametrize("name", [*(n for n in DEFAULT_EXCLUDES if "*" not in n), "pkg.egg-info"])
def test_default_excludes(tmp_path: Path, name: str) -> None:
    touch(tmp_path, f"{name}/x.py", f"src/{name}/y.py", "keep.py")
    assert files(run(["."], fixed(tmp_path))) == ["keep.py"]


def test_exclude_replaces_the_defaults_but_never_enters_vcs_dirs(tmp_path: Path) -> None:
    touch(tmp_path, "build/x.py", "other/y.py", ".git/hooks/z.py", ".hg/z.py", ".svn/z.py", "keep.py")
    assert files(run(["."], fixed(tmp_path, exclude=("other",)))) == ["build/x.py", "keep.py"]


def test_extend_exclude_patterns_are_gitignore_style_relative_to_the_root(tmp_path: Path) -> None:
    touch(
        tmp_path,
        "top.py",
        "sub/top.py",  # "/top.py" is anchored to the root
        "src/gen/a.py",
        "gen/a.py",  # "src/gen/" has a slash: anchored too
        "x_pb2.py",
        "deep/er/y_pb2.py",  # "*_pb2.py" matches at any depth
        "data/keep.py",
        "data/skip.py",  # "data/*" then "!data/keep.py"
        "ok.py",
    )
    s = fixed(tmp_path, extend_exclude=("/top.py", "src/gen/", "*_pb2.py", "data/*", "!data/keep.py"))
    assert files(run(["."], s)) == ["data/keep.py", "gen/a.py", "ok.py", "sub/top.py"]


def test_excludes_are_relative_to_the_settings_root_not_the_walk(tmp_path: Path) -> None:
    touch(tmp_path, "proj/src/gen/a.py", "proj/src/b.py")
    s = fixed(tmp_path / "proj", extend_exclude=("src/gen",))
    assert files(run(["proj/src"], s)) == ["proj/src/b.py"]
    assert files(run([tmp_path / "proj" / "src"], s)) == [(tmp_path / "proj/src/b.py").as_posix()]


def test_excludes_outside_the_root_apply_below_the_walked_directory(tmp_path: Path) -> None:
    touch(tmp_path, "outside/build/a.py", "outside/b.py")
    s = fixed(tmp_path / "root")
    assert files(run(["outside"], s)) == ["outside/b.py"]


def test_explicit_paths_bypass_excludes_unless_forced(tmp_path: Path) -> None:
    touch(tmp_path, "build/x.py", "build/sub/y.py", "gen.py", "ok.py")
    s = fixed(tmp_path, extend_exclude=("gen.py",))
    named = ["build/x.py", "gen.py", "build/sub", "ok.py"]
    assert files(run(named, s)) == ["build/x.py", "gen.py", "build/sub/y.py", "ok.py"]
    assert files(run(named, s, force_exclude=True)) == ["ok.py"]


def test_explicit_excluded_directory_is_walked_but_other_patterns_apply_inside(tmp_path: Path) -> None:
    touch(tmp_path, "build/a.py", "build/b_pb2.py", "build/dist/c.py", "build/sub/d.py")
    s = fixed(tmp_path, extend_exclude=("*_pb2.py",))
    assert files(run(["build"], s)) == ["build/a.py", "build/sub/d.py"]
    assert files(run(["build"], s, force_exclude=True)) == []


def test_name_patterns_still_apply_below_an_explicit_excluded_directory(tmp_path: Path) -> None:
    # As in ruff: naming build/ checks it, but a build/ inside it is still a build directory.
    touch(tmp_path, "build/a.py", "build/sub/build/x.py", "build/sub/b.py")
    assert files(run(["build"], fixed(tmp_path))) == ["build/a.py", "build/sub/b.py"]


def test_force_exclude_uses_the_settings_root(tmp_path: Path) -> None:
    touch(tmp_path, "a/b/c.py")
    assert files(run(["a/b/c.py"], fixed(tmp_path, extend_exclude=("a/b",)), force_exclude=True)) == []
    assert files(run(["a/b/c.py"], fixed(tmp_path, extend_exclude=("/b",)), force_exclude=True)) == [
        "a/b/c.py"
    ]


def test_hierarchical_settings(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.tfvarfix]\nextend-exclude = ["skip_top"]\n')
    write(tmp_path / "pkg" / "pyproject.toml", '[tool.tfvarfix]\nextend-exclude = ["/local.py"]\n')
    touch(tmp_path, "skip_top/a.py", "local.py", "pkg/local.py", "pkg/skip_top/b.py", "pkg/sub/local.py")
    resolver = SettingsResolver(KNOWN)
    # pkg/ has its own config: skip_top is not excluded there, /local.py is (relative to pkg/).
    assert files(run(["."], resolver)) == ["local.py", "pkg/skip_top/b.py", "pkg/sub/local.py"]


def test_overrides_reach_discovery(tmp_path: Path) -> None:
    touch(tmp_path, "a.py", "b.py", "build/c.py")
    resolver = SettingsResolver(KNOWN, Overrides(exclude=("a.py",)))
    assert files(run(["."], resolver)) == ["b.py", "build/c.py"]


# ------------------------------------------------------------------------------------------ gitignore
def git_repo(path: Path) -> Path:
    (path / ".git" / "info").mkdir(parents=True)
    return path


def test_gitignore_patterns(tmp_path: Path) -> None:
    git_repo(tmp_path)
    write(tmp_path / ".gitignore", "*.gen.py\nout/\n/anchored.py\n# comment\n\nlocal_*\n")
    touch(
        tmp_path,
        "a.py",
        "x.gen.py",
        "sub/y.gen.py",
        "out/o.py",
        "sub/out/o.py",
        "anchored.py",
        "sub/anchored.py",
        "local_a.py",
        "sub/local_b.py",
    )
    assert files(run(["."], fixed(tmp_path))) == ["a.py", "sub/anchored.py"]


def test_nested_gitignores(tmp_path: Path) -> None:
    git_repo(tmp_path)
    write(tmp_path / ".gitignore", "*.gen.py\n")
    write(tmp_path / "sub" / ".gitignore", "!keep.gen.py\nlocal.py\n/only_here.py\n")
    write(tmp_path / "sub" / "deeper" / ".gitignore", "!local.py\n")
    touch(
        tmp_path,
        "keep.gen.py",
        "local.py",
        "only_here.py",  # the root: only *.gen.py applies
        "sub/keep.gen.py",
        "sub/other.gen.py",
        "sub/local.py",
        "sub/only_here.py",
        "sub/x/local.py",
        "sub/x/only_here.py",
        "sub/deeper/local.py",
    )
    assert files(run(["."], fixed(tmp_path))) == [
        "local.py",
        "only_here.py",
        "sub/deeper/local.py",
        "sub/keep.gen.py",
        "sub/x/only_here.py",
    ]


def test_gitignore_cannot_reinclude_a_file_in_an_ignored_directory(tmp_path: Path) -> None:
    git_repo(tmp_path)
    write(tmp_path / ".gitignore", "vendor/\n")
    write(tmp_path / "vendor" / ".gitignore", "!*.py\n")
    touch(tmp_path, "vendor/v.py", "a.py")
    assert files(run(["."], fixed(tmp_path))) == ["a.py"]


def test_git_info_exclude(tmp_path: Path) -> None:
    git_repo(tmp_path)
    write(tmp_path / ".git" / "info" / "exclude", "scratch*.py\n")
    write(tmp_path / "sub" / ".gitignore", "!scratch_keep.py\n")
    touch(tmp_path, "scratch1.py", "sub/scratch2.py", "sub/scratch_keep.py", "a.py")
    assert files(run(["."], fixed(tmp_path))) == ["a.py", "sub/scratch_keep.py"]


def test_git_worktree_file_points_to_info_exclude(tmp_path: Path) -> None:
    gitdir = tmp_path / "real.git"
    write(gitdir / "info" / "exclude", "wt_ignored.py\n")
    write(tmp_path / "wt" / ".git", f"gitdir: {gitdir}\n")
    touch(tmp_path, "wt/wt_ignored.py", "wt/a.py")
    assert files(run(["wt"], fixed(tmp_path))) == ["wt/a.py"]


def test_walking_a_subdirectory_honours_the_repository_gitignores(tmp_path: Path) -> None:
    git_repo(tmp_path)
    write(tmp_path / ".gitignore", "*.gen.py\nsrc/pkg/vendored/\n")
    write(tmp_path / "src" / ".gitignore", "tmp_*.py\n")
    write(tmp_path / ".git" / "info" / "exclude", "mine.py\n")
    touch(
        tmp_path,
        "src/pkg/a.py",
        "src/pkg/b.gen.py",
        "src/pkg/tmp_x.py",
        "src/pkg/vendored/v.py",
        "src/pkg/mine.py",
    )
    assert files(run(["src/pkg"], fixed(tmp_path))) == ["src/pkg/a.py"]


def test_gitignore_outside_a_repository_applies_from_the_walked_directory_down(tmp_path: Path) -> None:
    write(tmp_path / ".gitignore", "*.py\n")  # above the walk, no repository: not applied
    write(tmp_path / "proj" / ".gitignore", "ignored.py\n")
    touch(tmp_path, "proj/a.py", "proj/ignored.py", "proj/sub/ignored.py")
    if any((p / ".git").exists() for p in tmp_path.parents):
        pytest.skip("the temporary directory is inside a git repository")
    assert files(run(["proj"], fixed(tmp_path))) == ["proj/a.py"]


def test_a_nested_repository_starts_afresh(tmp_path: Path) -> None:
    git_repo(tmp_path)
    write(tmp_path / ".gitignore", "*.gen.py\n")
    git_repo(tmp_path / "vendor" / "lib")
    write(tmp_path / "vendor" / "lib" / ".git" / "info" / "exclude", "inner.py\n")
    touch(tmp_path, "a.gen.py", "vendor/b.gen.py", "vendor/lib/c.gen.py", "vendor/lib/inner.py", "inner.py")
    assert files(run(["."], fixed(tmp_path))) == ["inner.py", "vendor/lib/c.gen.py"]


def test_explicit_files_bypass_gitignore_unless_forced(tmp_path: Path) -> None:
    git_repo(tmp_path)
    write(tmp_path / ".gitignore", "ignored.py\nignored_dir/\n")
    touch(tmp_path, "ignored.py", "ignored_dir/x.py", "sub/ignored.py")
    named = ["ignored.py", "ignored_dir/x.py", "sub/ignored.py", "ignored_dir"]
    assert files(run(named, fixed(tmp_path))) == ["ignored.py", "ignored_dir/x.py", "sub/ignored.py"]
    assert files(run(named, fixed(tmp_path), force_exclude=True)) == []


def test_unreadable_gitignore_is_ignored(tmp_path: Path) -> None:
    git_repo(tmp_path)
    (tmp_path / ".gitignore").mkdir()  # a directory, not a file: cannot be read
    touch(tmp_path, "a.py")
    assert files(run(["."], fixed(tmp_path))) == ["a.py"]


# ---------------------------------------------------------------------------------------- symlinks
@needs_posix
def test_symlink_loop_in_a_walk_terminates(tmp_path: Path) -> None:
    touch(tmp_path, "a/x.py", "a/b/y.py")
    (tmp_path / "a" / "b" / "up").symlink_to("..")
    (tmp_path / "a" / "self").symlink_to(".")
    (tmp_path / "a" / "abs").symlink_to(tmp_path)
    assert files(run(["a"], fixed(tmp_path))) == ["a/b/y.py", "a/x.py"]


@needs_posix
def test_mutual_file_symlink_loop_named_explicitly(tmp_path: Path) -> None:
    (tmp_path / "p.py").symlink_to("q.py")
    (tmp_path / "q.py").symlink_to("p.py")
    (tmp_path / "d").symlink_to("d")
    result = errors(run(["p.py", "d"], fixed(tmp_path)))
    assert set(result) == {"p.py", "d"}
    assert all("symbolic link loop" in message for message in result.values())


@needs_posix
def test_file_symlink_loop_in_a_walk_is_reported(tmp_path: Path) -> None:
    (tmp_path / "loop.py").symlink_to("loop.py")
    (tmp_path / "loop_no_suffix").symlink_to("loop_no_suffix")
    touch(tmp_path, "ok.py")
    result = run(["."], fixed(tmp_path))
    assert [r.path.as_posix() for r in result] == ["loop.py", "ok.py"]
    assert result[0].error is not None and "loop" in result[0].error


@needs_posix
def test_directory_symlinks_are_not_followed_in_a_walk(tmp_path: Path) -> None:
    touch(tmp_path, "outside/o.py", "root/real/r.py")
    (tmp_path / "root" / "to_outside").symlink_to(tmp_path / "outside")
    (tmp_path / "root" / "to_real").symlink_to("real")
    assert files(run(["root"], fixed(tmp_path))) == ["root/real/r.py"]


@needs_posix
def test_an_explicit_directory_symlink_is_walked(tmp_path: Path) -> None:
    touch(tmp_path, "real/a.py")
    (tmp_path / "link").symlink_to("real")
    assert files(run(["link"], fixed(tmp_path))) == ["link/a.py"]
    # The same directory twice, by two names: once.
    assert files(run(["link", "real"], fixed(tmp_path))) == ["link/a.py"]


@needs_posix
def test_file_symlinks_are_yielded_once_per_file(tmp_path: Path) -> None:
    touch(tmp_path, "a.py", "sub/target.py")
    (tmp_path / "alias.py").symlink_to("a.py")  # same file as a.py: once
    (tmp_path / "link.py").symlink_to("sub/target.py")  # sorted before sub/: yielded under its name
    (tmp_path / "dir_named.py").symlink_to("sub")  # a directory: not followed
    assert files(run(["."], fixed(tmp_path))) == ["a.py", "link.py"]


@needs_posix
def test_broken_symlinks(tmp_path: Path) -> None:
    (tmp_path / "gone.py").symlink_to("nowhere.py")
    (tmp_path / "gone_dir").symlink_to("nowhere")
    touch(tmp_path, "ok.py")
    walked = run(["."], fixed(tmp_path))
    assert [(r.path.as_posix(), r.error) for r in walked] == [
        ("gone.py", "broken symbolic link to 'nowhere.py'"),
        ("ok.py", None),
    ]
    named = run(["gone_dir"], fixed(tmp_path))
    assert [(r.path.as_posix(), r.error) for r in named] == [
        ("gone_dir", "broken symbolic link to 'nowhere'")
    ]


# ------------------------------------------------------------------------------ special and missing
def test_nonexistent_path(tmp_path: Path) -> None:
    touch(tmp_path, "a.py")
    result = run(["missing.py", "a.py", "missing.py", "missing_dir/x.py"], fixed(tmp_path))
    assert [(r.path.as_posix(), r.error) for r in result] == [
        ("missing.py", "No such file or directory"),
        ("a.py", None),
        ("missing_dir/x.py", "No such file or directory"),
    ]


def test_file_used_as_a_directory(tmp_path: Path) -> None:
    touch(tmp_path, "a.py")
    assert errors(run(["a.py/x.py"], fixed(tmp_path))) == {"a.py/x.py": "Not a directory"}


def test_nul_in_a_path(tmp_path: Path) -> None:
    result = run(["a\0b.py"], fixed(tmp_path))
    assert len(result) == 1 and result[0].error is not None


@needs_posix
def test_fifo(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.py")
    touch(tmp_path, "a.py")
    assert files(run(["."], fixed(tmp_path))) == ["a.py"]  # met in a walk: skipped
    assert errors(run(["pipe.py"], fixed(tmp_path))) == {"pipe.py": "is a FIFO, not a regular file"}


@needs_posix
def test_socket(tmp_path: Path) -> None:
    short = Path(tempfile.mkdtemp(prefix="tfv"))  # AF_UNIX paths are short
    try:
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(short / "s.py"))
        try:
            assert files(run([short], fixed(short))) == []
            assert [r.error for r in run([short / "s.py"], fixed(short))] == [
                "is a socket, not a regular file"
            ]
        finally:
            sock.close()
    finally:
        for child in short.iterdir():
            child.unlink()
        short.rmdir()


@needs_posix
def test_character_device() -> None:
    assert [r.error for r in run(["/dev/null"], fixed(Path.cwd()))] == [
        "is a character device, not a regular file"
    ]


@needs_posix
def test_unreadable_directory(tmp_path: Path) -> None:
    touch(tmp_path, "a.py", "locked/b.py", "z.py")
    (tmp_path / "locked").chmod(0)

    def check() -> None:
        result = run(["."], fixed(tmp_path))
        assert [(r.path.as_posix(), r.error) for r in result] == [
            ("a.py", None),
            ("locked", "Permission denied"),
            ("z.py", None),
        ]
        assert errors(run(["locked"], fixed(tmp_path))) == {"locked": "Permission denied"}

    try:
        in_child(check)  # root reads everything: the child gives that power up (tests/privileges.py)
    finally:
        (tmp_path / "locked").chmod(stat.S_IRWXU)


def test_unreadable_directory_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    touch(tmp_path, "a.py", "locked/b.py", "z.py")
    real_scandir = os.scandir

    def scandir(path: str) -> Iterator[os.DirEntry[str]]:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = run(["."], fixed(tmp_path))
    assert [(r.path.as_posix(), r.error) for r in result] == [
        ("a.py", None),
        ("locked", "Permission denied"),
        ("z.py", None),
    ]
    assert errors(run(["locked"], fixed(tmp_path))) == {"locked": "Permission denied"}


def test_errors_are_one_line(tmp_path: Path) -> None:
    name = "bad\nname.py"
    result = run([name], fixed(tmp_path))
    assert result[0].error is not None and "\n" not in result[0].error


# ------------------------------------------------------------------------------------------ duplicates
def test_duplicates_are_yielded_once(tmp_path: Path) -> None:
    touch(tmp_path, "src/a.py", "src/sub/b.py", "c.py")
    named: list[Path | str] = [
        "c.py",
        "./c.py",
        "src/sub",
        "src",
        "src/a.py",
        tmp_path / "c.py",
        "src/../c.py",
        "src/sub/b.py",
    ]
    assert files(run(named, fixed(tmp_path))) == ["c.py", "src/sub/b.py", "src/a.py"]


def test_overlapping_directories_in_either_order(tmp_path: Path) -> None:
    touch(tmp_path, "src/a.py", "src/sub/b.py")
    assert files(run(["src", "src/sub"], fixed(tmp_path))) == ["src/a.py", "src/sub/b.py"]
    assert files(run(["src/sub", "src"], fixed(tmp_path))) == ["src/sub/b.py", "src/a.py"]


# --------------------------------------------------------------------------------------------- cost
def test_no_stat_per_file_in_a_walk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for d in range(5):
        touch(tmp_path, *(f"d{d}/f{i}.py" for i in range(40)))
    calls: list[str] = []
    real_stat, real_lstat = os.stat, os.lstat

    def counting_stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        calls.append(str(path))
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    def counting_lstat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        calls.append(str(path))
        return real_lstat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", counting_stat)
    monkeypatch.setattr(os, "lstat", counting_lstat)
    found = files(run(["."], fixed(tmp_path)))
    assert len(found) == 200
    # A handful for the walked directory and the repository search; none per file.
    assert len(calls) < 2 * len(tmp_path.parts) + 20, calls


def test_settings_are_asked_once_per_directory(tmp_path: Path) -> None:
    touch(tmp_path, *(f"d{d}/f{i}.py" for d in range(3) for i in range(10)))
    asked: list[Path] = []
    s = Settings(select=KNOWN, root=tmp_path)

    def settings_for(path: Path) -> Settings:
        asked.append(path)
        return s

    assert len(files(run(["."], settings_for))) == 30
    assert sorted(p.as_posix() for p in asked) == [".", "d0", "d1", "d2"]


# ------------------------------------------------------------------------------------------ property
@given(st.text(alphabet="ab.pyi_-", min_size=1, max_size=8))
def test_source_names_are_read_as_path_suffix(name: str) -> None:
    assert is_source_name(name) == (Path(name).suffix in SOURCE_SUFFIXES)


_pattern = st.sampled_from(["*.py", "b*", "?.py", "a", "build/", "*_x.pyi", "*", "c?", "x.egg-info", "b/"])
_tree_names = st.sampled_from(["a", "b", "c", "build", "x.egg-info", "a.py", "b_x.pyi", "c.py", "ab.py"])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(_pattern, max_size=4),
    st.sets(st.lists(_tree_names, min_size=1, max_size=3).map(tuple), max_size=8),
)
def test_name_only_patterns_match_as_pathspec_does(patterns: list[str], trees: set[tuple[str, ...]]) -> None:
    # "never/matches/*.none" has a slash: it makes the matcher go through pathspec for every path, while the
    # simple list alone is matched by names. Both must agree.
    with tempfile.TemporaryDirectory() as raw:
        root = Path(raw)
        for parts in trees:
            path = root.joinpath(*parts)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                if not path.exists():
                    path.touch()
            except (FileExistsError, NotADirectoryError):
                continue
        by_name = run([root], fixed(root, exclude=tuple(patterns)))
        by_pathspec = run([root], fixed(root, exclude=(*patterns, "never/matches/*.none")))
        assert by_name == by_pathspec


_names = st.sampled_from(["a", "b", "c", "build", "x.egg-info", "B", "_"])
_leaves = st.sampled_from(["m.py", "n.pyi", "o.ipynb", "p.txt", "q.PY", "r.py"])
_trees = st.sets(
    st.tuples(st.lists(_names, max_size=3), _leaves).map(lambda t: "/".join([*t[0], t[1]])),
    max_size=15,
)


@settings(max_examples=40, deadline=None)
@given(_trees)
def test_walk_matches_a_simple_model(rels: set[str]) -> None:
    with tempfile.TemporaryDirectory() as raw:
        root = Path(raw)
        made = set()
        for rel in sorted(rels):
            path = root / rel
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.touch()
                made.add(rel)
            except (FileExistsError, NotADirectoryError):
                continue
        s = fixed(root)
        expected = sorted(
            (
                rel
                for rel in made
                if Path(rel).suffix in SOURCE_SUFFIXES
                and not any(part in ("build", "x.egg-info") for part in rel.split("/")[:-1])
            ),
            key=lambda rel: rel.split("/"),
        )
        got = [r.path.relative_to(root).as_posix() for r in run([root], s)]
        assert got == expected
