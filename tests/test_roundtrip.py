"""The hub's BibTeX, RIS and CSL-JSON, imported again with ``hubgen import``, give back the same readings.

One reading of every type, each holding every field its type can carry, is exported by the functions the
site's "Download citations" files are written with, then imported into an empty hub: every reading file comes
back with the same name and the same fields (``minutes`` and ``access`` are the hub's own and not exported).
Each export is also read by a second, independent reader: pybtex for BibTeX, rispy and a count of its
``TY``/``ER`` lines for RIS, citeproc-py for CSL-JSON. The end of the file has the exports' escaping: a line
break cannot split a reading into several RIS records, and no brace or backslash can add BibTeX fields.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import bibtexparser
import jsonschema
import pytest
import rispy
import yaml
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from pybtex.database import parse_string as pybtex_parse

from hubgen.authoring.importer import read_bibtex
from hubgen.cli import main
from hubgen.content import models
from hubgen.hub.graph import Reading
from hubgen.hub.load import load_hub
from hubgen.site.citations import STYLE_FILE, bibtex, csl_json, ris
from tests.test_citations import CSL_SCHEMA

TOPICS = {"health-equity": "Health Equity", "heat": "Heat & Housing"}
HUB_ONLY = ("minutes", "access")  # not exported; an imported reading says access: unknown until staff check

# One reading of each type; the file name is the ID `hubgen import` gives it, so IDs are compared too.
READINGS: dict[str, dict[str, Any]] = {
    "what-is-health-equity-2017": {
        "title": 'What is health equity? The "Other" <i>Salmonella</i> in café life',
        "authors": ["Braveman, Paula", "Núñez-Oyelaran, Hyun-joo", "van der Berg, Ann", "Smith, John, Jr."],
        "year": 2017,
        "month": 6,
        "day": 2,
        "type": "article",
        "genre": "Review",
        "source": "Health Affairs",
        "publisher": "Project HOPE",
        "place": "Bethesda, MD",
        "number": "e12",
        "volume": "36",
        "issue": "6",
        "pages": "1-10",
        "url": "https://example.org/a?b=1&c=2",
        "urldate": "2024-07-15",
        "doi": "10.1377/hlthaff.2017.0001",
        "key": "braveman_what_2017",
        "topics": ["health-equity"],
        "minutes": 20,
        "summary": "Why a definition matters: 50% of the work & more.",
    },
    "community-based-participatory-research-2008": {
        "title": "Community-based participatory research for health: From process to outcomes",
        "editors": ["Minkler, Meredith", "Wallerstein, Nina"],
        "year": 2008,
        "type": "book",
        "genre": "Textbook",
        "source": "Jossey-Bass",
        "place": "San Francisco, CA",
        "edition": "2",
        "series": "Public Health Series",
        "number": "7",
        "volume": "1",
        "isbn": "978-0-470-26043-2",
        "language": "es",
        "topics": ["health-equity", "heat"],
    },
    "theoretical-historical-and-practice-roots-2008": {
        "title": "The theoretical, historical, and practice roots of CBPR",
        "authors": ["Wallerstein, Nina", "Duran, Bonnie"],
        "editors": ["Minkler, Meredith", "Wallerstein, Nina"],
        "year": 2008,
        "type": "chapter",
        "source": "Community-based participatory research for health",
        "publisher": "Jossey-Bass",
        "place": "San Francisco, CA",
        "edition": "2",
        "series": "Public Health Series",
        "pages": "25-46",
        "isbn": "978-0-470-26043-2",
    },
    "closing-the-gap-2008": {
        "title": "Closing the gap in a generation: Health equity through action",
        "authors": ["World Health Organization"],
        "year": 2008,
        "type": "report",
        "genre": "Policy brief",
        "source": "World Health Organization",
        "place": "Geneva",
        "number": "WHO/IER/CSDH/08.1",
        "url": "https://www.who.int/publications/i/item/WHO-IER-CSDH-08.1",
        "doi": "10.5555/who.2008.1",
        "access": "free-registration",
    },
    "community-engagement-toolkit-2022": {
        "title": "Community engagement toolkit",
        "authors": ["Riverbend Community Health Collaborative"],
        "year": 2022,
        "type": "toolkit",
        "source": "Riverbend Community Health Collaborative",
        "number": "3",
        "url": "https://example.org/toolkit",
    },
    "unnatural-causes-2008": {
        "title": "Unnatural causes: Is inequality making us sick?",
        "authors": ["Adelman, Larry"],
        "year": 2008,
        "type": "video",
        "genre": "Film",
        "source": "California Newsreel",
        "place": "San Francisco, CA",
    },
    "public-narrative-explained-2013": {
        "title": "Public narrative explained",
        "authors": ["Ganz, Marshall"],
        "year": 2013,
        "month": 3,
        "day": 7,
        "type": "video",
        "source": "YouTube",
        "url": "https://www.youtube.com/watch?v=abc",
    },
    "redlining-and-heat-2020": {
        "title": "Redlining and heat",
        "authors": ["Nguyen, Jean-Pierre"],
        "editors": ["Okafor, Chidi"],
        "year": 2020,
        "month": 5,
        "day": 1,
        "type": "podcast",
        "source": "Health Equity Now",
        "publisher": "Riverbend Radio",
        "number": "12",
        "url": "https://example.org/ep12",
    },
    "heat-waves-and-the-city-2020": {
        "title": "Heat waves and the city",
        "authors": ["Klinenberg, Eric"],
        "year": 2020,
        "month": 7,
        "day": 14,
        "type": "magazine",
        "source": "The New Yorker",
        "publisher": "Condé Nast",
        "volume": "96",
        "issue": "20",
        "pages": "30-35",
        "url": "https://example.org/magazine",
    },
    "cooling-centers-open-early-2023": {
        "title": "Cooling centers open early as heat arrives",
        "authors": ["Ortiz, Maria"],
        "year": 2023,
        "month": 6,
        "day": 3,
        "type": "newspaper",
        "source": "Riverbend Courier",
        "place": "Riverbend, OR",
        "language": "en-US",
        "pages": "A1-A4",
        "url": "https://example.org/news",
    },
    "heat-index-today": {
        "title": "Heat index today",
        "authors": ["City of Riverbend"],
        "type": "webpage",
        "genre": "Blog post",
        "source": "Riverbend.gov",
        "url": "https://example.org/heat-index",
        "urldate": "2024-07-15",
    },
    "heat-vulnerability-index-2023": {
        "title": "Heat vulnerability index",
        "authors": ["Riverbend Health Department"],
        "year": 2023,
        "type": "dataset",
        "source": "Riverbend Open Data",
        "volume": "2",
        "url": "https://example.org/data",
    },
}


def hub_files(readings: dict[str, dict[str, Any]]) -> dict[str, str]:
    files = {"content/topics.yml": yaml.safe_dump({k: {"title": v} for k, v in TOPICS.items()})}
    for rid, data in readings.items():
        files[f"content/readings/{rid}.yml"] = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return files


def test_every_type_is_covered():
    assert {r["type"] for r in READINGS.values()} == set(models.ReadingType.__args__)


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("source")
    for name, text in {"mkdocs.yml": "site_name: x\ndocs_dir: content\n", **hub_files(READINGS)}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    hub, problems = load_hub(root)
    assert not problems.errors, [p.format() for p in problems.errors]
    assert not problems.warnings, [p.format() for p in problems.warnings]  # no topics is no warning either
    readings = list(hub.readings.values())
    return {"bib": bibtex(readings), "ris": ris(readings), "json": csl_json(readings)}


@pytest.mark.parametrize("fmt", ["bib", "ris", "json"])
def test_exports_import_back_to_the_same_readings(exports: dict[str, str], fmt: str, tmp_path: Path, capsys):
    root = tmp_path / "hub"
    (root / "content" / "readings").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: x\ndocs_dir: content\n", encoding="utf-8")
    (root / "content" / "topics.yml").write_text(hub_files({})["content/topics.yml"], encoding="utf-8")
    export = tmp_path / f"citations.{fmt}"
    export.write_text(exports[fmt], encoding="utf-8")
    assert main(["import", str(export), "--root", str(root)]) == 0, capsys.readouterr()
    back = {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (root / "content" / "readings").glob("*.yml")
    }
    assert sorted(back) == sorted(READINGS)
    for rid, original in READINGS.items():
        expected = {k: str(v) if k in ("volume", "issue", "number", "edition") else v for k, v in original.items()}
        expected = {k: v for k, v in expected.items() if k not in HUB_ONLY} | {"access": "unknown"}
        assert back[rid] == expected, rid
    capsys.readouterr()
    assert main(["import", str(export), "--root", str(root)]) == 0  # and again: nothing changes
    assert f"0 added, 0 updated, {len(READINGS)} skipped" in capsys.readouterr().err


def test_bibtex_is_read_alike_by_pybtex(exports: dict[str, str]):
    data = pybtex_parse(exports["bib"], "bibtex")
    assert len(data.entries) == len(READINGS)
    parsed = bibtexparser.parse_string(exports["bib"])
    assert parsed.failed_blocks == []
    for entry in parsed.entries:
        other = data.entries[entry.key]
        assert other.type == entry.entry_type
        fields = {f.key for f in entry.fields} - {"author", "editor"}
        assert {k.lower() for k in other.fields} == fields, entry.key
        for role in ("author", "editor"):
            if role in entry.fields_dict:
                names = bibtexparser.parse_string(
                    exports["bib"], append_middleware=[bibtexparser.middlewares.SeparateCoAuthors()]
                ).entries_dict[entry.key][role]
                assert len(other.persons[role]) == len(names), (entry.key, role)


def test_ris_is_read_alike_by_rispy_and_by_its_lines(exports: dict[str, str]):
    records = rispy.loads(exports["ris"])
    assert len(records) == len(READINGS)
    lines = [line for line in exports["ris"].splitlines() if line.strip()]
    assert sum(line.startswith("TY  - ") for line in lines) == len(READINGS)
    assert sum(line.startswith("ER  - ") for line in lines) == len(READINGS)
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines), lines
    by_id = {r["id"]: r for r in records}
    assert by_id["braveman_what_2017"]["title"] == READINGS["what-is-health-equity-2017"]["title"]


def test_csl_json_is_rendered_by_citeproc(exports: dict[str, str]):
    items = json.loads(exports["json"])
    assert len(items) == len(READINGS)
    jsonschema.validate(items, CSL_SCHEMA)  # the structure of CSL-JSON 1.0.2 (restated in test_citations.py)
    style = CitationStylesStyle(str(STYLE_FILE), validate=False)
    for item in items:
        item.pop("citation-key")  # CSL 1.0.2's, which citeproc-py does not know yet (it warns)
        bibliography = CitationStylesBibliography(style, CiteProcJSON([item]), formatter.plain)
        bibliography.register(Citation([CitationItem(item["id"])]))
        text = str(bibliography.bibliography()[0])
        assert models.plain_title(item["title"]).split(":")[0][:20] in models.plain_title(text), text


# --- escaping for each format (issue 11, item 8) --------------------------------------------------------------

HOSTILE_TITLE = "Line one\nTY  - JOUR\nTI  - injected-ris\nER  - \r\nlast\u2028line"
HOSTILE_AUTHOR = "Smith}, title = {Injected}, note = {x, Ann\\"


def hostile() -> Reading:
    # Built without validation: whatever the model accepts, the writers must not let text out of its field.
    data = models.Reading.model_construct(
        title=HOSTILE_TITLE + " } {unbalanced \\end{document}",
        authors=[HOSTILE_AUTHOR, "O}Brien, Siob{h}án"],
        editors=["Lee, Ann {"],
        type="book",
        source="Press }, publisher = {Evil",
        summary="a summary\n\nTY  - BOOK\nER  - ",
    )
    return Reading(id="hostile", file="content/readings/hostile.yml", url="library/hostile/", data=data)


def test_a_line_break_never_splits_a_ris_record():
    text = ris([hostile()])
    lines = [line for line in text.splitlines() if line.strip()]
    assert [line[:6] for line in lines].count("TY  - ") == 1 and [line[:6] for line in lines].count("ER  - ") == 1
    [record] = rispy.loads(text)
    assert re.sub(r"\s+", " ", record["title"]).startswith("Line one TY - JOUR TI - injected-ris ER - last line")
    assert record["authors"] == [HOSTILE_AUTHOR, "O}Brien, Siob{h}án"]


def test_braces_and_backslashes_never_add_bibtex_fields(tmp_path: Path):
    text = bibtex([hostile()])
    fields = ["title", "author", "editor", "publisher", "abstract"]
    parsed = bibtexparser.parse_string(text)
    assert parsed.failed_blocks == [] and [f.key for f in parsed.entries[0].fields] == fields
    other = pybtex_parse(text, "bibtex").entries["hostile"]  # BibTeX's own rule: braces count, backslash or not
    assert sorted(k.lower() for k in other.fields) == sorted(set(fields) - {"author", "editor"})
    assert len(other.persons["author"]) == 2 and len(other.persons["editor"]) == 1
    [item] = read_bibtex(text, "hostile.bib")  # and hubgen reads back what was written
    assert item.fields["authors"] == [HOSTILE_AUTHOR, "O}Brien, Siob{h}án"]
    assert item.fields["editors"] == ["Lee, Ann {"]
    assert item.fields["source"] == "Press }, publisher = {Evil"
    assert item.fields["title"].endswith(" } {unbalanced \\end{document}")


# --- Zotero reads the exports back (issue 29, item 4) ------------------------------------------------------------
#
# Zotero imports RIS and BibTeX through its translators (github.com/zotero/translators, RIS.js and BibTeX.js, read at
# commit 2814370161d05d799086825fac8d499db3a33aa3). Their field mappings, for the tags and fields hubgen writes, are
# restated below as tables, with the lines they come from; an item's fields are those of zotero-schema's schema.json
# (github.com/zotero/zotero-schema, commit 5eedf4402ea6e7393eaf16902b63f572f48707a7), given as base fields (a film's
# distributor and a report's institution are its "publisher", a report's reportType its "type"). A value that lands
# in a field its item type does not have goes to a note (RIS.js lines 1512-1523): lost as a field.

#: RIS.js ``exportTypeMap`` (lines 83-111), read back through ``importTypeMap`` (lines 131-167).
ZOTERO_RIS_TYPES = {
    "JOUR": "journalArticle",
    "MGZN": "magazineArticle",
    "NEWS": "newspaperArticle",
    "BOOK": "book",
    "CHAP": "bookSection",
    "RPRT": "report",
    "MPCT": "film",
    "VIDEO": "videoRecording",
    "SOUND": "audioRecording",
    "ELEC": "webpage",
    "DATA": "dataset",
}
#: RIS.js ``fieldMap`` (lines 207-437) and, for a tag it does not map for the item type, ``degenerateImportFieldMap``
#: (lines 440-503): tag → {item type or "*": Zotero field}; "creators/<role>" is a name; "note" a child note.
ZOTERO_RIS_TAGS: dict[str, dict[str, str]] = {
    "TI": {"*": "title"},
    "AU": {
        "*": "creators/author",
        "film": "creators/director",
        "videoRecording": "creators/director",
        "audioRecording": "creators/composer",
    },  # lines 257-267
    "A2": {
        "journalArticle": "creators/editor",
        "bookSection": "creators/editor",
        "document": "creators/editor",
        "book": "creators/seriesEditor",
        "report": "creators/seriesEditor",
        "audioRecording": "creators/performer",
    },  # lines 279-289
    "A3": {
        "book": "creators/editor",
        "bookSection": "creators/seriesEditor",
        "film": "creators/producer",
        "videoRecording": "creators/producer",
    },  # lines 290-296
    "T2": {
        "journalArticle": "publicationTitle",
        "magazineArticle": "publicationTitle",
        "newspaperArticle": "publicationTitle",
        "bookSection": "publicationTitle",
        "webpage": "publicationTitle",
        "report": "seriesTitle",
        "book": "series",
        "*": "publicationTitle",
    },  # lines 235-250; 493 and 1701-1705
    "T3": {
        "bookSection": "series",
        "journalArticle": "series",
        "audioRecording": "seriesTitle",
        "book": "series",
    },  # lines 251-255, 494-496
    "PY": {"*": "date"},
    "DA": {"*": "date"},  # lines 336-341
    "PB": {"*": "publisher"},  # lines 388-410 (distributor, institution, studio, label, repository: its base field)
    "CY": {"*": "place"},  # lines 331-335
    "ET": {"*": "edition", "dataset": "versionNumber"},  # lines 342-347
    "VL": {"*": "volume", "webpage": "note"},  # lines 428-437
    "IS": {"*": "issue", "bookSection": "numberOfVolumes", "dataset": "note"},  # lines 348-353
    "SP": {"*": "pages", "book": "numPages", "film": "runningTime"},  # lines 417-423
    "EP": {"*": "pages"},  # line 456, joined to SP
    "M1": {
        "book": "seriesNumber",
        "journalArticle": "issue",
        "bookSection": "numberOfVolumes",
        "webpage": "accessDate",
        "*": "extra",
    },  # lines 357-365, 470-475
    "M3": {"report": "type", "webpage": "type", "*": "DOI"},  # lines 366-379, 477
    "C4": {"film": "type", "audioRecording": "creators/wordsBy"},  # lines 318-322 (a film's genre)
    "SN": {
        "*": "ISBN",
        "journalArticle": "ISSN",
        "magazineArticle": "ISSN",
        "newspaperArticle": "ISSN",
        "report": "number",
    },  # lines 411-416
    "DO": {"*": "DOI"},
    "UR": {"*": "url"},
    "Y2": {"*": "accessDate"},
    "KW": {"*": "tags"},
    "LA": {"*": "language"},  # lines 354-356
    "AB": {"*": "abstractNote"},
    "N1": {"*": "note"},
    "ID": {"*": "ignored"},  # line 459
}

#: BibTeX.js ``bibtex2zoteroTypeMap`` (lines 237-271).
ZOTERO_BIBTEX_TYPES = {
    "article": "journalArticle",  # "or magazineArticle or newspaperArticle": Zotero cannot tell them in BibTeX
    "book": "book",
    "incollection": "bookSection",
    "techreport": "report",
    "misc": "document",
    "online": "webpage",
    "movie": "film",
    "video": "videoRecording",
    "audio": "audioRecording",
}
#: BibTeX.js ``processField`` (lines 322-511) with ``fieldMap`` (lines 89-107) and ``inputFieldMap`` (206-217):
#: field → {item type or "*": Zotero field}. ``number`` is a report's number, a book's number in its series, any
#: other entry's issue (lines 398-407); ``institution`` the publisher when there is none (394-396, 990-993);
#: ``howpublished`` a link, else a line of Extra (444-453); ``day``, ``month`` and ``year`` make the date (408-423,
#: 155-174). A field it does not name (``eid``, ``entrysubtype``) it drops.
ZOTERO_BIBTEX_FIELDS: dict[str, dict[str, str]] = {
    "title": {"*": "title"},
    "author": {"*": "creators/author"},
    "editor": {"*": "creators/editor"},
    "year": {"*": "date"},
    "month": {"*": "date"},
    "day": {"*": "date"},
    "journal": {"*": "publicationTitle"},
    "journaltitle": {"*": "publicationTitle"},
    "booktitle": {"*": "publicationTitle"},
    "publisher": {"*": "publisher"},
    "institution": {"*": "publisher"},
    "address": {"*": "place"},
    "edition": {"*": "edition"},
    "series": {"*": "series"},
    "volume": {"*": "volume"},
    "number": {"report": "number", "book": "seriesNumber", "bookSection": "seriesNumber", "*": "issue"},
    "issue": {"*": "issue"},
    "type": {"*": "type"},
    "pages": {"*": "pages", "book": "numPages"},
    "isbn": {"*": "ISBN"},
    "doi": {"*": "DOI"},
    "url": {"*": "url"},
    "urldate": {"*": "accessDate"},
    "howpublished": {"*": "extra"},
    "keywords": {"*": "tags"},
    "language": {"*": "language"},  # fieldMap, line 105
    "abstract": {"*": "abstractNote"},
}

#: The fields of each item type (zotero-schema, schema.json ``itemTypes``; base fields; creators aside).
ZOTERO_FIELDS: dict[str, set[str]] = {
    "journalArticle": {
        "title",
        "publicationTitle",
        "publisher",
        "place",
        "date",
        "volume",
        "issue",
        "pages",
        "series",
        "seriesTitle",
        "DOI",
        "url",
        "accessDate",
        "ISSN",
    },
    "magazineArticle": {
        "title",
        "publicationTitle",
        "publisher",
        "place",
        "date",
        "volume",
        "issue",
        "pages",
        "ISSN",
        "DOI",
        "url",
        "accessDate",
    },
    "newspaperArticle": {
        "title",
        "publicationTitle",
        "publisher",
        "place",
        "date",
        "volume",
        "issue",
        "edition",
        "pages",
        "ISSN",
        "DOI",
        "url",
        "accessDate",
    },
    "book": {
        "title",
        "series",
        "seriesNumber",
        "volume",
        "edition",
        "date",
        "publisher",
        "place",
        "medium",
        "numPages",
        "ISBN",
        "DOI",
        "url",
        "accessDate",
        "ISSN",
    },
    "bookSection": {
        "title",
        "publicationTitle",
        "series",
        "seriesNumber",
        "volume",
        "edition",
        "date",
        "publisher",
        "place",
        "pages",
        "ISBN",
        "DOI",
        "url",
        "accessDate",
        "ISSN",
    },
    "report": {
        "title",
        "number",
        "type",
        "publisher",
        "place",
        "date",
        "seriesTitle",
        "seriesNumber",
        "pages",
        "DOI",
        "ISBN",
        "url",
        "accessDate",
        "ISSN",
    },
    "film": {"title", "publisher", "place", "date", "type", "medium", "runningTime", "DOI", "url", "accessDate"},
    "videoRecording": {
        "title",
        "medium",
        "seriesTitle",
        "volume",
        "publisher",
        "place",
        "date",
        "runningTime",
        "ISBN",
        "DOI",
        "url",
        "accessDate",
    },
    "audioRecording": {
        "title",
        "medium",
        "seriesTitle",
        "volume",
        "publisher",
        "place",
        "date",
        "runningTime",
        "ISBN",
        "DOI",
        "url",
        "accessDate",
    },
    "webpage": {"title", "publicationTitle", "type", "date", "publisher", "place", "DOI", "url", "accessDate"},
    "dataset": {
        "title",
        "number",
        "type",
        "versionNumber",
        "date",
        "publisher",
        "place",
        "medium",
        "DOI",
        "url",
        "accessDate",
    },
    "document": {"title", "type", "date", "publisher", "place", "DOI", "url", "accessDate"},
}
#: An item type's primary creator, where it is not "author" (zotero-schema, ``creatorTypes`` marked primary).
PRIMARY_CREATOR = {"film": "director", "videoRecording": "creator", "audioRecording": "performer"}
#: The Zotero item type each hub type should come back as, through RIS and through BibTeX.
ZOTERO_TYPE = {
    "article": ("journalArticle", "journalArticle"),
    "magazine": ("magazineArticle", "journalArticle"),  # BibTeX.js line 241: an @article is a journal article
    "newspaper": ("newspaperArticle", "journalArticle"),
    "book": ("book", "book"),
    "chapter": ("bookSection", "bookSection"),
    "report": ("report", "report"),
    "toolkit": ("report", "report"),
    "video": ("videoRecording", "videoRecording"),
    "film": ("film", "film"),  # a video with genre "Film"
    "podcast": ("audioRecording", "document"),  # no RIS or BibTeX type reads back as Zotero's podcast
    "webpage": ("webpage", "webpage"),
    "dataset": ("dataset", "document"),  # Zotero's BibTeX import knows no @dataset (it drops the entry)
}
#: What Zotero cannot hold of a reading, by format and reading: each for want of a field in its item type
#: (zotero-schema), never because hubgen wrote it where Zotero does not look.
ZOTERO_LOSSES: dict[str, dict[str, set[str]]] = {
    "ris": {
        "what-is-health-equity-2017": {"genre", "number"},  # a journal article has no type or article number: notes
        "community-based-participatory-research-2008": {"genre"},  # a book has no type: a note
        "community-engagement-toolkit-2022": set(),
        "redlining-and-heat-2020": {"source", "editors", "number"},  # an audio recording: no show, editor or episode
        "heat-vulnerability-index-2023": {"volume"},  # a data set has no volume
    },
    "bib": {
        "what-is-health-equity-2017": {"genre", "number"},  # type dropped (no field), eid dropped
        "community-based-participatory-research-2008": {"genre"},  # a book has no type field: dropped
        "redlining-and-heat-2020": {"source", "number"},  # a @misc is a document: the show under Extra; no episode
        "heat-vulnerability-index-2023": {"volume", "source"},  # a @misc is a document: no volume, site under Extra
        "unnatural-causes-2008": set(),
        "public-narrative-explained-2013": set(),
    },
}


#: Not compared: the hub's own fields, the type (compared as the item type), what Zotero keeps as tags, abstract
#: and citation key (the test above reads them back through hubgen).
NOT_FOR_ZOTERO = (*HUB_ONLY, "type", "topics", "summary", "key")


for _fields in ZOTERO_FIELDS.values():
    _fields.add("language")  # every item type has it (zotero-schema)


def zotero_type(reading: dict[str, Any], fmt: str) -> str:
    kind = "film" if reading["type"] == "video" and reading.get("genre") == "Film" else reading["type"]
    return ZOTERO_TYPE[kind][0 if fmt == "ris" else 1]


def _field(table: dict[str, dict[str, str]], key: str, item_type: str) -> str:
    mapping = table.get(key, {})
    return mapping.get(item_type) or mapping.get("*") or "dropped"


def zotero_from_ris(text: str) -> list[tuple[str, dict[str, list[str]]]]:
    """Each record as Zotero's RIS import reads it: its item type and {Zotero field: values}."""
    items: list[tuple[str, dict[str, list[str]]]] = []
    fields: dict[str, list[str]] = {}
    item_type = ""
    for line in text.splitlines():
        m = re.match(r"^([A-Z][A-Z0-9])  - ?(.*)$", line)
        if not m:
            continue
        tag, value = m.groups()
        if tag == "TY":
            item_type, fields = ZOTERO_RIS_TYPES[value], {}
        elif tag == "ER":
            items.append((item_type, fields))
        else:
            field = _field(ZOTERO_RIS_TAGS, tag, item_type)
            if not field.startswith(("creators/", "note", "extra", "tags", "ignored", "abstractNote")) and (
                field not in ZOTERO_FIELDS[item_type]
            ):
                field = "note"  # RIS.js lines 1512-1523: a field the item type does not have becomes a note
            fields.setdefault(field, []).append(value)
    return items


