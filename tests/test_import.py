"""``hubgen import``: Zotero exports in, one reading file per item out — and never a duplicate.

The samples in tests/import_samples/ are what Zotero writes: the same three items (one already in the
example hub, matched by its DOI; a book; a chapter with editors) as BibTeX, CSL JSON and RIS.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from hubgen.cli import main

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
