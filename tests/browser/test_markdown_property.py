"""A property of the check (issue 24): random Markdown that ``hubgen check`` accepts never runs in Chromium.

Hypothesis writes staff Markdown from the pieces attacks are made of (tags, handlers, schemes spelled with
character references, attr_list braces, link brackets, comments, CDATA, quotes). Whatever the check accepts
(:func:`hubgen.content.judge.markdown_problems`) is rendered with the site's Markdown and loaded into Chromium
— a second HTML5 parser, the one readers use — with an alert recorder; every element gets a reader's events and
every link is clicked. Nothing may be recorded, and the DOM may hold no handler attribute, no script and no
``javascript:``/``vbscript:``/``data:text`` address.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hubgen.authoring.fromissue import DEFAULT_EXTENSIONS
from hubgen.content.judge import markdown_problems, site_markdown

from .test_injection import RECORDER
from .test_xss_corpus import EVENTS, LIVE_DOM

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

PIECES = [
    "<",
    ">",
    "</",
    "/>",
    "img",
    "a",
    "svg",
    "div",
    "p",
    "style",
    "script",
    "iframe",
    "details",
    "math",
    "set",
    " src=x",
    " href=",
    " onerror=",
    " onclick=",
    " onmouseover=",
    " ontoggle=",
    " open",
    " attributeName=href",
    " values=",
    "alert(1)",
    "javascript:",
    "jav&#x09;ascript:",
    "&#106;avascript:",
    "&#x6A;",
    "&colon;",
    "data:text/html,",
    "vbscript:",
    "[",
    "]",
    "](",
    ")",
    "[r]: ",
    "[x][r]",
    "{: ",
    "{:",
    " }",
    "}",
    "\n",
    "\n\n",
    "    ",
    "> ",
    "- ",
    "`",
    "```",
    "~~~",
    "<!--",
    "-->",
    "<!-->",
    "<![CDATA[",
    "]]>",
    "'",
    '"',
    "=",
    "x",
    " ",
    "<noscript>",
    "<template>",
    "<textarea>",
    "</textarea>",
    "</style>",
    "## ",
    "!!! note\n    ",
    "| a |\n|---|\n| ",
    "<div markdown>",
    "</div>",
    "&lt;",
    "&",
    "#",
    "\\",
]


@pytest.fixture(scope="module")
def dom_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(service_workers="block")
    context.route("**/*", lambda route, request: route.abort())  # nothing loads from anywhere
    context.add_init_script(RECORDER)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs  # type: ignore[attr-defined]
    try:
        yield page
    finally:
        context.close()


MD = site_markdown(DEFAULT_EXTENSIONS)
ACCEPTED = [0]


TAGS = ["img", "a", "div", "p", "svg", "details", "span", "b", "iframe", "input", "math", "video", "form", "button"]
ATTRIBUTES = [
    " src=x",
    " onerror=alert(1)",
    ' onclick="alert(2)"',
    " onmouseover=alert(3)",
    " ontoggle=alert(4) open",
    ' href="javascript:alert(5)"',
    " href=&#106;avascript:alert(6)",
    ' href="jav&#x09;ascript:alert(7)"',
    " autofocus onfocus=alert(8)",
    ' formaction="javascript:alert(9)"',
    ' style="color:red"',
    " title=x",
    ' href="https://example.org/"',
    " OnMouseOver=alert(10)",
    "/onerror=alert(11)",
    " x=' onclick=alert(12) '",
]
URLS = [
    "javascript:alert(13)",
    "&#106;avascript:alert(14)",
    "https://example.org/",
    "JaVaScRiPt:alert(15)",
    "data:text/html,x",
    "vbscript:x",
    "/page/",
    "java&#x0A;script:alert(16)",
]
tag = st.builds(
    lambda name, attributes, end: f"<{name}{''.join(attributes)}{end}",
    st.sampled_from(TAGS),
    st.lists(st.sampled_from(ATTRIBUTES), max_size=3),
    st.sampled_from([">", "/>", "", " >", ">x</a>"]),
)
markdown_piece = st.one_of(
    st.builds(lambda url: f"[x]({url})", st.sampled_from(URLS)),
    st.builds(lambda url: f"[x][r]\n\n[r]: {url}\n", st.sampled_from(URLS)),
    st.builds(lambda attribute: f"## Title {{:{attribute} }}", st.sampled_from(ATTRIBUTES)),
    st.builds(lambda attribute: f"Para\n{{:{attribute} }}", st.sampled_from(ATTRIBUTES)),
    st.builds(
        lambda url, attribute: f"[x]({url}){{:{attribute} }}", st.sampled_from(URLS), st.sampled_from(ATTRIBUTES)
    ),
)
document = st.lists(st.one_of(tag, markdown_piece, st.sampled_from(PIECES)), min_size=1, max_size=12).flatmap(
    lambda parts: st.lists(st.sampled_from(["", " ", "\n", "\n\n"]), min_size=len(parts), max_size=len(parts)).map(
        lambda gaps: "".join(p + g for p, g in zip(parts, gaps, strict=True))
    )
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document)
def test_markdown_the_check_accepts_never_runs(dom_page, text):
    if markdown_problems(text, MD):
        return  # refused at a line: never built
    ACCEPTED[0] += 1
    MD.reset()
    html = MD.convert(text)
    dom_page.goto("about:blank")
    dom_page.set_content(f"<!doctype html><html><body><article>{html}</article></body></html>")
    dom_page.evaluate(EVENTS)
    hits = dom_page.evaluate("window.__alerts || []") + dom_page.evaluate(LIVE_DOM) + dom_page.dialogs
    assert hits == [], (text, html, hits)
