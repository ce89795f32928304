"""The same hub under each engine: MkDocs 1.6 (the default), ProperDocs 1.6 with the plugin, Zensical from the export.

The MkDocs site is the suite's ``example_site``; the others are built once per run from the same hub
(tests/engine_sites.py).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from hubgen.adapters import export as exporter
from hubgen.hub.workspace import Workspace
from tests import engine_sites
from tests.helpers import copy_example_hub, mkdocs_build, write_files

# What only an engine writes: its own theme files and search index, and the gzipped sitemap MkDocs adds.
ENGINE_FILES = re.compile(r"^(assets/(javascripts|stylesheets|images)/|search/|search\.json$|sitemap\.xml\.gz$)")
# Known differences between the MkDocs and the Zensical site (the README's "Engines" lists them):
# the home page's <title> — Material writes the site's name alone, Zensical "Home - <site name>".
TITLE_DIFFERS = {"index.html"}
# and offline reading (hubgen/site/offline.py), the plugin's: Zensical's site has no service worker, manifest or icons.
OFFLINE_FILES = re.compile(r"^(sw\.js|manifest\.webmanifest|assets/hubgen/(icons|offline)/)")


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return engine_sites.zensical_site(tmp_path_factory)


@pytest.fixture(scope="session")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return engine_sites.properdocs_site(tmp_path_factory)


def _page(path: Path) -> tuple[str, str, str | None]:
    """A built page's <title>, its article's text (less permalink signs) and its edit link.

    Parsed by Lexbor (an HTML5 parser, as the browser parses): the test reads 500 pages, which BeautifulSoup's
    parser took thirty times longer to read."""
    tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
    article = tree.css_first("article.md-content__inner")
    assert article is not None, f"{path}: no article"
    edit = article.css_first('a[rel="edit"]')
    href = edit.attributes.get("href") if edit else None
    for extra in article.css("a.headerlink, a[rel='edit'], a.md-content__button"):
        extra.decompose()
    title = tree.css_first("title")
    return title.text(strip=True) if title else "", " ".join(article.text(separator=" ").split()), href


# --- ProperDocs ---------------------------------------------------------------------------------------------

_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_same_site_as_mkdocs(example_site: Path, properdocs_site: Path) -> None:
    """Every file of the two sites is the same, byte for byte, but the generator's name in each page."""
    mkdocs_files, properdocs_files = _files(example_site), _files(properdocs_site)
    assert sorted(properdocs_files) == sorted(mkdocs_files)
    differ = [
        name
        for name, path in mkdocs_files.items()
        if _GENERATOR.sub(b"", path.read_bytes()) != _GENERATOR.sub(b"", properdocs_files[name].read_bytes())
    ]
    assert differ == []
    assert b"ProperDocs" in (properdocs_site / "index.html").read_bytes()  # it was ProperDocs that built it


# --- Zensical -----------------------------------------------------------------------------------------------


def test_zensical_has_every_page_with_the_same_title_text_and_edit_link(
    example_site: Path, zensical_site: Path
) -> None:
    mkdocs_pages = {n for n in _files(example_site) if n.endswith(".html")}
    zensical_pages = {n for n in _files(zensical_site) if n.endswith(".html")}
    assert zensical_pages == mkdocs_pages
    assert len(mkdocs_pages) > 200
    titles, texts, edits = [], [], []
    for name in sorted(mkdocs_pages - {"404.html"}):
        (t1, x1, e1), (t2, x2, e2) = _page(example_site / name), _page(zensical_site / name)
        if t1 != t2:
            titles.append(name)
        if x1 != x2:
            texts.append(name)
        if e1 != e2:
            edits.append((name, e1, e2))
    assert texts == []
    assert edits == []
    assert set(titles) == TITLE_DIFFERS


def test_zensical_feeds_citations_pictures_and_static_files_are_identical(
    example_site: Path, zensical_site: Path
) -> None:
    """Calendars, citation downloads, announcement feeds, resized pictures, the hub's files: the same bytes."""
    ours = {
        n: p
        for n, p in _files(example_site).items()
        if not n.endswith(".html") and not ENGINE_FILES.match(n) and not OFFLINE_FILES.match(n)
    }
    assert not [n for n in _files(zensical_site) if OFFLINE_FILES.match(n)]
    theirs = {n: p for n, p in _files(zensical_site).items() if not n.endswith(".html") and not ENGINE_FILES.match(n)}
    assert sorted(theirs) == sorted(ours)
    assert any(n.endswith(".ics") for n in ours) and any(n.endswith(".bib") for n in ours)
    differ = [n for n in ours if n != "sitemap.xml" and ours[n].read_bytes() != theirs[n].read_bytes()]
    assert differ == []
    assert not [n for n in theirs if n.endswith((".yml", ".yaml"))]  # no data file, no private email


