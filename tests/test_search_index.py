"""Material's search index made to find words without their accents (hubgen/site/searchindex.py)."""

from __future__ import annotations

import json

from hubgen.site.searchindex import accent_free_words, fold_accents


def test_words_with_accents_are_added_without_them_hidden():
    index = json.dumps(
        {
            "config": {"lang": ["en"]},
            "docs": [
                {"location": "a/", "title": "Agénor Castañeda", "text": "<p>Le café de <em>Zoë</em> — naïve</p>"},
                {"location": "b/", "title": "Plain", "text": "<p>No accent here, 2026</p>"},
            ],
        }
    )
    docs = json.loads(fold_accents(index))["docs"]
    hidden = "<span hidden>agenor castaneda cafe zoe naive</span>"
    assert docs[0]["text"] == "<p>Le café de <em>Zoë</em> — naïve</p>" + hidden
    assert docs[1]["text"] == "<p>No accent here, 2026</p>"  # nothing to add
    assert json.loads(fold_accents(index))["config"] == {"lang": ["en"]}


def test_only_words_that_change_are_added_once_each():
    assert accent_free_words("<b>Émile</b> émile Émile cafe <a href='é'>x</a>") == ["emile"]
    assert accent_free_words("Straße ø") == []  # no combining mark to drop: left as they are
