"""The words hubgen's scripts write (hubgen/assets/*.js: "Live now", "Show 3 readings"), in the hub's language.

They are the gettext domain ``hubgen_js``: the template ``hubgen/locale/hubgen_js.pot`` is extracted from the
scripts by Babel's JavaScript extractor (the calls ``tr("...")`` and ``ntr("one", "many", n)``; the command is in
``hubgen/locale/hubgen_js.cfg``), and each language's catalog is ``hubgen/locale/<lang>/LC_MESSAGES/hubgen_js.po``.
The page gets its language's messages as JSON (``partials/hubgen/i18n.html``, from :func:`page_messages`), and
hubgen.js' ``tr``/``ntr`` fall back to the English they were called with wherever a message is missing.

Plural forms: a catalog says how its language counts (``Plural-Forms``, e.g. Spanish ``nplurals=2; plural=(n != 1)``);
the browser knows the same language's CLDR categories (``Intl.PluralRules``: one, few, many, other). Each category is
mapped to the catalog's form for the numbers of that category, so the script needs no formula of its own.
"""

from __future__ import annotations

import gettext
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "hubgen_js"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
#: The language the scripts are written in: its messages are the msgids themselves.
SOURCE_LANGUAGE = "en"
#: Numbers whose plural category and catalog form are compared (CLDR's categories show within these).
_SAMPLES = (*range(0, 201), 1000, 1001, 10_000, 100_000, 1_000_000, 1_000_001)


def catalog_file(language: str) -> Path | None:
    """The ``hubgen_js.po`` of ``language`` (``es``, ``pt-BR``: its own, else its base language's), if there is one."""
    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None
    for name in dict.fromkeys((str(locale), locale.language)):
        path = LOCALE_DIR / name / "LC_MESSAGES" / f"{DOMAIN}.po"
        if path.is_file():
            return path
    return None


def read(path: Path) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, domain=DOMAIN)


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
    path = catalog_file(language)
    if path is None or language.split("-")[0].lower() == SOURCE_LANGUAGE:
        return None
    catalog = read(path)
    return {"lang": language, "plural": plural_categories(catalog, language), "messages": translated(catalog)}


def missing(language: str) -> list[str]:
    """The template's messages that ``language``'s catalog does not translate (shown in English)."""
    template = read(TEMPLATE)
    path = catalog_file(language)
    have = translated(read(path)) if path else {}
    wanted = (m.id[0] if isinstance(m.id, tuple | list) else m.id for m in template if m.id)
    return [str(msgid) for msgid in wanted if str(msgid) not in have]
