"""The hub as a plain docs tree, for an engine that runs no hubgen plugin (Zensical; MkDocs without it).

``hubgen export DIR`` writes into ``DIR``:

* ``docs/`` — the hub's hand-written pages with their ``<!-- hubgen:… -->`` directives expanded, every
  generated page (sessions, readings, people, …), calendar feeds, citation downloads, announcement feeds,
  resized pictures and hubgen's stylesheets and scripts; never the data files or the original photos;
* ``overrides/`` — hubgen's theme partials, then the hub's own ``custom_dir`` over them;
* ``mkdocs.yml`` — the hub's configuration with the nav, the assets and the Markdown extensions hubgen
  adds, and the hubgen plugin taken out.

Everything the MkDocs plugin does in its hooks is done here beforehand, by the same core functions; what
needs the built HTML (``<meta name="robots">``, the sitemap without noindexed pages, edit links to the
file a person edits) is done by :func:`finish` on the engine's output. A file is only written when its
bytes change and files no longer made are removed, so an engine's differential build sees only what a
change touched.

Nothing is written or removed through a link (symlink): the export folder is hubgen's own, so a link found in
it (``overrides -> SOMEWHERE``, committed or left behind) is removed itself — never what it points at — before
anything is written; a link on the way to the folder inside the hub (``.cache -> SOMEWHERE``) stops the export
with a message; and the engine's site is copied to ``site/`` without following any link.
"""

from __future__ import annotations

import dataclasses
import html
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urljoin

import jinja2
import jinja2.bccache
import yaml

from ..content.community import Community, discussion_config
from ..content.front import split
from ..content.problems import Problems
from ..content.settings import HubgenSettings, hubgen_options, read_settings
from ..content.yamlsource import Located
from ..hub.graph import Hub, HubOptions
from ..hub.load import load_hub
from ..hub.workspace import Workspace
from ..site.i18n import language_of
from ..site.links import SiteLayout
from ..site.outputs import outputs
from ..site.privacy import sitemap_without, with_robots
from ..site.render import Renderer
from ..site.siteinfo import Site
from . import common
from .exporttree import ExportError, Tree, real_folder
from .exporttree import replace_site as replace_site  # read as exporter.replace_site
from .tagged_yaml import config_text, read_config_with_tags

DOCS = "docs"
OVERRIDES = "overrides"
SITE = "site"
CONFIG = "mkdocs.yml"
_EDIT_LINK = re.compile(r'(<a href=")([^"]*)(" title="[^"]*" class="md-content__button md-icon"[^>]*rel="edit")')


@dataclass
class ExportResult:
    """What :func:`export` wrote, and what :func:`finish` needs to complete the engine's output."""

    out: Path
    changed: list[str]  # files (relative to ``out``) written or removed by this export
    site_url: str
    use_directory_urls: bool
    noindex: bool  # the whole hub is noindex
    robots: dict[str, str]  # page URL ("about/") → its robots value
    edit_urls: dict[str, str]  # page URL → where its edit button leads (the file or folder a person edits)
    warnings: list[str]


def _plugin_settings(config_file: Path, config: dict[str, Any]) -> HubgenSettings:
    """The hubgen plugin's options, read as ``hubgen check`` and the MkDocs build read them; ExportError if wrong
    or if the plugin is not listed or not enabled."""
    located = Located(config_file.name, config)
    problems = Problems()
    settings = read_settings(located, problems)
    if problems.errors:
        raise ExportError("hubgen: " + "; ".join(f"{p.field}: {p.message}" for p in problems.errors))
    if hubgen_options(located)[1] is None or not settings.enabled:
        raise ExportError(f"{config_file}: the hubgen plugin is not in 'plugins' (or not enabled)")
    return settings


def _without_hubgen(plugins: Any) -> Any:
    if isinstance(plugins, dict):
        return {k: v for k, v in plugins.items() if k != "hubgen"}
    return [p for p in plugins or [] if p != "hubgen" and not (isinstance(p, dict) and "hubgen" in p)]


def _ext_names(extensions: Iterable[Any]) -> set[str]:
    names: set[str] = set()
    for ext in extensions:
        names.update(ext if isinstance(ext, dict) else [ext])
    return names


