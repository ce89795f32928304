"""``hubgen serve`` (``make serve``): MkDocs' own build kept in one process, re-rendering only what a save changed.

``mkdocs serve`` rebuilds the whole site on every save: every page's Markdown converted and every page put
through the theme's template, tens of seconds on a hub of a few hundred pages. This preview runs the same
build, step for step (:func:`mkdocs.commands.build.build`: the config and its plugins' events, the files,
the nav, every page read and its ``page_markdown`` events run, the static templates, ``post_build``), and
remembers between saves the two costly steps' results:

- a page's Markdown converted to HTML (with its table of contents, title and anchors), reused while the
  Markdown (after the plugins' ``page_markdown`` events: hubgen's directives are expanded), the page's own
  address, the set of files and their addresses, and mkdocs.yml are what they were;
- a page put through the theme's template, reused while the page (its HTML, title, table of contents, front
  matter, addresses, edit link) and everything every page shows (the nav and its titles, the files, mkdocs.yml
  after the plugins' ``config`` events, the theme's override files) are what they were.

Everything else runs as in a clean build: hubgen loads the hub (its caches make an unchanged file cheap) and
makes every generated page's Markdown; the search index is written whole (each page's entries remembered with
its HTML); hubgen's feeds and downloads are written. Only files whose bytes changed are written, and files a
clean build would not make are removed: after each save the site folder is, byte for byte, what a clean build
makes (tests/test_incremental.py checks this on random sequences of edits).

A hub with a plugin other than search and hubgen (or with ``pymdownx.snippets``, whose pages read other
files) is built whole on every save, as ``mkdocs serve`` does: nothing tells this preview what those read.
"""

from __future__ import annotations

import contextlib
import gc
import gzip
import io
import logging
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

import jinja2
from jinja2.exceptions import TemplateNotFound
from mkdocs import utils
from mkdocs.commands import build as mkbuild
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page

from ...content.reader import Memo
from ..export import _MemoryBytecodeCache
from . import previewkeys as keys

log = logging.getLogger("mkdocs.commands.build")

#: The plugins whose events this preview knows to depend only on what its keys hold.
KNOWN_PLUGINS = {"search", "material/search", "hubgen"}
#: Markdown extensions that read files other than the page's own: a page using them is converted on every save.
READS_OTHER_FILES = {"pymdownx.snippets"}


@dataclass
class _Converted:
    """A page's Markdown converted to HTML, as :meth:`mkdocs.structure.pages.Page.render` leaves it."""

    content: str
    toc: Any
    title: str | None
    anchors: set[str] | None
    links: dict[str, dict[str, str]] | None  # links to anchors, by the linked file's src_uri


