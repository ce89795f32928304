"""The words of hubgen's scripts in the hub's language (hubgen/site/jsmessages.py, the gettext domain hubgen_js).

The template is what Babel's JavaScript extractor finds in the scripts today; English and Spanish translate every
message of it; the page of a Spanish hub carries the Spanish messages, an English one none.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from bs4 import BeautifulSoup

from hubgen.site import i18n, jsmessages
from hubgen.site.outputs import ASSETS

from .helpers import write_files

KEYWORDS = {"tr": None, "ntr": (1, 2)}  # as hubgen/locale/hubgen_js.cfg extracts them
COMPLETE = ["en", "es"]


def in_scripts() -> set[str]:
    """Every message the scripts call tr()/ntr() with (the singular of a plural), by Babel's extractor."""
    found = extract_from_dir(str(ASSETS), method_map=[("**.js", "javascript")], keywords=KEYWORDS)
    return {m[2][0] if isinstance(m[2], tuple) else m[2] for m in found}


def template_ids() -> set[str]:
    return {str(m.id[0] if isinstance(m.id, tuple) else m.id) for m in i18n.template(jsmessages.DOMAIN) if m.id}


def test_the_template_holds_every_message_of_the_scripts():
    scripts, template = in_scripts(), template_ids()
    assert len(scripts) > 30  # the extractor found the scripts' words (hubgen.js alone has thirty)
    assert scripts - template == set(), "re-extract hubgen/locale/hubgen_js.pot (hubgen/locale/hubgen_js.cfg)"
    assert template - scripts == set(), "messages no script writes any more: re-extract the template"


@pytest.mark.parametrize("language", COMPLETE)
def test_english_and_spanish_are_complete(language: str):
    assert i18n.missing(language, jsmessages.DOMAIN) == []
    catalog = i18n.catalog(i18n.catalog_path(language, jsmessages.DOMAIN))  # type: ignore[arg-type]
    assert catalog.num_plurals == 2
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(re.findall(r"\{(\w+)\}", " ".join(ids)))
        for string in strings:  # a translation fills in the same values ({n} may go unsaid in a singular)
            assert set(re.findall(r"\{(\w+)\}", string)) <= wanted | {"n"}, (message.id, string)
            assert set(re.findall(r"\{(\w+)\}", string)) >= wanted - {"n"}, (message.id, string)


def test_spanish_is_not_english():
    messages = jsmessages.page_messages("es")
    assert messages is not None
    spanish = messages["messages"]
    assert spanish["Live now"] == "En vivo"
    assert spanish["{n} past session"] == ["{n} sesión anterior", "{n} sesiones anteriores"]
    same = [m for m, s in spanish.items() if s == m and m not in {"Video"}]
    assert same == [], "messages left in English in the Spanish catalog"
    # Spanish counts one and other (and CLDR's "many" for millions, the catalog's plural form)
    assert messages["plural"] == {"other": 1, "one": 0, "many": 1}


def test_a_language_without_its_own_catalog():
    assert jsmessages.page_messages("en") is None  # the scripts' own English
    assert jsmessages.page_messages("fr") is None  # no catalog yet: English
    assert i18n.catalog_path("es-MX", jsmessages.DOMAIN) == i18n.catalog_path(
        "es", jsmessages.DOMAIN
    )  # a region falls back to its language
    assert set(i18n.missing("fr", jsmessages.DOMAIN)) == template_ids()  # what `hubgen check` would name: every message


def test_a_spanish_hub_hands_its_scripts_the_spanish_words(tmp_path: Path):
    from hubgen.checks.site import mkdocs_build

    from .helpers import MINIMAL_MKDOCS

    assert "language" not in MINIMAL_MKDOCS
    config = MINIMAL_MKDOCS.replace("theme:\n  name: material\n", "theme:\n  name: material\n  language: es\n")
    assert config != MINIMAL_MKDOCS
    hub = write_files(tmp_path / "hub", {"mkdocs.yml": config, "content/index.md": "# Inicio\n"})
    result = mkdocs_build(hub, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((tmp_path / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    data = json.loads(soup.select_one("script#hg-i18n[type='application/json']").string)  # type: ignore[union-attr]
    assert data["lang"] == "es" and data["messages"]["Tomorrow"] == "Mañana"
