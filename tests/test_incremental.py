"""The preview (``hubgen serve``, ``make serve``) re-renders only what a save changed: after any sequence of edits
its site folder is, byte for byte, what a clean build of the same files makes (hubgen/adapters/mkdocs/preview.py).

Random short sequences of edits (add, change, rename, delete a session, a reading, a person; a series date; a
template override of the theme and of hubgen; a hand-written page) are applied to a copy of a small hub; after
each, the preview kept since the first build is compared with a new preview built from nothing (its own cache
folder, new plugin instances). Between two sequences the hub is put back as it was, which the preview sees as
one more save, and compared too.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.config import config_options
from mkdocs.config.defaults import MkDocsConfig

from hubgen.adapters.common import CACHE_VARIABLE
from hubgen.adapters.mkdocs.preview import Preview
from hubgen.content.loader import load
from hubgen.content.problems import Problem, Problems
from hubgen.content.reader import Memo
from hubgen.hub.graph import HubOptions
from hubgen.hub.load import load_hub
from tests.helpers import EXAMPLE_HUB

SOURCE = EXAMPLE_HUB.parent / "westside"
COHORT = "programs/red-de-promotoras/2027"
SESSION = f"{COHORT}/sessions/2027-03-18-taller-salud-mental.md"
READING = "content/readings/promotoras-model-2021.yml"
PERSON = "content/people/soren-orsted.yml"
SERIES = f"{COHORT}/series/circulo.yml"
SERIES_TEXT = """\
title: Círculo de promotoras
type: taller
weekday: thursday
starts: 2027-04-01
ends: 2027-04-22
time: 18:00-19:00
dates:
  2027-04-08: {{title: "{title}"}}
