"""The hub's reading types as the citation formats name them: CSL, BibTeX and RIS.

One table per format, written to match what Zotero reads and writes, so that a reading exported by the site and
imported by Zotero (or exported by Zotero and read by ``hubgen import``) keeps its kind. The exports
(hubgen/site/citations/) and the importer (hubgen/authoring/importer/) both read them from here: the importer
without loading citeproc-py or the site.
"""

from __future__ import annotations

from . import models

#: Reading types whose ``source`` is the work they appear in (journal, book, site, show);
#: for the others ``source`` is their publisher (or institution, or platform).
CONTAINED = frozenset({"article", "magazine", "newspaper", "chapter", "webpage", "podcast"})
#: Articles in a periodical: a journal's, a magazine's, a newspaper's (an issue, pages, an article number).
PERIODICAL = frozenset({"article", "magazine", "newspaper"})


def container_and_publisher(d: models.Reading) -> tuple[str, str]:
    """The work a reading appears in and its publisher ("" where it has none), as every format writes them:
    a contained reading's ``source`` is its container; any other reading's is its publisher, unless it names one."""
    if d.type in CONTAINED:
        return d.source, d.publisher
    return "", d.publisher or d.source


CSL_TYPE: dict[str, str] = {
    "article": "article-journal",
    "magazine": "article-magazine",
    "newspaper": "article-newspaper",
    "book": "book",
    "chapter": "chapter",
    "report": "report",
    "toolkit": "report",
    "video": "motion_picture",
    "podcast": "broadcast",
    "webpage": "webpage",
    "dataset": "dataset",
}
#: The CSL ``genre`` that tells a toolkit from a report, a podcast from a broadcast (a reading's own
#: ``genre`` — "Film", "Webinar" — comes first). APA 7 writes "[Data set]".
CSL_GENRE: dict[str, str] = {
    "toolkit": "Toolkit",
    "video": "Video",
    "podcast": "Audio podcast episode",
    "dataset": "Data set",
}
#: What a reading's ``number`` is in CSL: its number in a series (books, chapters), or its own number (a
#: report's, an episode's, an article's eLocator).
NUMBER_CSL: dict[str, str] = {
    "article": "number",
    "magazine": "number",
    "newspaper": "number",
    "book": "collection-number",
    "chapter": "collection-number",
    "report": "number",
    "toolkit": "number",
    "video": "number",
    "podcast": "number",
    "webpage": "number",
    "dataset": "number",
}

#: Each type's BibTeX entry, chosen so that Zotero's BibTeX import (translators/BibTeX.js, ``bibtex2zoteroTypeMap``)
#: gives the same kind of item: a web page is ``@online`` (Zotero: webpage), a film ``@movie`` (film) and any other
#: video ``@video`` (videoRecording) — ``@misc`` would be a "Document" with its site under Extra. Zotero has no BibTeX
#: entry for a podcast or a data set: those stay ``@misc`` with their ``type``. A magazine's or newspaper's article is
#: an ``@article`` (as Zotero writes it) marked with biblatex's ``entrysubtype``.
BIBTEX_TYPE: dict[str, str] = {
    "article": "article",
    "magazine": "article",
    "newspaper": "article",
    "book": "book",
    "chapter": "incollection",
    "report": "techreport",
    "toolkit": "techreport",
    "video": "video",
    "podcast": "misc",
    "webpage": "online",
    "dataset": "misc",
}
#: biblatex's ``entrysubtype`` of an ``@article`` that is not in a journal.
BIBTEX_ENTRYSUBTYPE: dict[str, str] = {"magazine": "magazine", "newspaper": "newspaper"}
#: The BibTeX field of a contained reading's container (``CONTAINED``): Zotero's BibTeX import reads ``journal``,
#: ``journaltitle`` and ``booktitle`` as the item's publication (a web page's site); ``howpublished`` it files
#: under Extra.
BIBTEX_CONTAINER: dict[str, str] = {
    "article": "journal",
    "magazine": "journal",
    "newspaper": "journal",
    "chapter": "booktitle",
    "podcast": "howpublished",
    "webpage": "journaltitle",
}


def bibtex_type(d: models.Reading) -> str:
    """A reading's BibTeX entry type: ``BIBTEX_TYPE``, but a video whose genre is "Film" is a ``@movie``."""
    if d.type == "video" and d.genre.lower() == "film":
        return "movie"
    return BIBTEX_TYPE[d.type]


def bibtex_publisher_field(kind: str) -> str:
    """Where BibTeX keeps a publisher: a report's institution; a ``misc`` entry's howpublished, unless that
    already holds its container."""
    if kind in CONTAINED:
        return "publisher"
    return {"techreport": "institution", "misc": "howpublished"}.get(BIBTEX_TYPE[kind], "publisher")


#: BibTeX's ``type`` field, where the entry type alone does not say what the reading is.
BIBTEX_SUBTYPE: dict[str, str] = {
    "toolkit": "Toolkit",
    "podcast": "Podcast episode",
    "dataset": "Dataset",
}

