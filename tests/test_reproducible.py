"""A release is reproducible: the same hub and the same Hubgen give the same site tomorrow.

- Its dependencies are pinned (hubgen/constraints.txt, written by tools/constraints.py), and the pins are what
  the tests run with.
- Every patch of a library's insides checks what it changes first and stops with the version to pin when the
  library has changed (hubgen/content/patches.py), rather than building something else.
- Every cache is keyed on everything its output depends on, and a build with a cold cache and one with a warm
  cache give the same bytes. The tests' builds keep their caches in a temporary folder (tests/conftest.py).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import jinja2
import pytest
from citeproc import model

from hubgen.adapters import common
from hubgen.content import models, patches
from hubgen.content.cachefile import salt
from hubgen.site import icalfold, render, templating
from hubgen.site.citations import bibtexformat, caches, citeproc_patches
from tests.helpers import EXAMPLE_HUB, REPO, copy_example_hub, mkdocs_build

# --- pinned dependencies ------------------------------------------------------------------------------------


def test_the_constraints_pin_every_dependency_at_the_version_tested() -> None:
    """hubgen/constraints.txt is what tools/constraints.py writes from the packages installed (so the tests run
    the versions a hub installs), it pins with == only, and it ships inside the package."""
    check = subprocess.run(
        [sys.executable, "tools/constraints.py", "--check"], cwd=REPO, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
    pins = patches.pinned()
    for package in ("citeproc-py", "bibtexparser", "icalendar", "mkdocs-material", "jinja2", "pydantic"):
        assert pins[package] == version(package), package
    assert not [f"{p}=={v}" for p, v in pins.items() if re.search(r"\d(a|b|rc|\.dev)\d", v)]  # no pre-release
    assert patches.CONSTRAINTS.parent == REPO / "hubgen"
    assert '"constraints.txt"' in (REPO / "pyproject.toml").read_text(encoding="utf-8")  # package-data


# --- patches that fail loudly -------------------------------------------------------------------------------


def _assert_names_the_pin(error: pytest.ExceptionInfo[patches.LibraryChanged], package: str, what: str) -> None:
    message = str(error.value)
    assert f"Hubgen patches {package} {version(package)}" in message
    assert what in message
    assert f"pip install '{package}=={patches.pinned()[package]}'" in message


def test_a_citeproc_method_gone_stops_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model.Label, "case", None)  # gone (a base class has one of its own to fall back on)
    with pytest.raises(patches.LibraryChanged) as error:
        citeproc_patches._suppress_substituted_variables()
    _assert_names_the_pin(error, "citeproc-py", "Label.case is gone")


def test_a_citeproc_method_taking_other_parameters_stops_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model.Names, "process", lambda self, item, context=None, **kwargs: None)
    with pytest.raises(patches.LibraryChanged) as error:
        citeproc_patches._suppress_substituted_variables()
    _assert_names_the_pin(error, "citeproc-py", "Names.process takes (self, item, context, kwargs)")


def test_a_citeproc_lookup_gone_stops_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(model.CitationStylesElement, "get_macro")
    with pytest.raises(patches.LibraryChanged) as error:
        citeproc_patches._memoize_citeproc()
    _assert_names_the_pin(error, "citeproc-py", "CitationStylesElement.get_macro is gone")


def test_a_bibtexparser_step_gone_stops_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    from bibtexparser import middlewares

    monkeypatch.setattr(middlewares.LatexEncodingMiddleware, "_transform_python_value_string", None)
    with pytest.raises(patches.LibraryChanged) as error:
        bibtexformat._check_latex_encoder()
    _assert_names_the_pin(error, "bibtexparser", "_transform_python_value_string is gone")


def test_icalendar_without_its_line_folding_stops_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(icalfold._content_line, "_foldline")
    with pytest.raises(patches.LibraryChanged) as error:
        icalfold.fold_short_lines_at_once()
    _assert_names_the_pin(error, "icalendar", "_foldline is gone")
    monkeypatch.setattr(icalfold, "_content_line", None)  # icalendar.parser.content_line itself gone
    with pytest.raises(patches.LibraryChanged):
        icalfold.fold_short_lines_at_once()


def test_the_patches_apply_to_the_pinned_libraries() -> None:
    """With the versions pinned, every patch is in place (each keeps the original it wraps)."""
    assert model.Names.process.__wrapped__ and model.Label.case.__wrapped__
    assert model.CitationStylesElement.get_macro.__wrapped__
    assert icalfold._content_line._foldline.__wrapped__


# --- caches keyed on everything their output depends on -----------------------------------------------------


def _environment(**options: object) -> jinja2.Environment:
    env = jinja2.Environment(trim_blocks=True, lstrip_blocks=True, autoescape=True, **options)  # type: ignore[arg-type]
    env.filters["when"] = str
    return env


def test_compiled_templates_are_kept_apart_by_options_filters_and_jinja(monkeypatch: pytest.MonkeyPatch) -> None:
    base = templating.compiler_key(_environment())
    assert templating.compiler_key(_environment()) == base  # the same compiler: the same folder
    assert templating.compiler_key(_environment(keep_trailing_newline=True)) != base
    assert templating.compiler_key(jinja2.Environment(autoescape=True)) != base  # no trim_blocks
    other = _environment()
    other.filters["extra"] = str
    assert templating.compiler_key(other) != base
    monkeypatch.setattr(jinja2, "__version__", "99.0.0")
    assert templating.compiler_key(_environment()) != base


def test_a_renderer_keeps_compiled_templates_under_its_compiler(tmp_path: Path, hub) -> None:
    renderer = render.Renderer(hub, cache_dir=tmp_path)
    folder = Path(renderer.env.bytecode_cache.directory)  # type: ignore[union-attr]
    assert folder == tmp_path / "templates" / templating.compiler_key(renderer.env)


def test_references_and_exports_miss_the_cache_when_the_models_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The APA text and the exports depend on the models' rules (rich text in titles, the fields' JSON), not only on
    the citation modules: an edit to models.py gives other keys."""
    before = caches._salt(), caches._export_salt()
    edited = tmp_path / "models.py"
    edited.write_bytes(Path(models.__file__).read_bytes() + b"\n# RICH_TEXT changed\n")
    monkeypatch.setattr(models, "__file__", str(edited))
    caches._salt.cache_clear()
    caches._export_salt.cache_clear()
    try:
        assert caches._salt() != before[0] and caches._export_salt() != before[1]
    finally:
        monkeypatch.undo()
        caches._salt.cache_clear()
        caches._export_salt.cache_clear()
    assert (caches._salt(), caches._export_salt()) == before