def prepare(workspace: Workspace, *, serving: bool = False) -> Prepared:
    """Read the configuration, load and check the hub, make its renderer. Raises :class:`ExportError`."""
    root = workspace.root
    config = read_config_with_tags(workspace.config_file)
    settings = _plugin_settings(workspace.config_file, config)
    warnings: list[str] = []
    if settings.search == "pagefind":
        warnings.append("search: pagefind is a MkDocs option; the engine's own search answers the search box")
    docs = root / str(config.get("docs_dir", "docs"))
    content_dir = common.relative(docs, root)
    hub_options = HubOptions(
        participant_visibility=settings.participant_visibility,  # type: ignore[arg-type]  # checked above
        include_drafts=settings.drafts or serving,
    )
    cache_dir = common.cache_dir(root)  # what earlier builds kept, as the MkDocs plugin keeps it
    hub, problems = load_hub(
        root, hub_options, content_dir=content_dir, programs_dir=settings.programs_dir, cache_dir=cache_dir
    )
    if problems.errors:
        raise ExportError(_problems_text(problems))
    warnings += [p.format() for p in problems.warnings]
    discussion, mistakes = discussion_config(settings.discussion)
    if mistakes:
        raise ExportError("hubgen: " + "; ".join(mistakes))
    theme = dict(config.get("theme") or {})
    custom_dir = root / theme["custom_dir"] if theme.get("custom_dir") else None
    hub_overrides = [custom_dir / "hubgen"] if custom_dir else []
    site = Site(
        url=str(config.get("site_url") or ""),
        name=str(config.get("site_name", "")),
        starting_soon=settings.starting_soon,
        language=language_of(config),  # theme.language, as Material reads it
        clock=settings.clock,
        prepare_alarm=settings.reminders.prepare,
        join_alarm=settings.reminders.join,
    )
    use_directory_urls = bool(config.get("use_directory_urls", True))
    layout = SiteLayout(use_directory_urls)
    renderer = Renderer(hub, hub_overrides, layout, site=site, cache_dir=cache_dir, keep_pages=not serving)
    community = Community.from_settings(discussion, config.get("repo_url"))
    renderer.env.globals["community"] = community
    renderer.env.bytecode_cache = TEMPLATES
    return Prepared(
        workspace, config, settings, hub, renderer, community, warnings, docs, content_dir, custom_dir, site, serving
    )


@dataclass
class Prepared:
    """A hub loaded and checked, with its renderer: what :func:`export` and :func:`export_touched` write."""

    workspace: Workspace
    config: dict[str, Any]
    settings: HubgenSettings
    hub: Hub
    renderer: Renderer
    community: Community
    warnings: list[str]
    docs: Path
    content_dir: str
    custom_dir: Path | None
    site: Site
    serving: bool = False  # a preview (``hubgen serve``): drafts and the staff links shown

    @property
    def use_directory_urls(self) -> bool:
        return bool(self.config.get("use_directory_urls", True))


def export_touched(prepared: Prepared, out: Path, changed: Iterable[Path]) -> list[str]:
    """Write first the pages made from the files in ``changed``, so a preview shows a saved file soonest.

    Only the pages whose source is one of those files are rendered — from a copy of the hub that holds
    just those sessions, readings, people and projects, so nothing else is rendered. :func:`export`
    follows at once and rewrites whatever a page shows of the rest of the hub (it writes no file whose
    bytes are the same). Returns the files written, relative to ``out``.
    """
    hub, root = prepared.hub, prepared.workspace.root
    sources = {common.relative(path, root) for path in changed}
    touched = dataclasses.replace(
        hub,
        programs=[],
        cohorts=[],
        sessions=[s for s in hub.sessions if s.file in sources],
        projects=[p for p in hub.projects if p.file in sources],
        people={k: p for k, p in hub.people.items() if p.file in sources},
        readings={k: r for k, r in hub.readings.items() if r.file in sources},
        topics={},
        news=[],
    )
    if not (touched.sessions or touched.projects or touched.people or touched.readings):
        return []
    layout = SiteLayout(prepared.use_directory_urls)
    renderer = Renderer(touched, _overrides(prepared), layout, site=prepared.site)
    renderer.env.globals["community"] = prepared.community
    renderer.env.bytecode_cache = TEMPLATES
    real_folder(out, root)
    tree = Tree(out / DOCS)
    for page in renderer.pages():
        if page.source in sources:
            tree.put(page.src_uri, page.content)
    return [f"{DOCS}/{rel}" for rel in tree.changed]


