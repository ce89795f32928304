"""What a participant wrote in an issue, as the Markdown a content file keeps: plain Markdown, links to http(s)
and mailto only, no HTML. Participants are not staff (DESIGN rule 10): their text is rendered as the site renders
it, sanitized to a small allowlist, and written back as Markdown that can hold nothing else."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

import markdown
from selectolax.lexbor import LexborHTMLParser

from ..content.judge import shape_problems, site_markdown, url_scheme
from ..content.markup import FIELD_ATTRIBUTES, FIELD_TAGS, sanitize

# Participants' text may become only these elements (no images: no tracking pixel on the hub; no raw HTML).
PARTICIPANT_TAGS = FIELD_TAGS - {"img"}
_ESCAPE = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()!"} | {"<": "&lt;", ">": "&gt;", "&": "&amp;", "|": "&#124;"})
_LINE_START = re.compile(r"^([ \t]*)([#+=:~-]|\d+(?=[.)]))", re.MULTILINE)


def _text(value: str) -> str:
    """Plain text as Markdown that shows exactly it: every character Markdown or an extension reads, escaped."""
    escaped = value.translate(_ESCAPE)
    return re.sub(r"\n[ \t]+", "\n", escaped)  # no line may start indented: that would make it code


def _line_starts(text: str) -> str:
    """A paragraph's lines, each with what Markdown would read at a line's start (a heading's #, a list's - or 1.,
    a definition's :) escaped: done on the whole paragraph, since a text node's start is not a line's."""
    return _LINE_START.sub(lambda m: "\\" + m.group(2) if not m.group(2).isdigit() else m.group(2) + "\\", text)


def _url(url: str) -> str:
    return quote(url.strip(), safe="/:?#@!$&+,;=%~-._") if url_scheme(url) in ("http", "https", "mailto") else ""


def _inline(node: Any) -> str:
    out: list[str] = []
    child = node.child
    while child is not None:
        tag = child.tag or ""
        if tag == "-text":
            out.append(_text(child.text_content or ""))
        elif tag in ("em", "strong"):
            mark = "*" if tag == "em" else "**"
            inner = _inline(child).strip()
            out.append(f"{mark}{inner}{mark}" if inner else "")
        elif tag == "code":
            code = " ".join((child.text(deep=True) or "").split("\n"))
            fence = "`" * (max((len(r) for r in re.findall(r"`+", code)), default=0) + 1)
            out.append(f"{fence} {code} {fence}" if code.strip() else "")
        elif tag == "a":
            url, label = _url(child.attributes.get("href") or ""), _inline(child).strip()
            out.append(f"[{label}]({url})" if url and label else label)
        elif tag == "br":
            out.append("  \n")
        else:
            out.append(_inline(child))
        child = child.next
    return "".join(out)


def _blocks(node: Any) -> list[str]:
    """The Markdown lines of an element's block children (a paragraph's worth of inline text when it has none)."""
    lines: list[str] = []
    inline: list[Any] = []
    child = node.child

    def flush() -> None:
        text = _line_starts("".join(_inline_one(n) for n in inline).strip())
        if text:
            lines.extend([*text.split("\n"), ""])
        inline.clear()

    while child is not None:
        tag = child.tag or ""
        if tag == "p":
            flush()
            text = _line_starts(_inline(child).strip())
            if text:
                lines.extend([*text.split("\n"), ""])
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            flush()
            text = " ".join(_inline(child).split())
            if text:
                lines.extend([f"{'#' * int(tag[1])} {text}", ""])
        elif tag in ("ul", "ol"):
            flush()
            number, item = 1, child.child
            while item is not None:
                if item.tag == "li":
                    inner = _blocks(item) or [""]
                    marker = f"{number}. " if tag == "ol" else "- "
                    lines.append(marker + inner[0])
                    lines.extend(("    " + line) if line else "" for line in inner[1:])
                    number += 1
                item = item.next
            lines.append("")
        elif tag == "blockquote":
            flush()
            lines.extend([("> " + line).rstrip() for line in _blocks(child)] + [""])
        elif tag == "pre":
            flush()
            code = (child.text(deep=True) or "").rstrip("\n")
            lines.extend(["    " + line for line in code.split("\n")] + [""])
        elif tag == "hr":
            flush()
            lines.extend(["* * *", ""])
        elif tag.startswith("-") and not inline and not (child.text_content or "").strip():
            pass  # the line break between two blocks
        else:
            inline.append(child)
        child = child.next
    flush()
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _inline_one(node: Any) -> str:
    if (node.tag or "") == "-text":
        return _text(node.text_content or "")
    holder = LexborHTMLParser(f"<p>{node.html}</p>").css_first("p")
    return _inline(holder) if holder is not None else ""


def _only_allowed(html_text: str) -> bool:
    """Whether ``html_text`` holds only what participants may write: the allow-list, links to http(s)/mailto."""
    tree = LexborHTMLParser(html_text)
    for node in tree.root.traverse() if tree.root is not None else ():
        tag = node.tag or ""
        if tag in ("html", "head", "body") or tag.startswith(("-", "_", "!")):
            continue
        if tag not in PARTICIPANT_TAGS:
            return False
        for name, value in node.attributes.items():
            value = value or ""
            if name == "id" or (name == "class" and value == "headerlink"):
                continue  # what the site's toc adds to a heading
            if name not in FIELD_ATTRIBUTES.get(tag, ()):
                return False
            if name == "href" and url_scheme(value) not in ("http", "https", "mailto") and not value.startswith("#"):
                return False
    return True


_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>[^<]*</a>')  # the ¶ the site's toc adds to each heading


def participant_markdown(text: str, md: markdown.Markdown | None = None) -> str:
    """A participant's text (an issue is public: anyone can write one) as Markdown that is safe to publish.

    The text is rendered with the site's own Markdown (``md``: its extensions, attr_list and md_in_html
    included), so what is judged is what the browser would get; that HTML goes through the allow-list
    sanitizer (:func:`hubgen.content.markup.sanitize`: no raw HTML, no image, links to http(s) and mailto
    only); what is left is written back as Markdown whose every text character is escaped. The result is
    rendered again and must hold only allowed markup, else the whole text is written as plain text.
    """
    md = md or site_markdown(DEFAULT_EXTENSIONS)
    plain = "\n\n".join(_text(" ".join(p.split())) for p in re.split(r"\n\s*\n", text) if p.strip())
    if shape_problems(text):
        return plain  # a shape Markdown would take minutes to read: kept as text, never rendered
    md.reset()
    safe = sanitize(_PERMALINK.sub("", md.convert(text)), tags=PARTICIPANT_TAGS, relative=False)
    tree = LexborHTMLParser(f"<div>{safe}</div>").css_first("div")
    written = "\n".join(_blocks(tree)) if tree is not None else ""
    md.reset()
    if not _only_allowed(md.convert(written)):
        return plain
    return written


#: The Markdown extensions of a hub started with ``hubgen init`` (what participants' text is rendered with
#: when no hub is at hand).
DEFAULT_EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", {"toc": {"permalink": True}}]
