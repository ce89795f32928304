"""What the browser will see is what the check judges (issue 24, findings 1, 2, 3, 7 and 11).

Staff Markdown is judged on the HTML the site's own Python-Markdown makes of it, read by an HTML5 parser
(hubgen/content/judge.py); participants' text is rendered, sanitized with an allow-list and written back
(hubgen/authoring/fromissue.py); YAML fields' Markdown goes through the same sanitizer
(hubgen/content/markup.py); front matter is read by MkDocs' rule (hubgen/content/front.py). Chromium's
verdict on the same vectors is tests/browser/test_injection.py.
"""

from __future__ import annotations

import time

import pytest
from mkdocs.utils.meta import get_data
from selectolax.lexbor import LexborHTMLParser

from hubgen.authoring.fromissue import DEFAULT_EXTENSIONS, convert, participant_markdown
from hubgen.content.front import split
from hubgen.content.judge import html_findings, markdown_problems, site_markdown
from hubgen.content.markup import render_markdown
from hubgen.hub.workspace import Workspace
from tests.test_security import BASE, check

MD = site_markdown(DEFAULT_EXTENSIONS)
SESSION = "programs/p/c/sessions/2026-03-04-open.md"


def live(html: str) -> list[str]:
    """What in ``html`` a browser would run: handlers, scripts, script URLs (read by an HTML5 parser)."""
    found = []
    for node in LexborHTMLParser(html).root.traverse():
        for name, value in node.attributes.items():
            bare = "".join(ch for ch in (value or "") if ord(ch) > 32).lower()
            if name.lower().startswith("on") or bare.startswith(("javascript:", "vbscript:", "data:text")):
                found.append(f"<{node.tag} {name}={value}>")
        if node.tag in ("script", "img", "base", "iframe", "object", "embed", "noscript", "set", "animate", "meta"):
            found.append(f"<{node.tag}>")
    return found


# --- 1. participants' text becomes inert Markdown ----------------------------------------------------------

PARTICIPANT_ATTACKS = [
    "Read [our [full [plan] here] now](javascript:alert(document.domain))",
    "Read [our \\] plan](javascript:alert(1))",
    "Read [our\nplan](javascript:alert(1))",
    "> [r]: javascript:alert(1)\n\n[x][r]",
    "- [r]: javascript:alert(1)\n\n[x][r]",
    "![pixel][p]\n\n[p]: https://tracker.example/p.gif",
    "[x](&#106;avascript:alert(1)) <img src=x onerror=alert(1)> {: onclick=alert(1) }",
    "Para\n{: onclick=alert(1) }",
    "<div markdown>[x](javascript:alert(1))</div>",
]


@pytest.mark.parametrize("text", PARTICIPANT_ATTACKS)
def test_1_participant_text_is_inert_as_the_site_renders_it(text):
    written = participant_markdown(text, MD)
    MD.reset()
    assert live(MD.convert(written)) == [], written


def test_1_participant_links_and_text_survive():
    written = participant_markdown("We *ride* [home](https://example.org/a_(b)) & <b>back</b>\n\n1. one\n2. two", MD)
    MD.reset()
    html = MD.convert(written)
    assert '<a href="https://example.org/a_%28b%29">home</a>' in html and "<em>ride</em>" in html
    assert "&amp;" in html and "&lt;b&gt;" not in html and "<li>two</li>" in html


def test_1_the_written_project_passes_the_check(small_hub):
    root = small_hub(BASE)
    issue = "\n\n".join(
        f"### {label}\n\n{value}"
        for label, value in [
            ("Project name", "Safe Rides"),
            ("Program", "P"),
            ("Cohort", "C"),
            ("Summary", "Rides."),
            ("Description", "\n\n".join(PARTICIPANT_ATTACKS)),
            ("Consent", "- [x] Everyone agrees"),
        ]
    )
    path, _draft = convert("project", Workspace(root / "mkdocs.yml"), issue)
    written = path.read_text(encoding="utf-8")
    assert "javascript:" not in written.split("---\n", 2)[2].replace("\\", "") or "](javascript" not in written
    assert check(root) == []


# --- 2. staff Markdown: what the refusal missed, refused at the line -----------------------------------------

