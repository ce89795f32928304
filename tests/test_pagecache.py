"""The generated pages kept between builds (hubgen/site/pagecache.py): a build of an unchanged hub takes them from
``.cache/hubgen/``, and after any edit the pages are, byte for byte, what a build without the cache makes.

Random short sequences of edits (add, change, rename, delete a session, a reading, a person; a series date; a
template override of hubgen; the hub's language; the build's day) are applied to a copy of a small hub; after each,
the pages (and the listings of a hand-written page) of a renderer with the cache kept since the first build are
compared with those of a renderer without any cache. A whole build, cold and warm, is compared file by file in
tests/test_reproducible.py.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hubgen.hub.load import load_hub
from hubgen.site import pagecache
from hubgen.site.render import Page, Renderer
from hubgen.site.siteinfo import Site
from tests.test_incremental import EDITS, SOURCE

DAYS = ("1798761600", "1830297600")  # 2027-01-01 and 2028-01-01 (SOURCE_DATE_EPOCH): "Coming up" differs


def render(root: Path, cache: Path | None, language: str) -> tuple[list[Page], str]:
    """The hub's pages and a listing (``<!-- hubgen:upcoming -->``), as a build renders them."""
    hub, problems = load_hub(root)
    assert not problems.errors, [p.format() for p in problems.errors]
    renderer = Renderer(hub, [root / "theme/hubgen"], site=Site(name="Westside", language=language), cache_dir=cache)
    pages = renderer.pages()
    return pages, renderer.fragment("upcoming", "", limit=3, programs=hub.programs)


@pytest.fixture(scope="module")
def hub_copy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("pagecache")
    shutil.copytree(SOURCE, base / "hub")
    (base / "hub/theme/hubgen").mkdir(parents=True)
    shutil.copytree(base / "hub", base / "pristine")
    return base / "hub", base


def counting_renders(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the pages are rendered from the templates (not taken from the cache)."""
    renders: list[int] = []
    render_pages = Renderer._render_pages

    def counted(self: Renderer) -> list[Page]:
        renders.append(1)
        return render_pages(self)

    monkeypatch.setattr(Renderer, "_render_pages", counted)
    return renders


def test_an_unchanged_hub_takes_its_pages_from_the_cache(hub_copy, tmp_path, monkeypatch):
    root, _base = hub_copy
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAYS[0])
    renders = counting_renders(monkeypatch)
    first = render(root, tmp_path, "es")
    assert len(renders) == 1 and (tmp_path / pagecache.PAGES).is_file() and (tmp_path / pagecache.FRAGMENTS).is_file()
    kept = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    second = render(root, tmp_path, "es")
    assert len(renders) == 1, "the second build rendered the pages again"
    assert second == first
    # The build that took its pages from the cache left the other caches as they were, for the next edit.
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == kept
    assert render(root, None, "es") == first  # and they are what a build without any cache makes


Step = tuple[Callable[[Path, str], None], str, str, str]


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(EDITS),
            st.text("abcdeñ ", min_size=1, max_size=8),
            st.sampled_from(DAYS),
            st.sampled_from(("es", "en")),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_after_any_edits_the_cached_pages_are_a_clean_render(hub_copy, steps: list[Step], monkeypatch):
    root, base = hub_copy
    cache = base / "cache"
    try:
        for edit, words, day, language in steps:
            try:
                edit(root, words)
            except FileNotFoundError:  # its file was renamed or deleted by an earlier step: nothing to edit
                continue
            monkeypatch.setenv("SOURCE_DATE_EPOCH", day)
            kept = render(root, cache, language)
            clean = render(root, None, language)
            assert kept[1] == clean[1], f"the listing, after {edit.__name__}({words!r}), {day}, {language}"
            wrong = [b.src_uri for a, b in zip(kept[0], clean[0], strict=False) if a != b]
            assert len(kept[0]) == len(clean[0]) and not wrong, f"after {edit.__name__}({words!r}): {wrong[:5]}"
    finally:
        for folder in ("content", "programs", "theme"):
            shutil.rmtree(root / folder)
            shutil.copytree(base / "pristine" / folder, root / folder)


def test_the_key_changes_with_hubgen_and_with_every_input(hub_copy, tmp_path, monkeypatch):
    """hubgen's own files (a template, a module) are part of the key, as are the settings the pages show."""
    root, _base = hub_copy
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAYS[0])
    package = tmp_path / "hubgen"
    shutil.copytree(pagecache.PACKAGE / "templates", package / "templates")
    monkeypatch.setattr(pagecache, "PACKAGE", package)
    hub, _ = load_hub(root)

    def key(**site: str) -> str:
        return pagecache.fingerprint(Renderer(hub, site=Site(**site), cache_dir=tmp_path / "cache"))

    before = key()
    assert key() == before
    template = package / "templates/session.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    changed = key()
    assert changed != before
    assert key(language="es") != changed and key(name="Another") != changed and key(clock="24h") != changed
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAYS[1])
    assert key() != changed


def test_a_files_digest_is_used_again_while_its_time_and_size_are_the_same(tmp_path):
    """The key's file digests are kept (digests.json) as git's index keeps them: by time and size."""
    import hashlib
    import json
    import os

    folder, cache = tmp_path / "files", tmp_path / "cache"
    folder.mkdir()
    (folder / "a.yml").write_text("title: A\n", encoding="utf-8")

    def key() -> str:
        digests = pagecache.FileDigests(cache)
        digest = hashlib.sha256()
        digests.tree(digest, folder)
        digests.save()
        return digest.hexdigest()

    first = key()
    kept = json.loads((cache / "digests.json").read_text(encoding="utf-8"))
    name = str(folder / "a.yml")
    kept[name][2] = "00" * 32  # what the file says of the file is what is used
    (cache / "digests.json").write_text(json.dumps(kept), encoding="utf-8")
    assert key() != first
    stat = (folder / "a.yml").stat()
    os.utime(folder / "a.yml", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))  # a new time: read again
    assert key() == first
    (folder / "a.yml").write_text("title: B\n", encoding="utf-8")  # same size, new time and bytes
    assert key() != first


def test_a_build_after_an_edit_publishes_what_a_clean_build_does(tmp_path, monkeypatch):
    """Through ``mkdocs build`` as a hub runs it: a build with the pages kept from the last one, after a session's
    title changed, writes the site a build from nothing writes, file for file."""
    from hubgen.adapters import common
    from tests.helpers import mkdocs_build
    from tests.test_incremental import SESSION

    root = tmp_path / "hub"
    shutil.copytree(SOURCE, root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAYS[0])
    monkeypatch.setenv(common.CACHE_VARIABLE, str(tmp_path / "kept"))
    assert mkdocs_build(root, tmp_path / "first").returncode == 0
    session = root / SESSION
    session.write_text(session.read_text(encoding="utf-8").replace("title: ", "title: Nuevo — ", 1), encoding="utf-8")
    warm = mkdocs_build(root, tmp_path / "warm")
    assert warm.returncode == 0, warm.stderr
    monkeypatch.setenv(common.CACHE_VARIABLE, str(tmp_path / "none"))
    clean = mkdocs_build(root, tmp_path / "clean")
    assert clean.returncode == 0, clean.stderr

    def files(site: Path) -> dict[str, bytes]:
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}

    got, want = files(tmp_path / "warm"), files(tmp_path / "clean")
    assert got.keys() == want.keys()
    assert not [name for name in got if got[name] != want[name]]
    assert b"Nuevo" in got["programs/red-de-promotoras/2027/sessions/2027-03-18-taller-salud-mental/index.html"]