"""
NEW_SESSION = """\
---
title: {title}
type: taller
time: 09:00-10:00
facilitators: [soren-orsted]
---
{body}
"""
OVERRIDE = """\
{{% extends "base.html" %}}
{{% block content %}}{{{{ super() }}}}<p class="preview-override">{text}</p>{{% endblock %}}
"""
SITE_URL = "http://127.0.0.1:8000/hub/"


def _text(words: str) -> str:
    return " ".join(words.split()) or "Nada"


# Each edit: a function of the hub's folder and a few words, changing one or two files as staff would.
def change_session(root: Path, words: str) -> None:
    path = root / SESSION
    path.write_text(path.read_text(encoding="utf-8") + f"\n{_text(words)}\n", encoding="utf-8")


def add_session(root: Path, words: str) -> None:
    day = 10 + len(words) % 15
    path = root / COHORT / "sessions" / f"2027-06-{day}-nueva.md"
    path.write_text(NEW_SESSION.format(title=_text(words), body=f"Agenda: {_text(words)}."), encoding="utf-8")


def rename_session(root: Path, words: str) -> None:
    sessions = sorted((root / COHORT / "sessions").glob("*.md"))
    source = sessions[len(words) % len(sessions)]
    target = source.with_name(f"2027-07-{10 + len(words) % 15}-movida.md")
    if not target.exists():
        source.rename(target)


def delete_session(root: Path, words: str) -> None:
    added = sorted((root / COHORT / "sessions").glob("*-nueva.md")) + sorted(
        (root / COHORT / "sessions").glob("*-movida.md")
    )
    if added:
        added[len(words) % len(added)].unlink()
    else:
        (root / SESSION).unlink(missing_ok=True)


def change_reading(root: Path, words: str) -> None:
    path = root / READING
    text = path.read_text(encoding="utf-8").replace("title: ", f'title: "{_text(words)}" # was: ', 1)
    path.write_text(text, encoding="utf-8")


def add_reading(root: Path, words: str) -> None:
    (root / "content/readings/nueva-lectura.yml").write_text(
        f'title: "{_text(words)}"\ntype: article\nauthors: ["Ruiz, Eva"]\nyear: 2024\nurl: https://example.org/r\n'
        "topics: [promotoras]\n",
        encoding="utf-8",
    )


def delete_reading(root: Path, words: str) -> None:
    (root / "content/readings/nueva-lectura.yml").unlink(missing_ok=True)


def change_person(root: Path, words: str) -> None:
    path = root / PERSON
    text = path.read_text(encoding="utf-8").replace("name: Søren Ørsted", f"name: Søren {_text(words)}")
    path.write_text(text, encoding="utf-8")


def add_person(root: Path, words: str) -> None:
    (root / "content/people/eva-ruiz.yml").write_text(
        f"name: Eva {_text(words)}\nrole: Faculty\nvisibility: public\nbio: Promotora.\n", encoding="utf-8"
    )


def delete_person(root: Path, words: str) -> None:
    (root / "content/people/eva-ruiz.yml").unlink(missing_ok=True)


def series_date(root: Path, words: str) -> None:
    (root / SERIES).parent.mkdir(parents=True, exist_ok=True)
    (root / SERIES).write_text(SERIES_TEXT.format(title=_text(words)), encoding="utf-8")


def theme_override(root: Path, words: str) -> None:
    (root / "theme/main.html").write_text(OVERRIDE.format(text=_text(words)), encoding="utf-8")


def hubgen_override(root: Path, words: str) -> None:
    original = (Path(__file__).parent.parent / "hubgen/templates/person.md.j2").read_text(encoding="utf-8")
    (root / "theme/hubgen/person.md.j2").write_text(original + f"\n{_text(words)}\n", encoding="utf-8")


def remove_overrides(root: Path, words: str) -> None:
    (root / "theme/main.html").unlink(missing_ok=True)
    (root / "theme/hubgen/person.md.j2").unlink(missing_ok=True)


def home_page(root: Path, words: str) -> None:
    path = root / "content/index.md"
    path.write_text(f"# {_text(words)}\n\n<!-- hubgen:upcoming limit=2 -->\n", encoding="utf-8")


EDITS: list[Callable[[Path, str], None]] = [
    change_session,
    add_session,
    rename_session,
    delete_session,
    change_reading,
    add_reading,
    delete_reading,
    change_person,
    add_person,
    delete_person,
    series_date,
    theme_override,
    hubgen_override,
    remove_overrides,
    home_page,
]


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def fresh_plugins() -> None:
    """Forget MkDocs' plugin instances (kept between two loads of a config, as under mkdocs serve)."""
    for _name, option in MkDocsConfig._schema:
        if isinstance(option, config_options.Plugins):
            option.plugin_cache.clear()


def sources(root: Path) -> str:
    """A digest of every file a build of the hub at ``root`` reads (mkdocs.yml, content, programs, theme)."""
    digest = hashlib.sha256()
    for path in [
        root / "mkdocs.yml",
        *sorted(p for part in ("content", "programs", "theme") for p in (root / part).rglob("*")),
    ]:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"/")
        digest.update(b"\0")
    return digest.hexdigest()


#: Clean builds already made in this run, by the digest of their sources: every example ends with the hub put back
#: as it was, and a clean build of the same files is the same site (tests/test_reproducible.py), so that one is built
#: once instead of once per example (a third of the clean builds of the property test). The preview itself is still
#: built and compared after every edit.
_CLEAN: dict[str, dict[str, bytes]] = {}


def clean_build(root: Path, out: Path) -> dict[str, bytes]:
    """What a new preview builds from nothing: its own cache folder, new plugin instances, an empty site folder."""
    key = sources(root)
    if key not in _CLEAN:
        _CLEAN[key] = _clean_build(root, out)
    return _CLEAN[key]


