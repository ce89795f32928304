"""What the browser will see, judged: staff Markdown rendered as the site renders it, read by an HTML5 parser.

``hubgen check`` and the build refuse what would run a script in a reader's browser, judged on the HTML a
page becomes (Python-Markdown with the hub's own ``markdown_extensions``), parsed by Lexbor (selectolax), an
HTML5 parser that follows the WHATWG algorithm a browser follows — comments, CDATA, ``<style>`` and SVG are
read as Chromium reads them, not as the source text looks. Files published as they are (``.html``, ``.svg``
under content/) are judged the same way.

Every scan of the source text here is linear: a text whose shape would make Python-Markdown or the HTML
parser take quadratic time (elements nested thousands deep, thousands of links or unclosed brackets in one
paragraph, a run of thousands of backticks)
is refused before either reads it, with the line to change.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import markdown
from selectolax.lexbor import LexborHTMLParser, LexborNode

#: Elements nested deeper than this are refused: no page needs it, and parsers and MkDocs' search plugin
#: take quadratic time on it (50,000 nested <div> took a 5½-minute build).
MAX_DEPTH = 100
#: An inline unit (a paragraph, a list item's line) costs Python-Markdown about its length times its inline
#: openers; above this budget it is refused (calibrated with bench/scan_time.py: well under 2 s).
MAX_UNIT_COST = 200_000
MAX_TOTAL_COST = 2_000_000


@dataclass(frozen=True)
class Finding:
    """One thing the browser would run or load: the message, and texts to find its line in the source by."""

    message: str
    needles: tuple[str, ...] = ()  # regular expressions, most specific first, matched case-insensitively


# --- URLs -----------------------------------------------------------------------------------------------

_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
_SCRIPT_SCHEMES = frozenset({"javascript", "vbscript", "livescript", "data", "blob", "filesystem"})
_IMAGE_PLACES = frozenset({("img", "src"), ("img", "srcset"), ("source", "srcset"), ("source", "src")})
_TEXT_ATTRIBUTES = frozenset({"alt", "title", "placeholder", "label", "summary", "class", "id", "name"})


def url_scheme(value: str) -> str | None:
    """The scheme a browser reads in an (already entity-decoded) URL, lowercase: whitespace and controls go."""
    match = _SCHEME.match(_INVISIBLE.sub("", value).lower())
    return match.group(1) if match else None


def _is_image_data(value: str) -> bool:
    return _INVISIBLE.sub("", value).lower().startswith("data:image/")


def _scheme_needle(scheme: str) -> str:
    """A pattern for ``scheme:`` as it may be written: each letter literal or a character reference."""

    def one(ch: str) -> str:
        code = ord(ch)
        forms = [re.escape(ch), f"&#0*{code};?", f"&#x0*{code:x};?"]
        if ch == ":":
            forms.append("&colon;")
        return "(?:" + "|".join(forms) + ")"

    return r"[\x00-\x20]*".join(one(ch) for ch in scheme + ":")


def _url_problem(tag: str, name: str, value: str) -> Finding | None:
    parts = [value]
    if name in ("srcset", "imagesrcset"):
        parts = [p.strip().split(" ")[0] for p in value.split(",")]
    elif name in ("values", "to", "from", "by"):
        parts = value.split(";")
    for part in parts:
        scheme = url_scheme(part)
        if scheme not in _SCRIPT_SCHEMES:
            continue
        if scheme == "data" and (tag, name) in _IMAGE_PLACES and _is_image_data(part):
            continue  # a picture written into the page: an <img> never runs what it shows
        fix = "link to an http(s) or mailto address instead"
        if scheme == "data":
            fix = "only an <img> may hold a data:image/... picture; link to a file or an http(s) address instead"
        return Finding(
            f"<{tag} {name}=...>: a {scheme}: address can run a script in the reader's browser — {fix}",
            (re.escape(part.strip()[:40]), _scheme_needle(scheme), re.escape(name) + r"\s*="),
        )
    return None


# --- elements and attributes ---------------------------------------------------------------------------

_REFUSED = {
    "script": "a <script> element runs code — staff HTML may hold no scripts",
    "base": "a <base> element makes the page load Material's and hubgen's scripts from another address — remove it",
    "object": "an <object> element loads and runs other content — link to the file instead",
    "embed": "an <embed> element loads and runs other content — link to the file instead",
    "applet": "an <applet> element runs code — remove it",
    "frame": "a <frame> element — use a link instead",
    "frameset": "a <frameset> element — use a link instead",
    "noscript": "a <noscript> element is read one way by checkers and another by browsers — remove it",
    "template": "a <template> element can attach hidden content the check cannot see — remove it",
    "portal": "a <portal> element loads another page — use a link instead",
    "xmp": "an <xmp> element swallows what follows it — use a code block (```) instead",
    "plaintext": "a <plaintext> element swallows the rest of the page — use a code block (```) instead",
}
_HARMLESS_EQUIV = frozenset({"content-type", "content-language", "x-ua-compatible"})
_ANIMATIONS = frozenset({"animate", "set", "animatemotion", "animatetransform", "discard"})
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.DOTALL)


def _css_unsafe(css: str) -> str | None:
    """What in a style sheet or style= attribute loads a remote stylesheet or script, read as CSS reads it."""
    plain = _CSS_COMMENT.sub("", css)
    plain = _CSS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2), plain).lower()
    plain = _INVISIBLE.sub("", plain)
    if "@import" in plain:
        return "@import loads a stylesheet from elsewhere — a hub's stylesheets go in mkdocs.yml (extra_css)"
    if "javascript:" in plain or "expression(" in plain or "-moz-binding" in plain or "behavior:" in plain:
        return "a style that names a script — remove it"
    return None


def _element(tag: str, attributes: dict[str, str | None]) -> Iterable[Finding]:
    if tag in _REFUSED:
        yield Finding(_REFUSED[tag], ("<" + re.escape(tag) + r"\b",))
    equiv = next((str(v or "").strip().lower() for k, v in attributes.items() if k.lower() == "http-equiv"), None)
    if tag == "meta" and equiv is not None and equiv not in _HARMLESS_EQUIV:
        yield Finding(
            "<meta http-equiv=...> can send the reader to another page or change the site's rules — remove it",
            (r"http-equiv", "<meta"),
        )
    if tag == "link":
        href = attributes.get("href") or ""
        rel = str(attributes.get("rel") or "").lower().split()
        if not set(rel) <= {"stylesheet", "icon"} or url_scheme(href) is not None or href.strip().startswith("//"):
            yield Finding(
                'a <link> may only load a stylesheet or icon of the site itself (href="styles/x.css") — a hub\'s '
                "stylesheets usually go in mkdocs.yml (extra_css)",
                ("<link",),
            )
    if tag == "iframe":
        src = attributes.get("src") or ""
        if url_scheme(src) != "https":
            yield Finding(
                'an <iframe> may only show an https:// address (a video, a form) — give it src="https://..."',
                ("<iframe",),
            )
    for name, value in attributes.items():
        key = name.lower()
        if key.startswith("on"):
            yield Finding(
                f"the attribute {key}= on <{tag}> runs a script — remove it (no event handlers)",
                (r"\b" + re.escape(key) + r"\s*=", r"\b" + re.escape(key)),
            )
            continue
        if key == "srcdoc":
            yield Finding(
                f"the attribute srcdoc= on <{tag}> holds a page with its own scripts — remove it", ("srcdoc",)
            )
            continue
        if value is None:
            continue
        if key == "style":
            if why := _css_unsafe(value):
                yield Finding(f"<{tag} style=...>: {why}", (r"style\s*=",))
            continue
        if tag in _ANIMATIONS and key == "attributename":
            target = value.strip().lower()
            if target.startswith("on") or target.endswith("href"):
                yield Finding(
                    f"an SVG <{tag}> that changes {target} can turn it into a script — remove the animation",
                    (r"attributename\s*=\s*[\"']?" + re.escape(target), "<" + tag),
                )
            continue
        if key in _TEXT_ATTRIBUTES or key.startswith("aria-"):
            continue
        if found := _url_problem(tag, key, value):
            yield found


_SENTINEL_ID = "hubgen-end-of-content-0c7f"
_SENTINEL = f'<p id="{_SENTINEL_ID}"></p>'
_SWALLOWERS = (
    r"<!--",
    r"<textarea",
    r"<title",
    r"<style",
    r"<xmp",
    r"<noembed",
    r"<noframes",
    r"<iframe",
    r"<svg",
    r"<math",
    r"<select",
    r"<table",
)


def _walk(root: LexborNode | None) -> Iterable[tuple[LexborNode, int, bool]]:
    """Every element under ``root`` with its depth and whether it is inside SVG or MathML (iteratively)."""
    stack: list[tuple[LexborNode | None, int, bool]] = [(root, 0, False)]
    while stack:
        node, depth, foreign = stack.pop()
        while node is not None:
            tag = node.tag or ""
            if not tag.startswith(("-", "_", "#", "!")):
                yield node, depth, foreign
                stack.append((node.child, depth + 1, foreign or tag in ("svg", "math")))
            node = node.next


# --- depth, before any parser reads the text -------------------------------------------------------------

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)")
_NOT_NESTING = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "dt",
        "dd",
        "option",
        "optgroup",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "colgroup",
        "rp",
        "rt",
    ]
)


def tag_depth(text: str) -> tuple[int, int]:
    """How deep the tags of ``text`` nest, counted in one pass up to just past :data:`MAX_DEPTH`, and where the
    deepest opens."""
    if text.count("<") <= MAX_DEPTH:
        return 0, 0  # too few tags to nest too deep
    depth = deepest = where = 0
    for match in _TAG.finditer(text):
        name = match.group(2).lower()
        if name in _NOT_NESTING:
            continue
        if match.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > deepest:
                deepest, where = depth, match.start()
                if deepest > MAX_DEPTH:
                    break
    return deepest, where


def _too_deep(depth: int) -> str:
    deep = f"more than {MAX_DEPTH}" if depth > MAX_DEPTH else f"{depth}"
    return (
        f"elements are nested {deep} deep here — hubgen allows {MAX_DEPTH}: close the elements you open "
        "(</div>), or split the page"
    )


def html_findings(html: str) -> list[Finding]:
    """What in ``html`` (a page's content, as the browser will get it) runs a script or leaves the page open."""
    depth, _where = tag_depth(html)
    if depth > MAX_DEPTH:
        return [Finding(_too_deep(depth), ("<div", "<"))]
    tree = LexborHTMLParser(html + _SENTINEL)
    found: list[Finding] = []
    sentinel_ok = False
    deepest = 0
    for node, depth, foreign in _walk(tree.root):
        deepest = max(deepest, depth)
        attributes = node.attributes
        if node.tag == "p" and attributes == {"id": _SENTINEL_ID}:  # the page's end, as its own element
            sentinel_ok = not foreign
            continue
        found.extend(_element((node.tag or "").lower(), attributes))
        if node.tag == "style" and (why := _css_unsafe(node.text(deep=True))):
            found.append(Finding(f"<style>: {why}", (r"@import", "<style")))
    if deepest > MAX_DEPTH + 2:  # <html> and <body> hold the content
        found.append(Finding(_too_deep(deepest - 2), ("<div", "<")))
    if not sentinel_ok:
        found.append(
            Finding(
                "the HTML here is never closed, so the rest of the page would become part of it — close every "
                "comment (-->) and element (</textarea>, </svg>, </style>...) you open",
                _SWALLOWERS,
            )
        )
    return found


# --- where, in the source --------------------------------------------------------------------------------


MAX_REPORTED = 20  # problems reported for one text: the first ones, then how many more


def locate(source: str, findings: Sequence[Finding]) -> list[tuple[int, int, str]]:
    """(line, column, message) for each finding: the first match of its most specific needle that no finding
    before it took (the n-th ``onclick=`` of the page for its n-th handler). Each needle is searched once."""
    taken: set[int] = set()
    matches: dict[str, list[int]] = {}
    next_free: dict[str, int] = {}
    out: list[tuple[int, int, str]] = []
    for finding in findings[:MAX_REPORTED]:
        offset: int | None = None
        for needle in finding.needles:
            if needle not in matches:
                matches[needle] = [m.start() for m in re.finditer(needle, source, re.IGNORECASE)]
                next_free[needle] = 0
            found = matches[needle]
            if not found:
                continue
            i = next_free[needle]
            while i < len(found) and found[i] in taken:
                i += 1
            next_free[needle] = i
            offset = found[i] if i < len(found) else found[-1]
            break
        offset = offset or 0
        taken.add(offset)
        before = source[:offset]
        out.append((before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1, finding.message))
    if len(findings) > MAX_REPORTED:
        out.append((out[-1][0], out[-1][1], f"… and {len(findings) - MAX_REPORTED:,} more like these further on"))
    return sorted(set(out))


# --- Markdown, as the site renders it --------------------------------------------------------------------

# MkDocs' built-in extensions (mkdocs.config.defaults: toc, tables, fenced_code) come first on every site, and
# the hubgen plugin adds attr_list and md_in_html (adapters/common.py).
_MD_BUILTIN = ("toc", "tables", "fenced_code")
_MD_ALWAYS = ("attr_list", "md_in_html")
_MARKDOWNS: dict[str, markdown.Markdown] = {}


def site_markdown(extensions: Any) -> markdown.Markdown:
    """Python-Markdown with the hub's ``markdown_extensions`` (as mkdocs.yml lists them) and hubgen's own.

    An extension that cannot be loaded here is left out (the build reports it); one whose options cannot be
    read here (a ``!!python/name:`` tag) is loaded with its defaults.
    """
    key = repr(extensions)
    if key in _MARKDOWNS:
        return _MARKDOWNS[key]
    specs: list[tuple[str, dict[str, Any]]] = []
    items = extensions.items() if isinstance(extensions, dict) else (extensions or [])
    for item in items:
        if isinstance(item, tuple):
            item = {item[0]: item[1]}
        if isinstance(item, str):
            specs.append((item, {}))
        elif isinstance(item, dict) and len(item) == 1:
            name, config = next(iter(item.items()))
            specs.append((str(name), config if isinstance(config, dict) else {}))
    names = [name for name, _ in specs]
    specs = [(name, {}) for name in _MD_BUILTIN if name not in names] + specs
    specs += [(name, {}) for name in _MD_ALWAYS if name not in names]
    chosen: list[str] = []
    configs: dict[str, dict[str, Any]] = {}
    for name, config in specs:
        for attempt in (config, {}):
            try:
                markdown.Markdown(extensions=[*chosen, name], extension_configs={**configs, name: attempt})
            except Exception:
                continue
            chosen.append(name)
            configs[name] = attempt
            break
    md = markdown.Markdown(extensions=chosen, extension_configs=configs)
    _MARKDOWNS[key] = md
    return md


# --- shapes that would make Markdown take quadratic time, found in one pass ------------------------------

_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})", re.MULTILINE)
_LONG_TICKS = re.compile(r"`{1001,}")  # Python-Markdown's code-span pattern is quadratic in a run's length
# Where one inline unit ends: a blank line, or a line that starts a list item, a table row or a heading.
_BLANK = re.compile(r"\n[ \t]*(?:\n|$)|\n(?=[ \t]*(?:[-*+][ \t]|\d+[.)][ \t]|\||#))")
_DEEP_QUOTE = re.compile(rf"^(?:[ ]{{0,3}}>){{{MAX_DEPTH // 2 + 1},}}", re.MULTILINE)
_DEEP_LIST = re.compile(rf"^[ \t]{{{4 * (MAX_DEPTH // 2) + 1},}}(?:[-*+]|\d+[.)])[ \t]", re.MULTILINE)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def shape_problems(text: str) -> list[tuple[int, str]]:
    """(line, message) for each part of ``text`` that Markdown would take too long to read, found in C-speed passes.

    A paragraph (text between blank lines, fenced code left out; a list item or a table row on its own) costs
    Python-Markdown about its length times the links, tags, code spans and emphasis marks in it.
    """
    problems: list[tuple[int, str]] = []
    total = 0
    position = 0
    fence_end = -1
    for fence in _FENCE.finditer(text):  # code blocks are kept as they are: nothing in them opens anything
        if fence.start() < fence_end:
            continue
        mark = fence.group(1)
        close = re.compile(rf"^[ ]{{0,3}}{re.escape(mark[0])}{{{len(mark)},}}[ \t]*$", re.MULTILINE)
        found = close.search(text, fence.end())
        fence_end = found.end() if found else len(text)
        total += _units(text, position, fence.start(), problems)
        position = fence_end
    total += _units(text, position, len(text), problems)
    if total > MAX_TOTAL_COST and not problems:
        problems.append(
            (
                1,
                "the text has too many links, tags, code spans or emphasis marks for Markdown to read — split it",
            )
        )
    if m := _LONG_TICKS.search(text):
        problems.append(
            (_line(text, m.start()), f"a run of {len(m.group(0)):,} backticks — Markdown reads at most 1,000 in a row")
        )
    if m := _DEEP_QUOTE.search(text):
        problems.append((_line(text, m.start()), f"quotes ('>') are nested more than {MAX_DEPTH // 2} deep here"))
    if m := _DEEP_LIST.search(text):
        problems.append((_line(text, m.start()), f"a list is nested more than {MAX_DEPTH // 2} deep here"))
    depth, where = tag_depth(text)
    if depth > MAX_DEPTH:
        problems.append((_line(text, where), _too_deep(depth)))
    return problems


