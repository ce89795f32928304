"""The pages participants use most, on a phone and on a desktop, saved as pictures for people to look at.

Each page is also checked for what a picture shows at once and a reader trips over: nothing wider than
the screen (a sideways scroll on a phone), no text in the article cut off by its box, no image that
failed to load, no script error and no request off the machine. The screenshots land in
``test-artifacts/`` (uploaded by the PR workflow); look at them after changing a template or the theme.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .hubsite import DESKTOP, PHONE

PAGES = {
    "home": "",
    # a session with speakers, a place, readings of both kinds and an assignment
    "session": "programs/practitioner-fellowship/2026-2027/sessions/2026-12-11-structural-racism-clinical-data/",
    "library": "library/",
    "showcase": "showcase/",
}
pytestmark = pytest.mark.browser
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}

# Elements of the article whose content is wider than their box and not scrollable on purpose.
_OVERFLOWING = """() => {
  const out = [];
  for (const el of document.querySelectorAll('article.md-content__inner *')) {
    const style = getComputedStyle(el);
    if (style.display === 'none' || el.closest('pre, .md-typeset__scrollwrap, .md-typeset__table')) continue;
    if (['auto', 'scroll'].includes(style.overflowX)) continue;
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && style.overflowX === 'hidden') {
      out.push(el.tagName.toLowerCase() + '.' + [...el.classList].join('.'));
    }
  }
  return out;
}"""


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", PAGES)
def test_page_fits_the_screen_and_is_saved(
    new_page, offsite_requests, page_errors, artifacts_dir: Path, name, viewport
):
    page = new_page(viewport=VIEWPORTS[viewport])
    response = page.goto(PAGES[name])
    assert response is not None and response.ok, f"/{PAGES[name]} is not a page of the site"
    # Cards' pictures load lazily: load them all now, so that a broken one is seen (and in the picture).
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach((img) => { img.loading = 'eager'; })")
    # What the picture shows: every image decoded (or failed, and seen as broken) and the fonts laid out.
    page.wait_for_function("[...document.images].every((img) => img.complete)")
    page.evaluate("() => document.fonts.ready.then(() => undefined)")
    width = VIEWPORTS[viewport]["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls sideways"
    wider = page.evaluate(
        """(w) => [...document.querySelectorAll('article.md-content__inner *')]
             .filter(el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.right > w + 1
                             && !el.closest('.md-typeset__scrollwrap, pre'); })
             .map(el => el.tagName.toLowerCase() + '.' + [...el.classList].join('.'))""",
        width,
    )
    assert wider == [], f"reaches past the right edge: {wider[:5]}"
    assert page.evaluate(_OVERFLOWING) == []
    broken = page.evaluate("[...document.images].filter(i => i.naturalWidth === 0).map(i => i.src)")
    assert broken == []
    page.screenshot(path=str(artifacts_dir / f"{name}-{viewport}.png"), full_page=True)
    assert offsite_requests == [] and page_errors == []