def test_zensical_sitemap_lists_the_same_pages(example_site: Path, zensical_site: Path) -> None:
    def locs(site: Path) -> set[str]:
        return set(re.findall(r"<loc>(.*?)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8")))

    assert locs(zensical_site) == locs(example_site)
    assert len(locs(example_site)) > 200


# --- the export, without an engine --------------------------------------------------------------------------

PRIVATE_PERSON = """\
name: Quinn Private
email: quinn@example.org
visibility: name-only
"""


def test_export_writes_robots_and_keeps_noindexed_pages_out_of_the_sitemap(small_hub, tmp_path: Path) -> None:
    """A page whose front matter says noindex gets the meta tag and leaves the sitemap, as under the plugin."""
    hub = small_hub({"content/about.md": "---\nrobots: noindex\n---\n# About\n"})
    result = exporter.export(Workspace(hub / "mkdocs.yml"), tmp_path / "out")
    assert result.robots["about/"] == "noindex"
    site = tmp_path / "site"
    mkdocs_build(hub, site, strict=False)  # the plugin's output, then the same HTML finished by the exporter
    plugin_about = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in plugin_about
    stripped = re.sub(r'\s*<meta name="robots" content="noindex">', "", plugin_about)
    (site / "about" / "index.html").write_text(stripped, encoding="utf-8")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    (site / "sitemap.xml").write_text(sitemap.replace("</urlset>", ""), encoding="utf-8")
    exporter.finish(result, site)
    assert (site / "about" / "index.html").read_text(encoding="utf-8") == plugin_about
    assert "https://example.org/about/" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_export_writes_only_what_a_change_touched(tmp_path: Path) -> None:
    hub = copy_example_hub(tmp_path / "hub")
    workspace = Workspace(hub / "mkdocs.yml")
    out = tmp_path / "out"
    first = exporter.export(workspace, out)
    docs = out / exporter.DOCS
    assert (out / "mkdocs.yml").is_file() and (docs / "index.md").is_file()
    home = (docs / "index.md").read_text(encoding="utf-8")
    assert "hubgen:" not in home and "hg-upcoming" in home  # the home page's directives expanded
    assert not list(docs.rglob("*.yml"))  # data files (people hold private emails) stay out
    assert len(first.changed) > 500

    assert exporter.export(workspace, out).changed == []  # nothing changed: nothing written

    session = next(p for p in sorted((hub / "programs").rglob("sessions/*.md")))
    session.write_text(session.read_text(encoding="utf-8") + "\nA sentence added in a test.\n", encoding="utf-8")
    prepared = exporter.prepare(Workspace(hub / "mkdocs.yml"))
    touched = exporter.export_touched(prepared, out, [session])
    assert len(touched) == 1 and touched[0].endswith("/index.md")
    assert "A sentence added in a test." in (out / touched[0]).read_text(encoding="utf-8")
    again = exporter.export(prepared, out)
    assert touched[0] not in again.changed  # the fast path wrote what the full export makes
    assert 0 < len(again.changed) < 50  # the cohort, calendar, feeds... that show the session; not the hub

    session.unlink()
    gone = exporter.export(exporter.prepare(Workspace(hub / "mkdocs.yml")), out)
    assert touched[0] in gone.changed and not (out / touched[0]).exists()


def test_export_refuses_a_hub_with_errors(tmp_path: Path) -> None:
    hub = copy_example_hub(tmp_path / "hub")
    write_files(hub, {"content/people/broken.yml": "name: Broken\nvisibility: sometimes\n"})
    with pytest.raises(exporter.ExportError, match=r"broken\.yml:\d+:\d+: error"):
        exporter.export(Workspace(hub / "mkdocs.yml"), tmp_path / "out")


def test_hubgen_export_command(small_hub, tmp_path: Path) -> None:
    hub = small_hub({"content/about.md": "# About\n"})
    result = subprocess.run(
        [sys.executable, "-m", "hubgen.cli", "export", str(tmp_path / "out"), str(hub)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    config = (tmp_path / "out" / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hubgen" not in re.findall(r"^plugins:\n((?:- .*\n)*)", config, re.M)[0]
    assert "assets/hubgen/hubgen.css" in config and "nav:" in config