#: Each type's RIS ``TY``, as Zotero's RIS translator (translators/RIS.js, ``exportTypeMap``) writes and reads them:
#: a film is ``MPCT`` (Zotero: film), any other video ``VIDEO`` (videoRecording).
RIS_TYPE: dict[str, str] = {
    "article": "JOUR",
    "magazine": "MGZN",
    "newspaper": "NEWS",
    "book": "BOOK",
    "chapter": "CHAP",
    "report": "RPRT",
    "toolkit": "RPRT",
    "video": "VIDEO",
    "podcast": "SOUND",
    "webpage": "ELEC",
    "dataset": "DATA",
}
#: RIS ``M3`` (type of work), where ``TY`` alone does not say what the reading is.
RIS_SUBTYPE: dict[str, str] = {"toolkit": "Toolkit"}
#: Where Zotero's RIS translator reads each reading's fields (RIS.js ``fieldMap``), by hub type. Editors: ``A3`` of a
#: book (``A2`` is a book's series editor there), ``A2`` of the rest. A book's and a report's series: ``T2`` (``T3``
#: of the others). A report's number: ``SN`` (its ``reportNumber``), any other's ``M1``. The genre: ``M3`` only where
#: RIS.js has a type field for it (a report's ``reportType``, a web page's ``websiteType``; on other types it reads
#: ``M3`` as the DOI), a film's ``C4``; any other's a note ``N1  - Genre: …``. An article's own number is a note
#: ``N1  - Number: …`` too: RIS.js reads a journal article's ``M1`` as its issue.
RIS_EDITORS_A3 = frozenset({"book"})
RIS_SERIES_T2 = frozenset({"book", "report", "toolkit"})
RIS_GENRE_M3 = frozenset({"report", "toolkit", "webpage"})
RIS_GENRE_NOTE = "Genre: "
RIS_NUMBER_NOTE = "Number: "


def ris_type(d: models.Reading) -> str:
    """A reading's RIS ``TY``: ``RIS_TYPE``, but a video whose genre is "Film" is ``MPCT`` (Zotero: a film)."""
    if d.type == "video" and d.genre.lower() == "film":
        return "MPCT"
    return RIS_TYPE[d.type]


# --- the other way: each format's types as the hub's (``hubgen import``) ---------------------------------

#: CSL's item types as hub types.
TYPE_FROM_CSL = {
    "article-journal": "article",
    "article": "article",
    "article-magazine": "magazine",
    "article-newspaper": "newspaper",
    "paper-conference": "article",
    "review": "article",
    "review-book": "article",
    "book": "book",
    "classic": "book",
    "collection": "book",
    "thesis": "book",
    "chapter": "chapter",
    "entry": "chapter",
    "entry-dictionary": "chapter",
    "entry-encyclopedia": "chapter",
    "report": "report",
    "document": "report",
    "pamphlet": "report",
    "manuscript": "report",
    "standard": "report",
    "legislation": "report",
    "bill": "report",
    "legal_case": "report",
    "regulation": "report",
    "patent": "report",
    "motion_picture": "video",
    "broadcast": "video",
    "song": "podcast",
    "interview": "podcast",
    "speech": "video",
    "webpage": "webpage",
    "post": "webpage",
    "post-weblog": "webpage",
    "software": "webpage",
    "dataset": "dataset",
    "map": "dataset",
    "figure": "dataset",
    "graphic": "dataset",
}

#: BibTeX's and biblatex's entry types as hub types (``misc`` is decided by the entry's other fields).
TYPE_FROM_BIBTEX = {
    "article": "article",
    "inproceedings": "article",
    "conference": "article",
    "book": "book",
    "phdthesis": "book",
    "mastersthesis": "book",
    "thesis": "book",
    "proceedings": "book",
    "incollection": "chapter",
    "inbook": "chapter",
    "inreference": "chapter",
    "techreport": "report",
    "report": "report",
    "manual": "report",
    "booklet": "report",
    "unpublished": "report",
    "misc": "misc",
    "online": "webpage",
    "electronic": "webpage",
    "www": "webpage",
    "video": "video",
    "movie": "video",
    "audio": "podcast",
    "dataset": "dataset",
    "data": "dataset",
}
#: biblatex's ``entrysubtype`` of an ``@article`` as the hub's type (the way back of ``BIBTEX_ENTRYSUBTYPE``).
TYPE_FROM_ENTRYSUBTYPE = {"journal": "article", "magazine": "magazine", "newspaper": "newspaper"}

#: RIS ``TY`` as hub types.
TYPE_FROM_RIS = {
    "JOUR": "article",
    "EJOUR": "article",
    "MGZN": "magazine",
    "NEWS": "newspaper",
    "CONF": "article",
    "CPAPER": "article",
    "ABST": "article",
    "INPR": "article",
    "JFULL": "article",
    "BOOK": "book",
    "EBOOK": "book",
    "EDBOOK": "book",
    "THES": "book",
    "ANCIENT": "book",
    "CLSWK": "book",
    "CHAP": "chapter",
    "ECHAP": "chapter",
    "ENCYC": "chapter",
    "DICT": "chapter",
    "RPRT": "report",
    "GOVDOC": "report",
    "PAMP": "report",
    "STAND": "report",
    "MANSCPT": "report",
    "UNPB": "report",
    "GEN": "report",
    "BILL": "report",
    "CASE": "report",
    "LEGAL": "report",
    "STAT": "report",
    "HEAR": "report",
    "PAT": "report",
    "GRANT": "report",
    "VIDEO": "video",
    "MPCT": "video",  # Zotero's film
    "SLIDE": "video",
    "SOUND": "podcast",
    "MUSIC": "podcast",
    "ELEC": "webpage",
    "BLOG": "webpage",
    "ICOMM": "webpage",
    "WEB": "webpage",
    "DATA": "dataset",
    "DBASE": "dataset",
    "AGGR": "dataset",
    "MAP": "dataset",
    "CHART": "dataset",
    "FIGURE": "dataset",
    "ART": "dataset",
    "ADVS": "video",
    "COMP": "webpage",
    "CTLG": "book",
    "SER": "book",
    "MULTI": "video",
    "EQUA": "report",
    "PCOMM": "report",
}
