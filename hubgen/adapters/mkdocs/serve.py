"""``hubgen serve`` (``make serve``) under MkDocs: the site served with live reload, rebuilt on every save by a
:class:`~hubgen.adapters.mkdocs.preview.Preview` (hubgen/adapters/mkdocs/preview.py), which re-renders only what
the save changed."""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer, _serve_url, _timestamp

from .preview import Preview

log = logging.getLogger("mkdocs.commands.build")


def _log_like_mkdocs() -> None:
    """MkDocs' messages on the terminal as ``mkdocs serve`` prints them (its command line sets this up)."""
    from mkdocs.__main__ import ColorFormatter

    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    if not any(h.name == "MkDocsStreamHandler" for h in logger.handlers):
        stream = logging.StreamHandler()
        stream.setFormatter(ColorFormatter())
        stream.name = "MkDocsStreamHandler"
        logger.addHandler(stream)


def serve(config_file: Path, dev_addr: str) -> int:
    """Serve the hub at ``dev_addr``, rebuilt by a :class:`Preview` on every save, with live reload (as
    ``mkdocs serve``: the same watched folders, plugins' ``serve`` events, 404 page)."""
    _log_like_mkdocs()
    host, _, port_text = dev_addr.rpartition(":")
    port = int(port_text)
    site_dir = Path(tempfile.mkdtemp(prefix="hubgen_"))
    preview = Preview(config_file, site_dir)
    config = preview.load()
    mount_path = urlsplit(config.site_url or "/").path
    preview.site_url = config.site_url = _serve_url(host or "127.0.0.1", port, mount_path)

    def builder(config: MkDocsConfig | None = None) -> None:
        log.info("Building documentation...")
        preview.build(config)
        reload_browsers()  # again, after the saved file's own page (on_first_pages): the rest is built

    server: LiveReloadServer = LiveReloadServer(
        builder=builder, host=host, port=port, root=str(site_dir), mount_path=mount_path
    )

    def reload_browsers() -> None:  # browsers show the site as it now is (the saved file's page first)
        with server._epoch_cond:
            server._wanted_epoch = server._visible_epoch = _timestamp()
            server._epoch_cond.notify_all()

    preview.on_first_pages = reload_browsers

    def error_handler(code: int) -> bytes | None:
        page = site_dir / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_handler
    try:
        try:
            builder(config)
        except Abort as exc:  # the first build stopped (a content error: its messages are above), as mkdocs serve
            print(f"hubgen: {exc}", file=sys.stderr)
            return 1
        server.watch(config.docs_dir)
        server.watch(str(config_file))
        if config.theme.custom_dir:
            server.watch(config.theme.custom_dir)
        server = config.plugins.on_serve(server, config=config, builder=server.builder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0
