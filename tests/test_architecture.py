"""The shape of hubgen/: data flows one way through its stage packages, with no import loop.

Read from the source with ``ast`` (nothing is imported), so every import counts: at the top of a module,
inside a function (a lazy import that dodges a loop is still a loop) and under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "hubgen"

#: The stages, first to last. A module imports modules of its own stage and of earlier ones, never of a
#: later one; two stages of one rank (the engine adapters and the staff commands) do not import each other.
STAGES = {
    "hubgen.content": 0,  # read files, models, problems
    "hubgen.hub": 1,  # the resolved graph
    "hubgen.site": 2,  # addresses, pages and every output
    "hubgen.adapters": 3,  # the site engines (MkDocs, Zensical, a plain docs tree)
    "hubgen.authoring": 3,  # the commands staff run besides the build
    "hubgen.checks": 3,  # the hub's checks (``hubgen test``): they run the commands and the build as staff do
    "hubgen.cli": 4,  # the ``hubgen`` command: check, build, new, import…
    "hubgen": 0,  # the package itself: only its version (which the command prints); it imports nothing
}
#: The only package that may import the MkDocs engine or its Material theme.
ENGINE_PACKAGE = "hubgen.adapters.mkdocs"
ENGINE_MODULES = ("mkdocs", "material")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(module: str) -> list[tuple[int, str]]:
    """(line, name) of everything ``module`` imports: hubgen modules by their full name, others by theirs."""
    path = MODULES[module]
    here = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(here[: len(here) - node.level + 1] + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            for alias in node.names:  # ``from . import models`` imports the module hubgen.content.models
                sub = f"{base}.{alias.name}"
                found.append((node.lineno, sub if sub in MODULES else base))
    return found


def _stage(module: str) -> tuple[str, int]:
    for prefix in sorted(STAGES, key=len, reverse=True):
        if module == prefix or module.startswith(prefix + "."):
            return prefix, STAGES[prefix]
    raise AssertionError(f"{module} is in no stage: add its package to STAGES in tests/test_architecture.py")


def _graph() -> dict[str, set[str]]:
    return {m: {name for _, name in _imports(m) if name in MODULES and name != m} for m in MODULES}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), each as a sorted list."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_every_module_is_in_a_stage():
    for module in MODULES:
        _stage(module)


def test_no_import_loop():
    assert _cycles(_graph()) == [], "hubgen's modules import each other in a loop"


def test_no_import_from_a_later_stage():
    upward = []
    for module in MODULES:
        package, rank = _stage(module)
        for line, name in _imports(module):
            if name not in MODULES or name == module:
                continue
            target, target_rank = _stage(name)
            if target != package and target_rank >= rank:
                upward.append(f"{MODULES[module].relative_to(PACKAGE.parent)}:{line}: {module} imports {name}")
    assert upward == [], "\n".join(upward)


def test_only_the_mkdocs_adapter_imports_the_engine():
    leaks = [
        f"{MODULES[module].relative_to(PACKAGE.parent)}:{line}: {name}"
        for module in MODULES
        if not (module == ENGINE_PACKAGE or module.startswith(ENGINE_PACKAGE + "."))
        for line, name in _imports(module)
        if name.split(".")[0] in ENGINE_MODULES
    ]
    assert leaks == [], "\n".join(leaks)


# --- the checks themselves: each fails on what it is there to catch ----------------------------------------


def test_the_loop_finder_finds_a_loop_through_a_lazy_import(tmp_path, monkeypatch):
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    lazy = tmp_path / "lazy.py"
    lazy.write_text("def f():\n    from .graph import Hub\n", encoding="utf-8")
    monkeypatch.setitem(MODULES, "hubgen.content.lazy", lazy)
    assert (2, "hubgen.content.graph") in _imports("hubgen.content.lazy")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from ..hub.graph import Hub\n", "hubgen.hub.graph"),
        ("from .. import site\n", "hubgen.site"),
        ("import mkdocs.plugins\n", "mkdocs.plugins"),
    ],
)
def test_imports_are_read_with_their_full_names(tmp_path, monkeypatch, source, expected):
    path = tmp_path / "m.py"
    path.write_text(source, encoding="utf-8")
    monkeypatch.setitem(MODULES, "hubgen.content.m", path)
    assert [name for _, name in _imports("hubgen.content.m")] == [expected]


def test_hubgen_import_loads_neither_citeproc_nor_the_site():
    """``hubgen import`` reads the reading-type tables from hubgen/content/readingtypes.py: loading the importer
    must not load (and patch) citeproc-py, nor any module of the site stage (a subprocess: this run has both)."""
    probe = (
        "import sys, hubgen.authoring.importer; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'citeproc' or m.startswith('hubgen.site')))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stdout
