"""``hubgen import``: Zotero exports in, one reading file per item out — and never a duplicate.

The samples in tests/import_samples/ are what Zotero writes: the same three items (one already in the
example hub, matched by its DOI; a book; a chapter with editors) as BibTeX, CSL JSON and RIS.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from hubgen.cli import main
from tests.helpers import download

SAMPLES = Path(__file__).parent / "import_samples"
KNOWN = "what-we-mean-health-equity-2017"


def snapshot(root: Path) -> dict[str, bytes]:
    files = sorted((root / "content").rglob("*"))
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in files if p.is_file()}


def reading(root: Path, rid: str) -> dict:
    return yaml.safe_load((root / "content" / "readings" / f"{rid}.yml").read_text(encoding="utf-8"))


def hubgen_import(path: Path, root: Path, *extra: str) -> int:
    return main(["import", str(path), "--root", str(root), *extra])


@pytest.mark.parametrize("sample", ["zotero.bib", "zotero.json", "zotero.ris"])
def test_a_zotero_export_adds_new_readings_and_updates_known_ones(hub_copy: Path, sample: str, capsys):
    before = reading(hub_copy, KNOWN)
    assert hubgen_import(SAMPLES / sample, hub_copy) == 0
    out, err = capsys.readouterr()
    assert "2 added, 1 updated, 0 skipped" in err
    changed = out.split(f"updated  readings/{KNOWN}.yml (", 1)[1].split(")", 1)[0].split(", ")
    assert {"volume", "issue", "pages"} <= set(changed), changed

    after = reading(hub_copy, KNOWN)
    for field in ("topics", "minutes", "access", "summary"):  # the hub's own fields, as staff left them
        assert after[field] == before[field], field
    assert (after["volume"], after["issue"], after["pages"]) == ("9", "2", "112-119")
    assert after["title"] == before["title"] and after["doi"] == before["doi"]

    book = reading(hub_copy, "mapping-heat-and-health-2024")
    assert book["title"] == "Mapping Heat and Health: A Neighborhood Guide to Climate & Asthma"
    assert book["authors"] == ["Núñez-Oyelaran, Hannah", "Lindqvist, Katherine"]
    assert (book["type"], book["year"], book["source"], book["place"]) == (
        "book",
        2024,
        "Quinsigamond University Press",
        "Worcester, MA",
    )
    assert book["isbn"] == "978-1-55555-014-2"
    chapter = reading(hub_copy, "listening-sessions-that-change-budgets-2019")
    assert chapter["title"].startswith("Listening Sessions That Change Budgets: 50% of the Work")
    assert chapter["editors"] == ["Whitaker-Sloan, Dana", "Prieto, Santiago"]
    assert (chapter["source"], chapter["publisher"], chapter["pages"]) == (
        "Community Voice in Public Health Practice",
        "Harbor Academic Press",
        "45-67",
    )

    assert main(["check", str(hub_copy)]) == 0, capsys.readouterr().out  # what was written is valid content

    unchanged = snapshot(hub_copy)
    assert hubgen_import(SAMPLES / sample, hub_copy) == 0  # importing the same export again
    assert "0 added, 0 updated, 3 skipped" in capsys.readouterr().err
    assert snapshot(hub_copy) == unchanged


def test_zotero_keywords_that_name_topics_become_topics(hub_copy: Path):
    assert hubgen_import(SAMPLES / "zotero.bib", hub_copy) == 0
    assert reading(hub_copy, "mapping-heat-and-health-2024")["topics"] == ["environmental-justice"]
    assert reading(hub_copy, "mapping-heat-and-health-2024")["key"] == "nunez-oyelaran_mapping_2024"


def test_the_three_formats_give_the_same_readings(tmp_path: Path):
    results = []
    for sample in ("zotero.bib", "zotero.json", "zotero.ris"):
        root = tmp_path / sample
        (root / "content" / "readings").mkdir(parents=True)
        (root / "mkdocs.yml").write_text("site_name: x\ndocs_dir: content\n", encoding="utf-8")
        assert hubgen_import(SAMPLES / sample, root) == 0
        results.append(
            {
                p.name: {k: v for k, v in yaml.safe_load(p.read_text()).items() if k not in ("key", "topics")}
                for p in (root / "content" / "readings").iterdir()
            }
        )
    assert results[0] == results[1] == results[2]


@pytest.mark.parametrize("fmt", ["bib", "ris", "json"])
def test_exporting_and_importing_again_changes_nothing(example_site: Path, hub_copy: Path, fmt: str, capsys):
    """The whole library, as the site offers it for download, imported into the hub it came from."""
    unchanged = snapshot(hub_copy)
    count = len(list((hub_copy / "content" / "readings").glob("*.yml")))
    assert hubgen_import(example_site / "library" / f"citations.{fmt}", hub_copy) == 0
    assert f"0 added, 0 updated, {count} skipped" in capsys.readouterr().err
    assert snapshot(hub_copy) == unchanged


def test_a_reading_with_a_new_doi_is_matched_by_its_citation_key(hub_copy: Path, tmp_path: Path, capsys):
    export = tmp_path / "one.bib"
    export.write_text(
        f"@article{{{KNOWN},\n\ttitle = {{A New Title}},\n\tdoi = {{10.5555/new.1}},\n\tyear = {{2017}},\n}}\n",
        encoding="utf-8",
    )
    assert hubgen_import(export, hub_copy) == 0
    after = reading(hub_copy, KNOWN)
    assert (after["title"], after["doi"]) == ("A New Title", "10.5555/new.1")
    assert "key" not in after  # its ID is its key
    assert "0 added, 1 updated" in capsys.readouterr().err


def test_an_item_twice_in_one_export_is_skipped(hub_copy: Path, tmp_path: Path, capsys):
    text = (SAMPLES / "zotero.bib").read_text(encoding="utf-8")
    export = tmp_path / "twice.bib"
    export.write_text(text + text.replace("@book{nunez-oyelaran_mapping_2024", "@book{again_2024"), encoding="utf-8")
    assert hubgen_import(export, hub_copy) == 1  # a repeated key is a malformed export...
    export.write_text(
        text
        + text.split("@incollection")[0]
        .replace("@article{lorimer_what_2017", "@article{x_2017")
        .replace("@book{nunez-oyelaran_mapping_2024", "@book{y_2024"),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert hubgen_import(export, hub_copy) == 0  # ...the same reading under two keys is skipped once
    out, err = capsys.readouterr()
    assert "2 added, 1 updated, 2 skipped" in err
    assert "the same reading as line 2" in out


def test_dry_run_writes_nothing(hub_copy: Path, capsys):
    unchanged = snapshot(hub_copy)
    assert hubgen_import(SAMPLES / "zotero.ris", hub_copy, "--dry-run") == 0
    assert "2 would be added, 1 would be updated" in capsys.readouterr().err
    assert snapshot(hub_copy) == unchanged


MALFORMED = [
    (
        "missing-comma.bib",
        "@article{a,\n  title = {X}\n  year = {2020},\n}\n",
        ":3: error: a comma is missing before 'year'",
    ),
    (
        "unbalanced.bib",
        "@article{a,\n  title = {X,\n  year = {2020},\n}\n\n@book{b,\n  title = {Y},\n}\n",
        ":1: error: cannot read this entry",
    ),
    (
        "duplicate-key.bib",
        "@book{a,\n  title = {X},\n}\n\n@book{a,\n  title = {Y},\n}\n",
        ":5: error: cannot read this entry: Duplicate entry key 'a'",
    ),
    (
        "no-title.bib",
        "@book{a,\n  title = {X},\n}\n@book{b,\n  year = {2020},\n}\n",
        ":4: error: this item has no title",
    ),
    (
        "bad-url.bib",
        "@misc{a,\n  title = {X},\n  url = {javascript:alert(1)},\n}\n",
        ":1: error: url: 'javascript:alert(1)': only http(s) and mailto links are allowed",
    ),
    (
        "no-er.ris",
        "TY  - JOUR\nTI  - X\n\nTY  - BOOK\nTI  - Y\nER  - \n",
        ":1: error: this record has no 'ER  -' line before the next 'TY  -' (line 4)",
    ),
    ("not-closed.ris", "TY  - JOUR\nTI  - X\nER  - \n\nTY  - BOOK\nTI  - Y\n", ":5: error: this record is not closed"),
    ("garbage.ris", "TY  - JOUR\nTI  - X\nER  - \nthis is not RIS\n", ":4: error: not an RIS line"),
    (
        "syntax.json",
        '[\n  {"type": "book", "title": "X"},\n  {"type": "book" "title": "Y"}\n]\n',
        ":3:19: error: not valid JSON: Expecting ',' delimiter",
    ),
    (
        "no-title.json",
        '[\n  {"type": "book", "title": "X"},\n  {"type": "book"}\n]\n',
        ":3: error: this item has no title",
    ),
    ("not-a-list.json", '{"type": "book", "title": "X"}\n', ":1:1: error: CSL-JSON is a list of items"),
    (
        "bad-year.json",
        '[\n  {"type": "book", "title": "X"},\n\n  {"type": "book", "title": "Y", "DOI": "nope"}\n]\n',
        ":4: error: doi:",
    ),
]


@pytest.mark.parametrize(("name", "text", "message"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_a_malformed_export_names_the_line_and_writes_nothing(
    hub_copy: Path, tmp_path: Path, capsys, name: str, text: str, message: str
):
    export = tmp_path / name
    export.write_text(text, encoding="utf-8")
    unchanged = snapshot(hub_copy)
    assert hubgen_import(export, hub_copy) == 1
    out, err = capsys.readouterr()
    assert f"{export}{message}" in out, out
    assert "nothing imported" in err
    assert "Traceback" not in out + err
    assert snapshot(hub_copy) == unchanged


def test_not_an_export(hub_copy: Path, tmp_path: Path, capsys):
    export = tmp_path / "notes.docx"
    export.write_bytes(b"PK\x03\x04\xff\xfe binary")
    assert hubgen_import(export, hub_copy) == 1
    assert f"{export}:1: error: not UTF-8 text" in capsys.readouterr().out


# --- issue 15: an import that publishes, Zotero's quirks, refusals, IDs -----------------------------------------

QUIRKS = {fmt: SAMPLES / f"quirks.{fmt}" for fmt in ("bib", "json", "ris")}
QUIRK_TOPICS = "cbpr: {title: CBPR}\nfilm: {title: Film and video}\nequity: {title: Health equity}\n"


def empty_hub(root: Path, topics: str = QUIRK_TOPICS) -> Path:
    (root / "content" / "readings").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: x\ndocs_dir: content\n", encoding="utf-8")
    (root / "content" / "topics.yml").write_text(topics, encoding="utf-8")
    return root


def readings_of(root: Path) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (root / "content/readings").glob("*.yml")}


def test_zotero_quirks_are_read_alike_from_the_three_formats(tmp_path: Path):
    """Edited books, editions, series, report numbers, films, rich text, accents, month and retrieval date."""
    results = {}
    for fmt, path in QUIRKS.items():
        root = empty_hub(tmp_path / fmt)
        assert hubgen_import(path, root) == 0
        results[fmt] = readings_of(root)
    for fmt in ("json", "ris"):  # DOIs are case-insensitive: each export's spelling is kept for a new reading
        assert {k: {f: v for f, v in r.items() if f != "doi"} for k, r in results[fmt].items()} == {
            k: {f: v for f, v in r.items() if f != "doi"} for k, r in results["bib"].items()
        }, fmt
    got = results["bib"]
    # IDs: the short title without a small word at its end (case 12), rich text taken out (case 8)
    assert sorted(got) == [
        "closing-the-gap-2008",
        "community-based-participatory-research-2008",
        "effects-of-salmonella-on-rural-2019",
        "heat-index-today",
        "place-matters-2008",
        "public-narrative-collective-action-2011",
        "theoretical-historical-and-practice-roots-2008",
        "unnatural-causes-2008",
    ]
    book = got["community-based-participatory-research-2008"]  # case 6: an edited book keeps its editors
    assert book["editors"] == ["Minkler, Meredith", "Wallerstein, Nina"] and "authors" not in book
    assert (book["edition"], book["series"]) == ("2", "Public Health Series")  # cases 2 and 12
    assert got["closing-the-gap-2008"]["number"] == "WHO/IER/CSDH/08.1"
    for film in ("unnatural-causes-2008", "place-matters-2008", "public-narrative-collective-action-2011"):
        assert (got[film]["type"], got[film]["genre"]) == ("video", "Film"), film  # case 5: type, howpublished, note
    article = got["effects-of-salmonella-on-rural-2019"]
    assert article["title"] == 'Effects of <i>Salmonella</i> on rural cohorts: Émile\'s "other" story'  # case 9
    assert (article["month"], article["authors"]) == (6, ["Müller, Jörg", "Lee, Seo-yeon"])
    assert got["heat-index-today"]["urldate"] == "2024-07-15"


PERIODICALS = {fmt: SAMPLES / f"periodicals.{fmt}" for fmt in ("bib", "json", "ris")}


@pytest.mark.parametrize("fmt", ["bib", "json", "ris"])
def test_magazine_and_newspaper_articles_keep_their_type_and_date(tmp_path: Path, fmt: str, capsys):
    """Issue 29, items 1-3: CSL-JSON article-magazine/-newspaper, RIS MGZN/NEWS and biblatex's @article with
    entrysubtype are magazine and newspaper articles with month and day; a film without a genre stays a film; every
    new reading says access: unknown (no export says who can read a work) and the import says to check it."""
    root = empty_hub(tmp_path / "hub")
    assert hubgen_import(PERIODICALS[fmt], root) == 0
    assert "3 new reading(s) say access: unknown" in capsys.readouterr().err
    got = readings_of(root)
    magazine = got["heat-waves-and-the-city-2020"]
    assert (magazine["type"], magazine["year"], magazine["month"], magazine["day"]) == ("magazine", 2020, 7, 14)
    assert (magazine["source"], magazine["volume"], magazine["issue"], magazine["pages"]) == (
        "The New Yorker",
        "96",
        "20",
        "30-35",
    )
    news = got["cooling-centers-open-early-2023"]
    assert (news["type"], news["year"], news["month"], news["day"]) == ("newspaper", 2023, 6, 3)
    assert (news["source"], news["place"], news["pages"], news["urldate"]) == (
        "Riverbend Courier",
        "Riverbend, OR",
        "A1",
        "2024-01-10",
    )
    film = got["place-matters-2008"]
    assert (film["type"], film["genre"], film["source"]) == ("video", "Film", "California Newsreel")
    assert {r["access"] for r in got.values()} == {"unknown"}


def test_a_film_from_csl_json_is_exported_as_a_film(tmp_path: Path):
    """Issue 29, item 2: the film's CSL-JSON says "Film", never an invented "Video"; RIS and BibTeX say film
    as Zotero's translators read it (MPCT, @movie); a motion_picture whose genre says "Video" stays a video."""
    import json

    from hubgen.hub.load import load_hub
    from hubgen.site.citations import bibtex, csl_item, ris

    root = empty_hub(tmp_path / "hub")
    video = tmp_path / "video.json"
    video.write_text(
        json.dumps(
            [
                {
                    "type": "motion_picture",
                    "genre": "Video",
                    "title": "Public narrative explained",
                    "URL": "https://www.youtube.com/watch?v=abc",
                    "issued": {"date-parts": [[2013, 3, 7]]},
                }
            ]
        ),
        encoding="utf-8",
    )
    assert hubgen_import(PERIODICALS["json"], root) == 0 and hubgen_import(video, root) == 0
    hub, problems = load_hub(root)
    assert not problems.errors
    film, plain = hub.readings["place-matters-2008"], hub.readings["public-narrative-explained-2013"]
    assert (csl_item(film)["type"], csl_item(film)["genre"]) == ("motion_picture", "Film")
    assert "TY  - MPCT" in ris([film]) and bibtex([film]).startswith("@movie{")
    assert (plain.data.type, plain.data.genre) == ("video", "")
    assert "TY  - VIDEO" in ris([plain]) and bibtex([plain]).startswith("@video{")