STAFF_ATTACKS = [
    ('## Agenda {: onmouseover="alert(1)" }', 1),
    ('Para\n{: onclick="alert(1)" }', 2),
    ('[x](https://ok.example/){: href="javascript:alert(1)" }', 1),
    ("![i](https://ok.example/i.png){: onerror=alert(1) }", 1),
    ("| a |\n|---|\n| b {: onclick=alert(1) } |", 3),
    ("Read [our [full [plan] here] now](javascript:alert(1))", 1),
    ("[our\nplan](javascript:alert(1))", 2),
    ("<!--><img src=x onerror=alert(1)>-->", 1),
    ("<![CDATA[><img src=x onerror=alert(1)>]]>", 1),
    ("<style></style x><img src=x onerror=alert(1)>", 1),
    ("<svg><style><img src=x onerror=alert(1)></style></svg>", 1),
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', 1),
    ("A `span\n\n<script>alert(1)</script>\n\nends`", 3),
    ('<base href="https://elsewhere.example/">', 1),
    ('<svg><animate attributeName="href" values="javascript:alert(1)"/><a><text>x</text></a></svg>', 1),
    ("<svg><set attributeName=onmouseover to=alert(1) /></svg>", 1),
    ('<meta http-equiv="refresh" content="0;url=https://elsewhere.example/">', 1),
    ("<iframe srcdoc='<script>alert(1)</script>'></iframe>", 1),
    ('<object data="javascript:alert(1)"></object>', 1),
    ('<embed src="https://elsewhere.example/x.swf">', 1),
    ("<a href=' &#x6A;ava&#9;script&colon;alert(1)'>x</a>", 1),
    ('<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>', 1),
    ("<textarea>the rest of the page", 1),
    ('<style>@import "https://elsewhere.example/x.css";</style>', 1),
    ("[r]: javascript:alert(1)\n\n[x][r]", 1),
    ("> [r]: javascript:alert(1)\n\n[x][r]", 1),
    ("- x\n\n    [r]: javascript:alert(1)\n\n[y][r]", 3),
    ("<details open ontoggle=alert(1)>", 1),
    ("<div>\n\n<img src=x\nonerror=alert(1)>\n\n</div>", 4),
]


@pytest.mark.parametrize(("text", "line"), STAFF_ATTACKS)
def test_2_staff_markdown_is_judged_as_rendered(text, line):
    MD.reset()
    assert live(MD.convert(text)) or "textarea" in text or "@import" in text or "<embed" in text  # it is live
    found = markdown_problems(text, MD)
    assert found and found[0][0] == line, found


def test_2_plain_html_and_code_pass():
    for text in [
        '<div class="grid" markdown>**x** <a href="/a/">a</a> <img src="data:image/png;base64,AA"></div>',
        '<iframe src="https://www.youtube-nocookie.com/embed/x" title="Recording"></iframe>',
        "Use `<script>` never.\n\n    <img src=x onerror=alert(1)>\n",
        "<svg viewBox='0 0 1 1'><circle r='1'/></svg>\n\n<details><summary>More</summary>Text</details>",
    ]:
        assert markdown_problems(text, MD) == [], text


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("content/x.markdown", "# X\n\n<img src=x onerror=alert(1)>\n", 3),
        ("content/x.mkd", "# X\n\n<script>alert(1)</script>\n", 3),
        ("content/x.html", "<!doctype html>\n<p>Hi</p>\n<svg onload=alert(1)>\n", 3),
        ("content/files/x.svg", '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script>\n</svg>\n', 2),
        ("content/files/x.js", "alert(1)\n", 1),
        ("content/dots.md", "---\ntitle: x\n...\n<script>alert(1)</script>\n", 4),
    ],
)
def test_2_every_page_the_engine_publishes_is_judged(small_hub, name, text, line):
    root = small_hub({**BASE, name: text})
    errors = [e for e in check(root) if e.startswith(name)]
    assert errors and errors[0].startswith(f"{name}:{line}:"), errors


# --- 3. Markdown in YAML fields: one sanitizer ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "[Website](&#106;avascript:alert(1))",
        "[Website](&#x6A;avascript&#58;alert(1))",
        "[Website](java&#09;script:alert(1))",
        "[W][r]\n\n[r]: &#106;avascript:alert(1)",
        "![x](&#106;avascript:alert(1))",
        "<https://ok.example/> [x](data:text/html,x)",
    ],
)
def test_3_entity_encoded_schemes_in_yaml_fields_are_dead(text):
    html = str(render_markdown(text))
    assert live(html.replace("<img", "<i")) == [], html


def test_3_a_bio_with_an_encoded_link_is_published_dead(small_hub):
    root = small_hub(
        {
            **BASE,
            "content/people/ada.yml": 'name: Ada Okoro\nbio: "[Website](&#106;avascript:alert(1)) and [ok](https://ok.example/)"\n',
        }
    )
    assert check(root) == []
    from hubgen.hub.load import load_hub

    hub, _ = load_hub(root)
    html = str(render_markdown(hub.people["ada"].data.bio))
    assert live(html) == [] and 'href="https://ok.example/"' in html


