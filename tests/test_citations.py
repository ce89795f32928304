"""Every "Download citations" of the example hub, read back by the tools people import them with.

A reading's and a session's downloads are ``data:`` URLs in their page's links (decoded here from the page,
as a browser saves them); a topic's, a cohort's and the library's are files beside the page.

BibTeX by bibtexparser v2 (no failed block, every expected field present — it silently absorbs a
missing comma, so fields are checked one by one), RIS by rispy (one record per reading: it returns
[] for a broken file rather than raising), CSL-JSON against the structure of the CSL-JSON schema and
rendered in APA 7 by citeproc-py with the shipped apa.csl.
"""

from __future__ import annotations

import dataclasses
import json
import re
import unicodedata
import warnings
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import bibtexparser
import jsonschema
import rispy
from bs4 import BeautifulSoup
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from hypothesis import given, settings
from hypothesis import strategies as st

from hubgen.content import models
from hubgen.hub.graph import Hub, Reading
from hubgen.site import citations
from hubgen.site.citations import (
    STYLE_FILE,
    ExportCache,
    ReferenceCache,
    apa,
    apa7,
    bibtex,
    bibtex_entry,
    bibtexformat,
    citeproc_patches,
    csl_item,
    csl_json,
    downloads,
    export_files,
    ris,
    ris_record,
)
from hubgen.site.citations.bibtexformat import _EncodeLatex, _ProtectLiteralNames
from hubgen.site.citations.risformat import _RisWriter
from hubgen.site.library import library_order
from hubgen.site.render import Renderer
from tests.helpers import DATA_URL, EXAMPLE_HUB, MIME, download, download_links, mkdocs_build

# CSL-JSON 1.0.2's item types and the shapes of its name and date variables, for the parts hubgen writes.
# (No package on PyPI or npm ships the schema's csl-data.json, so its structure is restated here.)
CSL_TYPES = [
    "article",
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "bill",
    "book",
    "broadcast",
    "chapter",
    "classic",
    "collection",
    "dataset",
    "document",
    "entry",
    "entry-dictionary",
    "entry-encyclopedia",
    "event",
    "figure",
    "graphic",
    "hearing",
    "interview",
    "legal_case",
    "legislation",
    "manuscript",
    "map",
    "motion_picture",
    "musical_score",
    "pamphlet",
    "paper-conference",
    "patent",
    "performance",
    "periodical",
    "personal_communication",
    "post",
    "post-weblog",
    "regulation",
    "report",
    "review",
    "review-book",
    "software",
    "song",
    "speech",
    "standard",
    "thesis",
    "treaty",
    "webpage",
]
NAME = {
    "type": "object",
    "properties": {
        k: {"type": "string"}
        for k in ("family", "given", "suffix", "literal", "non-dropping-particle", "dropping-particle")
    },
    "additionalProperties": False,
    "anyOf": [{"required": ["family"]}, {"required": ["literal"]}],
}
DATE = {
    "type": "object",
    "properties": {
        "date-parts": {
            "type": "array",
            "minItems": 1,
            "maxItems": 2,
            "items": {"type": "array", "minItems": 1, "maxItems": 3, "items": {"type": ["integer", "string"]}},
        }
    },
    "required": ["date-parts"],
    "additionalProperties": False,
}
STRING_VARIABLES = [
    "id",
    "citation-key",
    "title",
    "container-title",
    "publisher",
    "publisher-place",
    "volume",
    "issue",
    "page",
    "DOI",
    "URL",
    "ISBN",
    "keyword",
    "abstract",
    "genre",
    "edition",
    "collection-title",
    "collection-number",
    "number",
    "language",
]
CSL_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "type": {"enum": CSL_TYPES},
            **{k: {"type": "string", "minLength": 1} for k in STRING_VARIABLES},
            "author": {"type": "array", "items": NAME},
            "editor": {"type": "array", "items": NAME},
            "issued": DATE,
            "accessed": DATE,
        },
        "required": ["id", "type", "title"],
        "additionalProperties": False,
    },
}


