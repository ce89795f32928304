"""A title's rich text (``models.RICH_TEXT``) split into text and tags, for the formats that show it as formatting
(APA's HTML, BibTeX's LaTeX)."""

from __future__ import annotations

from ...content import models


def rich_parts(text: str) -> list[str] | None:
    """``text`` split into text and rich-text tags, if the tags nest properly (else None: the text is text)."""
    parts = models.RICH_TEXT.split(text)
    tags = models.RICH_TEXT.findall(text)
    stack: list[str] = []
    for tag in tags:
        if tag.startswith("</"):
            if not stack or stack.pop() != ("span" if tag == "</span>" else tag[2:-1]):
                return None
        else:
            stack.append("span" if tag.startswith("<span") else tag[1:-1])
    if stack:
        return None
    out: list[str] = []
    for i, part in enumerate(parts):
        out.append(part)
        if i < len(tags):
            out.append(tags[i])
    return out