def _clean_build(root: Path, out: Path) -> dict[str, bytes]:
    shutil.rmtree(out, ignore_errors=True)
    before = os.environ.get(CACHE_VARIABLE)
    os.environ[CACHE_VARIABLE] = str(out.parent / f"cache-{out.name}")
    shutil.rmtree(os.environ[CACHE_VARIABLE], ignore_errors=True)
    try:
        fresh_plugins()
        Preview(root / "mkdocs.yml", out, site_url=SITE_URL).build()
    finally:
        fresh_plugins()
        if before is None:
            del os.environ[CACHE_VARIABLE]
        else:
            os.environ[CACHE_VARIABLE] = before
    return tree(out)


def differences(got: dict[str, bytes], want: dict[str, bytes]) -> list[str]:
    return sorted(
        [f"only in the preview: {p}" for p in got.keys() - want.keys()]
        + [f"only in the clean build: {p}" for p in want.keys() - got.keys()]
        + [f"differs: {p}" for p in got.keys() & want.keys() if got[p] != want[p]]
    )


@pytest.fixture(scope="module")
def kept(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Preview, Path]]:
    """A copy of the small hub (with a theme folder), its preview (built once), and a folder for clean builds."""
    base = tmp_path_factory.mktemp("incremental")
    root = base / "hub"
    shutil.copytree(SOURCE, root)
    (root / "theme/hubgen").mkdir(parents=True)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  name: material\n", "  name: material\n  custom_dir: theme\n"),
        encoding="utf-8",
    )
    pristine = base / "pristine"
    shutil.copytree(root, pristine)
    preview = Preview(config, base / "site", site_url=SITE_URL)
    preview.build()
    yield root, preview, base


def restore(root: Path, pristine: Path) -> None:
    for folder in ("content", "programs", "theme"):
        shutil.rmtree(root / folder)
        shutil.copytree(pristine / folder, root / folder)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    edits=st.lists(
        st.tuples(st.sampled_from(EDITS), st.text("abcdeñ ", min_size=1, max_size=8)), min_size=1, max_size=3
    )
)
def test_the_preview_after_any_edits_is_a_clean_build(kept, edits):
    root, preview, base = kept
    try:
        for edit, words in edits:
            edit(root, words)
            preview.build()
            got = tree(preview.site_dir)
            assert not differences(got, clean_build(root, base / "clean")), f"after {edit.__name__}({words!r})"
    finally:
        restore(root, base / "pristine")
    preview.build()
    assert not differences(tree(preview.site_dir), clean_build(root, base / "clean")), "after putting the hub back"


def test_a_save_re_renders_only_its_page(kept):
    """Changing one session's text writes that session's page first, then re-renders only what shows it."""
    root, preview, _base = kept
    shown: list[bytes] = []
    page = preview.site_dir / "programs/red-de-promotoras/2027/sessions/2027-03-18-taller-salud-mental/index.html"
    preview.on_first_pages = lambda: shown.append(page.read_bytes())
    try:
        change_session(root, "una línea más")
        stats = preview.build()
        assert stats.first == 1, stats
        assert len(shown) == 1 and "una línea más".encode() in shown[0]
        assert page.read_bytes() == shown[0]  # the rest of the build found the page as it had to be
        assert stats.rendered + stats.converted < stats.pages // 2, stats
    finally:
        preview.on_first_pages = None
        restore(root, root.parent / "pristine")
        preview.build()