def filed_under(title: str, language: str = "") -> str:
    """How a library files a title (worked out here, not by hubgen): no markup, no leading quotation mark or
    punctuation, no leading "The", "A" or "An" (a Spanish title's "El", "La", "Los", "Las", "Un", "Una"), case and
    accents ignored."""
    text = re.sub(r"^[\W_]+", "", re.sub(r"<[^>]+>", "", title))
    articles = "el|la|los|las|una|un" if language.lower().startswith("es") else "the|an|a"
    text = re.sub(rf"^(?:{articles})\b[\W_]+(?=\w)", "", text, flags=re.IGNORECASE)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def shelf(readings: Iterable[Reading]) -> list[Reading]:
    return sorted(readings, key=lambda r: (filed_under(r.data.title, r.data.language), r.data.year or 0, r.id))


def expected_sets(hub: Hub) -> dict[str, list[Reading]]:
    """Which readings each page's citation files must hold (worked out here, not by hubgen.site.citations)."""
    sets: dict[str, list[Reading]] = {"library/": shelf(hub.readings.values())}
    for r in hub.readings.values():
        sets[r.url] = [r]
    for s in hub.sessions:
        if s.required or s.optional:
            sets[s.url] = list(dict.fromkeys(s.required + s.optional))
    for c in hub.cohorts:
        readings = list(dict.fromkeys(r for s in c.sessions for r in s.required + s.optional))
        if readings:
            sets[c.url] = readings
    for t in hub.topics.values():
        if t.readings:
            sets[t.url] = list(t.readings)
    return sets


def key(r: Reading) -> str:
    return r.data.key or r.id


def inline_names(hub: Hub) -> dict[str, str]:
    """The pages whose downloads are data: URLs (a reading's, a session's with readings), with the name each
    download is saved under."""
    names = {r.url: key(r) for r in hub.readings.values()}
    names |= {s.url: s.id for s in hub.sessions if s.required or s.optional}
    return names


def test_every_page_with_readings_offers_all_three_formats(example_site: Path, hub: Hub):
    sets = expected_sets(hub)
    inline = inline_names(hub)
    assert inline and set(sets) - set(inline)  # both kinds are in the example
    found = {p.parent.relative_to(example_site).as_posix() + "/" for p in example_site.rglob("citations.bib")}
    assert found == set(sets) - set(inline)
    for url in sets:
        links = download_links(example_site, url)
        assert list(links) == ["bib", "ris", "json"], url
        for suffix, link in links.items():
            assert link["type"] == MIME[suffix]
            if url in inline:
                assert link["href"].startswith(f"data:{MIME[suffix]};charset=utf-8,"), url
                assert link["download"] == f"{inline[url]}.{suffix}"
                assert not (example_site / url / f"citations.{suffix}").exists(), f"/{url}citations.{suffix}"
            else:
                assert link["href"] == f"citations.{suffix}", url
                assert (example_site / url / f"citations.{suffix}").is_file(), f"/{url}citations.{suffix}"


def test_no_citation_file_under_a_reading_or_a_session(example_site: Path, hub: Hub):
    """Only the library, the cohorts and the topics have citation files; readings and sessions carry theirs."""
    written = sorted(p.relative_to(example_site).as_posix() for p in example_site.rglob("citations.*"))
    for url in [r.url for r in hub.readings.values()] + [s.url for s in hub.sessions]:
        assert not [p for p in written if p.startswith(url)], f"citation files under /{url}"
    pages = ["library/"] + [c.url for c in hub.cohorts if any(s.required or s.optional for s in c.sessions)]
    pages += [t.url for t in hub.topics.values() if t.readings]
    assert len(pages) > 10
    assert written == sorted(f"{url}citations.{suffix}" for url in pages for suffix in ("bib", "ris", "json"))


