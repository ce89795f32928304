"""The site's outputs through one protocol (hubgen/site/outputs.py): a new output is one class and one line.

The test adds a JSON file of the sessions as a new output, registered in the list, and builds a hub with
MkDocs (the plugin) and with the plain-docs exporter: both write it, with every session in it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from hubgen.adapters.export import export
from hubgen.hub.graph import Hub
from hubgen.hub.workspace import Workspace
from hubgen.site import outputs
from hubgen.site.outputs import OutFile
from hubgen.site.render import Renderer, front_matter
from tests.helpers import MINIMAL_MKDOCS, write_files

HUB = {
    "mkdocs.yml": MINIMAL_MKDOCS,
    "content/index.md": "# Home\n",
    "programs/p/program.yml": "title: P\ntimezone: Europe/Lisbon\nsession_types:\n  talk: {title: Talk}\n",
    "programs/p/c/cohort.yml": "title: C\nstarts: 2026-09-01\nends: 2027-06-30\n",
    "programs/p/c/sessions/2026-10-14-one.md": "---\ntitle: One\ntype: talk\ndate: 2026-10-14\ntime: 09:00-10:00\n---\n"
    "Agenda.\n",
    "programs/p/c/sessions/2026-11-04-two.md": "---\ntitle: Two\ntype: talk\ndate: 2026-11-04\n---\n",
}


class SessionsJson(outputs._Output):
    """A JSON file of the sessions: the new output, in full."""

    def files(self) -> Iterator[OutFile]:
        sessions = [{"id": s.id, "title": s.title, "url": s.url} for s in self.renderer.hub.sessions]
        yield OutFile("sessions.json", json.dumps(sessions, indent=2).encode("utf-8"))


EXPECTED = [
    {"id": "2026-10-14-one", "title": "One", "url": "programs/p/c/sessions/2026-10-14-one/"},
    {"id": "2026-11-04-two", "title": "Two", "url": "programs/p/c/sessions/2026-11-04-two/"},
]


@pytest.fixture
def with_sessions_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outputs, "OUTPUTS", [*outputs.OUTPUTS, SessionsJson])  # the one line in the list


def _mkdocs_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Build the hub with MkDocs in this process (where the test registered its output) into tmp_path/site."""
    root = write_files(tmp_path / "hub", HUB)
    monkeypatch.chdir(root)
    # Not --strict: the hub has warnings (sessions without readings).
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=False))


def test_every_output_follows_the_protocol(hub):
    from hubgen.site.render import Renderer

    made = outputs.outputs(Renderer(hub))
    assert [type(o).__name__ for o in made] == [
        "Pages",
        "Assets",
        "NewsFeeds",
        "ResizedPictures",
        "CalendarFeeds",
        "CitationExports",
    ]
    for output in made:
        assert isinstance(output.after_build, bool)
        assert callable(output.pages) and callable(output.files)


def test_a_new_output_is_written_by_the_mkdocs_plugin(tmp_path: Path, with_sessions_json, monkeypatch):
    _mkdocs_build(tmp_path, monkeypatch)
    assert json.loads((tmp_path / "site/sessions.json").read_text(encoding="utf-8")) == EXPECTED
    assert (tmp_path / "site/programs/p/c/sessions/2026-10-14-one/index.html").is_file(), "the other outputs too"


def test_a_new_output_is_written_by_the_exporter(tmp_path: Path, with_sessions_json):
    root = write_files(tmp_path / "hub", HUB)
    export(Workspace(root / "mkdocs.yml"), tmp_path / "out")
    written = list((tmp_path / "out").rglob("sessions.json"))
    assert len(written) == 1
    assert json.loads(written[0].read_text(encoding="utf-8")) == EXPECTED


def test_without_it_no_sessions_json(tmp_path: Path, monkeypatch):
    _mkdocs_build(tmp_path, monkeypatch)
    assert not (tmp_path / "site/sessions.json").exists()