def zotero_from_bibtex(text: str) -> list[tuple[str, dict[str, list[str]]]]:
    """Each entry as Zotero's BibTeX import reads it (values decoded from LaTeX as its ``unescapeBibTeX`` does)."""
    parsed = bibtexparser.parse_string(
        text, append_middleware=[bibtexparser.middlewares.LatexDecodingMiddleware(keep_braced_groups=False)]
    )
    raw = {e.key: e.fields_dict for e in bibtexparser.parse_string(text).entries}
    items = []
    for entry in parsed.entries:
        item_type = ZOTERO_BIBTEX_TYPES[entry.entry_type]
        fields: dict[str, list[str]] = {}
        for f in entry.fields:
            field = _field(ZOTERO_BIBTEX_FIELDS, f.key, item_type)
            if field == "creators/author" or field == "creators/editor":
                # "Last, Jr., First" is lastName "Last", firstName "First, Jr." (BibTeX.js lines 371-383)
                names = [n.strip().strip("{}") for n in re.split(r"\s+and\s+", f.value)]
                values = [", ".join([p[0], p[-1], *p[1:-1]]) if len(p := n.split(", ")) > 2 else n for n in names]
                if field == "creators/author":  # Zotero's Item.setCreator: a type the item lacks is its primary creator
                    field = "creators/" + PRIMARY_CREATOR.get(item_type, "author")
            elif f.key == "url":  # passed raw, not unescaped (BibTeX.js lines 329-331)
                values = [str(raw[entry.key]["url"].value)]
            else:
                values = [str(f.value)]
            if not field.startswith(("creators/", "extra", "tags", "abstractNote", "dropped")) and (
                field not in ZOTERO_FIELDS[item_type]
            ):
                field = "dropped"  # Zotero's item keeps only the fields of its type
            fields.setdefault(field, []).extend(values)
        items.append((item_type, fields))
    return items


