"""The MkDocs adapter: each hook hands its work to the engine-free core."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ...content.community import Community, discussion_config
from ...content.history import SHALLOW_NOTE, is_shallow
from ...content.paths import RealPaths
from ...content.problems import Problems, printable
from ...content.reader import Memo
from ...content.settings import check_config_file
from ...hub import urls
from ...hub.graph import Hub, HubOptions
from ...hub.load import load_hub
from ...site import jsmessages, offline
from ...site.i18n import language_of
from ...site.links import SiteLayout
from ...site.outputs import Output, assets, outputs
from ...site.privacy import sitemap_without, with_robots
from ...site.render import Page as HubPage
from ...site.render import Renderer
from ...site.searchindex import fold_accents
from ...site.siteinfo import Site
from .. import common, errorpage
from ..common import EXTRA_CSS, EXTRA_JAVASCRIPT, MARKDOWN_EXTENSIONS
from . import pagefind_plugin
from .config import HubgenConfig

log = get_plugin_logger(__name__)


class HubgenPlugin(BasePlugin[HubgenConfig]):
    """Generates a cohort learning hub's pages from ``content/`` and ``programs/``."""

    #: The errors that stopped the last build, for the preview's error page (on_serve); None after a good one.
    problem_lines: list[str] | None = None

    #: The files earlier loads read (a preview's: ``mkdocs serve``, ``hubgen serve``), reused while unchanged.
    memo: Memo | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        if self.serving and self.memo is None:
            self.memo = Memo()

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """``mkdocs serve`` rebuilds when a file under programs/ is saved, as it does for content/; a rebuild
        stopped by a content error shows the messages in place of every page (:mod:`..errorpage`)."""
        programs = Path(config.config_file_path).parent / self.config.programs_dir
        if self.config.enabled and programs.is_dir():
            server.watch(str(programs))
        if self.config.enabled:
            server.builder = self._showing_errors(server.builder, Path(config.site_dir))
        return server

    def _showing_errors(self, build: Any, site: Path) -> Any:
        """``build``, but when the content has errors the site's pages become the messages and the rebuild counts
        as done: browsers reload and see them (MkDocs would otherwise leave them waiting for the next good build)."""

        built = errorpage.pages(site) or [Path("index.html")]  # MkDocs empties the site before a build

        def rebuild(*args: Any, **kwargs: Any) -> None:
            nonlocal built
            self.problem_lines = None
            try:
                build(*args, **kwargs)
            except Exception:
                lines = self.problem_lines
                if lines is None:
                    raise
                shown = errorpage.write_over(site, errorpage.page(lines), [*built, Path("404.html")])
                log.info(f"the preview shows the messages in place of its {shown} pages until the file is fixed")
            else:
                built = errorpage.pages(site)

        return rebuild

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Reset per-build state; add hubgen's stylesheet, script and Markdown extensions."""
        self.hub: Hub | None = None
        self.renderer: Renderer | None = None
        self.outputs: list[Output] = []
        self.noindexed: set[str] = set()  # URLs of pages marked noindex, left out of the sitemap
        self.folder_pages: dict[str, str] = {}  # generated pages made from a whole folder: src_uri → folder
        self.generated_pages: set[str] = set()  # src_uri of each page made here (on_page_markdown)
        self.staff_links = True  # the edit button and the repository link (option staff_links), until told otherwise
        self.offline: offline.Offline | None = None  # the service worker and manifest: not under mkdocs serve
        if not self.config.enabled:
            return config
        if config.config_file_path:  # mkdocs.yml as `hubgen check` sees it: content folder, home page, stylesheets
            problems = Problems()
            check_config_file(Path(config.config_file_path), problems)
            for problem in problems.errors:
                log.error(problem.format())
            if problems.errors:
                self.problem_lines = [p.format() for p in problems.errors]
                raise PluginError(f"hubgen: {problems.summary()} (mkdocs.yml and its folders) — see the messages above")
        dirs = config.theme.dirs
        dirs.insert(1 if config.theme.custom_dir else 0, str(common.THEME))
        for ext in MARKDOWN_EXTENSIONS:
            if ext not in config.markdown_extensions:
                config.markdown_extensions.append(ext)
        # Sessions, readings and people are deliberately not in the nav (it would make the
        # build quadratic); MkDocs would list every one of them at INFO level.
        if config.validation.nav.omitted_files == logging.INFO:
            config.validation.nav.omitted_files = logging.DEBUG
        own_css = list(config.extra_css)  # the hub's stylesheets: loaded after hubgen's (below), so its rules win
        config.extra_css.extend(EXTRA_CSS)
        config.extra_javascript.extend(EXTRA_JAVASCRIPT)
        discussion, mistakes = discussion_config(self.config.discussion)
        if mistakes:
            raise PluginError(printable("hubgen: " + "; ".join(mistakes)))
        self.community = Community.from_settings(discussion, config.repo_url)
        if self.config.search == "pagefind":  # Material's search box answered by Pagefind (hubgen/site/pagefind.py)
            pagefind_plugin.configure(config)
        # Staff furniture (the edit button, the repository link): for staff previewing, not for participants.
        self.staff_links = common.shows_staff_links(self.config.staff_links, getattr(self, "serving", False))
        config.extra["hubgen_staff_links"] = self.staff_links  # read by partials/source.html
        # The scripts' words in the hub's language (partials/hubgen/i18n.html); offline reading and the home screen
        # (partials/hubgen/offline.html), left out of the preview: a service worker there would outlive it.
        config.extra["hubgen_js_messages"] = jsmessages.page_messages(language_of(config))
        serving = getattr(self, "serving", False)
        if not serving:
            self.offline = offline.Offline(Path(config.site_dir), config.use_directory_urls)
        colour = offline.theme_colour(config.theme.get("palette"))
        config.extra["hubgen_offline"] = None if serving else {"theme_color": colour}
        config.extra_css[:] = common.hub_css_last(list(config.extra_css), own_css)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Load and check the hub, then add its generated pages and files (hubgen/site/outputs.py)."""
        if not self.config.enabled:
            return files
        root = Path(config.config_file_path).parent
        docs_prefix = common.relative(Path(config.docs_dir), root)
        hub = self.hub = self._load(root, docs_prefix)
        self.renderer = self.make_renderer(hub, config, root)
        _keep_published(files, config, hub, _overrides(config), docs_prefix)
        hub.real_paths.clear()  # looked up for the filter above; an engine's build holds on to the hub to its end
        self.outputs = outputs(self.renderer)  # pages, assets, feeds, pictures...
        for output in self.outputs:
            for page in output.pages():
                files.append(self._page_file(page, files, config, root, docs_prefix))
        for output in self.outputs:
            for file in () if output.after_build else output.files():
                if file.source is not None:
                    files.append(File.generated(config, file.path, abs_src_path=str(file.source)))
                else:
                    files.append(File.generated(config, file.path, content=file.content or b""))
        if self.config.search == "pagefind":
            pagefind_plugin.add_assets(files, config)
        if config.nav is None and self.config.nav:
            handwritten = [f.src_uri for f in files.documentation_pages() if f.generated_by is None]
            config.nav = common.nav(
                handwritten,
                hub,
                has_home=files.get_file_from_path("index.md") is not None,
                language=language_of(config),
            )
        return files

    def make_renderer(self, hub: Hub, config: MkDocsConfig, root: Path) -> Renderer:
        """The renderer of ``hub``'s pages for this build (also the preview's, for a saved file's own page first)."""
        custom = _overrides(config)
        reminders = self.config.reminders
        site = Site(
            url=config.site_url or "",
            name=config.site_name,
            starting_soon=self.config.starting_soon,
            language=language_of(config),  # theme.language, as Material reads it
            clock=self.config.clock,
            prepare_alarm=reminders["prepare"],
            join_alarm=reminders["join"],
        )
        cache = common.cache_dir(root)  # rendered citations, kept between builds (like Material's social cards)
        renderer = Renderer(
            hub,
            custom,
            SiteLayout(config.use_directory_urls),
            site=site,
            cache_dir=cache,
            defer_downloads=True,  # a page's citation data: URLs are put in as it is written (on_post_page)
            keep_pages=not getattr(self, "serving", False),  # a preview's builds each follow a save
        )
        renderer.env.globals["community"] = self.community  # discussion, issue forms (hubgen/content/community.py)
        return renderer

    def _load(self, root: Path, content_dir: str) -> Hub:
        """The hub, loaded and checked; its problems logged, the build stopped on an error."""
        options = HubOptions(
            participant_visibility=self.config.participant_visibility,  # type: ignore[arg-type]  # a Choice
            include_drafts=self.config.drafts or getattr(self, "serving", False),
        )
        programs_dir, cache_dir = self.config.programs_dir, common.cache_dir(root)
        hub, problems = load_hub(
            root, options, content_dir=content_dir, programs_dir=programs_dir, cache_dir=cache_dir, memo=self.memo
        )
        for problem in problems.warnings:
            log.warning(problem.format())
        if problems.errors:
            for problem in problems.errors:
                log.error(problem.format())
            self.problem_lines = [p.format() for p in problems.errors]  # for the preview's error page (on_serve)
            raise PluginError(f"hubgen: the content has {problems.summary()} — see the messages above")
        if is_shallow(root):  # a note, as `hubgen check` gives it: a checkout's depth is no content mistake
            log.info(f"hubgen: {SHALLOW_NOTE}")
        return hub

    def _page_file(self, page: HubPage, files: Files, config: MkDocsConfig, root: Path, docs_prefix: str) -> File:
        """A generated page as a MkDocs file, its edit button on the file (or folder) it is made from."""
        if files.get_file_from_path(page.src_uri) is not None:
            raise PluginError(common.page_clash(docs_prefix, page))
        generated = File.generated(config, page.src_uri, content=page.content)
        self.generated_pages.add(generated.src_uri)
        if (root / page.source).is_file():
            generated.edit_uri = page.source
        else:  # made from a folder (library, people, calendar...): see on_page_context
            generated.edit_uri = None
            self.folder_pages[generated.src_uri] = page.source
        return generated

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Expand ``<!-- hubgen:upcoming limit=5 -->`` and the like in hand-written pages.

        A generated page's file is given the page's Markdown, once read: MkDocs keeps a generated file's source
        for the whole build, beside the Markdown it read from it (a copy, its front matter cut off), which held
        every generated page twice — on a 5,000-session hub, hundreds of megabytes. Nothing reads the source
        again in a build (a rebuild under ``mkdocs serve`` makes the files anew).
        """
        if page.file.src_uri in self.generated_pages:
            page.file.content_string = markdown
        if not self.config.enabled or self.renderer is None or "hubgen:" not in markdown:
            return markdown
        return common.expand_directives(markdown, page.file.src_uri, self.renderer)

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """Note the pages marked ``robots: noindex`` (all pages are read by now), for the sitemap."""
        for f in files.documentation_pages():
            if f.page is not None and "noindex" in str(f.page.meta.get("robots", "")):
                self.noindexed.update(u for u in (f.page.canonical_url, f.page.abs_url) if u)
        return env

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        """A page made from a folder: its edit button opens the folder on the forge, where each file has its own."""
        if not self.staff_links:  # the published site: no edit button (README "Staff links")
            page.edit_url = None
            return context
        folder = self.folder_pages.get(page.file.src_uri)
        link = common.edit_link(config.repo_url, config.edit_uri)
        if folder and link and (url := link(folder, folder=True)):
            page.edit_url = url
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """The page's citation data: URLs (held back until now: Renderer.defer_downloads); ``<meta name="robots">``
        where the page's front matter (``robots: noindex``) or the hub asks for it."""
        if not self.config.enabled:
            return output
        if self.renderer is not None:  # a reading's and a session's citation downloads (Renderer.defer_downloads)
            output = self.renderer.fill_downloads(output)
        if self.config.search == "pagefind":
            output = pagefind_plugin.post_page(output, page)
        robots = "noindex" if self.config.noindex else page.meta.get("robots")
        output = with_robots(output, str(robots)) if robots else output
        if self.offline is not None:
            self.offline.add_page(page.url, output)
        return output

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
        """The sitemap lists no page marked noindex; with ``noindex: true``, 404.html is marked too."""
        if not self.config.enabled:
            return output_content
        if template_name == "sitemap.xml":
            return sitemap_without(output_content, None if self.config.noindex else self.noindexed)
        if self.config.search == "pagefind" and template_name.endswith(".html"):  # 404.html: not indexed
            output_content = pagefind_plugin.post_template(output_content)
        if self.config.noindex and template_name.endswith(".html"):
            return with_robots(output_content, "noindex")
        return output_content

    @event_priority(-50)  # after Material's search has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the calendar feeds and citation downloads; under ``search: pagefind``, index the site; with
        Material's search, let its index find words without their accents (hubgen/site/searchindex.py).

        Feeds (.ics) and "Download citations" files (.bib, .ris, .json) are tens of thousands of files on a
        large hub: each is made and written in turn here, rather than held in memory as MkDocs files
        through the whole build. Pages link to them with plain HTML links, which MkDocs does not check;
        the tests check every one (tests/test_site_validators.py).
        """
        if not self.config.enabled or self.renderer is None or self.hub is None:
            return
        self.renderer.data_urls.close()  # every page is written: the downloads' URLs are kept for the next build
        site = Path(config.site_dir)
        folders: set[Path] = set()  # made already: thousands of files go into a few thousand folders
        for output in self.outputs:  # calendar feeds, citation downloads: hubgen/site/outputs.py
            for file in output.files() if output.after_build else ():
                _write(site / file.path, file.content or b"", folders)
        if self.config.search == "pagefind":
            pagefind_plugin.post_build(config)
        index = site / "search" / "search_index.json"
        if self.config.search == "material" and index.is_file():
            index.write_text(fold_accents(index.read_text(encoding="utf-8")), encoding="utf-8")
        if self.offline is not None:
            for path, content in _offline_files(self.offline, self.hub, config).items():
                _write(site / path, content, folders)


def _overrides(config: MkDocsConfig) -> list[Path]:
    """The hub's own versions of hubgen's templates: ``<custom_dir>/hubgen/``, when the theme has a custom_dir."""
    return [Path(config.theme.custom_dir) / "hubgen"] if config.theme.custom_dir else []


def _keep_published(files: Files, config: MkDocsConfig, hub: Hub, custom: list[Path], docs_prefix: str) -> None:
    """Take out of ``files`` what is never published as it is; point each page's edit button at its file."""
    unpublished = common.unpublished(hub)  # data files, and photos published only as resized copies
    docs_dir = Path(config.docs_dir).resolve()
    src_dirs = {d: Path(d).resolve() == docs_dir for d in {f.src_dir for f in files} if d is not None}
    real = RealPaths()
    overrides = [override.resolve() for override in custom]

    def left_out(f: File) -> bool:
        if f.abs_src_path is None:
            return False
        # data files, and photos published only as resized copies: of docs_dir only (the theme's own files
        # live outside the repository)
        if f.src_dir is not None and src_dirs[f.src_dir] and unpublished(f.src_uri, Path(f.abs_src_path)):
            return True
        # template overrides are not static files of the site
        return any(real(Path(f.abs_src_path)).is_relative_to(o) for o in overrides)

    for f in [f for f in files if left_out(f)]:
        files.remove(f)
    for f in files:
        if f.is_documentation_page():
            f.edit_uri = f"{docs_prefix}/{f.src_uri}" if docs_prefix != "." else f.src_uri