def test_zoteros_own_bibtex_cannot_tell_a_magazine_article(tmp_path: Path):
    """Zotero's BibTeX export writes a magazine's and a newspaper's article as a plain @article (translators/BibTeX.js,
    zotero2bibtexTypeMap), without the day: it imports as a journal article with its month. RIS or CSL-JSON keep it."""
    root = empty_hub(tmp_path / "hub")
    export = tmp_path / "zotero.bib"
    export.write_text(
        "@article{klinenberg_heat_2020,\n\ttitle = {Heat waves and the city},\n\tjournal = {The New Yorker},\n"
        "\tauthor = {Klinenberg, Eric},\n\tmonth = jul,\n\tyear = {2020},\n}\n",
        encoding="utf-8",
    )
    assert hubgen_import(export, root) == 0
    got = readings_of(root)["heat-waves-and-the-city-2020"]
    assert (got["type"], got["month"], got["source"]) == ("article", 7, "The New Yorker")


def test_alternate_reimports_from_two_formats_change_nothing(tmp_path: Path, capsys):
    """Case 12: the DOI's case no longer flips between a BibTeX and a CSL-JSON export of the same library."""
    root = empty_hub(tmp_path / "hub")
    assert hubgen_import(QUIRKS["bib"], root) == 0
    first = snapshot(root)
    for fmt in ("json", "bib", "ris", "json"):
        capsys.readouterr()
        assert hubgen_import(QUIRKS[fmt], root) == 0
        assert "0 added, 0 updated, 8 skipped" in capsys.readouterr().err, fmt
        assert snapshot(root) == first, fmt


