"""Material's own search index, made to find words without their accents: "agenor" finds "Agénor".

Material's search (lunr, in the reader's browser) matches the letters typed, accents included, and offers no
folding of its own. After Material has written ``search/search_index.json``, each section whose text has a word
with an accent gets that word without it, in an element the results never show (``hidden``): the section is then
found either way, and shows as it was.
"""

from __future__ import annotations

import json
import re

from .library import folded

_WORD = re.compile(r"[^\W\d_]+")
_TAG = re.compile(r"<[^>]*>")
_NON_ASCII_LETTER = re.compile(r"[^\W\d_\x00-\x7f]")  # é, ñ, ß...; not a dash or a curly quote


def accent_free_words(text: str) -> list[str]:
    """The words of ``text`` (HTML) that lose an accent when folded, folded, each once, in order."""
    words = _WORD.findall(_TAG.sub(" ", text))
    return list(dict.fromkeys(folded(w) for w in words if not w.isascii() and folded(w) != w.lower()))


def fold_accents(index: str) -> str:
    """Material's search index (the JSON text) with each section's accent-free words added, hidden."""
    data = json.loads(index)
    for doc in data.get("docs", []):
        text = f"{doc.get('title', '')} {doc.get('text', '')}"
        if not _NON_ASCII_LETTER.search(text):  # most sections: no accented word (a scan in C; the words are Python)
            continue
        words = accent_free_words(text)
        if words:
            doc["text"] = f"{doc.get('text', '')}<span hidden>{' '.join(words)}</span>"
    return json.dumps(data, separators=(",", ":"))  # as Material writes it
