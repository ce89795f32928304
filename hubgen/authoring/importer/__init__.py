"""``hubgen import FILE``: readings from a Zotero export (BibTeX, CSL-JSON or RIS).

Each item becomes ``content/readings/<id>.yml``. An item that matches an existing
reading — by DOI, then by citation key (its ``key`` field or its ID), then by the
same title and year — updates that file instead of adding one, and the fields
only the hub has (``topics``, ``minutes``, ``access``, ``summary`` once written,
``draft``, ``publish_on``) are kept as staff left them. A field the export does
not carry is left as it is.

The whole export is read and checked before anything is written: a malformed
file gives ``file:line`` errors and changes nothing. The export is parsed by the
libraries made for each format — bibtexparser v2, rispy, the json module — and
every item is validated by the same model as a hand-written reading.

Readers per format (:mod:`.csljson`, :mod:`.bibtex`, :mod:`.ris`, chosen in :mod:`.formats`) turn the export into
:class:`~.fields.Item` s; :mod:`.matching` plans what each changes, :mod:`.topics` adds topics from ``--topics`` and
the tag table, :mod:`.yamlfile` writes a reading's YAML, and :mod:`.command` is ``hubgen import``. Which hub type
each format's type is: hubgen/content/readingtypes.py.
"""

from .bibtex import read_bibtex
from .command import add_parser, import_file
from .csljson import read_csl_json
from .fields import ImportRefused, Item
from .formats import read_export
from .matching import HUB_ONLY, Outcome, TopicOptions, plan_import
from .ris import read_ris
from .topics import TOPIC_MAP

__all__ = [
    "HUB_ONLY",
    "TOPIC_MAP",
    "ImportRefused",
    "Item",
    "Outcome",
    "TopicOptions",
    "add_parser",
    "import_file",
    "plan_import",
    "read_bibtex",
    "read_csl_json",
    "read_export",
    "read_ris",
]
