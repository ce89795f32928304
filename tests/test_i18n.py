"""The hub in its language (theme.language): Hubgen's words from its catalogs, dates from the locale (CLDR)."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import icalendar
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from hubgen.cli import main
from hubgen.site import i18n
from hubgen.site.i18n import LOCALE_DIR, Dates, language_of, missing, translations
from tests.helpers import EXAMPLE_HUB, REPO, built_once, copy_example_hub, mkdocs_build

ES_PO = LOCALE_DIR / "es" / "LC_MESSAGES" / "hubgen.po"
POT = LOCALE_DIR / "hubgen.pot"


def _ids(path: Path) -> set[str]:
    with path.open("rb") as f:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}


# -- the catalogs -------------------------------------------------------------------------------------------------


def test_catalogs_parse_and_spanish_is_complete() -> None:
    with ES_PO.open("rb") as f:
        catalog = read_po(f)
    assert not catalog.fuzzy
    untranslated = [m.id for m in catalog if m.id and (m.fuzzy or not all(m.string if m.pluralizable else [m.string]))]
    assert untranslated == []
    assert _ids(ES_PO) == _ids(POT)
    assert missing("es") == [] and missing("es-MX") == []  # a region falls back to its language's catalog


def test_the_template_holds_every_string_the_code_marks() -> None:
    """``pybabel extract`` (babel.cfg) run again finds no string that hubgen/locale/hubgen.pot lacks."""
    method_map = [
        ("hubgen/site/**.py", "python"),
        ("hubgen/adapters/**.py", "python"),
        ("hubgen/templates/**.j2", "jinja2"),
    ]
    options = {
        "hubgen/templates/**.j2": {
            "extensions": "jinja2.ext.i18n",
            "trim_blocks": "true",
            "lstrip_blocks": "true",
            "newstyle_gettext": "true",
        }
    }
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(REPO), method_map, options, keywords=keywords
    ):
        found.add(message if isinstance(message, str) else message[0])
    assert "Join the session" in found and "Prepare — %(cohort)s, %(program)s" in found
    assert found - _ids(POT) == set(), "run: pybabel extract -F babel.cfg -k N_ -o hubgen/locale/hubgen.pot ."


def test_language_comes_from_theme_language_with_fallbacks() -> None:
    assert language_of({"theme": {"name": "material", "language": "es-MX"}}) == "es-MX"
    assert language_of({"theme": {"name": "material"}}) == "en"
    assert translations("es-MX").gettext("Next session") == "Próxima sesión"
    assert translations("fr").gettext("Next session") == "Next session"  # no catalog: English
    assert "Next session" in missing("fr") and missing("en") == []


def test_dates_in_spanish_and_english() -> None:
    day, last = dt.date(2026, 12, 2), dt.date(2026, 12, 4)
    es, en = Dates("es"), Dates("en")
    assert en.short(day) == "Wed 2 Dec 2026"  # as Hubgen's pages always wrote it
    assert en.long(day) == "Wednesday 2 December 2026"
    assert es.short(day) == "mié, 2 dic 2026"
    assert es.long(day) == "miércoles, 2 de diciembre de 2026"
    assert es.month_year(day) == "diciembre de 2026"
    assert es.range(day, last, "short") == "mié, 2 dic\u2009–\u2009vie, 4 dic 2026"  # CLDR: thin spaces
    assert es.range(dt.date(2026, 9, 23), dt.date(2027, 6, 16), "long_no_weekday") == (
        "23 de septiembre de 2026\u2009–\u200916 de junio de 2027"
    )
    assert en.range(day, last) == "Wednesday 2 – Friday 4 December 2026"
    assert en.range(day, dt.date(2027, 1, 5), "long_no_weekday") == "2 December 2026 – 5 January 2027"
    start, end = dt.datetime(2026, 12, 2, 9), dt.datetime(2026, 12, 2, 16)
    assert es.time_span(start, end, 24) == "9:00–16:00"
    assert en.time_span(start, end, 24) == "09:00–16:00"
    assert es.zone_city("America/New_York") == "Nueva York"
    assert es.join(["Ana", "Luis", "Marta"]) == "Ana, Luis y Marta"


# -- the example hub, built in Spanish -------------------------------------------------------------------------------

#: The clock of the build: after the recorded sessions of the example, before its last ones (upcoming lists show).
FIXED_DAY = "1796083200"  # 2026-12-01


def _build_es(folder: Path) -> Path:
    project = copy_example_hub(folder / "hub")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: en", "language: es"), encoding="utf-8")
    os.environ["SOURCE_DATE_EPOCH"] = FIXED_DAY
    try:
        result = mkdocs_build(project, folder / "site")
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    assert result.returncode == 0, result.stderr[-3000:]
    return folder / "site"


@pytest.fixture(scope="module")
def es_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_once(tmp_path_factory, "example-es", _build_es)


#: Attributes whose text a reader meets (a screen reader, a tooltip, an empty search box, what hubgen.js shows).
SPOKEN = ("aria-label", "title", "placeholder", "alt", "data-hg-empty", "data-hg-noun", "data-hg-noun-one")


def _visible_text(html: str) -> str:
    """What a reader sees or hears of a page's article: its text and spoken attributes, no script or code."""
    tree = HTMLParser(html)
    article = tree.css_first("article") or tree.body
    assert article is not None
    # An APA reference is citeproc's, in CSL's English ("[Data set]"): what remains English, in the README.
    for node in article.css("script, style, template, code, pre, .hg-citation"):
        node.decompose()
    spoken = [str(node.attributes.get(name) or "") for node in article.css("*") for name in SPOKEN]
    return " ".join(" ".join([article.text(separator=" "), *spoken]).split())


