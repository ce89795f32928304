"""The MkDocs side of ``search: pagefind`` (the work itself is in :mod:`hubgen.site.pagefind`).

Material's header shows its search button only while Material's ``search`` plugin is configured, so the
plugin stays in ``mkdocs.yml``; under ``search: pagefind`` hubgen takes its page and build hooks out of
the run, so it neither reads every page nor writes ``search/search_index.json``.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ...site import pagefind

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).parent.parent.parent / "assets"
SEARCH_ASSETS = {
    "assets/hubgen/pagefind-search.js": "pagefind-search.js",
    "assets/hubgen/pagefind-search.css": "pagefind-search.css",
}
MATERIAL_SEARCH = "material/search"
# The Material search plugin's hooks that build its index; its on_config (the worker's settings) stays.
_INDEXING_EVENTS = ("page_context", "post_build", "serve")


def configure(config: MkDocsConfig) -> None:
    """Check Pagefind is installed, take Material's indexing out of the build, add the search script."""
    try:
        pagefind.check_available()
    except pagefind.PagefindMissing as exc:
        raise PluginError(f"hubgen: search: pagefind — {exc}") from exc
    search = config.plugins.get(MATERIAL_SEARCH)
    if search is None:
        raise PluginError(
            "hubgen: search: pagefind answers Material's search box, which Material shows only with its "
            "search plugin — keep '- search' in the plugins of mkdocs.yml (hubgen turns its index off)"
        )
    for event in _INDEXING_EVENTS:
        hooks = config.plugins.events.get(event, [])
        hooks[:] = [hook for hook in hooks if getattr(hook, "__self__", None) is not search]
    for uri in SEARCH_ASSETS:
        (config.extra_css if uri.endswith(".css") else config.extra_javascript).append(uri)


def add_assets(files: Files, config: MkDocsConfig) -> None:
    for uri, name in SEARCH_ASSETS.items():
        files.append(File.generated(config, uri, abs_src_path=str(ASSETS / name)))


def post_page(output: str, page: Page) -> str:
    """Mark the page for Pagefind unless its front matter says ``search: {exclude: true}``."""
    search = page.meta.get("search")
    excluded = isinstance(search, dict) and bool(search.get("exclude"))
    return pagefind.mark_page(output, indexed=not excluded)


def post_template(output: str) -> str:
    """A page made from a theme template alone (404.html): Material's search box unhooked, not indexed."""
    return pagefind.swap_search_box(output)


def post_build(config: MkDocsConfig) -> None:
    """Index the built site with Pagefind."""
    site = Path(config.site_dir)
    language = config.theme.get("language") or None
    report = pagefind.index_site(site, language=language)
    if report.pages == 0:
        raise PluginError("hubgen: search: pagefind — Pagefind found no page to index")
    log.info(f"Pagefind indexed {report.pages} pages in {report.seconds:.1f} s")