def kept_by_zotero(reading: dict[str, Any], item_type: str, fields: dict[str, list[str]]) -> set[str]:
    """The reading's fields Zotero's item holds (as a field of the item, not a note or Extra)."""
    values = {k: v for k, v in fields.items() if k not in ("note", "extra", "dropped", "ignored")}
    plain = {k: " ".join(v) for k, v in values.items()}
    creators = {k.removeprefix("creators/"): v for k, v in values.items() if k.startswith("creators/")}
    kept = set()
    for key, value in reading.items():
        if key in NOT_FOR_ZOTERO:
            continue
        text = str(value)
        if key == "title":  # Zotero keeps the rich text (BibTeX.js: \\textit{} as <i>); compared as plain text
            ok = any(models.plain_title(t) == models.plain_title(text) for t in values.get("title", []))
        elif key == "authors":  # as the item type's author: RIS.js's AU (lines 257-267), or its primary creator
            ok = value in (creators.get(role) for role in ("author", "director", "creator", "composer", "performer"))
        elif key == "editors":
            ok = creators.get("editor") == value
        elif key in ("year", "month", "day"):
            ok = any(re.search(rf"(?<!\d)0?{value}(?!\d)", d) for d in values.get("date", []))
        elif key == "pages":
            ok = re.sub(r"\D+", "-", plain.get("pages", "")) == re.sub(r"\D+", "-", text)
        elif key == "urldate":
            ok = text.replace("-", "/") in plain.get("accessDate", "").replace("-", "/")
        else:
            ok = any(text == v for k, vs in values.items() if not k.startswith("creators/") for v in vs)
        if ok:
            kept.add(key)
    return kept


@pytest.mark.parametrize("fmt", ["ris", "bib"])
def test_zotero_reads_every_field_back(exports: dict[str, str], fmt: str):
    """Each reading comes back as the Zotero item of its kind, with every field it has a place for."""
    read = zotero_from_ris(exports["ris"]) if fmt == "ris" else zotero_from_bibtex(exports["bib"])
    assert len(read) == len(READINGS)
    order = [rid for rid, _ in sorted(READINGS.items(), key=lambda kv: models.plain_title(kv[1]["title"]).lower())]
    by_title = {fields["title"][0]: (item_type, fields) for item_type, fields in read}
    for rid in order:
        reading = READINGS[rid]
        item_type, fields = by_title[reading["title"] if fmt == "ris" else models.plain_title(reading["title"])]
        assert item_type == zotero_type(reading, fmt), rid
        lost = {k for k in reading if k not in NOT_FOR_ZOTERO} - kept_by_zotero(reading, item_type, fields)
        assert lost == ZOTERO_LOSSES[fmt].get(rid, set()), (rid, item_type, fields)
