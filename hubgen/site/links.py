"""Links between the site's pages: relative URLs for any base path, markers in templates until a page is done.

:class:`SiteLayout` says how a URL is formed (directory URLs or ``index.html``); :class:`Links` is the
``link()`` templates call (hubgen/site/render.py gives it to them).
"""

from __future__ import annotations

import posixpath
import re
import secrets
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape


@dataclass(frozen=True)
class SiteLayout:
    """How URLs are formed on the site."""

    use_directory_urls: bool = True

    def href(self, target: str, base: str) -> str:
        """Relative link from the page at ``base`` to the page at ``target`` (both directory URLs)."""
        base_dir = base.rstrip("/") or "."
        if target.startswith("#"):
            return target
        anchor = ""
        if "#" in target:
            target, anchor = target.split("#", 1)
            anchor = "#" + anchor
        is_dir = target == "" or target.endswith("/")
        rel = _relpath(target.rstrip("/") or ".", base_dir)
        if is_dir:
            rel = (rel + "/" if rel != "." else "./") if self.use_directory_urls else posixpath.join(rel, "index.html")
            if rel.startswith("./") and rel != "./":
                rel = rel[2:]
        return rel + anchor


@lru_cache(maxsize=1 << 16)
def _parts(path: str) -> tuple[str, ...]:
    """A site-relative path's parts, normalised (each page and each target is linked many times)."""
    return tuple(part for part in posixpath.normpath(path).split("/") if part != ".")


def forget_paths() -> None:
    """Let go of the paths' parts remembered while linking one build's pages."""
    _parts.cache_clear()


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` for two site-relative paths, without its look at the working directory.

    Tens of thousands of links are made in a build; ``relpath`` makes both paths absolute first.
    """
    to, base = _parts(path), _parts(start)
    common = 0
    for a, b in zip(to, base, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + list(to[common:])) or "."


class Links:
    """The links of the pages being rendered: each ``link(target)`` is a marker until its page is finished.

    ``link()`` in a template writes a short marker naming the target; :meth:`resolve` replaces every marker of
    a finished page with the target's URL relative to that page, escaped as Jinja would have escaped it. So
    what the shared macros render holds no page's address, and a piece shown on many pages (a session in a
    list, a person's name) is rendered once a build and reused (:meth:`Renderer.remembered`). The markers
    carry a number drawn for each build, so no text from the content can pass for one.
    """

    def __init__(self, layout: SiteLayout) -> None:
        self.layout = layout
        self._nonce = secrets.token_hex(4)
        self._ids: dict[str, int] = {}
        self._targets: list[str] = []
        self._marker = re.compile(f"\x1a{self._nonce}([0-9]+)\x1b")

    def __call__(self, target: Any) -> Markup:
        """A marker for a link to ``target``: a site path (``"topics/"``, ``"x/#anchor"``) or an entity."""
        url = target if isinstance(target, str) else target.url
        number = self._ids.get(url)
        if number is None:
            number = self._ids[url] = len(self._targets)
            self._targets.append(url)
        return Markup(f"\x1a{self._nonce}{number}\x1b")

    def resolve(self, text: str, base: str) -> str:
        """``text`` with its links made relative to the page at ``base`` (a directory URL)."""
        if "\x1a" not in text:
            return text
        targets, href = self._targets, self.layout.href
        made: dict[str, str] = {}  # a page links the same target several times (a topic, its program)

        def url(marker: re.Match[str]) -> str:
            number = marker[1]
            text = made.get(number)
            if text is None:
                text = made[number] = str(escape(href(targets[int(number)], base)))
            return text

        return self._marker.sub(url, text)
