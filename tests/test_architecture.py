"""The shape of the package, read from its source with ``ast`` (nothing is imported to check it).

- No import cycle among sendvault's modules, counting imports inside functions
  (only ``if TYPE_CHECKING:`` imports, which never run, are left out).
- No module takes a private (underscore) name from another: ``from .x import _y``
  or ``x._y`` on an imported module.
- The CLI's imports run one way: ``app`` imports the command modules, which
  import ``common`` and ``output``, never ``app`` nor each other.
- No class is longer than about 300 lines (one job each; see docs/architecture.md).
- Nothing outside ``sendvault/platform/`` makes a call specific to the operating system
  (fork, flock, the agent's socket credentials, /proc, /dev/shm...): a port changes one package.


- The packages are layers (``LAYERS``): a package imports only packages below it, and
  its ``__init__`` docstring's "May import:" line names no more than that and no less
  than it uses. No module lies loose beside the packages, and none is over 600 lines.

Check it alone:  .venv/bin/python -m pytest -q -p no:cacheprovider tests/test_architecture.py
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "sendvault"


def _name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


FILES = {_name(p): p for p in sorted((ROOT / PACKAGE).rglob("*.py"))}
TREES = {name: ast.parse(path.read_text(encoding="utf-8"), str(path)) for name, path in FILES.items()}


def _is_package(module: str) -> bool:
    return FILES[module].name == "__init__.py"


def _top_level_names(module: str) -> set[str]:
    """Names a module binds at its top level (imports, assignments, functions, classes)."""
    names: set[str] = set()
    for node in TREES[module].body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def _runtime_nodes(tree: ast.AST):
    """Every node of ``tree`` except those under ``if TYPE_CHECKING:``."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                stack.extend(child.orelse)
            else:
                stack.append(child)


def _base(module: str, node: ast.ImportFrom) -> str | None:
    """The module a ``from ... import`` names, absolute; None outside sendvault."""
    if node.level == 0:
        return node.module if node.module and node.module.split(".")[0] == PACKAGE else None
    package = module.split(".") if _is_package(module) else module.split(".")[:-1]
    package = package[: len(package) - (node.level - 1)]
    return ".".join(package + ([node.module] if node.module else []))


class Import:
    """One import in a sendvault module: the module it loads, and the name it takes from it (if any)."""

    def __init__(self, source: str, target: str, name: str | None, line: int):
        self.source, self.target, self.name, self.line = source, target, name, line

    def __repr__(self) -> str:
        taken = f" ({self.name})" if self.name else ""
        return f"{FILES[self.source].relative_to(ROOT)}:{self.line}: {self.target}{taken}"


def imports(module: str) -> list[Import]:
    found = []
    for node in _runtime_nodes(TREES[module]):
        if isinstance(node, ast.Import):
            found += [Import(module, a.name, None, node.lineno) for a in node.names if a.name.split(".")[0] == PACKAGE]
        elif isinstance(node, ast.ImportFrom):
            base = _base(module, node)
            if base is None:
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                # ``from .pkg import mod`` loads pkg.mod, unless pkg's __init__ binds that name itself.
                if sub in FILES and not (base in FILES and alias.name in _top_level_names(base)):
                    found.append(Import(module, sub, None, node.lineno))
                else:
                    found.append(Import(module, base, alias.name, node.lineno))
    return found


IMPORTS = {module: imports(module) for module in FILES}
GRAPH = {module: sorted({i.target for i in found if i.target in FILES and i.target != module})
         for module, found in IMPORTS.items()}


def cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each as a closed path."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, []):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(_path(graph, sorted(component)))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def _path(graph: dict[str, list[str]], component: list[str]) -> list[str]:
    """A cycle through the component's first module, for the failure message."""
    members, start = set(component), component[0]
    paths = {start: [start]}
    queue = [start]
    while queue:
        v = queue.pop(0)
        for w in graph[v]:
            if w == start:
                return paths[v] + [start]
            if w in members and w not in paths:
                paths[w] = paths[v] + [w]
                queue.append(w)
    return component


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


# --- the rules -------------------------------------------------------------------------


def test_no_import_cycle():
    found = cycles(GRAPH)
    assert not found, "import cycles among sendvault modules:\n" + "\n".join(" -> ".join(c) for c in found)