def test_a_data_url_is_a_link_only_in_the_citation_downloads(example_site: Path):
    """Every link, picture and script of the site is http(s), mailto, webcal or relative; hubgen's own
    ``data:`` URLs are allowed only as a citation download (``a[download]`` in ``.hg-downloads``)."""
    found = 0
    for page in sorted(example_site.rglob("*.html")):
        problems = url_problems(page.read_text(encoding="utf-8"))
        assert problems == [], f"{page.relative_to(example_site)}: {problems[:5]}"
        found += page.read_text(encoding="utf-8").count('href="data:')
    assert found > 100
    # The rule is strict everywhere else (a self-test of the check).
    data = "data:application/x-bibtex;charset=utf-8,%40misc"
    for wrong in (
        f'<p class="hg-downloads"><a href="{data}">BibTeX</a></p>',  # no download attribute
        f'<p><a href="{data}" download="x.bib">BibTeX</a></p>',  # not in the downloads
        '<p class="hg-downloads"><a href="data:text/html,%3Cscript%3E" download="x.html">x</a></p>',  # another type
        '<p class="hg-downloads"><a href="data:application/x-bibtex;charset=utf-8,<b>" download="x.bib">x</a></p>',
        f'<img src="{data}" alt="">',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="vbscript:x">x</a>',
    ):
        assert url_problems(wrong), wrong
    assert (
        url_problems(f'<p class="hg-downloads"><a href="{data}" download="x.bib" type="{MIME["bib"]}">x</a></p>') == []
    )


def url_problems(html: str) -> list[str]:
    """Every URL of a page that is neither http(s), mailto, webcal nor relative, unless it is a citation download."""
    soup = BeautifulSoup(html, "html.parser")
    problems = []
    for element in soup.find_all(True):
        for attr in ("href", "src", "srcset", "action", "formaction", "poster", "data", "xlink:href"):
            value = element.get(attr)
            if not isinstance(value, str):
                continue
            scheme = urlsplit(value.strip()).scheme.lower()
            if scheme in ("", "http", "https", "mailto", "webcal"):
                continue
            downloads = element.find_parent(class_="hg-downloads")
            match = DATA_URL.fullmatch(value)
            if (
                scheme == "data"
                and element.name == "a"
                and attr == "href"
                and element.has_attr("download")
                and downloads is not None
                and match
                and match["mime"] in MIME.values()
            ):
                continue
            problems.append(f"<{element.name} {attr}={value[:60]!r}>")
    return problems


def test_no_export_is_written_into_content():
    leftovers = [
        p
        for p in (EXAMPLE_HUB / "content").rglob("*")
        if p.suffix in (".bib", ".ris") or p.name.startswith("citations")
    ]
    assert leftovers == []


def test_bibtex_exports_parse_with_every_field(example_site: Path, hub: Hub):
    for url, readings in expected_sets(hub).items():
        text = download(example_site, url, "bib")
        library = bibtexparser.parse_string(text)
        assert library.failed_blocks == [], url
        assert [e.key for e in library.entries] == [key(r) for r in readings], url
        for entry, reading in zip(library.entries, readings, strict=True):
            d = reading.data
            fields = entry.fields_dict
            expected = {"title"}
            expected |= {"author"} if d.authors else set()
            expected |= {"year"} if d.year else set()
            expected |= {"doi"} if d.doi else set()
            expected |= {"url"} if d.url else set()
            expected |= {"journal"} if d.type == "article" and d.source else set()
            expected |= {"booktitle"} if d.type == "chapter" and d.source else set()
            expected |= {"institution"} if d.type in ("report", "toolkit") and d.source else set()
            assert expected <= set(fields), f"{url} {entry.key}: missing {expected - set(fields)}"
            for f in entry.fields:  # a missing comma would leave "x = ..." inside a value
                assert not re.search(r"\n\s*\w+\s*=", f.value), f"{url} {entry.key}.{f.key} runs into the next field"
            if d.year:
                assert fields["year"].value == str(d.year)
            if d.doi:
                assert fields["doi"].value == d.doi
            assert entry.entry_type == {  # what Zotero's BibTeX import maps back to the same kind (test_roundtrip.py)
                "article": "article",
                "magazine": "article",
                "newspaper": "article",
                "book": "book",
                "chapter": "incollection",
                "report": "techreport",
                "toolkit": "techreport",
                "video": "movie" if d.genre == "Film" else "video",
                "webpage": "online",
            }.get(d.type, "misc")