def test_a_fresh_import_publishes_with_strict_checks(small_hub, tmp_path: Path, capsys):
    """Case 1: no hand edit between `hubgen import` and `mkdocs build --strict`; and what the import wrote shows.

    Also case 8 (rich text: formatting in the citation, plain in the heading), case 11 (an editors-only book
    shows and is found by its editors on /library/) and cases 2-5 in the built page.
    """
    from bs4 import BeautifulSoup

    from tests.helpers import mkdocs_build

    root = small_hub({"content/topics.yml": QUIRK_TOPICS})
    assert hubgen_import(QUIRKS["json"], root) == 0
    assert "have no topics" in capsys.readouterr().err  # said, and not a failure
    assert main(["check", str(root), "--strict"]) == 0, capsys.readouterr().out
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr

    page = BeautifulSoup(
        (tmp_path / "site/library/effects-of-salmonella-on-rural-2019/index.html").read_text(), "html.parser"
    )
    assert page.h1.get_text(strip=True) == 'Effects of Salmonella on rural cohorts: Émile\'s "other" story'
    citation = page.select_one("p.hg-citation")
    assert citation.select_one("i").get_text() == "Salmonella"  # the species in italics, the tags not shown
    assert "<i>" not in citation.get_text() and "&lt;i&gt;" not in str(citation)

    library = BeautifulSoup((tmp_path / "site/library/index.html").read_text(), "html.parser")
    item = next(li for li in library.select("li.hg-reading") if "Community-Based Participatory" in li.get_text())
    assert "Minkler, Meredith; Wallerstein, Nina (Eds.)" in item.get_text()
    assert "minkler" in item["data-text"]  # the words the filter searches

    book = BeautifulSoup(
        (tmp_path / "site/library/community-based-participatory-research-2008/index.html").read_text(), "html.parser"
    )
    text = re.sub(r"\s+", " ", book.select_one("p.hg-citation").get_text()).removeprefix("APA 7").strip()
    assert text == (
        "Minkler, M., & Wallerstein, N. (Eds.). (2008). Community-Based Participatory Research for Health: "
        "From Process to Outcomes (2nd ed.). Jossey-Bass."
    )
    film = BeautifulSoup((tmp_path / "site/library/unnatural-causes-2008/index.html").read_text(), "html.parser")
    assert "[Film]" in film.select_one("p.hg-citation").get_text()
    # Issue 29, item 3: an imported reading's access is not guessed: the page says it was not checked
    assert "Access not checked" in film.get_text() and "Open access" not in film.get_text()
    film_bib = download(tmp_path / "site", "library/unnatural-causes-2008/", "bib")  # the page's BibTeX download
    assert "@movie{adelman_unnatural_2008" in film_bib  # Zotero's BibTeX import: @movie is a film (BibTeX.js)
    assert "type = {Film}" in film_bib