def test_no_private_name_imported_from_another_module():
    bad = [i for found in IMPORTS.values() for i in found
           if i.target != i.source and ((i.name and _private(i.name)) or _private(i.target.rsplit(".", 1)[-1]))]
    assert not bad, "private names imported across modules (make them public, or move them):\n" + "\n".join(map(repr, bad))


def test_no_private_attribute_of_another_module():
    bad = []
    for module, tree in TREES.items():
        aliases = {}  # local name -> sendvault module it is bound to
        for node in _runtime_nodes(tree):
            if isinstance(node, ast.ImportFrom) and (base := _base(module, node)):
                for a in node.names:
                    if f"{base}.{a.name}" in FILES:
                        aliases[a.asname or a.name] = f"{base}.{a.name}"
            elif isinstance(node, ast.Import):
                aliases.update({a.asname: a.name for a in node.names if a.asname and a.name in FILES})
        for node in _runtime_nodes(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases
                    and aliases[node.value.id] != module and _private(node.attr)):
                bad.append(f"{FILES[module].relative_to(ROOT)}:{node.lineno}: {node.value.id}.{node.attr}")
    assert not bad, "private names used across modules:\n" + "\n".join(bad)


CLI = f"{PACKAGE}.cli"
COMMAND_MODULES = sorted(m for m, tree in TREES.items() if m.startswith(CLI + ".") and "commands" in _top_level_names(m))


def test_only_the_cli_package_imports_app():
    importers = sorted({i.source for found in IMPORTS.values() for i in found if i.target == f"{CLI}.app"})
    assert importers == [CLI], f"{CLI}.app is imported by {importers}; command modules import common instead"


@pytest.mark.parametrize("module", COMMAND_MODULES)
def test_a_command_module_imports_no_other_part_of_the_cli_but_common_and_output(module):
    allowed = {f"{CLI}.common", f"{CLI}.output"}
    bad = [i for i in IMPORTS[module] if i.target.startswith(CLI) and i.target not in allowed]
    assert not bad, f"{module} imports {bad}: what command modules share belongs in common.py"


def test_app_registers_every_command_module():
    import importlib

    app_module = importlib.import_module(f"{CLI}.app")  # (the package's ``app`` is the Typer object)
    registered = sorted(f"{CLI}.{m}" for m in app_module.COMMAND_MODULES)
    assert registered == COMMAND_MODULES, "list each module that defines `commands` in app.COMMAND_MODULES"


def test_app_knows_which_module_defines_each_command():
    """Commands are loaded lazily by name (app.COMMANDS): the table must say where each one is."""
    import importlib

    import typer.main

    app_module = importlib.import_module(f"{CLI}.app")
    defined = {name: m for m in app_module.COMMAND_MODULES
               for name in typer.main.get_group(app_module.command_module(m).commands).commands}
    assert defined == app_module.COMMANDS, "add each new command to app.COMMANDS with its module"


CLASS_LINES = 300


def test_no_class_is_longer_than_about_300_lines():
    long = [f"{FILES[m].relative_to(ROOT)}:{node.lineno}: {node.name} ({node.end_lineno - node.lineno + 1} lines)"
            for m, tree in TREES.items() for node in ast.walk(tree)
            if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno + 1 > CLASS_LINES]
    assert not long, "classes over ~300 lines: split them along their seams\n" + "\n".join(long)


# The layers, lowest first. A package imports only packages of a lower rank; packages
# of one rank (the agent and the records; what leaves the service and the statistics)
# never import each other.
LAYERS = {"basics": 0, "platform": 1, "store": 2, "agent": 3, "records": 3, "sync": 4,
          "disclosure": 5, "statistics": 5, "cli": 9}
MODULE_LINES = 600


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def layer_violations(imports: dict[str, list]) -> list[str]:
    bad = []
    for module, found in imports.items():
        here = _layer(module)
        for i in found:
            there = _layer(i.target)
            if here is None or there is None or here == there:
                continue
            if LAYERS[there] >= LAYERS[here]:
                bad.append(f"{i!r}: {here} (rank {LAYERS[here]}) may not import {there} (rank {LAYERS[there]})")
    return bad


def test_packages_import_only_lower_layers():
    bad = layer_violations(IMPORTS)
    assert not bad, "imports against the layers (docs/architecture.md):\n" + "\n".join(bad)