@dataclass
class _Built:
    """What the last good build left, for the next save's first pages (:meth:`Preview._first_pages`)."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Any
    doc_files: Any
    md_key: str | None
    shared: str | None


@dataclass
class Stats:
    """What one build did."""

    pages: int = 0
    first: int = 0  # the saved files' own pages, written before the rest of the build
    converted: int = 0
    rendered: int = 0
    written: int = 0
    removed: int = 0
    seconds: float = 0.0


@dataclass
class Preview:
    """A MkDocs build of one hub kept between saves: :meth:`build` after each save."""

    config_file: Path
    site_dir: Path
    site_url: str | None = None  # the preview's own address, as mkdocs serve sets it
    command: Literal["build", "serve"] = "serve"
    _converted: dict[str, tuple[str, _Converted]] = field(default_factory=dict)
    _rendered: dict[str, tuple[str, str]] = field(default_factory=dict)
    _entries: dict[str, tuple[str, list[dict[str, Any]]]] = field(default_factory=dict)
    _on_disk: dict[str, str] = field(default_factory=dict)  # site-relative path → digest of what was written
    _compiled: jinja2.BytecodeCache = field(default_factory=_MemoryBytecodeCache)  # the theme's templates
    _theme_files: tuple[str, list[str]] | None = None  # the theme's file list, with the theme's key
    _fresh: bool = True  # copy every static file on the next build (the first, or the one after an error)
    last: Stats = field(default_factory=Stats)
    #: Called when a save's own pages are written, before the rest of the build (the server reloads browsers).
    on_first_pages: Callable[[], None] | None = None
    _built: _Built | None = None
    _sources: dict[Path, int] = field(default_factory=dict)  # the hub's files and their times, at the last build
    _memo: Memo = field(default_factory=Memo)  # the hub's files as read and validated, reused while unchanged

    def load(self) -> MkDocsConfig:
        """mkdocs.yml, read anew (as mkdocs serve does before each build)."""
        config = load_config(config_file=str(self.config_file), site_dir=str(self.site_dir))
        if self.site_url is not None:
            config.site_url = self.site_url
        # Each load: MkDocs keeps a plugin's instance between two loads, but not always (a new one after an
        # upgrade, or once forgotten), and a new one must know it serves (hubgen shows drafts and staff links).
        config.plugins.on_startup(command=self.command, dirty=False)
        plugin = config.plugins.get("hubgen")
        if plugin is not None and hasattr(plugin, "memo"):  # kept by this preview, whatever the plugin's instance
            plugin.memo = self._memo
        return config

    def build(self, config: MkDocsConfig | None = None) -> Stats:
        """Build the site into ``site_dir``; what a clean build makes, re-rendering only what changed."""
        changed = self._changed()
        try:
            first = self._first_pages(changed) if changed and self._built is not None else 0
            if first and self.on_first_pages:
                self.on_first_pages()
            self._built = None
            stats = self._build(config or self.load())
            stats.first = first
            return stats
        except Exception:
            # The site may now hold anything (an error page in place of every page): write every page next time.
            self._on_disk.clear()
            self._fresh = True
            raise
        finally:
            _set_aside()

    def _build(self, config: MkDocsConfig) -> Stats:
        self.last = stats = Stats()
        start = time.monotonic()
        started_at = time.time_ns()
        kept: set[str] = set()  # site-relative paths left as they were, which a clean build makes too
        inclusion = InclusionLevel.is_in_serve if self.command == "serve" else InclusionLevel.is_included
        try:
            config = config.plugins.on_config(config)
            config.plugins.on_pre_build(config=config)
            self.site_dir.mkdir(parents=True, exist_ok=True)
            files = get_files(config)
            env = config.theme.get_env()
            env.bytecode_cache = self._compiled  # compiled once a session, again when a template changes
            theme_key = keys.digest(keys.theme_key(config))
            self._list_theme_files(env, theme_key)
            files.add_files_from_theme(env, config)
            files = config.plugins.on_files(files, config=config)
            set_exclusions(files, config)
            nav = get_navigation(files, config)
            nav = config.plugins.on_nav(nav, config=config, files=files)

            remembering = set(config.plugins) <= KNOWN_PLUGINS
            files_key = keys.digest(sorted((f.src_uri, f.dest_uri, f.url) for f in files))
            md_key = keys.digest(
                files_key,
                self.config_file.read_bytes(),
                config.markdown_extensions,
                config.mdx_configs,
                config.use_directory_urls,
            )
            converting_all = not remembering or bool(READS_OTHER_FILES & set(config.markdown_extensions))

            excluded = []
            for file in files.documentation_pages(inclusion=inclusion):
                if file.page is None and file.inclusion.is_not_in_nav():
                    if file.inclusion.is_excluded():
                        excluded.append(urljoin(config.site_url or "/", file.url))
                    Page(None, file, config)
                assert file.page is not None
                stats.pages += 1
                stats.converted += self._populate(file.page, config, files, None if converting_all else md_key)
            if excluded:
                log.info("Built only for the preview (draft_docs):\n  - " + "\n  - ".join(excluded))

            env = config.plugins.on_env(env, config=config, files=files)
            self._copy_static(files, inclusion, kept, stats)
            doc_files = files.documentation_pages(inclusion=inclusion)
            shared = (
                None
                if not remembering
                else keys.digest(
                    files_key,
                    self.config_file.read_bytes(),
                    keys.nav_key(nav),
                    theme_key,
                    config.extra_css,
                    config.extra_javascript,
                    dict(config.extra),
                    config.site_url,
                )
            )
            listed = [(f.src_uri, f.page.canonical_url, f.page.update_date) for f in doc_files if f.page is not None]
            for template in config.theme.static_templates:
                self._theme_template(template, env, files, config, nav, shared and keys.digest(shared, listed), kept)
            for template in config.extra_templates:
                mkbuild._build_extra_template(template, files, config, nav)

            self._remember_search(config)
            for file in doc_files:
                assert file.page is not None
                output = self._render(file.page, config, doc_files, nav, env, shared, file.inclusion.is_excluded())
                stats.rendered += output[1]
                rel = file.dest_uri
                if output[0].strip():
                    self._write(rel, output[0].encode("utf-8", errors="xmlcharrefreplace"), kept, stats)

            level = config.validation.links.anchors
            for file in doc_files:
                assert file.page is not None
                file.page.validate_anchor_links(files=files, log_level=level)

            config.plugins.on_post_build(config=config)
            built = _Built(config, files, nav, env, doc_files, None if converting_all else md_key, shared)
        except Exception as e:
            config.plugins.on_build_error(error=e)
            if isinstance(e, BuildError):
                log.error(str(e))
                raise Abort("Aborted with a BuildError!") from e
            raise
        self._fresh = False
        self._built = built
        stats.removed = self._remove_stale(started_at, kept)
        stats.seconds = time.monotonic() - start
        self.last = stats
        log.info(
            f"Documentation built in {stats.seconds:.2f} seconds: {stats.converted} of {stats.pages} pages "
            f"converted, {stats.rendered} rendered, {stats.written} written, {stats.removed} removed"
        )
        return stats

    def _changed(self) -> set[Path] | None:
        """The hub's files changed since the last build (None when one was added or removed); remembers them now."""
        root = self.config_file.parent
        now = {self.config_file: self.config_file.stat().st_mtime_ns}
        folders = {root / name for name in ("content", "docs", "programs", "theme", "overrides")}
        if self._built is not None:
            config, plugin = self._built.config, self._built.config.plugins.get("hubgen")
            folders |= {Path(config.docs_dir)} | ({Path(config.theme.custom_dir)} if config.theme.custom_dir else set())
            if plugin is not None:
                folders.add(root / plugin.config.programs_dir)
        for folder in folders:
            for dirpath, dirnames, names in os.walk(folder):
                dirnames[:] = [d for d in dirnames if not d.startswith(".")]
                for name in names:
                    path = Path(dirpath, name)
                    try:
                        now[path] = path.stat().st_mtime_ns
                    except OSError:
                        continue
        before, self._sources = self._sources, now
        if before.keys() != now.keys():
            return None
        return {path for path, time in now.items() if before[path] != time}

    def _first_pages(self, changed: set[Path]) -> int:
        """Write at once the pages made from the saved files (a session's, a reading's, a person's, a project's):
        rendered from the hub as it now is, through the last build's nav, files and theme; return how many.

        What the rest of the build then finds changed (the lists that show the saved file, the search index)
        follows; should the saved file change more than its own page (its address, the nav), the rest of the
        build writes the page again. None when a file was added or removed, or mkdocs.yml or the theme changed.
        """
        built = self._built
        plugin = None if built is None else built.config.plugins.get("hubgen")
        if built is None or built.shared is None or plugin is None or not hasattr(plugin, "make_renderer"):
            return 0
        root = self.config_file.parent
        theme = Path(built.config.theme.custom_dir) if built.config.theme.custom_dir else None
        if self.config_file in changed or (theme and any(p.is_relative_to(theme) for p in changed)):
            return 0
        sources = {p.relative_to(root).as_posix() for p in changed if p.is_relative_to(root)}
        logging.disable(logging.CRITICAL)  # the build that follows reports the hub's problems, once
        try:
            docs_prefix = Path(built.config.docs_dir).resolve().relative_to(root.resolve()).as_posix()
            hub = plugin._load(root, docs_prefix)
            renderer = plugin.make_renderer(hub, built.config, root)
            pages = renderer.entity_pages(sources)
        except Exception:  # the build that follows shows the problem
            return 0
        finally:
            logging.disable(logging.NOTSET)
        targets = [built.files.get_file_from_path(page.src_uri) for page in pages]
        if not pages or any(f is None or f.page is None for f in targets):
            return 0
        kept: set[str] = set()
        stats = Stats()
        used, plugin.renderer = plugin.renderer, renderer  # its citation downloads (on_post_page)
        try:
            for page, file in zip(pages, targets, strict=True):
                assert file is not None and file.page is not None
                file.content_string = page.content
                self._populate(file.page, built.config, built.files, built.md_key)
                output, _ = self._render(
                    file.page,
                    built.config,
                    built.doc_files,
                    built.nav,
                    built.env,
                    built.shared,
                    file.inclusion.is_excluded(),
                )
                if output.strip():
                    self._write(file.dest_uri, output.encode("utf-8", errors="xmlcharrefreplace"), kept, stats)
        finally:
            plugin.renderer = used
        log.info(f"Wrote the saved file's {len(pages)} page(s) first ({stats.written} changed)")
        return len(pages)

    def _populate(self, page: Page, config: MkDocsConfig, files: Files, key: str | None) -> int:
        """:func:`mkdocs.commands.build._populate_page`, converting the Markdown only when it changed; 1 if it did."""
        converted = 0
        with _page_step(page, config, "reading"):
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            assert page.markdown is not None
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            src = page.file.src_uri
            page_key = None if key is None else keys.digest(key, src, page.file.url, page.markdown)
            remembered = self._converted.get(src)
            if page_key is not None and remembered is not None and remembered[0] == page_key:
                done = remembered[1]
                page.content, page.toc = done.content, done.toc
                page._title_from_render = done.title
                page.present_anchor_ids = done.anchors
                if done.links is not None:
                    page.links_to_anchors = {
                        target: links
                        for uri, links in done.links.items()
                        if (target := files.get_file_from_path(uri)) is not None
                    }
            else:
                page.render(config, files)
                converted = 1
                if page_key is not None:
                    links = page.links_to_anchors
                    self._converted[src] = (
                        page_key,
                        _Converted(
                            page.content or "",
                            page.toc,
                            page._title_from_render,
                            page.present_anchor_ids,
                            None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
                        ),
                    )
            page.content = config.plugins.on_page_content(page.content or "", page=page, config=config, files=files)
        return converted

    def _remember_search(self, config: MkDocsConfig) -> None:
        """Material's search index, made anew by each build: a page's entries taken from the last build while
        the page's HTML, table of contents, title, address and front matter are what they were."""
        plugin = config.plugins.get("material/search") or config.plugins.get("search")
        index = getattr(plugin, "search_index", None)
        add = getattr(index, "add_entry_from_context", None)
        if index is None or add is None or not hasattr(index, "entries"):
            return
        remembered = self._entries

        def add_entry_from_context(page: Page) -> None:
            key = keys.digest(page.content, keys.toc_key(page.toc), page.title, page.url, keys.meta_key(page.meta))
            known = remembered.get(page.file.src_uri)
            if known is not None and known[0] == key:
                index.entries.extend(dict(entry) for entry in known[1])
                return
            before = len(index.entries)
            add(page)
            remembered[page.file.src_uri] = (key, [dict(entry) for entry in index.entries[before:]])

        index.add_entry_from_context = add_entry_from_context

    def _render(
        self,
        page: Page,
        config: MkDocsConfig,
        doc_files: Any,
        nav: Navigation,
        env: Any,
        shared: str | None,
        excluded: bool,
    ) -> tuple[str, int]:
        """:func:`mkdocs.commands.build._build_page` without the writing, the template rendered only when the
        page or what every page shows changed: (the page's HTML, 1 if rendered)."""
        with _page_step(page, config, "building"):
            page.active = True
            context = mkbuild.get_context(nav, doc_files, config, page)
            name = page.meta.get("template", "main.html")
            template = env.get_template(name)
            context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
            if excluded:
                page.content = (
                    '<div class="mkdocs-draft-marker" title="This page will not be included into the built site.">'
                    "DRAFT</div>" + (page.content or "")
                )
            key = None
            if shared is not None:
                key = keys.digest(
                    shared,
                    name,
                    page.content,
                    page.title,
                    keys.toc_key(page.toc),
                    keys.meta_key(page.meta),
                    page.url,
                    page.canonical_url,
                    page.abs_url,
                    page.edit_url,
                    page.is_homepage,
                    excluded,
                )
            remembered = self._rendered.get(page.file.src_uri)
            if key is not None and remembered is not None and remembered[0] == key:
                output, rendered = remembered[1], 0
            else:
                output, rendered = template.render(context), 1
                if key is not None:
                    self._rendered[page.file.src_uri] = (key, output)
            return config.plugins.on_post_page(output, page=page, config=config), rendered

    def _list_theme_files(self, env: jinja2.Environment, key: str) -> None:
        """The theme's files listed once a session (walking Material's folders took a tenth of a save), again
        when the theme's own folders change."""
        loader = env.loader
        if loader is None:
            return
        if self._theme_files is None or self._theme_files[0] != key:
            self._theme_files = (key, loader.list_templates())
        names = self._theme_files[1]
        loader.list_templates = lambda: list(names)  # type: ignore[method-assign]

    def _theme_template(
        self,
        name: str,
        env: jinja2.Environment,
        files: Files,
        config: MkDocsConfig,
        nav: Navigation,
        key: str | None,
        kept: set[str],
    ) -> None:
        """:func:`mkdocs.commands.build._build_theme_template` (404.html, sitemap.xml), rendered only when what
        every page shows or the list of pages changed."""
        try:
            template = env.get_template(name)
        except TemplateNotFound:
            log.warning(f"Template skipped: '{name}' not found in theme directories.")
            return
        template = config.plugins.on_pre_template(template, template_name=name, config=config)
        base_url = (
            urlsplit(config.site_url or "/").path
            if utils.is_error_template(name)
            else utils.get_relative_url(".", name)
        )
        context = mkbuild.get_context(nav, files, config, base_url=base_url)
        context = config.plugins.on_template_context(context, template_name=name, config=config)
        remembered = self._rendered.get(f"theme:{name}")
        if key is not None and remembered is not None and remembered[0] == key:
            output = remembered[1]
        else:
            output = template.render(context)
            if key is not None:
                self._rendered[f"theme:{name}"] = (key, output)
        output = config.plugins.on_post_template(output, template_name=name, config=config)
        if not output.strip():
            log.info(f"Template skipped: '{name}' generated empty output.")
            return
        data = output.encode("utf-8")
        self._write(name, data, kept, self.last)
        if name == "sitemap.xml":
            pages = [f.page for f in files.documentation_pages() if f.page is not None]
            buffer = io.BytesIO()
            gz_name = str(self.site_dir / f"{name}.gz")
            with gzip.GzipFile(
                fileobj=buffer, filename=gz_name, mode="wb", mtime=utils.get_build_timestamp(pages=pages)
            ) as gz:
                gz.write(data)
            self._write(f"{name}.gz", buffer.getvalue(), kept, self.last)

    def _write(self, rel: str, data: bytes, kept: set[str], stats: Stats) -> None:
        digest = keys.digest(data)
        path = self.site_dir / rel
        if self._on_disk.get(rel) == digest and path.is_file():
            kept.add(rel)
            return
        # Whole or not at all: the server answers requests while the rest of the build runs (after on_first_pages).
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.partial")
        partial.write_bytes(data)
        os.replace(partial, path)
        self._on_disk[rel] = digest
        stats.written += 1

    def _copy_static(self, files: Files, inclusion: Any, kept: set[str], stats: Stats) -> None:
        """The static files, each copied only when its source is newer or another size than the copy."""
        for file in files:
            if file.is_documentation_page() or not inclusion(file.inclusion):
                continue
            target = self.site_dir / file.dest_uri
            if file.generated_by is not None and file.abs_src_path is None:
                self._write(file.dest_uri, file.content_bytes, kept, stats)
                continue
            source = Path(file.abs_src_path or "")
            try:
                there, here = target.stat(), source.stat()
            except OSError:
                file.copy_file(dirty=False)
                stats.written += 1
                continue
            if not self._fresh and there.st_size == here.st_size and there.st_mtime_ns >= here.st_mtime_ns:
                kept.add(file.dest_uri)
            else:
                file.copy_file(dirty=False)
                stats.written += 1

    def _remove_stale(self, since_ns: int, kept: set[str]) -> int:
        """Remove what this build neither wrote nor kept (a clean build would not make it); return how many."""
        removed = 0
        for folder, _dirs, names in os.walk(self.site_dir, topdown=False):
            for name in names:
                path = Path(folder, name)
                rel = path.relative_to(self.site_dir).as_posix()
                if rel in kept or path.stat().st_mtime_ns >= since_ns:
                    continue
                path.unlink()
                self._on_disk.pop(rel, None)
                removed += 1
            if folder != str(self.site_dir) and not os.listdir(folder):
                os.rmdir(folder)
        return removed


def _set_aside() -> None:
    """Free what the builds before this one left, and have Python's collector pass over what this one keeps.

    What a build keeps (the hub, MkDocs' pages and nav, the files read) is millions of objects at a thousand
    sessions; each full pass of the collector walked them all, about half a second of each save's first page.
    Frozen (:func:`gc.freeze`), they are left out of the passes until the next build ends, when the collector
    first reclaims what that build let go (MkDocs' pages and nav hold cycles).
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


@contextlib.contextmanager
def _page_step(page: Page, config: MkDocsConfig, doing: str) -> Iterator[None]:
    """What MkDocs' build does around each step of a page (``_populate_page``, ``_build_page``): the page is the
    current one (and, being built, the active one), and an error is logged with the page's name ("Error reading page
    'x.md': …") before it stops the build."""
    config._current_page = page
    try:
        yield
    except Exception as e:
        message = f"Error {doing} page '{page.file.src_uri}':"
        if not isinstance(e, BuildError):
            message += f" {e}"
        log.error(message)
        raise
    finally:
        page.active = False
        config._current_page = None