def test_topics_from_the_command_line_and_a_tag_table(tmp_path: Path, capsys):
    root = empty_hub(tmp_path / "hub")
    (root / "zotero-topics.yml").write_text("CBPR: [cbpr, equity]\n", encoding="utf-8")
    assert hubgen_import(QUIRKS["bib"], root, "--topics", "film") == 0
    got = readings_of(root)
    assert got["community-based-participatory-research-2008"]["topics"] == ["cbpr", "equity", "film"]  # tag, table
    assert got["unnatural-causes-2008"]["topics"] == ["film"]
    assert "have no topics" not in capsys.readouterr().err
    # --topics adds to readings already in the hub (never takes a topic away); the table is for new ones
    assert hubgen_import(QUIRKS["json"], root, "--topics", "equity") == 0
    assert readings_of(root)["unnatural-causes-2008"]["topics"] == ["film", "equity"]
    assert readings_of(root)["community-based-participatory-research-2008"]["topics"] == ["cbpr", "equity", "film"]


@pytest.mark.parametrize(
    ("args", "table", "message"),
    [
        (["--topics", "flim"], None, "--topics: error: 'flim' is not a topic in topics.yml — did you mean 'film'?"),
        ([], "CBPR: cbrp\n", "zotero-topics.yml: 'CBPR': error: 'cbrp' is not a topic in topics.yml"),
    ],
)
def test_an_unknown_topic_stops_the_import(tmp_path: Path, capsys, args, table, message):
    root = empty_hub(tmp_path / "hub")
    if table:
        (root / "zotero-topics.yml").write_text(table, encoding="utf-8")
    unchanged = snapshot(root)
    assert hubgen_import(QUIRKS["bib"], root, *args) == 1
    assert message in capsys.readouterr().out
    assert snapshot(root) == unchanged