@pytest.fixture(scope="module")
def hub_folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A copy of the small hub, and one beside it to put it back from."""
    base = tmp_path_factory.mktemp("memo")
    shutil.copytree(SOURCE, base / "hub")
    shutil.copytree(SOURCE, base / "pristine")
    for copy in ("hub", "pristine"):
        (base / copy / "theme").mkdir(exist_ok=True)
    return base / "hub", base


# Edits that leave the hub with mistakes: a preview's memo of read files (hubgen/content/loader.py, Memo) must give
# the messages a load without it gives, and take the file back when it is fixed.
def broken_yaml(root: Path, words: str) -> None:
    (root / READING).write_text(f"title: [{_text(words)}\ntype: article\n", encoding="utf-8")


def invalid_value(root: Path, words: str) -> None:
    path = root / PERSON
    path.write_text(path.read_text(encoding="utf-8") + f"visibility: {_text(words)}\n", encoding="utf-8")


def unknown_reference(root: Path, words: str) -> None:
    path = root / SESSION
    text = path.read_text(encoding="utf-8").replace("---\n", f"---\nspeakers: [{slug(words)}]\n", 1)
    path.write_text(text, encoding="utf-8")


def unclosed_front_matter(root: Path, words: str) -> None:
    path = root / SESSION
    path.write_text(path.read_text(encoding="utf-8").replace("\n---\n", f"\n{_text(words)}\n", 1), encoding="utf-8")


def control_character(root: Path, words: str) -> None:
    path = root / PERSON
    path.write_text(path.read_text(encoding="utf-8") + f"# {_text(words)}\x07\n", encoding="utf-8")


def empty_file(root: Path, words: str) -> None:
    (root / READING).write_text("", encoding="utf-8")


def put_back(root: Path, words: str) -> None:
    """One file as it was: the memo's entry for its earlier text is not the one to use."""
    name = (READING, PERSON, SESSION)[len(words) % 3]
    shutil.copy(root.parent / "pristine" / name, root / name)


def slug(words: str) -> str:
    return "-".join(w for w in words.replace("ñ", "n").split() if w) or "nadie"


MISTAKES = [broken_yaml, invalid_value, unknown_reference, unclosed_front_matter, control_character, empty_file]
LOADER_EDITS = [*EDITS[:11], *MISTAKES, put_back]


def loaded(root: Path, memo: Memo | None, cache: Path | None) -> tuple[list[Problem], list[Any], dict[str, Any]]:
    """The problems of a load, in the order found and as reported; the hub's entities and the records read."""
    problems = Problems()
    records = load(root, problems, cache_dir=cache, memo=memo)
    kinds = ("topics", "people", "readings", "programs", "cohorts", "sessions", "projects", "series")
    dump = {
        kind: {
            str(key): (rec.file, rec.doc.data, rec.data.model_dump(mode="json"), rec.body, rec.body_line)
            for key, rec in getattr(records, kind).items()
        }
        for kind in kinds
    }
    dump["broken"] = sorted(records.broken)
    hub, hub_problems = load_hub(root, HubOptions(include_drafts=True), cache_dir=cache, memo=memo)
    entities = [(e.file, e.url, e.title) for e in [*hub.sessions, *hub.readings.values()]]
    entities += [(p.file, p.url, p.name, p.has_page) for p in hub.people.values()]
    return [*problems.since(0), *hub_problems.since(0)], entities, dump


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    edits=st.lists(
        st.tuples(st.sampled_from(LOADER_EDITS), st.text("abcdeñ ", min_size=1, max_size=8)), min_size=1, max_size=5
    )
)
def test_a_load_with_the_memo_is_a_load_without(hub_folder, edits):
    """After any edits, mistakes and fixes, a load that reuses the files an earlier load read reports the same
    problems, at the same lines, and reads the same records as a load from nothing; the YAML cache it keeps is
    the one a load without the memo keeps."""
    root, base = hub_folder
    memo, cache = Memo(), base / "memo-cache"
    shutil.rmtree(cache, ignore_errors=True)
    try:
        loaded(root, memo, cache)
        for edit, words in edits:
            with contextlib.suppress(FileNotFoundError):  # an edit of a file an earlier edit deleted or renamed
                edit(root, words)
            assert len(memo) > 0
            fresh = base / "fresh-cache"
            shutil.rmtree(fresh, ignore_errors=True)
            assert loaded(root, memo, cache) == loaded(root, None, None), f"after {edit.__name__}({words!r})"
            loaded(root, None, fresh)
            kept_keys = json.loads((cache / "yaml.json").read_text(encoding="utf-8")).keys()
            assert kept_keys == json.loads((fresh / "yaml.json").read_text(encoding="utf-8")).keys()
    finally:
        restore(root, base / "pristine")