def _staff_text() -> str:
    """Everything staff wrote in the example hub: a phrase of Hubgen's found in it may be theirs on a page."""
    files = [*EXAMPLE_HUB.glob("content/**/*"), *EXAMPLE_HUB.glob("programs/**/*")]
    return "\n".join(f.read_text(encoding="utf-8") for f in files if f.suffix in (".md", ".yml") and f.is_file())


def _english_phrases() -> list[str]:
    """Hubgen's English strings of more than one word, without their placeholders: what must not show in Spanish."""
    out = set()
    for text in _ids(POT):
        for part in re.split(r"%\([a-z]+\)[sd]", text):
            part = part.strip(" .,:;()—–?")
            if len(part.split()) > 1 and part not in translations("es").gettext(text):
                out.add(part)
    return sorted(out)


def test_every_page_of_the_spanish_hub_shows_no_english_string_of_hubgens(es_site: Path) -> None:
    phrases = _english_phrases()
    assert len(phrases) > 100
    staff = _staff_text()
    ours = [p for p in phrases if p not in staff]  # e.g. a news item that says "Suggest a resource" is staff's
    assert len(ours) > 0.9 * len(phrases)
    pages = sorted(es_site.rglob("index.html"))
    assert len(pages) > 50
    found: dict[str, list[str]] = {}
    for path in pages:
        text = _visible_text(path.read_text(encoding="utf-8"))
        for phrase in ours:
            if phrase in text:
                found.setdefault(phrase, []).append(str(path.relative_to(es_site)))
    assert found == {}


def test_every_page_says_lang_es_and_dates_are_spanish(es_site: Path) -> None:
    undeclared = [
        str(p.relative_to(es_site))
        for p in es_site.rglob("index.html")
        if not re.search(r'<html[^>]* lang="es"', p.read_text(encoding="utf-8")[:2000])
    ]
    assert undeclared == []
    session = next(p for p in es_site.glob("programs/*/*/sessions/*/index.html"))
    html = session.read_text(encoding="utf-8")
    tree = HTMLParser(html)
    facts = tree.css_first("dl.hg-facts").text()
    assert "Cuándo" in facts
    assert re.search(r"(lunes|martes|miércoles|jueves|viernes|sábado|domingo), \d+ de [a-z]+ de 20\d\d", facts)