def export(workspace: Workspace | Prepared, out: Path, *, serving: bool = False) -> ExportResult:
    """Write the hub of ``workspace`` into ``out`` (see the module's docstring). Raises :class:`ExportError`."""
    prepared = workspace if isinstance(workspace, Prepared) else prepare(workspace, serving=serving)
    workspace, config, settings, hub = prepared.workspace, prepared.config, prepared.settings, prepared.hub
    renderer, warnings, docs, content_dir = prepared.renderer, prepared.warnings, prepared.docs, prepared.content_dir
    custom_dir, root = prepared.custom_dir, workspace.root
    theme = dict(config.get("theme") or {})
    hub_overrides = _overrides(prepared)
    site_url = str(config.get("site_url") or "")
    use_directory_urls = prepared.use_directory_urls

    real_folder(out, root)
    tree = Tree(out / DOCS)
    robots: dict[str, str] = {}
    edit_urls: dict[str, str] = {}
    staff_links = common.shows_staff_links(settings.staff_links, prepared.serving)  # README "Staff links"
    edit = common.edit_link(config.get("repo_url"), config.get("edit_uri")) if staff_links else None

    # Hand-written pages and the site's own static files.
    unpublished = common.unpublished(hub)
    handwritten: list[str] = []
    overrides_root = [d.resolve() for d in hub_overrides]
    for path in sorted(docs.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(docs).as_posix()
        if any(part.startswith(".") for part in PurePosixPath(rel).parts) or unpublished(rel, path):
            continue
        if any(path.resolve().is_relative_to(d) for d in overrides_root):
            continue  # template overrides are not static files of the site
        if path.suffix == ".md":
            text = path.read_text(encoding="utf-8")
            text = common.expand_directives(text, rel, renderer)
            tree.put(rel, text)
            handwritten.append(rel)
            url = _url(rel, use_directory_urls)
            _note_robots(text, url, robots)
            link = edit and edit(f"{content_dir}/{rel}" if content_dir != "." else rel, folder=False)
            if link:
                edit_urls[url] = link
        else:
            tree.copy(rel, path)
    # Generated pages, then every output's files (hubgen/site/outputs.py): all go into the docs tree.
    made = outputs(renderer)
    for page in (page for output in made for page in output.pages()):
        if page.src_uri in tree.made:
            raise ExportError(common.page_clash(content_dir, page))
        tree.put(page.src_uri, page.content)
        url = _url(page.src_uri, use_directory_urls)
        _note_robots(page.content, url, robots)
        link = edit and edit(page.source, folder=not (root / page.source).is_file())
        if link:
            edit_urls[url] = link
    for file in (file for output in made for file in output.files()):
        if file.source is not None:
            tree.copy(file.path, file.source)
        else:
            tree.put(file.path, file.content or b"")
    gone = [f"{DOCS}/{rel}" for rel in tree.prune()]

    # The theme: hubgen's partials, then the hub's custom_dir over them (less its hubgen/ template overrides).
    theme_files = {
        path.relative_to(common.THEME).as_posix(): path
        for path in sorted(common.THEME.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }
    if custom_dir and custom_dir.is_dir():
        for path in sorted(custom_dir.rglob("*")):
            rel = path.relative_to(custom_dir).as_posix()
            if path.is_file() and not rel.startswith("hubgen/"):
                theme_files[rel] = path  # the hub's own wins over hubgen's
    overrides = Tree(out / OVERRIDES)
    for rel, path in theme_files.items():
        overrides.copy(rel, path)
    gone += [f"{OVERRIDES}/{rel}" for rel in overrides.prune()]

    # The configuration.
    config = dict(config)
    config["docs_dir"] = DOCS
    config["site_dir"] = SITE
    theme["custom_dir"] = OVERRIDES
    theme.setdefault("variant", "classic")  # Zensical's look closest to Material's (its own default is "modern")
    config["theme"] = theme
    config["plugins"] = _without_hubgen(config.get("plugins"))
    extensions = list(config.get("markdown_extensions") or [])
    extensions += [ext for ext in common.MARKDOWN_EXTENSIONS if ext not in _ext_names(extensions)]
    config["markdown_extensions"] = extensions
    config["extra_css"] = [*common.EXTRA_CSS, *(config.get("extra_css") or [])]  # the hub's last: its rules win
    config["extra_javascript"] = [*(config.get("extra_javascript") or []), *common.EXTRA_JAVASCRIPT]
    config["extra"] = {**(config.get("extra") or {}), "hubgen_staff_links": staff_links}  # partials/source.html
    if not staff_links:  # no edit button, no repository link (Zensical makes an edit link of an empty edit_uri)
        for key in ("repo_url", "repo_name", "edit_uri"):
            config.pop(key, None)
    if config.get("nav") is None and settings.nav:
        config["nav"] = common.nav(handwritten, hub, has_home="index.md" in handwritten, language=language_of(config))
    text = "# Written by `hubgen export` from the hub's mkdocs.yml: edit that one, not this.\n"
    text += config_text(config)
    settings_tree = Tree(out)
    settings_tree.put(CONFIG, text)

    return ExportResult(
        out=out,
        changed=[f"{DOCS}/{rel}" for rel in tree.changed]
        + [f"{OVERRIDES}/{rel}" for rel in overrides.changed]
        + settings_tree.changed
        + gone,
        site_url=site_url,
        use_directory_urls=use_directory_urls,
        noindex=settings.noindex,
        robots=robots,
        edit_urls=edit_urls,
        warnings=warnings,
    )


def finish(result: ExportResult, site: Path) -> None:
    """What the plugin does to the built HTML: robots meta, a sitemap without noindexed pages, edit links."""
    noindexed: set[str] = set()
    for url, value in result.robots.items():
        if "noindex" in value:
            noindexed.add(urljoin(result.site_url, url) if result.site_url else url)
    pages = set(result.edit_urls) | set(result.robots)
    for url in sorted(pages):
        path = site / (url + "index.html" if result.use_directory_urls or not url else url)
        if not path.is_file():
            continue
        page = path.read_text(encoding="utf-8")
        new = page
        robots = "noindex" if result.noindex else result.robots.get(url)
        if robots:
            new = with_robots(new, robots)
        if url in result.edit_urls:
            href = html.escape(result.edit_urls[url])
            new = _EDIT_LINK.sub(_replace_href(href), new)
        if new != page:
            path.write_text(new, encoding="utf-8")
    sitemap = site / "sitemap.xml"
    if sitemap.is_file():
        text = sitemap.read_text(encoding="utf-8")
        new = sitemap_without(text, None if result.noindex else noindexed)
        if new != text:
            sitemap.write_text(new, encoding="utf-8")
    if result.noindex:
        for extra in ("404.html",):
            path = site / extra
            if path.is_file():
                path.write_text(with_robots(path.read_text(encoding="utf-8"), "noindex"), encoding="utf-8")


def _overrides(prepared: Prepared) -> list[Path]:
    """The hub's own versions of hubgen's page templates (``custom_dir/hubgen/``)."""
    return [prepared.custom_dir / "hubgen"] if prepared.custom_dir else []


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept for the life of the process (a preview exports again on every save).

    Jinja checks each entry against its template's source, so an edited template is compiled afresh.
    """

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


TEMPLATES = _MemoryBytecodeCache()


def _replace_href(href: str) -> Callable[[re.Match[str]], str]:
    return lambda match: match.group(1) + href + match.group(3)


def _note_robots(markdown: str, url: str, robots: dict[str, str]) -> None:
    front = split(markdown)  # MkDocs' own rule (hubgen/content/front.py), as the check and the build read it
    if front.yaml is None or "robots" not in front.yaml:
        return
    meta = yaml.safe_load(front.yaml)
    if isinstance(meta, dict) and meta.get("robots"):
        robots[url] = str(meta["robots"])


def _url(src_uri: str, use_directory_urls: bool) -> str:
    url = common.dir_url(src_uri)
    if use_directory_urls or not url:
        return url
    return url.rstrip("/") + ".html"


def _problems_text(problems: Problems) -> str:
    lines = [p.format() for p in problems]
    return "\n".join([*lines, f"hubgen: the content has {problems.summary()} — see the messages above"])


def report(result: ExportResult) -> None:
    for warning in result.warnings:
        print(f"WARNING - {warning}", file=sys.stderr)
