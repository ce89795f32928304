"""Citations of the library's readings: CSL-JSON, APA 7, BibTeX and RIS.

One mapping from a reading to a CSL-JSON item (:func:`csl_item`) is the source of
every other form: the APA 7 reference on a reading's page is rendered from it by
citeproc-py with the ``apa.csl`` style shipped in ``hubgen/csl/`` (CC BY-SA 3.0,
see its LICENSE.md; :mod:`.apa7`, citeproc-py patched in :mod:`.citeproc_patches`);
BibTeX is written by bibtexparser v2's writer (:mod:`.bibtexformat`) and RIS by
rispy (:mod:`.risformat`). Nothing here formats a citation by hand. Which CSL,
BibTeX and RIS type each reading type is: hubgen/content/readingtypes.py.

:func:`exports` (:mod:`.downloads`) lists what a hub offers as "Download citations" — every reading,
every session's list, every topic, every cohort and the whole library — and
decides, in one place, how each reaches the reader. A reading's and a session's
(one reading, or a session's few) are carried by the page itself: its links are
``data:`` URLs holding the very text a file would (:func:`data_url`), so the site
has no file for them. A topic's, a cohort's and the library's (up to every reading
of the hub) are files, ``citations.bib``, ``citations.ris`` and ``citations.json``
beside the page, which :func:`export_files` lists for the engine adapter to add to
the site. What earlier builds rendered is kept by :mod:`.caches`.
"""

from .apa7 import STYLE_FILE, apa
from .bibtexformat import bibtex, bibtex_entry
from .caches import ExportCache, ReferenceCache
from .csljson import citation_key, csl_item, csl_json, plain_text, split_name
from .downloads import FORMATS, DataUrlCache, DataUrls, Export, ExportFile, data_url, export_files, export_text, exports
from .risformat import ris, ris_record

__all__ = [
    "FORMATS",
    "STYLE_FILE",
    "DataUrlCache",
    "DataUrls",
    "Export",
    "ExportCache",
    "ExportFile",
    "ReferenceCache",
    "apa",
    "bibtex",
    "bibtex_entry",
    "citation_key",
    "csl_item",
    "csl_json",
    "data_url",
    "export_files",
    "export_text",
    "exports",
    "plain_text",
    "ris",
    "ris_record",
    "split_name",
]