def test_nothing_lies_outside_the_packages():
    loose = sorted(m for m in FILES if _layer(m) is None and m not in (PACKAGE, f"{PACKAGE}.__main__"))
    assert not loose, f"modules beside the packages: {loose}; each belongs to one layer"
    assert set(LAYERS) == {m.split(".")[1] for m in FILES if _layer(m)}, "LAYERS names every package, and only those"


@pytest.mark.parametrize("package", sorted(set(LAYERS) - {"cli"}))
def test_a_package_says_what_it_may_import(package):
    """The docstring of each package's __init__ says its job and a "May import:" line that is true."""
    doc = ast.get_docstring(TREES[f"{PACKAGE}.{package}"]) or ""
    assert len(doc.split("May import:")[0].split()) >= 10, f"{package}/__init__.py: say the package's job"
    line = doc.split("May import:")[-1] if "May import:" in doc else None
    assert line is not None, f"{package}/__init__.py: add a 'May import:' line"
    said = {name for name in LAYERS if f"``{name}``" in line}
    below = {name for name, rank in LAYERS.items() if rank < LAYERS[package]}
    used = {_layer(i.target) for m, found in IMPORTS.items() if _layer(m) == package for i in found} - {package, None}
    assert said <= below, f"{package} says it may import {sorted(said - below)}, which are not below it"
    assert used <= said, f"{package} imports {sorted(used - said)} without its docstring saying so"


def test_no_module_is_over_600_lines():
    long = [f"{FILES[m].relative_to(ROOT)} ({n} lines)" for m in FILES
            if (n := len(FILES[m].read_text(encoding="utf-8").splitlines())) > MODULE_LINES]
    assert not long, "modules over 600 lines: split them by job (about 500 at most)\n" + "\n".join(long)