def _offline_files(off: offline.Offline, hub: Hub, config: MkDocsConfig) -> dict[str, bytes]:
    """The service worker, its lists and the manifest with its icons (hubgen/site/offline.py), by site path."""
    theme = config.theme
    candidates = [theme.get("logo"), theme.get("favicon"), "assets/images/favicon.png"]
    root = Path(config.config_file_path).parent
    icons, files = offline.icons(off.site, candidates, common.cache_dir(root))
    language = language_of(config)
    colour = offline.theme_colour(theme.get("palette"))
    files[offline.MANIFEST_PATH] = offline.manifest(
        config.site_name, config.site_description or "", language, colour, icons
    )
    files.update(offline.lists(hub, off))
    home = off.page("")
    keep = [p for p in (home, off.page(urls.CALENDAR)) if p is not None]
    keep += offline.shell(off.site) if home is not None else []
    keep.append(offline.MANIFEST_PATH)  # not the icons: the phone fetches them as it adds the hub
    build = offline.build_id(off.digests, [path for _, path in assets()])
    files[offline.SW_PATH] = offline.service_worker(build, list(dict.fromkeys(keep)))
    return files


def _write(target: Path, content: bytes, folders: set[Path]) -> None:
    if target.parent not in folders:
        target.parent.mkdir(parents=True, exist_ok=True)
        folders.add(target.parent)
    target.write_bytes(content)
