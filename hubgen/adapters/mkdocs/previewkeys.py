"""What the preview's remembered results are keyed on (hubgen/adapters/mkdocs/preview.py): a digest of values,
and the parts of a page or a build that a digest is made from (table of contents, front matter, nav, theme files)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import MutableMapping
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation


def digest(*parts: Any) -> str:
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        h.update(part if isinstance(part, bytes) else repr(part).encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def toc_key(toc: Any) -> Any:
    return [(item.title, item.url, item.level, toc_key(item.children)) for item in toc]


def meta_key(meta: MutableMapping[str, Any]) -> Any:
    return sorted((str(k), repr(v)) for k, v in meta.items())


def nav_key(nav: Navigation) -> Any:
    def item(node: Any) -> Any:
        children = getattr(node, "children", None)
        return (
            type(node).__name__,
            node.title,
            getattr(node, "url", None),
            [item(child) for child in children] if children else None,
        )

    return [item(node) for node in nav.items]


def theme_key(config: MkDocsConfig) -> Any:
    """The theme's own folders (custom_dir and hubgen's partials) as they are now: names, sizes, times."""
    out: list[Any] = [list(config.theme.dirs)]
    for folder in config.theme.dirs[:2]:
        for root, _dirs, names in os.walk(folder):
            for name in sorted(names):
                st = os.stat(os.path.join(root, name))
                out.append((root, name, st.st_size, st.st_mtime_ns))
    return out