def test_a_generated_page_is_held_once_mkdocs_has_read_it(tmp_path: Path, monkeypatch):
    """MkDocs keeps a generated file's source to the end of the build, beside the Markdown it read from it: once
    read, the file holds that Markdown (the same string), so no page is held twice; the pages are as before."""
    from hubgen.adapters.mkdocs.plugin import HubgenPlugin

    held: dict[str, tuple[bool, bool]] = {}
    read_all = HubgenPlugin.on_env

    def on_env(self, env, *, config, files):  # every page has been read and rendered by now
        for f in files.documentation_pages():
            if f.generated_by is not None and f.page is not None:
                held[f.src_uri] = (f.content_string is f.page.markdown, f.content_string.startswith("---"))
        return read_all(self, env, config=config, files=files)

    monkeypatch.setattr(HubgenPlugin, "on_env", on_env)
    _mkdocs_build(tmp_path, monkeypatch)
    assert "programs/p/c/sessions/2026-10-14-one/index.md" in held and len(held) > 10, sorted(held)
    assert all(same and not front for same, front in held.values()), held
    page = (tmp_path / "site/programs/p/c/sessions/2026-10-14-one/index.html").read_text(encoding="utf-8")
    assert "<title>One - " in page and "Agenda." in page and "---" not in page.split("<body", 1)[1]


def test_shared_macros_link_from_the_page_being_rendered(hub: Hub, tmp_path: Path):
    """The shared macros are imported without the page's context (made once a build): their links still
    start from each page in turn, and a hub's template that imports them with its context (as templates
    did before) renders the same page."""
    reading = next(r for r in hub.readings.values() if r.topics and r.assigned)
    override = tmp_path / "hubgen"
    override.mkdir()
    page = '{{% import "_macros.j2" as m{} %}}{{{{ m.topic_tags(reading.topics) }}}}\n{{{{ link(reading) }}}}\n'
    (override / "reading.md.j2").write_text(page.format(" with context"), encoding="utf-8")
    with_context = {p.url: p.content for p in Renderer(hub, [override]).pages() if p.url == reading.url}
    (override / "reading.md.j2").write_text(page.format(""), encoding="utf-8")
    renderer = Renderer(hub, [override])
    without = {p.url: p.content for p in renderer.pages() if p.url == reading.url}
    assert with_context == without
    topic = reading.topics[0]
    assert f'href="../../topics/{topic.id}/"' in without[reading.url]  # from library/<reading>/
    # The same macro on pages at other depths links from there.
    session = reading.assigned[0][0]
    html = str(renderer.env.get_template("_macros.j2").module.topic_tags([topic]))
    assert "href=" in html and "topics/" not in html  # a link is a marker until its page is finished
    for url, expected in ((session.url, "../../../../../topics/"), ("", "topics/"), ("library/", "../topics/")):
        resolved = renderer.links.resolve(html, url)
        assert f'href="{expected}{topic.id}/"' in resolved, (url, resolved)


def test_templates_read_the_environments_globals_and_cannot_change_them(hub: Hub, tmp_path: Path):
    """Templates read the environment's globals through a read-only view (templating.TemplateEnvironment, no ChainMap a
    page): a global set after a template is loaded is seen, no template can write one, and a template given
    globals of its own still has them over the environment's."""
    override = tmp_path / "hubgen"
    override.mkdir()
    (override / "probe.md.j2").write_text("{{ probe }}|{{ hub.programs|length }}", encoding="utf-8")
    renderer = Renderer(hub, [override])
    template = renderer.env.get_template("probe.md.j2")
    renderer.env.globals["probe"] = "set later"
    assert template.render() == f"set later|{len(hub.programs)}"
    with pytest.raises(TypeError):
        template.globals["probe"] = "written by a template"  # type: ignore[index]
    assert renderer.env.globals["probe"] == "set later"
    own = renderer.env.from_string("{{ probe }}", globals={"probe": "its own"})
    assert own.render() == "its own"
    assert renderer.env.get_template("probe.md.j2").render() == f"set later|{len(hub.programs)}"