NOT_AN_EXPORT = [  # case 7: each printed "✓ 0 added, 0 updated, 0 skipped" and exited 0
    ("empty.bib", "", ":1: error: the file is empty"),
    ("empty.ris", "\n\n", ":1: error: the file is empty"),
    ("ris-saved-as.bib", "TY  - BOOK\nTI  - X\nER  - \n", ":1: error: the file is named as BibTeX but holds RIS"),
    ("bib-saved-as.ris", "@book{a,\n  title = {X},\n}\n", ":1: error: the file is named as RIS but holds BibTeX"),
    ("json-saved-as.bib", '[{"type": "book", "title": "X"}]', ":1: error: the file is named as BibTeX but holds CSL"),
    ("no-items.json", "[]\n", ":1: error: no CSL-JSON items in this file"),
    ("not-csl.json", '[{"name": "Ann", "age": 3}]\n', ":1: error: item 1 is not a CSL item"),
    ("notes.bib", "Some notes about readings.\n", ":1: error: no BibTeX items in this file"),
    ("comment-only.bib", "@comment{exported by hand}\n", ":1: error: no BibTeX items in this file"),
]


@pytest.mark.parametrize(("name", "text", "message"), NOT_AN_EXPORT, ids=[n[0] for n in NOT_AN_EXPORT])
def test_what_is_not_an_export_is_refused(tmp_path: Path, capsys, name: str, text: str, message: str):
    root = empty_hub(tmp_path / "hub")
    export = tmp_path / name
    export.write_text(text, encoding="utf-8")
    unchanged = snapshot(root)
    assert hubgen_import(export, root) == 1
    out, err = capsys.readouterr()
    assert f"{export}{message}" in out, out
    assert "nothing imported" in err and "Traceback" not in out + err
    assert snapshot(root) == unchanged