def test_bibtex_values_decode_to_the_readings_text(example_site: Path, hub: Hub):
    """LaTeX-encoded on the way out (& → \\&, é → \\'e), the library's own decoder gives the text back."""
    from bibtexparser import middlewares as bm

    text = (example_site / "library" / "citations.bib").read_text(encoding="utf-8")
    library = bibtexparser.parse_string(text, append_middleware=[bm.LatexDecodingMiddleware()])
    by_key = {e.key: e for e in library.entries}
    for r in hub.readings.values():
        title = by_key[key(r)].fields_dict["title"].value
        assert title.replace("”", '"').replace("“", '"') == r.data.title, r.id


def test_ris_exports_have_one_record_per_reading(example_site: Path, hub: Hub):
    for url, readings in expected_sets(hub).items():
        text = download(example_site, url, "ris")
        assert len(re.findall(r"^TY  - ", text, re.M)) == len(readings) == len(re.findall(r"^ER  -", text, re.M))
        records = rispy.loads(text)
        assert len(records) == len(readings), url
        for record, reading in zip(records, readings, strict=True):
            assert record["title"] == reading.data.title
            assert record["id"] == key(reading)
            assert record.get("authors", []) == list(reading.data.authors)
            if reading.data.year:
                assert record["year"] == str(reading.data.year)
            if reading.data.doi:
                assert record["doi"] == reading.data.doi


def test_csl_json_exports_match_the_csl_json_structure(example_site: Path, hub: Hub):
    validator = jsonschema.Draft202012Validator(CSL_SCHEMA)
    for url, readings in expected_sets(hub).items():
        items = json.loads(download(example_site, url, "json"))
        errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(items)]
        assert errors == [], url
        assert [i["id"] for i in items] == [key(r) for r in readings]


def test_the_schema_check_catches_broken_items():
    validator = jsonschema.Draft202012Validator(CSL_SCHEMA)
    broken = [
        {
            "id": "x",
            "type": "journal",
            "title": "T",
            "author": [{"famly": "A"}],
            "issued": {"date-parts": [["2020", "x", 1, 2]]},
        }
    ]
    assert len(list(validator.iter_errors(broken))) >= 3


@cache
def _style() -> CitationStylesStyle:
    return CitationStylesStyle(str(STYLE_FILE), validate=False)


def render_apa(item: dict) -> str:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        bibliography = CitationStylesBibliography(_style(), CiteProcJSON([item]), formatter.plain)
        bibliography.register(Citation([CitationItem(item["id"])]))
        text = str(bibliography.bibliography()[0])
    # citeproc-py predates CSL 1.0.2's citation-key variable: that is the only thing it may say it ignores.
    unexpected = [str(w.message) for w in caught if "citation_key" not in str(w.message)]
    assert unexpected == []
    return text


def test_citeproc_renders_apa_for_every_reading(example_site: Path, hub: Hub):
    items = json.loads((example_site / "library" / "citations.json").read_text(encoding="utf-8"))
    readings = {key(r): r for r in hub.readings.values()}
    assert len(items) == len(readings)
    for item in items:
        reading = readings[item["id"]]
        text = render_apa(item)
        family = reading.data.authors[0].split(",")[0] if reading.data.authors else reading.data.title.split()[0]
        assert text.startswith(family), text
        if reading.data.year:
            assert f"({reading.data.year})" in text
        assert reading.data.title.split(":")[0] in text
        if reading.data.doi:
            assert text.endswith(f"https://doi.org/{reading.data.doi}")