def test_salt_changes_with_each_file_and_package(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.write_text("a")
    two.write_text("b")
    base = salt([one, two], ["jinja2"])
    assert salt([two, one], ["jinja2"]) != base  # parts are kept apart, in order
    assert salt([one, two], ["jinja2", "pydantic"]) != base
    two.write_text("c")
    assert salt([one, two], ["jinja2"]) != base


def test_the_tests_build_with_a_temporary_cache() -> None:
    """Builds under the tests keep their caches in this run's temporary folder, never in the hub (a local run
    would otherwise start warm where CI starts cold)."""
    shared = Path(os.environ[common.CACHE_VARIABLE])
    assert not shared.is_relative_to(REPO)
    assert common.cache_dir(EXAMPLE_HUB).parent == shared
    assert common.cache_dir(EXAMPLE_HUB) != common.cache_dir(REPO)  # a folder per hub


def test_a_cold_and_a_warm_build_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hub = copy_example_hub(tmp_path / "hub")
    cache = tmp_path / "cache"
    monkeypatch.setenv(common.CACHE_VARIABLE, str(cache))
    # The sitemap's dates, and "today": 2028-01-01, after every session of the example (a recording on a session
    # still to come is a warning, which --strict fails on).
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1830297600")
    cold = mkdocs_build(hub, tmp_path / "cold")
    assert cold.returncode == 0, cold.stderr
    kept = common.cache_dir(hub)
    names = ("yaml.json", "markdown.json", "apa.json", "exports.json", "feeds.json", "pages.jsonl", "fragments.jsonl")
    names += ("datauris.json", "markup.json", "digests.json")
    for name in names:
        assert (kept / name).stat().st_size > 2, name  # the warm build has something to take
    assert any((kept / "templates").rglob("*.cache")) and any((kept / "images").rglob("*.*"))
    assert len(list((kept / "icons").glob("*.png"))) == 2  # the home-screen icons (hubgen/site/offline.py)
    warm = mkdocs_build(hub, tmp_path / "warm")
    assert warm.returncode == 0, warm.stderr
    files = {p.relative_to(tmp_path / "cold") for p in (tmp_path / "cold").rglob("*") if p.is_file()}
    assert files == {p.relative_to(tmp_path / "warm") for p in (tmp_path / "warm").rglob("*") if p.is_file()}
    differ = [
        str(f) for f in sorted(files) if (tmp_path / "cold" / f).read_bytes() != (tmp_path / "warm" / f).read_bytes()
    ]
    assert not differ, differ[:20]
    shutil.rmtree(cache)
