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
HUB_ONLY = ("minutes", "access")

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
        expected = {k: v for k, v in expected.items() if k not in HUB_ONLY}
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
