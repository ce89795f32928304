"""The words hubgen's scripts write (hubgen/assets/*.js: "Live now", "Show 3 readings"), in the hub's language.

They are the gettext domain ``hubgen_js``: the template ``hubgen/locale/hubgen_js.pot`` is extracted from the
scripts by Babel's JavaScript extractor (the calls ``tr("...")`` and ``ntr("one", "many", n)``; the command is in
``hubgen/locale/hubgen_js.cfg``), and each language's catalog is ``hubgen/locale/<lang>/LC_MESSAGES/hubgen_js.po``.
Where a catalog is and which messages it lacks is :mod:`.i18n`'s, for both domains. The page gets its
language's messages as JSON (``partials/hubgen/i18n.html``, from :func:`page_messages`), and
hubgen.js' ``tr``/``ntr`` fall back to the English they were called with wherever a message is missing.

Plural forms: a catalog says how its language counts (``Plural-Forms``, e.g. Spanish ``nplurals=2; plural=(n != 1)``);
the browser knows the same language's CLDR categories (``Intl.PluralRules``: one, few, many, other). Each category is
mapped to the catalog's form for the numbers of that category, so the script needs no formula of its own.
"""

from __future__ import annotations

import gettext
from functools import lru_cache
from typing import Any

from babel import Locale
from babel.messages.catalog import Catalog

from . import i18n

DOMAIN = "hubgen_js"
#: Numbers whose plural category and catalog form are compared (CLDR's categories show within these).
_SAMPLES = (*range(0, 201), 1000, 1001, 10_000, 100_000, 1_000_000, 1_000_001)


def translated(catalog: Catalog) -> dict[str, str | list[str]]:
    """The catalog's translated messages (a message missing a form, or marked fuzzy, is left out: English shows)."""
    out: dict[str, str | list[str]] = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple | list):
            forms = list(message.string) if isinstance(message.string, tuple | list) else []
            if len(forms) == catalog.num_plurals and all(forms):
                out[str(message.id[0])] = [str(f) for f in forms]
        elif isinstance(message.string, str) and message.string:
            out[str(message.id)] = message.string
    return out


def plural_categories(catalog: Catalog, language: str) -> dict[str, int]:
    """Each CLDR plural category of ``language`` → the index of the catalog's form for numbers of that category."""
    form_of = gettext.c2py(catalog.plural_expr)
    locale = Locale.parse(language.replace("-", "_"))
    categories: dict[str, int] = {}
    for n in _SAMPLES:
        categories.setdefault(locale.plural_form(n), form_of(n))
    return categories


@lru_cache(maxsize=8)
def page_messages(language: str) -> dict[str, Any] | None:
    """What the page hands its scripts: the language, its plural categories and its messages; None for English or a
    language without a catalog (the scripts write their own English)."""
    path = None if i18n.is_default(language) else i18n.catalog_path(language, DOMAIN)
    if path is None:
        return None
    catalog = i18n.catalog(path)
    return {"lang": language, "plural": plural_categories(catalog, language), "messages": translated(catalog)}