def test_calendars_and_news_feeds_in_spanish(es_site: Path) -> None:
    cohort_feed = next(es_site.glob("programs/*/*/calendar.ics"))
    cal = icalendar.Calendar.from_ical(cohort_feed.read_bytes())
    assert str(cal["X-WR-CALDESC"]).startswith("Sesiones de ")
    events = list(cal.walk("VEVENT"))
    assert events
    assert any("Lee antes de la sesión" in str(e["DESCRIPTION"]) for e in events)
    alarms = [str(a["DESCRIPTION"]) for e in events for a in e.walk("VALARM")]
    assert alarms and all(" empieza en " in a for a in alarms)
    hub = icalendar.Calendar.from_ical((es_site / "calendar" / "hub.ics").read_bytes())
    assert str(hub["X-WR-CALDESC"]).startswith("Todas las sesiones de ")
    atom = (es_site / "news" / "atom.xml").read_text(encoding="utf-8")
    assert re.search(r"<title>[^<]+ — noticias</title>", atom)
    rss = (es_site / "news" / "rss.xml").read_text(encoding="utf-8")
    assert "<language>es</language>" in rss and "<description>Avisos de " in rss


def test_the_navigation_is_in_spanish(es_site: Path) -> None:
    tree = HTMLParser((es_site / "index.html").read_text(encoding="utf-8"))
    nav = " ".join(n.text() for n in tree.css("nav.md-nav--primary .md-nav__link"))
    for word in ("Programas", "Calendario", "Biblioteca", "Personas", "Temas"):
        assert word in nav


def test_is_default() -> None:
    assert i18n.is_default("en-US") and not i18n.is_default("es")


# -- hubgen check ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "says"),
    [
        ("fr", "Hubgen has no catalog for 'fr' yet: add hubgen.po and hubgen_js.po to Hubgen's hubgen/locale/fr/"),
        ("pt-BR", "have no Portuguese (Brazil) translation"),
    ],
)
def test_check_names_the_strings_a_language_shows_in_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], language: str, says: str
) -> None:
    root = copy_example_hub(tmp_path / "hub")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: en", f"language: {language}"))
    line = next(n for n, text in enumerate(config.read_text().splitlines(), 1) if "language:" in text)
    assert main(["check", str(root)]) == 0  # a warning: the hub builds, in English where no translation is
    out = capsys.readouterr().out
    [warning] = [w for w in out.splitlines() if "theme.language" in w]
    assert warning.startswith(f"mkdocs.yml:{line}:")
    total = len(_ids(POT)) + len(_ids(LOCALE_DIR / "hubgen_js.pot"))  # the pages' strings and the scripts'
    assert f"{total} of Hubgen's" in warning and says in warning
    assert "'Next session'" in warning or "'Add to calendar:'" in warning or "', ...)" in warning
    assert main(["check", "--strict", str(root)]) == 1


def test_check_counts_what_an_incomplete_catalog_lacks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A catalog with one string left untranslated and one fuzzy: two strings named, the file Hubgen ships."""
    locale = tmp_path / "locale"
    (locale / "es" / "LC_MESSAGES").mkdir(parents=True)
    (locale / "hubgen.pot").write_bytes(POT.read_bytes())
    for name in ("hubgen_js.pot", "es/LC_MESSAGES/hubgen_js.po"):  # the scripts' catalog, complete
        (locale / name).write_bytes((LOCALE_DIR / name).read_bytes())
    text = ES_PO.read_text(encoding="utf-8")
    text = text.replace('msgstr "Próxima sesión"', 'msgstr ""')
    text = text.replace('msgid "Join now"', '#, fuzzy\nmsgid "Join now"')
    (locale / "es" / "LC_MESSAGES" / "hubgen.po").write_text(text, encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale)
    i18n.template.cache_clear()
    try:
        assert sorted(missing("es")) == ["Join now", "Next session"]
        config = tmp_path / "mkdocs.yml"
        config.write_text("site_name: x\ntheme:\n  name: material\n  language: es-MX\n", encoding="utf-8")
        [problem] = i18n.language_problems(config)
        assert (problem.line, problem.severity) == (4, "warning")
        assert "2 of Hubgen's" in problem.message and "'Join now', 'Next session'" in problem.message
    finally:
        i18n.template.cache_clear()