def test_reading_page_shows_the_apa_citation(example_site: Path, hub: Hub):
    reading = next(r for r in hub.readings.values() if r.data.doi and r.data.type == "article")
    soup = BeautifulSoup((example_site / reading.url / "index.html").read_text(encoding="utf-8"), "html.parser")
    citation = soup.select_one("p.hg-citation")
    assert citation.select_one("i").get_text() == reading.data.source  # the journal in italics
    text = citation.get_text().strip()
    expected = render_apa(json.loads(download(example_site, reading.url, "json"))[0])
    assert re.sub(r"\s+", " ", text.removeprefix("APA 7").strip()) == re.sub(r"\s+", " ", expected)
    assert citation.select_one(f'a[href="https://doi.org/{reading.data.doi}"]')


def test_hostile_text_is_escaped_in_citations_and_survives_the_exports(small_hub, tmp_path):
    title = 'Tricks & <script>alert("x")</script> 50% {braces} #1'
    root = small_hub(
        {
            "content/topics.yml": "equity: {title: Equity}\n",
            "content/readings/tricky.yml": f"""
            title: '{title}'
            authors: ["O'Brien, Siobhán", "Riverbend Community Health Collaborative"]
            year: 2024
            type: chapter
            source: Book & <b>Co</b>
            publisher: Press
            editors: ["Lee, Ann"]
            pages: 10–20
            url: https://example.org/a?b=1&c=2
            topics: [equity]
        """,
        }
    )
    result = mkdocs_build(root, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out/library/tricky/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<b>Co</b>" not in html
    assert "Tricks &amp; &lt;script&gt;" in html
    assert url_problems(html) == []  # the data: URLs hold no raw quote, <, >, &, %, # or {
    site, page = tmp_path / "out", "library/tricky/"
    bib = download(site, page, "bib")
    entry = bibtexparser.parse_string(bib, append_middleware=[bibtexparser.middlewares.LatexDecodingMiddleware()])
    assert entry.failed_blocks == []
    fields = entry.entries[0].fields_dict
    assert fields["title"].value.replace("”", '"').replace("“", '"') == title
    assert fields["pages"].value == "10–20"  # written as 10--20, BibTeX's en dash
    raw = bibtexparser.parse_string(bib)
    assert raw.entries[0].fields_dict["url"].value == "https://example.org/a?b=1&c=2"  # verbatim, as \url reads it
    assert "{Riverbend Community Health Collaborative}" in bib
    [record] = rispy.loads(download(site, page, "ris"))
    assert record["title"] == title and record["start_page"] == "10" and record["end_page"] == "20"
    [item] = json.loads(download(site, page, "json"))
    assert item["title"] == title and item["author"][1] == {"literal": "Riverbend Community Health Collaborative"}
    assert item["author"][0] == {"family": "O'Brien", "given": "Siobhán"}  # UTF-8 through the percent-encoding
    # The library's file holds the same text as the reading's data: URL.
    assert (site / "library/citations.bib").read_text(encoding="utf-8") == bib


def test_two_readings_cannot_share_a_citation_key(small_hub, capsys):
    from hubgen.cli import main

    root = small_hub(
        {
            "content/topics.yml": "equity: {title: Equity}\n",
            "content/readings/first.yml": "title: First\ntype: book\ntopics: [equity]\n",
            "content/readings/second.yml": "title: Second\ntype: book\ntopics: [equity]\nkey: first\n",
        }
    )
    assert main(["check", str(root)]) == 1
    assert (
        "content/readings/second.yml:4:6: error: key: the citation key 'first' is already content/readings/first.yml's"
    ) in capsys.readouterr().out


def test_cached_apa_references_follow_edits_and_match_uncached(hub: Hub, tmp_path: Path):
    """The cache of rendered references (``.cache/hubgen/``) never changes the output: an edited reading misses it."""
    reading = next(r for r in hub.readings.values() if r.data.doi)
    uncached = apa(reading)
    first = ReferenceCache(tmp_path)
    assert first.apa(reading) == uncached
    first.save()
    stored = json.loads((tmp_path / ReferenceCache.FILE).read_text(encoding="utf-8"))
    assert list(stored.values()) == [str(uncached)]

    # A later build takes the reference from the file (planted here, to show it is read) ...
    (tmp_path / ReferenceCache.FILE).write_text(json.dumps(dict.fromkeys(stored, "from <i>the</i> cache")), "utf-8")
    assert ReferenceCache(tmp_path).apa(reading) == "from <i>the</i> cache"
    # ... but never markup that citeproc and hubgen do not write: that is rendered again.
    for planted in ("<script>alert(1)</script>", '<a href="javascript:alert(1)">x</a>', "<img src=x onerror=alert(1)>"):
        (tmp_path / ReferenceCache.FILE).write_text(json.dumps(dict.fromkeys(stored, planted)), "utf-8")
        assert ReferenceCache(tmp_path).apa(reading) == uncached
    # ... until the reading changes: then it is rendered again.
    edited = dataclasses.replace(reading, data=reading.data.model_copy(update={"title": "A new title"}))
    again = ReferenceCache(tmp_path)
    assert again.apa(edited) == apa(edited) != uncached
    assert "A new title" in again.apa(edited)
    again.save()  # keeps only what this build used
    assert list(json.loads((tmp_path / ReferenceCache.FILE).read_text(encoding="utf-8")).values()) == [str(apa(edited))]


def test_a_broken_cache_file_is_ignored(hub: Hub, tmp_path: Path):
    reading = next(iter(hub.readings.values()))
    (tmp_path / ReferenceCache.FILE).write_text("{not json", encoding="utf-8")
    assert ReferenceCache(tmp_path).apa(reading) == apa(reading)


def test_exports_written_reading_by_reading_match_one_write(hub: Hub):
    """export_files writes each reading once and joins: the same text as the writers given the whole list."""
    readings = shelf(hub.readings.values())  # the library's order
    files = {f.path: f.content for f in export_files(hub)}
    assert files["library/citations.bib"] == bibtex(readings) != ""
    assert files["library/citations.ris"] == ris(readings) != ""
    assert files["library/citations.json"] == csl_json(readings)
    library = bibtexparser.Library([bibtex_entry(r) for r in readings])
    assert bibtex(readings) == bibtexparser.write_string(
        library,
        prepend_middleware=[
            _EncodeLatex(keep_math=False, enclose_urls=False),
            _ProtectLiteralNames(),
            bibtexparser.middlewares.MergeNameParts(),
            bibtexparser.middlewares.MergeCoAuthors(),
        ],
    )
    assert ris(readings) == rispy.dumps([ris_record(r) for r in readings], implementation=_RisWriter)
    assert csl_json(readings) == json.dumps([csl_item(r) for r in readings], ensure_ascii=False, indent=2) + "\n"
    assert (bibtex([]), ris([]), csl_json([])) == ("", "", "[]\n")


def test_inline_exports_are_data_urls_of_the_text_a_file_would_hold(hub: Hub, tmp_path: Path):
    """A reading's and a session's exports are inline (no file), the others files; a data: URL decodes to what
    the writers give for the same readings, through the same cache as the files."""
    made = citations.exports(hub)
    inline = inline_names(hub)
    assert {e.url for e in made if e.inline} == set(inline)
    assert {f.path.rsplit("/", 1)[0] + "/" for f in export_files(hub)} == {e.url for e in made if not e.inline}
    session = next(e for e in made if e.inline and len(e.readings) > 1)
    readings = list(session.readings)
    for suffix, write in (("bib", bibtex), ("ris", ris), ("json", csl_json)):
        url = citations.data_url(session, suffix)
        match = DATA_URL.fullmatch(url)
        assert match and match["mime"] == MIME[suffix], url[:80]
        assert unquote(match["data"], errors="strict") == write(readings) != ""
    cache = ExportCache(tmp_path)
    assert unquote(citations.data_url(session, "bib", cache).split(",", 1)[1]) == bibtex(readings)
    cache.save()
    stored = json.loads((tmp_path / ExportCache.FILE).read_text(encoding="utf-8"))
    assert len(stored) == len(readings)  # each of the session's readings, once
    (tmp_path / ExportCache.FILE).write_text(json.dumps(dict.fromkeys(stored, "@misc{planted}")), "utf-8")
    planted = unquote(citations.data_url(session, "bib", ExportCache(tmp_path)).split(",", 1)[1])
    assert planted == "\n\n".join(["@misc{planted}"] * len(readings))


def test_deferred_data_urls_are_put_in_as_the_page_is_written(hub: Hub, example_site: Path):
    """Under MkDocs a page holds a short stand-in for each data: URL until its HTML is written (the engine keeps
    every page's Markdown and HTML to the end of the build): filled, the page is the one made with the URLs."""
    direct = {p.url: p.content for p in Renderer(hub).pages()}
    deferred_renderer = Renderer(hub, defer_downloads=True)
    deferred = {p.url: p.content for p in deferred_renderer.pages()}
    session = next(e for e in citations.exports(hub) if e.inline and len(e.readings) > 1)
    assert "data:application/x-bibtex" in direct[session.url]
    assert "data:" not in deferred[session.url] and f"hubgen-citation:bib:{session.url}" in deferred[session.url]
    assert len(deferred[session.url]) < len(direct[session.url]) - 1000
    assert {url: deferred_renderer.fill_downloads(text) for url, text in deferred.items()} == direct
    # A stand-in that names no inline export is left as it is; and none is left in the built site.
    stray = 'href="hubgen-citation:bib:nowhere/"'
    assert deferred_renderer.fill_downloads(stray) == stray
    left = [p for p in example_site.rglob("*") if p.is_file() and b"hubgen-citation:" in p.read_bytes()]
    assert not left, left[:3]


def test_citeproc_shortcuts_change_no_reference(hub: Hub, monkeypatch):
    """hubgen remembers citeproc-py's look-ups (``_memoize_citeproc``, ``FastCitationItem``): the references come out
    the same."""
    from citeproc import model
    from citeproc.source import CitationItem

    fast = {r.id: apa7.render_apa(apa7.apa_item(r)) for r in hub.readings.values()}
    for cls, name in citeproc_patches._MEMOIZED:
        patched = getattr(getattr(model, cls), name)
        monkeypatch.setattr(getattr(model, cls), name, patched.__wrapped__)
    monkeypatch.setattr(apa7, "_ITEM", CitationItem)
    apa7.render_apa.cache_clear()
    try:
        slow = {r.id: apa7.render_apa(apa7.apa_item(r)) for r in hub.readings.values()}
    finally:
        apa7.render_apa.cache_clear()
    assert slow == fast


def test_cached_exports_follow_edits_and_match_uncached(hub: Hub, tmp_path: Path):
    """The cache of written exports (``.cache/hubgen/exports.json``) never changes a download: an edit misses it."""
    uncached = {f.path: f.content for f in export_files(hub)}
    assert {f.path: f.content for f in export_files(hub, ExportCache(tmp_path))} == uncached
    stored = json.loads((tmp_path / ExportCache.FILE).read_text(encoding="utf-8"))
    assert len(stored) == 3 * len(hub.readings)  # each reading once per format
    # A later build takes what it writes from the file (planted here, to show it is read) ...
    (tmp_path / ExportCache.FILE).write_text(json.dumps(dict.fromkeys(stored, "@misc{planted}")), "utf-8")
    planted = {f.path: f.content for f in export_files(hub, ExportCache(tmp_path))}
    assert all("@misc{planted}" in text for path, text in planted.items() if path.endswith(".bib"))
    # ... until a reading changes (here its title): then it is written again, and only what was used is kept.
    (tmp_path / ExportCache.FILE).write_text(json.dumps(stored), "utf-8")
    reading = next(iter(hub.readings.values()))
    edited = dataclasses.replace(reading, data=reading.data.model_copy(update={"title": "A new title"}))
    cache = ExportCache(tmp_path)
    assert cache.written("bib", edited, bibtexformat.bibtex_one) == bibtexformat.bibtex_one(edited)
    assert "A new title" in cache.written("bib", edited, bibtexformat.bibtex_one)
    assert cache.written("bib", reading, bibtexformat.bibtex_one) == bibtexformat.bibtex_one(reading)
    cache.save()
    assert len(json.loads((tmp_path / ExportCache.FILE).read_text(encoding="utf-8"))) == 2
    (tmp_path / ExportCache.FILE).write_text("{not json", encoding="utf-8")
    assert {f.path: f.content for f in export_files(hub, ExportCache(tmp_path))} == uncached


def test_kept_data_urls_are_the_urls_and_only_well_formed_ones_are_used(hub: Hub, tmp_path: Path):
    """The downloads' data: URLs kept between builds (``datauris.json``) are what encoding gives; one that is not a
    data: URL of hubgen's form (a tampered file: a quote would end the attribute) is encoded again."""
    inline = [e for e in citations.exports(hub) if e.inline][:20]
    fresh = {(e.url, s): downloads.data_url(e, s) for e in inline for s in citations.FORMATS}
    kept = citations.DataUrlCache(tmp_path)
    assert {(e.url, s): downloads.data_url(e, s, None, kept) for e in inline for s in citations.FORMATS} == fresh
    kept.close()
    stored = json.loads((tmp_path / citations.DataUrlCache.FILE).read_text(encoding="utf-8"))
    assert sorted(stored.values()) == sorted(fresh.values())
    key = next(iter(stored))
    planted = {**stored, key: stored[key].replace(",", ',"><script>alert(1)</script>', 1)}
    (tmp_path / citations.DataUrlCache.FILE).write_text(json.dumps(planted), encoding="utf-8")
    again = citations.DataUrlCache(tmp_path)
    assert {(e.url, s): downloads.data_url(e, s, None, again) for e in inline for s in citations.FORMATS} == fresh
    marked = {k: v.replace("%20", "%20x", 1) for k, v in stored.items()}  # well formed: used as it is
    (tmp_path / citations.DataUrlCache.FILE).write_text(json.dumps(marked), encoding="utf-8")
    used = citations.DataUrlCache(tmp_path)
    assert any("%20x" in downloads.data_url(e, s, None, used) for e in inline for s in citations.FORMATS)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=("Cs",))) | st.text(alphabet="{}\\ \n\t%#\"'<>&=,;:@é—ü🙂"))
