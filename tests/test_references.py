"""Every module, file and command that Hubgen's own text names exists.

Comments, docstrings, messages, the shipped JSON Schemas, templates, JavaScript, stylesheets and the workflows
name Hubgen's modules (``hubgen/site/feeds.py``, ``hubgen.content.models``, ``python -m hubgen.cli``) and other
files of the repository (``tests/test_privacy.py``, ``bench/…``). A module that moves leaves such names behind,
and a maintainer who follows one finds nothing: each is checked here against the tree.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "hubgen"

#: The files whose text is read: everything Hubgen ships that is text, the repository's workflows, the README.
SUFFIXES = {".py", ".j2", ".html", ".js", ".css", ".json", ".md", ".yml", ".yaml", ".ini", ".txt"}
#: The folders a repository path starts with (a hub's own paths, content/... and programs/..., are the hub's).
REPO_FOLDERS = ("hubgen", "tests", "bench", "tools", ".github")
#: Hubgen's stage packages: ``site/render.py`` inside hubgen/ names hubgen/site/render.py.
SUBPACKAGES = tuple(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
#: What a file name ends in.
FILE_END = r"\.(?:py|j2|html|js|css|json|csl|md|yml|yaml|ini|txt|sha256)\b"

#: ``hubgen/site/feeds.py``, ``tests/test_privacy.py``, ``.github/workflows/x.yml`` (and a folder: ``hubgen/csl/``).
REPO_PATH = re.compile(
    r"(?<![\w./<>{}$-])((?:"
    + "|".join(re.escape(f) for f in REPO_FOLDERS)
    + r")/[\w./-]*?(?:"
    + FILE_END[:-2]
    + r"|/))"
    r"(?![\w/<{*]|\.\w)"
)
#: ``site/render.py``, ``content/patches.py`` — a module named from inside hubgen/.
PACKAGE_PATH = re.compile(r"(?<![\w./<>{}$-])((?:" + "|".join(SUBPACKAGES) + r")/[\w/]+\.py)\b")
#: ``hubgen.content.models``, ``hubgen.site.citations.apa``, ``python -m hubgen.cli``.
DOTTED = re.compile(r"(?<![\w./-])(hubgen(?:\.[A-Za-z_]\w*)+)")
#: Dotted names that are files, not modules: ``hubgen.css``, ``hubgen.js``; ``hubgen.invalid``, the host of an
#: event's UID (RFC 2606's reserved top-level domain).
FILE_NAMES = {"css", "js", "json", "yml", "yaml", "html", "md", "egg-info", "egg", "txt", "invalid"}
#: Where ``hubgen.x`` is not a module: JavaScript and templates use it as the prefix of their storage keys
#: (``localStorage["hubgen.mine"]``).
NOT_PYTHON = {".js", ".j2", ".html", ".css"}
#: The workflows ``hubgen init`` writes into a hub's ``.github/workflows/``: the README and the starters name them
#: where a hub has them.
HUB_WORKFLOWS = PACKAGE / "starters" / "hub" / "standalone" / "workflows"


def _files() -> list[Path]:
    found = [p for p in sorted(PACKAGE.rglob("*")) if p.is_file() and p.suffix in SUFFIXES]
    found += sorted((REPO / ".github").rglob("*.yml"))
    found.append(REPO / "README.md")  # (not CHANGELOG.md: it names modules where they were at each release)
    return [p for p in found if "__pycache__" not in p.parts]


@cache
def _names_in(module: Path) -> frozenset[str]:
    """The names a module defines or imports at its top level (functions, classes, constants, re-exports)."""
    names: set[str] = set()
    for node in ast.parse(module.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.ImportFrom | ast.Import):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return frozenset(names)


def _module(parts: list[str]) -> Path | None:
    base = REPO.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def dotted_exists(name: str) -> bool:
    """``hubgen.a.b`` is a module, a package, or a name a module defines (``hubgen.site.citations.apa``,
    ``hubgen.content.models.Reading``, ``hubgen.content.models.Reading.title``: a class's attribute is not
    looked into)."""
    parts = name.split(".")
    if parts[-1] in FILE_NAMES or (len(parts) == 2 and parts[1] == "egg"):
        return True
    for cut in range(len(parts), 0, -1):
        module = _module(parts[:cut])
        if module is None:
            continue
        rest = parts[cut:]
        return not rest or rest[0] in _names_in(module) or (module.parent / rest[0]).is_dir()
    return False


def _references() -> list[tuple[str, str]]:
    """Every (file:line, name) the text of Hubgen names, of the kinds above."""
    found: list[tuple[str, str]] = []
    for path in _files():
        rel = path.relative_to(REPO).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            where = f"{rel}:{number}"
            found += [(where, m.group(1)) for m in REPO_PATH.finditer(line)]
            found += [(where, "hubgen/" + m.group(1)) for m in PACKAGE_PATH.finditer(line)]
            if path.suffix not in NOT_PYTHON:
                found += [(where, m.group(1)) for m in DOTTED.finditer(line)]
    return found


def _exists(name: str) -> bool:
    if "/" not in name:
        return dotted_exists(name)
    if name.startswith(".github/workflows/") and (HUB_WORKFLOWS / name.removeprefix(".github/workflows/")).is_file():
        return True
    return (REPO / name).exists()


def test_every_named_module_and_file_exists():
    references = _references()
    assert len(references) > 100  # the patterns do find what the text names
    missing = sorted({f"{where}: {name}" for where, name in references if not _exists(name)})
    assert missing == [], "names of modules or files that do not exist:\n" + "\n".join(missing)


# --- the checker itself: it finds what it is there to find ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("see hubgen/site/feeds.py and tests/test_privacy.py.", ["hubgen/site/feeds.py", "tests/test_privacy.py"]),
        ("the patches (content/patches.py)", ["hubgen/content/patches.py"]),
        ("`hubgen/templates/reading.md.j2`", ["hubgen/templates/reading.md.j2"]),
        ("generated from hubgen.content.models", ["hubgen.content.models"]),
        ("run `python -m hubgen.importer FILE`", ["hubgen.importer"]),
        ("a hub's content/readings/x.yml, hubgen.css, a URL https://x.org/hubgen/site/a.py", ["hubgen.css"]),
    ],
)
def test_the_patterns_find_the_names(text, names):
    found = [m.group(1) for m in REPO_PATH.finditer(text)]
    found += ["hubgen/" + m.group(1) for m in PACKAGE_PATH.finditer(text)]
    found += [m.group(1) for m in DOTTED.finditer(text)]
    assert sorted(found) == sorted(names)


def test_moved_modules_are_missing():
    assert not _exists("hubgen.importer")
    assert not _exists("hubgen/history.py")
    assert not _exists("hubgen.content.models.NoSuchThing")
    assert _exists("hubgen.content.models.Reading")
    assert _exists("hubgen.site.citations.apa")
    assert _exists("hubgen/csl/")
