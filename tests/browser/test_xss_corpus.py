"""The differential test of issue 24: published XSS vectors against the check and against Chromium.

Each vector of tests/data/xss_vectors.txt (the OWASP filter-evasion cheat sheet, html5sec.org's, PortSwigger's
and the Markdown payload lists; the sources are in the file's header) is placed

- in staff Markdown (a hand-written page): ``hubgen check`` either refuses it at a line of the vector, or it goes
  into a page of the built site;
- in a Markdown-in-YAML field (a person's bio): the one sanitizer renders it;
- in an issue body (``participant_markdown``, what ``hubgen from-issue`` writes): the project's page.

The hub is built once; every page is loaded in Chromium with an alert recorder, every link is clicked (links
that would leave the page are held back, ``javascript:`` ones are followed) and every element gets the events a
reader's hand sends it. A vector is *live* when an alert, confirm, prompt or print is recorded, a dialog opens,
or the DOM holds an event-handler attribute, a ``javascript:`` link or a script with a payload. 0 live.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

from hubgen.authoring.fromissue import participant_markdown
from hubgen.content.judge import markdown_problems, site_markdown
from tests.helpers import MINIMAL_MKDOCS, mkdocs_build, serve_directory, write_files
from tests.test_security import BASE

from .hubsite import DESKTOP
from .test_injection import RECORDER

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

CORPUS = Path(__file__).parent.parent / "data" / "xss_vectors.txt"
PER_PAGE = 60  # vectors on one page: few builds and page loads, each vector numbered so a hit names it
SPLIT = 4  # bios and projects


def vectors() -> list[str]:
    """The corpus, each vector numbered (its ``N``) and with its ``\\n`` as line breaks."""
    lines = [line for line in CORPUS.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return [re.sub(r"(?<![A-Za-z])N(?![A-Za-z])", str(1000 + i), v.replace("\\n", "\n")) for i, v in enumerate(lines)]


def chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


EVENTS = """async () => {
  // Links that would leave the page are held back; a javascript: link is followed (it runs in the page).
  window.addEventListener('click', (e) => {
    const a = e.target.closest && e.target.closest('a, area');
    const href = a && (a.href && a.href.baseVal !== undefined ? a.href.baseVal : a.href);
    if (a && !/^\\s*javascript:/i.test(String(href || ''))) e.preventDefault();
  }, true);
  window.addEventListener('submit', (e) => e.preventDefault(), true);
  const mouse = ['pointerover', 'pointerenter', 'mouseover', 'mouseenter', 'mousemove', 'pointerdown',
                 'mousedown', 'pointerup', 'mouseup', 'click', 'dblclick', 'auxclick', 'contextmenu', 'wheel'];
  const other = ['focusin', 'keydown', 'keyup', 'beforeinput', 'input', 'copy', 'paste', 'dragstart', 'toggle',
                 'scroll', 'animationstart', 'transitionend', 'beforetoggle'];
  for (const el of Array.from(document.querySelectorAll('body *'))) {
    for (const type of mouse) {
      const Event = type.startsWith('pointer') ? PointerEvent : type === 'wheel' ? WheelEvent : MouseEvent;
      el.dispatchEvent(new Event(type, {bubbles: !type.endsWith('enter'), cancelable: true}));
    }
    for (const type of other) el.dispatchEvent(new Event(type, {bubbles: true, cancelable: true}));
    if (typeof el.focus === 'function') el.focus();
    if (el.localName === 'a' || el.localName === 'button' || el.localName === 'summary') el.click();
  }
  for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(() => r()));
}"""

LIVE_DOM = """() => {
  const out = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) {
      if (attr.toLowerCase().startsWith('on')) out.push(`<${el.localName} ${attr}>`);
    }
    for (const name of ['href', 'xlink:href', 'src', 'action', 'formaction', 'data']) {
      const value = (el.getAttribute(name) || '').replace(/[\\x00-\\x20]/g, '').toLowerCase();
      if (value.startsWith('javascript:') || value.startsWith('vbscript:') || value.startsWith('data:text'))
        out.push(`<${el.localName} ${name}=${value.slice(0, 40)}>`);
    }
    if (el.localName === 'script' && /alert|confirm|prompt/.test(el.textContent)) out.push('<script>');
    if (['iframe', 'object', 'embed', 'base', 'frame'].includes(el.localName)) out.push(`<${el.localName}>`);
  }
  return out;
}"""


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str], dict[str, int]]]:
    """The hub built with every vector where it may go; its URL, its pages and the figures."""
    root = tmp_path_factory.mktemp("corpus") / "hub"
    all_vectors = vectors()
    md = site_markdown([])  # MINIMAL_MKDOCS lists no markdown_extensions: MkDocs' own and hubgen's
    refused, accepted = [], []
    for vector in all_vectors:
        found = markdown_problems(vector, md)
        if found:
            assert all(1 <= line <= vector.count("\n") + 1 for line, _col, _msg in found), (vector, found)
            refused.append(vector)
        else:
            accepted.append(vector)
    files: dict[str, str] = {**BASE, "mkdocs.yml": MINIMAL_MKDOCS, "content/index.md": "# Home\n"}
    pages = []
    groups: list[list[str]] = [[]]
    for vector in accepted:  # vectors that pass alone may not pass together (an open quote meets the next one's)
        if groups[-1] and (len(groups[-1]) >= PER_PAGE or markdown_problems("\n\n".join([*groups[-1], vector]), md)):
            groups.append([])
        groups[-1].append(vector)
    for i, group in enumerate(groups):
        files[f"content/corpus-{i}.md"] = f"# Corpus {i}\n\n" + "\n\n".join(group) + "\n"
        pages.append(f"corpus-{i}/")
    people = []
    for i, group in enumerate(chunks(all_vectors, -(-len(all_vectors) // SPLIT))):
        ident = f"p{i}"
        people.append(ident)
        files[f"content/people/{ident}.yml"] = yaml.safe_dump(
            {"name": f"Person {i}", "bio": "\n\n".join(group)}, allow_unicode=True, width=10_000
        )
        pages.append(f"people/{ident}/")
        body = participant_markdown("\n\n".join(group), md)
        files[f"programs/p/c/projects/j{i}.md"] = (
            "---\n" + yaml.safe_dump({"title": f"Project {i}", "team": ["ada"]}) + "---\n" + body + "\n"
        )
        pages.append(f"showcase/j{i}/")
    files["programs/p/c/sessions/2026-03-04-open.md"] = (
        "---\n"
        + yaml.safe_dump(
            {"title": "Open", "type": "talk", "speakers": ["ada", *people], "readings": {"required": ["r1"]}}
        )
        + "---\nAgenda.\n"
    )
    write_files(root, files)
    site = root.parent / "site"
    result = mkdocs_build(root, site)
    assert result.returncode == 0, result.stderr[-3000:]
    figures = {"vectors": len(all_vectors), "refused": len(refused), "accepted": len(accepted), "pages": len(groups)}
    with serve_directory(site) as url:
        yield url, pages, figures


def visit(page: Page, name: str) -> list[str]:
    page.goto(name, wait_until="load")
    assert "404" not in (page.title() or ""), name
    page.evaluate(EVENTS)
    page.wait_for_load_state("load")
    return [f"{name}: {hit}" for hit in page.evaluate("window.__alerts || []") + page.evaluate(LIVE_DOM)]


def test_every_vector_is_refused_at_its_line_or_inert(browser: Browser, corpus_site):
    url, pages, figures = corpus_site
    assert figures["vectors"] >= 300 and figures["accepted"] > 40, figures
    context = browser.new_context(viewport=DESKTOP, base_url=url, service_workers="block")
    context.route("**/*", lambda route, request: route.continue_() if request.url.startswith(url) else route.abort())
    context.add_init_script(RECORDER)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    live: list[str] = []
    try:
        for name in pages:
            live += visit(page, name)
    finally:
        context.close()
    print(f"corpus: {figures}, pages: {len(pages)}, live: {len(live) + len(dialogs)}")
    assert dialogs == [] and live == [], (dialogs, live)
