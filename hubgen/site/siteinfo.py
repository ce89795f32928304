"""What the feeds and pages need to know about the published site: plain data from the engine's config."""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlsplit

from .i18n import Dates, translations


@dataclass(frozen=True)
class Site:
    """What the feeds need to know about the published site (plain data from the engine's config)."""

    url: str = ""  # absolute base URL ending in "/", e.g. "https://example.org/hub/"; "" when unknown
    name: str = "Hub"
    # The plugin's options of the session day (hubgen/content/settings.py): minutes before the start from which
    # pages say "starting in N min"; the feeds' alarms, minutes before the start (None: that alarm is off).
    starting_soon: int = 15
    clock: str = "auto"  # "12h", "24h", or (auto) as is the custom where each program's time zone is
    language: str = "en"  # the hub's language (theme.language in mkdocs.yml): hubgen/site/i18n.py
    prepare_alarm: int | None = 1440
    join_alarm: int | None = 10

    @cached_property
    def tr(self) -> gettext.NullTranslations:
        """Hubgen's words in the hub's language (hubgen/site/i18n.py)."""
        return translations(self.language)

    @cached_property
    def dates(self) -> Dates:
        """Dates and times as readers of the hub's language write them."""
        return Dates(self.language)

    @cached_property
    def base(self) -> str:
        url = self.url.strip()
        if not re.match(r"^https?://[^/\s]+", url, re.IGNORECASE):
            return ""
        return url if url.endswith("/") else url + "/"

    def absolute(self, path: str) -> str:
        """The absolute URL of a site-relative path, or "" without a site_url."""
        return self.base + path if self.base else ""

    @cached_property
    def uid_domain(self) -> tuple[str, str]:
        """(path prefix, host) for UIDs: ``("hub/", "example.org")``."""
        if self.base:
            parts = urlsplit(self.base)
            return parts.path.lstrip("/"), (parts.hostname or "hubgen.invalid")
        return "", re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-") + ".hubgen.invalid"
