"""The example hub built in Spanish (theme.language: es), in Chromium: axe-core finds nothing serious, and the page
says lang="es" over Spanish text (a screen reader reads it with a Spanish voice)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from hubgen.checks.browser import MATERIAL_FINDINGS, axe_results, serious_findings, start_axe, with_axe
from hubgen.checks.site import npm_client
from tests.helpers import built_once, serve_directory
from tests.test_i18n import _build_es

from .hubsite import PHONE
from .test_accessibility import page_kinds

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The Spanish build of the example hub (shared with tests/test_i18n.py), served on 127.0.0.1."""
    with serve_directory(built_once(tmp_path_factory, "example-es", _build_es)) as url:
        yield url


#: A phrase of Hubgen's each page shows in Spanish.
SPANISH = {
    "home": "Elige tu programa",
    "session": "Cuándo",
    "prepare": "Qué leer y qué entregar",
    "calendar": "Todas las sesiones de todos los programas",
    "library": "Descargar las citas",
}


@pytest.mark.parametrize("kind", SPANISH)
def test_spanish_pages_pass_axe_with_lang_es(new_page: Callable[..., Page], kind: str) -> None:
    source = npm_client("axe-core/axe.min.js").read_text(encoding="utf-8")
    page = with_axe(new_page(), source)
    page.goto(page_kinds()[kind])
    assert page.locator("html").get_attribute("lang") == "es"
    start_axe(page, source)
    results = serious_findings(axe_results(page))
    found = [f"{rule} at {where}: {fix}" for rule, where, fix in results if (rule, where) not in MATERIAL_FINDINGS]
    assert found == []
    assert SPANISH[kind] in page.locator("article").inner_text()


@pytest.mark.parametrize("kind", ["home", "session", "prepare"])
def test_spanish_pages_on_a_phone_are_saved(new_page: Callable[..., Page], artifacts_dir: Path, kind: str) -> None:
    """The Spanish pages on a phone, saved beside the English ones of test_screenshots.py (``test-artifacts/``), with
    the date of the first session written as Spanish readers write it."""
    page = new_page(viewport=PHONE)
    page.goto(page_kinds()[kind])
    page.evaluate("() => document.fonts.ready.then(() => undefined)")
    text = page.locator("article").inner_text()
    assert SPANISH[kind] in text
    assert re.search(
        r"\b(lun|mar|mié|jue|vie|sáb|dom)\.?,? \d{1,2}( de)? (ene|feb|mar|abr|may|jun|jul|ago|sept?|oct|nov|dic)", text
    ) or re.search(
        r"\b\d{1,2} de (enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)", text
    ), "no date written the Spanish way"
    page.screenshot(path=artifacts_dir / f"es-{kind}-phone.png")