def test_data_urls_are_percent_encoded_as_quote_does(text: str):
    """hubgen's table look-up gives what urllib's quote() gives with the same safe characters, for any text."""
    assert downloads._percent_encoded(text) == quote(text, safe=downloads.DATA_URL_SAFE)


def test_the_library_files_titles_as_a_library_does(example_site: Path, hub: Hub):
    """Issue 29, item 6: "The Color of the Ledger" files under C, a title in quotation marks under its first word."""
    page = BeautifulSoup((example_site / "library" / "index.html").read_text(encoding="utf-8"), "html.parser")
    keys = [li["data-hg-key"] for li in page.select("#hg-library > li[data-hg-item]")]
    assert keys == [r.data.key or r.id for r in shelf(hub.readings.values())]
    titles = [r.data.title for r in shelf(hub.readings.values())]
    assert any(t.startswith("The ") for t in titles)  # the example has titles that test it
    made_up = {
        "t": "The Zebra crossing",
        "q": "“Apple” pie",
        "m": "A mango",
        "b": "banana",
        "e": "Éclair",
        "p": "(An) orange",
    }
    spanish = {"s": "La casa de todos", "o": "A la orilla"}  # language: es — "A" is no article in Spanish
    readings = [
        Reading(id=k, file=f"{k}.yml", url=f"library/{k}/", data=models.Reading(title=t, type="book"))
        for k, t in made_up.items()
    ] + [
        Reading(id=k, file=f"{k}.yml", url=f"library/{k}/", data=models.Reading(title=t, type="book", language="es"))
        for k, t in spanish.items()
    ]
    assert [r.id for r in library_order(readings)] == ["o", "q", "b", "s", "e", "m", "p", "t"]