def test_pieces_rendered_once_a_build_are_the_pieces_rendered_on_each_page(hub: Hub):
    """``remembered`` (a session in a list, a person's name, a reading's entry: rendered once a build) gives
    every page exactly what rendering each piece on the page gives, links relative to that page; no link
    marker is left in any page; the pieces are not held once the pages are made."""
    remembered = Renderer(hub)
    calls: list[tuple[object, ...]] = []
    rendered: list[tuple[object, ...]] = []
    keep = remembered.remembered

    def counting(*key: object, caller: Callable[[], object]) -> object:
        calls.append(key)

        def render() -> object:
            rendered.append(key)
            return caller()

        return keep(*key, caller=render)  # type: ignore[arg-type]

    remembered.env.globals["remembered"] = counting
    pages = {p.url: p.content for p in remembered.pages()}
    each_time = Renderer(hub)
    each_time.env.globals["remembered"] = lambda *key, caller: caller()
    assert pages == {p.url: p.content for p in each_time.pages()}
    assert not [url for url, content in pages.items() if "\x1a" in content or "\x1b" in content]
    # Pieces were asked for more often than rendered: the same session is in several lists.
    items = [k for k in calls if k[0] == "session_item"]
    assert len(rendered) < len(calls) and len(set(items)) < len(items)
    assert not remembered._remembered  # an engine holds the pages to the end of its build, not the pieces too


def test_links_are_resolved_from_each_page_and_cannot_be_forged(hub: Hub):
    """A link is a marker until its page is finished: resolved relative to the page, escaped as Jinja escapes,
    and text that only looks like a marker (the build's number differs) is left as it is."""
    renderer = Renderer(hub)
    target = 'files/Q&A\'s "notes".pdf'
    marker = renderer.links(target)
    assert renderer.links(target) == marker  # one marker a target
    assert renderer.links.resolve(f'<a href="{marker}">', "programs/p/") == (
        '<a href="../../files/Q&amp;A&#39;s &#34;notes&#34;.pdf">'
    )
    session = hub.sessions[0]
    assert renderer.links.resolve(str(renderer.links(session)), "") == session.url
    forged = "\x1a00000000" + marker.strip("\x1a\x1b")[8:] + "\x1b"
    assert forged != str(marker)
    assert renderer.links.resolve(forged, "") == forged
    # Each renderer (each build) draws its own markers.
    assert Renderer(hub).links(target) != marker


@settings(max_examples=300, deadline=None)
@given(title=st.text(), description=st.text(), boost=st.sampled_from([None, 0.1, 0.5, 2.0]))
@example(title='a\u2028b\x85c\x7f\ufffe \\ "d" 😀', description="\u2029\n\t", boost=None)
def test_front_matter_reads_back_as_the_values_in_mkdocs_and_in_yaml(title: str, description: str, boost: float | None):
    """A page's front matter is written as JSON (render.front_matter): MkDocs's reader and PyYAML's read back
    exactly the values yaml.dump's front matter gave, whatever the text (line separators, controls, emoji)."""
    meta: dict[str, object] = {"title": title, "description": description, "robots": "noindex"}
    if boost is not None:
        meta["search"] = {"boost": boost}
    page = f"---\n{front_matter(meta)}\n---\n\nBody\n"
    assert get_data(page) == ("Body\n", meta)
    assert yaml.safe_load(front_matter(meta)) == meta


def test_the_library_folds_words_as_its_filter_does():
    """Lowercase and without accents, as facets.js folds what is typed (NFD, combining marks dropped)."""
    import unicodedata

    from hubgen.site.library import folded

    def reference(text: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))

    assert folded("Émile's Café") == "emile's cafe"
    assert folded("Nguyễn Thị Đào, Peña") == "nguyen thi đao, pena"
    for text in ("Plain ASCII Title: A Study (2019)", "MiXeD ñ and Ö", "", "Ǆ ligature", "İstanbul"):
        assert folded(text) == reference(text), text