def _units(text: str, start: int, end: int, problems: list[tuple[int, str]]) -> int:
    """The cost of the paragraphs of ``text[start:end]``; a paragraph over the budget is added to ``problems``."""
    total = 0
    cuts = [start, *(m.end() for m in _BLANK.finditer(text, start, end)), end]
    for a, b in itertools.pairwise(cuts):
        unit = text[a:b]
        # Python-Markdown scans to the paragraph's end, character by character, for the close of each '[', '(' or
        # '<' that has none; and it rebuilds the paragraph's text (fast, but once each) for every link, tag, code
        # span or emphasis it finds.
        opened = max(0, unit.count("[") - unit.count("]")) + max(0, unit.count("(") - unit.count(")"))
        opened += max(0, unit.count("<") - unit.count(">"))
        found = unit.count("[") + unit.count("<") + unit.count("&") + (unit.count("`") + unit.count("*")) // 2
        opened += (found + unit.count("_") // 2) // 100
        cost = len(unit) * opened
        total += cost
        if cost > MAX_UNIT_COST:
            problems.append(
                (
                    _line(text, a + len(unit) - len(unit.lstrip("\n"))),
                    f"this paragraph of {len(unit):,} characters has too many unclosed '[', '(' or '<', or too many "
                    "links, tags or code spans — Markdown would take minutes to read it: close the brackets, or "
                    "split it into shorter paragraphs",
                )
            )
    return total


_MAY_MAKE_MARKUP = re.compile(r"[<&{\[\]]|--8")


def markdown_problems(text: str, md: markdown.Markdown) -> list[tuple[int, int, str]]:
    """(line, column, message) for each thing in staff Markdown ``text`` that the browser would run or load."""
    shape = shape_problems(text)
    if shape:
        return sorted({(line, 1, message) for line, message in shape})
    if not _MAY_MAKE_MARKUP.search(text):
        return []  # no HTML, link, attribute or character reference: Markdown makes only plain elements of it
    md.reset()
    try:
        html = md.convert(text)
    except Exception as exc:
        return [(1, 1, f"Markdown cannot read this text ({type(exc).__name__}) — simplify the HTML in it")]
    finally:
        md.reset()
    return locate(text, html_findings(html))


def html_file_problems(text: str) -> list[tuple[int, int, str]]:
    """(line, column, message) for a file published as it is (``.html``, ``.htm``, ``.svg``)."""
    return locate(text, html_findings(text))