# --- 7. linear scans -------------------------------------------------------------------------------------------


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start


def test_7_a_run_of_backticks_is_checked_at_once():
    found, seconds = timed(markdown_problems, "Intro.\n\n" + "`" * 16_000, MD)
    assert seconds < 2 and found == [(3, 1, "a run of 16,000 backticks — Markdown reads at most 1,000 in a row")]
    found, seconds = timed(markdown_problems, "\n\n".join(["a `b` c " * 20] * 2_000), MD)  # 1,000 code spans
    assert found == [] and seconds < 2, seconds


def test_7_unclosed_links_in_an_issue_are_read_at_once():
    written, seconds = timed(participant_markdown, "[a](b" * 11_200, MD)  # 56 KB
    assert seconds < 2 and "](" not in written.replace("\\](", ""), seconds


def test_7_fifty_thousand_nested_divs_are_refused_at_once(small_hub):
    found, seconds = timed(markdown_problems, "<div>" * 50_000 + "x" + "</div>" * 50_000, MD)
    assert seconds < 2 and found and "nested more than 100 deep" in found[0][2], (seconds, found)
    assert any("nested" in f.message for f in html_findings("<b>" * 5_000))
    root = small_hub({**BASE, "content/deep.md": "# Deep\n\n" + "<div>" * 50_000})
    errors, seconds = timed(check, root)
    assert seconds < 10 and any(e.startswith("content/deep.md:3:") and "nested" in e for e in errors), errors


def test_7_unclosed_links_in_staff_markdown_are_refused_with_the_paragraph():
    found, seconds = timed(markdown_problems, "Intro.\n\n" + "[a](b" * 20_000, MD)
    assert seconds < 2 and found[0][0] == 3 and "paragraph" in found[0][2], (seconds, found)


# --- 11. one front-matter reader, MkDocs' rule ------------------------------------------------------------------

FRONTS = [
    "---\n<script>alert(1)</script>\n---\nbody",
    "---\ntitle: x\n---\n\n\nbody\n",
    "---\ntitle: x\n...\nbody",
    "---\n- a\n---\nb",
    "---\ntitle: [\n---\nx",
    "---\n---\nx",
    "---\ntitle: x\n---",
    "Title: x\n    more\n\nbody",
    "Title: a\nnot meta\n\nx",
    "\n\nbody",
    "plain",
]


@pytest.mark.parametrize("text", FRONTS)
def test_11_front_matter_is_read_as_mkdocs_reads_it(text):
    assert split(text).body == get_data(text)[0]


def test_11_front_matter_that_is_no_mapping_is_judged_as_the_page(small_hub):
    root = small_hub({**BASE, "content/fm.md": "---\n<script>alert(1)</script>\n---\n# Page\n"})
    errors = check(root)
    assert any(e.startswith("content/fm.md:2:1:") and "<script>" in e for e in errors), errors


def test_2_the_judgement_kept_between_builds_is_the_judgement(small_hub, tmp_path):
    """What the check found in each text is kept in .cache/hubgen/markup.json (hubgen/hub/load.py, MarkupCache): a
    build with it reports what one without it does, at the same lines, and an entry hubgen did not write is unused."""
    from hubgen.hub.load import load_hub

    files = {
        **BASE,
        "content/x.md": "# X\n\n<img src=x onerror=alert(1)>\n",
        "content/x.html": "<!doctype html>\n<p>Hi</p>\n<svg onload=alert(1)>\n",
    }
    root = small_hub(files)
    cache = tmp_path / "cache"
    want = check(root)
    assert any(e.startswith("content/x.md:3:") for e in want) and any(e.startswith("content/x.html:3:") for e in want)
    _hub, cold = load_hub(root, cache_dir=cache)
    kept = (cache / "markup.json").read_text(encoding="utf-8")
    assert "onerror" in kept
    _hub, warm = load_hub(root, cache_dir=cache)
    assert [p.format() for p in cold.errors] == [p.format() for p in warm.errors] == want
    # An entry that is not a list of problems (a tampered file) is not used: the text is judged again.
    (cache / "markup.json").write_text(kept.replace("[[", '"x', 1), encoding="utf-8")
    _hub, again = load_hub(root, cache_dir=cache)
    assert [p.format() for p in again.errors] == want
