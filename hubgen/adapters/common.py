"""What every engine adapter does the same way, with no engine imported.

The MkDocs plugin (:mod:`.mkdocs.plugin`) and the exporter (:mod:`hubgen.adapters.export`) both call these:
the assets hubgen adds to a site, the home page's ``<!-- hubgen:upcoming limit=5 -->`` directives, which
files of ``docs_dir`` are never published as they are, the navigation, the edit links and the one page an address
may have.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import Any, Protocol
from urllib.parse import urljoin

from ..hub.graph import Hub
from ..hub.load import DIRECTIVE, DIRECTIVES
from ..site.i18n import translations
from ..site.nav import program_nav
from ..site.outputs import ASSET_URIS, ASSETS
from ..site.render import Page, Renderer

THEME = ASSETS.parent / "theme"  # partials that win over Material's, but not over custom_dir
# The stylesheets and scripts every page loads, in the order the plugin adds them to extra_css / extra_javascript.
# print.css is not among them: main.html links it for print only (partials/hubgen/print.html), so it holds up no
# page's first paint.
EXTRA_CSS = (ASSET_URIS["css"],)


def hub_css_last(extra_css: list[str], own: list[str]) -> list[str]:
    """``extra_css`` with the hub's ``own`` stylesheets (mkdocs.yml's extra_css) after everything hubgen added:
    of two rules as specific as each other the later wins, so a hub's rule overrides hubgen's (README, "Start
    your own hub": the colours)."""
    return [uri for uri in extra_css if uri not in own] + [uri for uri in own if uri in extra_css]


# facets.js (the library's and showcase's filter) is not among them: hubgen.js fetches it on a page that has a filter,
# and community.js and community.css on a page that has a discussion or a video player.
EXTRA_JAVASCRIPT = (ASSET_URIS["js"],)
MARKDOWN_EXTENSIONS = ("attr_list", "md_in_html")  # the generated pages use both

# Files under docs_dir that hubgen reads as data; they are never published as they are.
DATA_FOLDERS = ("people", "readings")
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".gif", ".svg", ".avif"}


def expand_directives(markdown: str, src_uri: str, renderer: Renderer) -> str:
    """Expand ``<!-- hubgen:upcoming limit=5 -->`` and the like in a hand-written page at ``src_uri``.

    An unknown directive is left as it is: it is reported with the hub's problems, at its file and line
    (hub._check_directives), so `hubgen check` and every engine's build agree."""
    if "hubgen:" not in markdown:
        return markdown
    url = dir_url(src_uri)

    def expand(match: re.Match[str]) -> str:
        name = match.group(1)
        args = dict(pair.split("=") for pair in match.group(2).split())
        limit = int(args.get("limit", 0)) or None
        if name not in DIRECTIVES:
            return match.group(0)
        html = renderer.fragment(name, url, limit=limit, programs=renderer.hub.programs)
        return "\n" + html.strip() + "\n"

    return DIRECTIVE.sub(expand, markdown)


def shows_staff_links(option: str, serving: bool) -> bool:
    """Whether pages carry the edit button and the repository link (option ``staff_links``, README "Staff links"):
    ``always``, ``never``, or ``preview``: only while staff preview the hub (``serve``), not in the published site."""
    return option == "always" or (option == "preview" and serving)


def dir_url(src_uri: str) -> str:
    """The directory URL of a page: ``about.md`` → ``about/``, ``index.md`` → ``""``."""
    path = PurePosixPath(src_uri)
    stem = path.parent if path.stem in ("index", "README") else path.with_suffix("")
    text = stem.as_posix()
    return "" if text == "." else text + "/"


#: An environment variable naming a folder for the caches of every hub built (the tests set it to a temporary one).
CACHE_VARIABLE = "HUBGEN_CACHE_DIR"


def cache_dir(root: Path) -> Path:
    """What builds keep for the next one (``.cache/hubgen/`` beside mkdocs.yml): parsed YAML, references,
    exports, calendar events, pictures, compiled templates.

    With ``$HUBGEN_CACHE_DIR`` set, a folder of its own in there instead, named from the hub's folder's path, so
    hubs built side by side never prune each other's pictures."""
    shared = os.environ.get(CACHE_VARIABLE)
    if not shared:
        return root / ".cache" / "hubgen"
    where = str(root.resolve())
    return Path(shared) / f"{root.resolve().name}-{hashlib.sha256(where.encode()).hexdigest()[:12]}"


def unpublished(hub: Hub) -> Callable[[str, Path], bool]:
    """A test of whether a file of docs_dir (its ``src_uri`` and path) stays out of the site as it is.

    hubgen's data (people hold private emails) is never published; people's photos and project images
    are published only as resized copies without their EXIF data (which may hold where and when a
    picture was taken), never as the originals — every project's image, published or not (a draft's or a
    scheduled project's original carries its EXIF data too); nor are the files only unpublished sessions
    name (Hub.withheld), nor anything reached through a link to outside the repository (refused by the
    content check, never copied either).
    """
    real = hub.real_paths  # the loader's: each data file was looked up as it was read
    data = {real(p) for p in hub.data_files}
    withheld = {real(path) for path in [*hub.photos, *hub.images, *hub.withheld]}
    root = hub.root.resolve()

    def test(src_uri: str, path: Path) -> bool:
        rel = PurePosixPath(src_uri)
        if rel.suffix in (".yml", ".yaml"):
            return True
        if rel.parts[:1] and rel.parts[0] in DATA_FOLDERS and rel.suffix.lower() not in IMAGE_SUFFIXES:
            return True
        resolved = real(path)
        return resolved in data or resolved in withheld or not resolved.is_relative_to(root)

    return test


def nav(handwritten: Iterable[str], hub: Hub, has_home: bool, language: str = "en") -> list[Any]:
    """Home, hubgen's sections, then hand-written pages (their src_uris) in the order of their file names."""
    pages = sorted(uri for uri in handwritten if uri != "index.md")
    tr = translations(language)
    out: list[Any] = [{tr.gettext("Home"): "index.md"}] if has_home else []
    return out + program_nav(hub, tr) + pages


def relative(path: Path, root: Path) -> str:
    """``path`` as a path from ``root`` (``content``), or as it is if it is outside (a docs_dir elsewhere)."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def page_clash(content_dir: str, page: Page) -> str:
    """The error of a hand-written page at the address of a generated one: a site has one page an address."""
    return (
        f"hubgen: {content_dir}/{page.src_uri} and {page.source} both make the page /{page.url} — "
        "rename or remove the hand-written page"
    )


class EditLink(Protocol):
    def __call__(self, source: str, *, folder: bool) -> str | None: ...


def edit_link(repo_url: Any, edit_uri: Any) -> EditLink | None:
    """A function making the edit link of a repository file or folder, or None when the hub shows none.

    A file's link is ``repo_url`` + ``edit_uri`` + its path, as MkDocs makes it. A page made from a folder (the
    library, people, the calendar) links to the folder on the forge, where each file has its own edit button: the
    ``edit/`` of ``edit_uri`` becomes ``tree/`` (GitHub's and GitLab's layout); where it has none, no link."""
    if not repo_url or not isinstance(edit_uri, str) or not edit_uri:
        return None
    base = str(repo_url).rstrip("/") + "/"
    browse = re.sub(r"(^|/)edit/", r"\1tree/", edit_uri, count=1)

    def link(source: str, *, folder: bool) -> str | None:
        if folder:
            return urljoin(base, f"{browse}{source}/") if browse != edit_uri else None
        return urljoin(base, edit_uri + source)

    return link
