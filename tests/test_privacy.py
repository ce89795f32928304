"""The privacy audit: nothing a person did not agree to publish is anywhere in a built site.

The secrets are found in the sources by reading them directly (not through hubgen, so a bug
in hubgen's loader cannot hide one): every email address of a person who does not publish it,
every online meeting link without ``publish_link: true``, and every hidden person's name, ID
and photo. Then every output file is searched — HTML, the search index, calendar feeds,
citation files, JSON, the sitemap and its gzipped copy — in forms that undo HTML entities,
JSON and iCalendar escapes, line folding and tags. Any hit fails, naming the file.

Name-only people must have no page and no link: no people/<id>/ page, no href to it, no
search-index location, no sitemap entry, no photo.

Drafts and scheduled items publish nothing: no copy of a file only they name (a draft session's
``files/`` material, a draft or scheduled project's image). A project's image or a person's photo
is published only resized: never the original, and no published picture carries GPS data. A
name-only person is published by name only: never "Name, Job title" (a byline, the search index).

The audit runs on the example hub and on a synthetic hub; a hub whose theme overrides a
template to print an email, a meeting link and hidden names, and one with planted copies of
withheld files, shows that it catches leaks.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import shutil
from pathlib import Path, PurePosixPath

import frontmatter
import pytest
import yaml
from bs4 import BeautifulSoup
from PIL import Image

from hubgen.checks.privacy import Secrets, audit, output_files, readable_forms
from tests.helpers import EXAMPLE_HUB, REPO, mkdocs_build, write_files

# --- a synthetic hub ----------------------------------------------------------------------------------

FIRST = [
    "Ansel",
    "Brisa",
    "Cyprian",
    "Delphine",
    "Eamon",
    "Fenna",
    "Gideon",
    "Halcyon",
    "Isolde",
    "Jovan",
    "Kestrel",
    "Liesel",
    "Marisol",
    "Nico",
    "Oriane",
    "Pascual",
    "Quilla",
    "Rosalind",
    "Severin",
    "Tamsin",
]
LAST = [
    "Abernathy",
    "Brandvold",
    "Castellari",
    "Dunmore",
    "Esterhuizen",
    "Fairweather",
    "Galloway",
    "Holmqvist",
    "Iredale",
    "Jaramillo",
    "Kowalczyk",
    "Lindgren",
    "Mbeki-Shaw",
    "Northcott",
    "Okonjo",
    "Pemberton",
]
TOPICS = ["housing", "food-access", "air-quality", "immigration", "maternal-health"]


def synthetic_hub(root: Path, seed: int = 7, participant_visibility: str = "hidden", people: int = 40) -> Path:
    """A hub with every kind of person, private emails, unpublished links, photos and project images."""
    rng = random.Random(seed)
    names = rng.sample([f"{f} {last}" for f in FIRST for last in LAST], people)
    files: dict[str, str] = {
        "mkdocs.yml": f"""
            site_name: Synthetic hub
            site_url: https://example.org/synthetic/
            docs_dir: content
            theme:
              name: material
              custom_dir: theme
            plugins:
              - search
              - hubgen:
                  participant_visibility: {participant_visibility}
        """,
        "content/index.md": "# Synthetic hub\n\nWrite to hub@example.org.\n",
        "theme/hubgen/README.md": "Template overrides.\n",
        "content/topics.yml": "".join(f"{t}: {{title: {t.replace('-', ' ').title()}}}\n" for t in TOPICS),
    }
    ids = [n.lower().replace(" ", "-") for n in names]
    kinds = ["public", "name-only", "hidden", None]
    for i, (pid, name) in enumerate(zip(ids, names, strict=True)):
        visibility = kinds[i % 4]
        lines = [
            f"name: {name}",
            f"role: Role {i:02d}q",
            f"bio: {name.split()[0]} works on {TOPICS[i % 5]}.",
            f"email: {pid}@example.org",
        ]
        if i % 3 == 0:
            lines.append("email_public: true")
        if visibility:
            lines.append(f"visibility: {visibility}")
        if i % 5 < 2:
            lines.append(f"photo: photos/{pid}.png")
        files[f"content/people/{pid}.yml"] = "\n".join(lines) + "\n"
    for r in range(8):
        files[f"content/readings/reading-{r}.yml"] = (
            f"title: Reading {r}\ntype: article\nauthors: [Author, Example]\nyear: 2020\n"
            f"topics: [{TOPICS[r % 5]}]\nminutes: 20\n"
        )
    staff, speakers, rest = ids[:4], ids[4:16], ids[16:]
    for p in range(2):
        files[f"programs/prog-{p}/program.yml"] = (
            f"title: Program {p}\ntimezone: America/New_York\nsession_types: {{talk: {{title: Talk}}}}\n"
            f"contacts: [{staff[p * 2]}, {staff[p * 2 + 1]}]\ntopics: [{TOPICS[p]}]\n"
        )
        for c in range(2):
            members = rest[(p * 2 + c) * 6 : (p * 2 + c) * 6 + 6]
            year = 2026 + c
            files[f"programs/prog-{p}/c{year}/cohort.yml"] = (
                f"title: Cohort {year}\nstarts: {year}-01-01\nends: {year}-12-31\n"
                f"participants: [{', '.join(members)}]\nfacilitators: [{rng.choice(speakers)}]\n"
            )
            for s in range(5):
                who = rng.sample(speakers, 2)
                publish = "true" if s % 2 else "false"
                files[f"programs/prog-{p}/c{year}/sessions/{year}-{s + 2:02d}-10-session-{s}.md"] = f"""
                    ---
                    title: Session {s} of program {p}
                    type: talk
                    time: 10:00-11:30
                    speakers: [{who[0]}]
                    facilitators: [{who[1]}]
                    topics: [{TOPICS[(s + p) % 5]}]
                    online:
                      platform: Zoom
                      url: https://meet.example.org/j/{p}{c}{s}4471?pwd=sekrit{p}{c}{s}
                      publish_link: {publish}
                    readings:
                      required: [reading-{s}]
                    ---
                    The agenda of session {s}.
                """
            for j in range(3):
                team = ", ".join(rng.sample(members, 2))
                image = f"image: images/p{p}c{c}j{j}.jpg\nimage_alt: Coloured squares\n" if j < 2 else ""
                files[f"programs/prog-{p}/c{year}/projects/project-{p}-{c}-{j}.md"] = (
                    f"---\ntitle: Project {p}.{c}.{j}\nteam: [{team}]\norganization: Org {j}\n"
                    f"topics: [{TOPICS[j]}]\nstatus: active\n{image}---\nWhat the team does.\n"
                )
    # Unpublished items with files of their own, and an announcement by a name-only person (ids[5]).
    files["programs/prog-0/c2026/projects/draft-project.md"] = (
        "---\ntitle: Draft Project\ndraft: true\nimage: images/draft.jpg\nimage_alt: Squares\n---\nSoon.\n"
    )
    files["programs/prog-0/c2026/projects/scheduled-project.md"] = (
        "---\ntitle: Scheduled Project\npublish_on: 2199-01-01\nimage: images/scheduled.jpg\n"
        "image_alt: Squares\n---\nLater.\n"
    )
    files["programs/prog-0/c2026/sessions/2026-06-10-draft-session.md"] = (
        "---\ntitle: Draft Session\ntype: talk\ndraft: true\nreadings: {required: [reading-1]}\n"
        "materials: [{title: Notes, file: files/draft-notes.pdf}]\n---\nNot yet.\n"
    )
    files["content/files/draft-notes.pdf"] = f"%PDF-1.4 draft notes {seed}\n"
    files["content/news/2026-05-01-welcome.md"] = f"---\ntitle: Welcome\nauthor: {ids[5]}\n---\nHello.\n"
    write_files(root, files)
    for image in ("draft.jpg", "scheduled.jpg"):
        _picture(root / "content" / "images" / image, rng, (900, 560), gps=True)
    for i, pid in enumerate(ids):
        if i % 5 < 2:
            _picture(root / "content" / "photos" / f"{pid}.png", rng, (300, 360))
    for path in sorted(root.glob("programs/*/*/projects/*.md")):
        match = re.search(r"image: (\S+)", path.read_text(encoding="utf-8"))
        if match:
            _picture(root / "content" / match.group(1), rng, (900, 560))
    return root


def _picture(path: Path, rng: random.Random, size: tuple[int, int], gps: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    img = Image.new("RGB", size, tuple(rng.randrange(256) for _ in range(3)))  # type: ignore[arg-type]
    for _ in range(6):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        img.paste(tuple(rng.randrange(256) for _ in range(3)), (x, y, x + 80, y + 80))  # type: ignore[arg-type]
    exif = Image.Exif()
    if gps:  # where the picture was taken, as a phone writes it
        exif.get_ifd(0x8825).update({1: "N", 2: (42.0, 21.0, 30.0), 3: "W", 4: (71.0, 3.0, 50.0)})
    img.save(path, exif=exif)


# --- the tests ----------------------------------------------------------------------------------------


def _assert_secrets_cover_every_kind(secrets: Secrets) -> None:
    assert secrets.emails and secrets.links and secrets.hidden_names and secrets.name_only_ids
    assert secrets.private_photos, "a hidden or name-only person with a photo checks that it is not published"


def _assert_every_kind_of_output_was_searched(site: Path) -> None:
    """Pages, search index, sitemap (plain and gzipped), calendar feeds and citation files were all there."""
    kinds = {PurePosixPath(name).suffix for name in output_files(site)}
    assert {".html", ".json", ".xml", ".gz", ".ics", ".bib", ".ris"} <= kinds, kinds


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = synthetic_hub(tmp_path_factory.mktemp("synthetic") / "hub")
    out = root.parent / "site"
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr
    return root, out


def test_the_example_hub_passes_the_audit(example_site: Path):
    secrets = Secrets.from_sources(EXAMPLE_HUB)
    _assert_secrets_cover_every_kind(secrets)
    _assert_every_kind_of_output_was_searched(example_site)
    assert audit(example_site, secrets) == []


def test_a_synthetic_hub_passes_the_audit(synthetic_site: tuple[Path, Path]):
    root, site = synthetic_site
    secrets = Secrets.from_sources(root)
    _assert_secrets_cover_every_kind(secrets)
    assert len(secrets.hidden_ids) >= 10, "hidden by visibility: hidden and by participant_visibility: hidden"
    _assert_every_kind_of_output_was_searched(site)
    assert audit(site, secrets) == []


def test_what_people_agreed_to_publish_is_published(synthetic_site: tuple[Path, Path]):
    """The audit does not pass because the site is empty: public emails and published links are on it."""
    root, site = synthetic_site
    secrets = Secrets.from_sources(root)
    text = readable_forms(b"\n".join(p.read_bytes() for p in sorted(site.rglob("*.html"))))[0]
    assert secrets.published_emails
    assert all(e.casefold() in text for e in secrets.published_emails)
    sessions = "".join(p.read_text(encoding="utf-8") for p in root.glob("programs/*/*/sessions/*.md"))
    published = re.findall(r"url: (\S+)\n\s*publish_link: true", sessions)
    assert published
    assert all(u.casefold() in text for u in published)
    assert "the link is sent to registered participants" in text


def test_the_audit_finds_what_a_leaking_template_prints(tmp_path: Path, synthetic_site: tuple[Path, Path]):
    source, _ = synthetic_site
    root = tmp_path / "hub"
    shutil.copytree(source, root)
    templates = REPO / "hubgen" / "templates"
    overrides = {
        "person.md.j2": "\n<p>Write to {{ person.data.email }}</p>\n",
        "session.md.j2": "\n<p>{{ session.data.online.url if session.data.online else '' }}</p>\n",
        "cohort.md.j2": "\n<p>{% for p in cohort.participants %}<a href='{{ link(p) }}'>{{ p.name }}</a>; "
        "{% endfor %}</p>\n",
    }
    for name, leak in overrides.items():
        (root / "theme" / "hubgen" / name).write_text(
            (templates / name).read_text(encoding="utf-8") + leak, encoding="utf-8"
        )
    site = tmp_path / "site"
    result = mkdocs_build(root, site)
    assert result.returncode == 0, result.stderr

    leaks = audit(site, Secrets.from_sources(root))
    private_email_of = {line.split(":")[0] for line in leaks if "private email" in line}
    assert any(re.fullmatch(r"people/[a-z-]+/index\.html", f) for f in private_email_of), leaks
    assert "search/search_index.json" in private_email_of
    assert any(re.search(r"sessions/.+/index\.html: unpublished meeting link", line) for line in leaks)
    assert any(re.search(r"^programs/prog-\d/c\d+/index\.html: hidden person's name", line) for line in leaks)
    assert any(re.search(r"^programs/prog-\d/c\d+/index\.html: a link to the name-only person", line) for line in leaks)


def test_name_only_and_hidden_people_have_no_page_and_no_link(synthetic_site: tuple[Path, Path]):
    root, site = synthetic_site
    secrets = Secrets.from_sources(root)
    for pid in secrets.name_only_ids | secrets.hidden_ids:
        assert not (site / "people" / pid).exists()
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert not any(loc.startswith(f"people/{pid}/") for loc in locations for pid in secrets.name_only_ids)
    people = (site / "people" / "index.html").read_text(encoding="utf-8")
    shown = [
        pid
        for pid in secrets.name_only_ids
        if yaml.safe_load((root / "content/people" / f"{pid}.yml").read_text())["name"] in people
    ]
    assert shown, "name-only people are listed by name in the directory"


def test_the_audit_reads_escaped_folded_and_compressed_text():
    forms = readable_forms(b"DESCRIPTION:Speakers: Noor Ha\r\n ddad\\, MD")
    assert any("noor haddad, md" in f for f in forms)
    assert any("o'brien" in f for f in readable_forms(b"<p>O&#39;Brien</p>"))
    assert any("a@example.org" in f for f in readable_forms(b'{"text": "a\\u0040example.org"}'))
    assert any("jane doe" in f for f in readable_forms(b"<b>Jane</b>\n   Doe"))


# --- search engines -----------------------------------------------------------------------------------


def _robots(page: Path) -> str | None:
    tag = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("meta", attrs={"name": "robots"})
    return str(tag["content"]) if tag else None


def test_public_pages_are_indexed_and_noindex_pages_leave_the_sitemap(small_hub, tmp_path: Path):
    root = small_hub(
        {
            "content/members.md": "---\nrobots: noindex\n---\n# Members\n\nFor members.\n",
            "content/people/ada.yml": "name: Ada Example\n",
            "content/topics.yml": "t: {title: T}\n",
        }
    )
    site = tmp_path / "site"
    assert mkdocs_build(root, site).returncode == 0
    assert _robots(site / "members" / "index.html") == "noindex"
    assert _robots(site / "people" / "ada" / "index.html") is None
    assert _robots(site / "index.html") is None
    for sitemap in (site / "sitemap.xml").read_text(), gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode():
        assert "people/ada/" in sitemap
        assert "/members/" not in sitemap


def test_a_hub_wide_noindex_marks_every_page_and_empties_the_sitemap(small_hub, tmp_path: Path):
    root = small_hub(
        {
            "mkdocs.yml": "site_name: T\nsite_url: https://example.org/\ndocs_dir: content\n"
            "theme: {name: material}\nplugins: [search, {hubgen: {noindex: true}}]\n",
            "content/people/ada.yml": "name: Ada Example\n",
        }
    )
    site = tmp_path / "site"
    assert mkdocs_build(root, site).returncode == 0
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 5
    assert [p.relative_to(site).as_posix() for p in pages if _robots(p) != "noindex"] == []
    for sitemap in (site / "sitemap.xml").read_text(), gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode():
        assert "<url>" not in sitemap and "<urlset" in sitemap


def test_a_person_page_is_noindex_unless_the_person_is_public():
    from hubgen.hub.load import load_hub
    from hubgen.site.render import Renderer

    hub, _ = load_hub(EXAMPLE_HUB)
    renderer = Renderer(hub)
    person = next(p for p in hub.people.values() if p.visibility == "name-only")
    # never published, but never indexed
    assert frontmatter.loads(renderer.person_page(person).content).metadata["robots"] == "noindex"
    public = next(p for p in hub.people.values() if p.visibility == "public")
    assert "robots" not in frontmatter.loads(renderer.person_page(public).content).metadata


def test_robots_survive_a_theme_that_replaces_main_html(small_hub, tmp_path: Path):
    root = small_hub(
        {
            "mkdocs.yml": "site_name: T\ndocs_dir: content\ntheme: {name: material, custom_dir: theme}\n"
            "plugins: [search, {hubgen: {noindex: true}}]\n",
            "theme/main.html": '{% extends "base.html" %}\n{% block extrahead %}<meta name="x" content="y">'
            "{% endblock %}\n",
        }
    )
    site = tmp_path / "site"
    assert mkdocs_build(root, site).returncode == 0, "built"
    assert _robots(site / "index.html") == "noindex"


def test_the_synthetic_hub_has_withheld_files_and_name_only_titles(synthetic_site: tuple[Path, Path]):
    root, _site = synthetic_site
    secrets = Secrets.from_sources(root)
    kinds = " ".join(secrets.withheld.values())
    assert "unpublished project's image" in kinds and "file named only by the unpublished" in kinds
    assert "project image's original" in kinds
    assert secrets.name_only_titles


def test_the_audit_finds_withheld_files_gps_data_and_name_only_titles(
    tmp_path: Path, synthetic_site: tuple[Path, Path]
):
    """Each rule catches its leak: copies of withheld files, a picture with GPS data, a byline with a job title."""
    source, _ = synthetic_site
    root = tmp_path / "hub"
    shutil.copytree(source, root)
    leak = root / "content" / "leak"
    leak.mkdir()
    shutil.copy(root / "content/images/draft.jpg", leak / "a.jpg")  # as MkDocs copied it before issue 11
    shutil.copy(root / "content/images/scheduled.jpg", leak / "b.jpg")
    shutil.copy(root / "content/files/draft-notes.pdf", leak / "notes.pdf")
    shutil.copy(root / "content/images/p0c0j0.jpg", leak / "original.jpg")
    _picture(leak / "gps.jpg", random.Random(1), (40, 40), gps=True)
    template = (REPO / "hubgen/templates/announcement.md.j2").read_text(encoding="utf-8")
    (root / "theme/hubgen/announcement.md.j2").write_text(
        template.replace("a.author.has_page and a.author.data.role", "a.author.data.role"), encoding="utf-8"
    )
    site = tmp_path / "site"
    result = mkdocs_build(root, site)
    assert result.returncode == 0, result.stderr
    leaks = audit(site, Secrets.from_sources(root))
    assert "leak/a.jpg: a copy of the unpublished project's image" in "\n".join(leaks)
    assert "leak/b.jpg: a copy of the unpublished project's image" in "\n".join(leaks)
    assert "leak/notes.pdf: a copy of the file named only by the unpublished" in "\n".join(leaks)
    assert "leak/original.jpg: a copy of the project image's original" in "\n".join(leaks)
    assert any(line.startswith("leak/gps.jpg: a picture with GPS data") for line in leaks), leaks
    titled = {line.split(":")[0] for line in leaks if "name-only person's job title" in line}
    assert "news/2026-05-01-welcome/index.html" in titled and "search/search_index.json" in titled, leaks