def test_the_checker_finds_cycles_and_private_imports():
    """The rules above would fail on the shapes they forbid."""
    assert cycles({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"]}) == [["a", "b", "c", "a"]]
    assert cycles({"a": ["b"], "b": []}) == []
    assert _private("_flatten") and not _private("__version__") and not _private("flatten")
    node = ast.parse("from ..cli.case_cmds import _flatten").body[0]
    assert _base(f"{CLI}.intake_cmd", node) == f"{CLI}.case_cmds"
    node = ast.parse("from . import output").body[0]
    assert _base(f"{CLI}.app", node) == CLI and _base(CLI, node) == CLI


def _mutation_bench(tmp_path=None, monkeypatch=None):
    """bench/mutation.py as a module; given a directory, its work directories and kept results go there."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("mutation_bench", ROOT / "bench" / "mutation.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    if tmp_path is not None:
        monkeypatch.setattr(bench, "OUT", tmp_path / "out")
        monkeypatch.setattr(bench, "SAVED", tmp_path / "saved")
    return bench


def test_the_mutation_runs_name_files_that_exist():
    """bench/mutation.py mutates files by path: a module moved or split must be followed there."""
    bench = _mutation_bench()
    assert set(bench.SOURCES) == set(bench.MODULES)
    missing = [p for paths in bench.SOURCES.values() for p in paths if not (ROOT / p).is_file()]
    assert not missing, f"bench/mutation.py names files that are not there: {missing}"
    tests = [t for module_tests, _ in bench.MODULES.values() for t in module_tests if not (ROOT / t).is_file()]
    assert not tests, f"bench/mutation.py names tests that are not there: {tests}"


# What only sendvault/platform/ may use: the calls, modules and places that are Linux's (or POSIX's
# without a counterpart elsewhere). A port replaces the platform package, and nothing else.
PLATFORM = f"{PACKAGE}.platform"
LINUX_ATTRIBUTES = {"fork", "setsid", "getsid", "flock", "lockf", "O_NOFOLLOW", "O_DIRECTORY", "getuid", "geteuid",
                    "statvfs", "SO_PEERCRED", "AF_UNIX", "prctl", "mlockall", "setrlimit", "getrlimit",
                    "SIGHUP", "SIGKILL"}
LINUX_MODULES = {"fcntl", "resource", "ctypes", "termios", "pwd"}


def _linux_string(value: object) -> bool:
    return isinstance(value, str) and (value.startswith(("/dev/shm", "/proc/")) or value == "XDG_RUNTIME_DIR")


def linux_calls(tree: ast.AST, interface: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """(line, what) for each use in ``tree`` of a call, module or place that belongs in the platform package.

    ``interface``: the local names bound to the platform package, whose attributes are its interface."""
    found = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and node.attr in LINUX_ATTRIBUTES
                and not (isinstance(node.value, ast.Name) and node.value.id in interface)):
            found.append((node.lineno, f".{node.attr}"))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, f"import {a.name}") for a in node.names if a.name.split(".")[0] in LINUX_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] in LINUX_MODULES:
                found.append((node.lineno, f"from {node.module} import"))
            found += [(node.lineno, f"from {node.module} import {a.name}") for a in node.names if a.name in LINUX_ATTRIBUTES]
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr"
              and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant) and node.args[1].value in LINUX_ATTRIBUTES):
            found.append((node.lineno, f"getattr(..., {node.args[1].value!r})"))
        elif isinstance(node, ast.Constant) and _linux_string(node.value):
            found.append((node.lineno, repr(node.value)))
    return found


def _platform_names(module: str) -> frozenset[str]:
    """The names ``module`` binds to the platform package (``from .. import platform``)."""
    return frozenset(a.asname or a.name for node in ast.walk(TREES[module]) if isinstance(node, ast.ImportFrom)
                     and _base(module, node) == PACKAGE for a in node.names if a.name == "platform")


def test_linux_calls_only_in_platform():
    bad = [f"{FILES[m].relative_to(ROOT)}:{line}: {what}" for m, tree in TREES.items()
           if m != PLATFORM and not m.startswith(PLATFORM + ".")
           for line, what in sorted(linux_calls(tree, _platform_names(m)))]
    assert not bad, ("calls specific to the operating system outside sendvault/platform/ "
                     "(add them to the platform interface and call that):\n" + "\n".join(bad))


def test_the_platform_package_binds_its_whole_interface():
    """Every name of ``platform.INTERFACE`` is there on this system (Linux), and nothing else is public."""
    import importlib

    platform = importlib.import_module(PLATFORM)
    missing = [name for name in platform.INTERFACE if not hasattr(platform, name)]
    assert not missing, f"the platform interface lacks {missing}"
    public = {n for n in vars(platform) if not n.startswith("_")} - {"annotations", "sys", "linux", "INTERFACE", "SUPPORTED"}
    assert public == set(platform.INTERFACE), public ^ set(platform.INTERFACE)


def test_the_checker_finds_linux_calls():
    """The platform rule would fail on each shape it forbids, and passes the portable ones."""
    source = """
import fcntl
from resource import setrlimit
from os import fork
os.setsid()
socket.socket(socket.AF_UNIX)
getattr(os, "geteuid")()
open("/proc/self/mountinfo")
open(f"/proc/{pid}/stat")
places = ("/dev/shm",)
os.environ.get("XDG_RUNTIME_DIR")
signal.signal(signal.SIGHUP, handler)
"""
    assert sorted({line for line, _ in linux_calls(ast.parse(source))}) == list(range(2, 13))
    portable = 'import os\nos.open(p, os.O_RDONLY)\nsignal.signal(signal.SIGINT, h)\nx = "see /dev/shm"\nplatform.fork()\n'
    assert linux_calls(ast.parse(portable), frozenset({"platform"})) == []
    assert linux_calls(ast.parse("os.fork()"), frozenset({"platform"})) == [(1, ".fork")]
    node = ast.parse("from .. import platform as system").body[0]
    assert _base(f"{PACKAGE}.store.storage", node) == PACKAGE


    upward = {f"{PACKAGE}.store.cases": [Import(f"{PACKAGE}.store.cases", f"{PACKAGE}.records.caseload", None, 1)],
              f"{PACKAGE}.records.merge": [Import(f"{PACKAGE}.records.merge", f"{PACKAGE}.store.vault", None, 1)],
              f"{PACKAGE}.agent.keyholder": [Import(f"{PACKAGE}.agent.keyholder", f"{PACKAGE}.records.editing", None, 1)]}
    found = layer_violations(upward)
    assert len(found) == 2 and "store (rank 2) may not import records" in found[0] and "agent" in found[1]


def test_the_mutation_runs_give_pytest_a_mutants_tests_fastest_first(tmp_path, monkeypatch):
    """bench/mutation.py's pytest plugin orders a mutant's tests by the times mutmut measured (unknown ones last),
    so that a quick test that catches the mutant runs before the slow ones."""
    import importlib.util
    import types

    bench = _mutation_bench()
    bench._subprocess_env(tmp_path)
    assert "mutation_fastest_first" in bench._config("redact", ["tests/test_redact.py"])
    spec = importlib.util.spec_from_file_location("fastest", tmp_path / "site" / "mutation_fastest_first.py")
    plugin = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(plugin)
    state = types.SimpleNamespace(duration_by_test={"t::slow": 3.0, "t::quick": 0.1, "t::middle": 1.0})
    monkeypatch.setitem(sys.modules, "mutmut.state", types.SimpleNamespace(state=lambda: state))
    items = [types.SimpleNamespace(nodeid=n) for n in ("t::slow", "t::unknown", "t::quick", "t::middle")]
    plugin.pytest_collection_modifyitems(items)
    assert [i.nodeid for i in items] == ["t::quick", "t::middle", "t::slow", "t::unknown"]


def test_the_mutation_runs_results_are_saved_and_planted_in_a_new_work_directory(tmp_path, monkeypatch):
    """A new checkout has no bench/out: bench/mutation.py keeps each module's results in bench/mutation-results/ and
    plants them, in mutmut's own form, where a run finds no mutants yet; a mutant not tested stays untested."""
    import json

    bench = _mutation_bench(tmp_path, monkeypatch)
    source = bench.SOURCES["keys"][0]
    prefix = source.removesuffix(".py").replace("/", ".")
    meta = {"exit_code_by_key": {f"{prefix}.x_seal__mutmut_1": 1, f"{prefix}.x_seal__mutmut_2": 0,
                                 f"{prefix}.xǁKeyringǁopen__mutmut_1": 36, f"{prefix}.xǁKeyringǁopen__mutmut_2": None},
            "hash_by_function_name": {"x_seal": "aaa", "xǁKeyringǁopen": "bbb"},
            "type_check_error_by_key": {}, "durations_by_key": {}, "estimated_durations_by_key": {}}
    (tmp_path / "out" / "keys" / "mutants" / source).parent.mkdir(parents=True)
    (tmp_path / "out" / "keys" / "mutants" / (source + ".meta")).write_text(json.dumps(meta))
    (tmp_path / "out" / "keys" / "recheck.json").write_text(json.dumps({f"{prefix}.x_seal__mutmut_2": "survived, killed by x"}))
    assert bench.save("keys") == tmp_path / "saved" / "keys.json"

    fresh = tmp_path / "fresh"
    assert bench._restore("keys", fresh)
    planted = json.loads((fresh / "mutants" / (source + ".meta")).read_text())
    assert planted["hash_by_function_name"] == meta["hash_by_function_name"]
    assert planted["exit_code_by_key"] == {k: v for k, v in meta["exit_code_by_key"].items() if v is not None}
    assert json.loads((fresh / "recheck.json").read_text()) == {f"{prefix}.x_seal__mutmut_2": "survived, killed by x"}
    assert not bench._restore("keys", fresh)  # a work directory with mutants keeps its own
    # Only the untested are named to a run of a module named by its functions.
    monkeypatch.setattr(bench, "OUT", tmp_path)
    (tmp_path / "keys").symlink_to(tmp_path / "out" / "keys")
    assert bench._untested("keys", [f"{prefix}.*"]) == [f"{prefix}.xǁKeyringǁopen__mutmut_2"]


def test_the_mutation_table_reads_the_kept_results_where_no_run_was_made_here(tmp_path, monkeypatch, capsys):
    """docs/reliability.md's figures are `bench/mutation.py --table`'s: in a new checkout, with no work directory,
    the table counts what bench/mutation-results/ keeps (mutmut's exit codes, the recheck's kills) and says so."""
    import json

    bench = _mutation_bench(tmp_path, monkeypatch)
    source = bench.SOURCES["keys"][0]
    prefix = source.removesuffix(".py").replace("/", ".")
    (tmp_path / "saved").mkdir()
    (tmp_path / "saved" / "keys.json").write_text(json.dumps({
        "files": {source: {"x_seal": {"hash": "a", "codes": {"1": 1, "2": 0, "3": 0, "4": -24, "5": 33}}}},
        "recheck.json": {f"{prefix}.x_seal__mutmut_2": "survived, killed by x", f"{prefix}.x_seal__mutmut_3": "survived"}}))
    bench.table(["keys", "consent"], {})
    out = capsys.readouterr().out
    assert "| keys | 5 | 1 | 2 | 1 | 1 | 0 | 0 | 1 |  |" in out
    assert "| consent | not run |" in out and "keys: from bench/mutation-results/keys.json" in out
