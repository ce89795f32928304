"""The virtual learning community around a hub: discussion, recordings, contributions.

A static site cannot host a forum, but it can be the front door to one:

- **Discussion** on session, project and topic pages through giscus (GitHub Discussions),
  configured once under the plugin's ``discussion:`` option, switchable per program
  (``discussion: false`` in program.yml) and per page (``discussion:`` in a session's or
  project's front matter, or a topic's entry). Pages carry only a button: nothing is
  fetched from a third party until the reader asks for it (``assets/community.js``).
- **Recordings** from YouTube or Vimeo are played in their privacy-enhanced players
  (youtube-nocookie.com, player.vimeo.com with ``dnt=1``), loaded on click.
- **Contributions**: links to the hub repository's GitHub issue forms ("Suggest a
  resource", "Share your project"), shown only when ``repo_url`` is a GitHub repository.

Nothing here imports the site engine: the MkDocs adapter passes plain values in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import parse_qs, quote, urlencode, urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError

GISCUS_CLIENT = "https://giscus.app/client.js"

#: The issue forms of ``.github/ISSUE_TEMPLATE/`` the pages link to.
RESOURCE_FORM = "suggest-resource.yml"
PROJECT_FORM = "share-project.yml"

PageKind = Literal["sessions", "projects", "topics"]


# -- discussion (giscus) ------------------------------------------------------------------


class DiscussionConfig(BaseModel):
    """The plugin's ``discussion:`` option: where a page's comments live on GitHub Discussions.

    The values come from https://giscus.app, which prints them once the repository is chosen.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    repo: str = Field(pattern=r"^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$", description="owner/name of the GitHub repository")
    repo_id: str = Field(min_length=1, description="the repository's ID (giscus.app shows it)")
    category: str = Field(min_length=1, description="the Discussions category new threads go into")
    category_id: str = Field(min_length=1, description="the category's ID (giscus.app shows it)")
    mapping: Literal["pathname", "url", "title", "og:title", "specific"] = Field(
        "pathname",
        description="how a page finds its thread; 'specific' uses the page's path on the site, "
        "which stays the same when the site moves to another address",
    )
    strict: bool = Field(False, description="match threads by an exact hash of the mapping term")
    reactions: bool = Field(True, description="show reactions to the page itself")
    input_position: Literal["top", "bottom"] = "bottom"
    lang: str = Field("en", pattern=r"^[a-zA-Z-]{2,10}$")
    theme_light: str = Field("light", description="giscus theme under Material's light palette")
    theme_dark: str = Field("dark", description="giscus theme under Material's dark palette (slate)")
    pages: list[PageKind] = Field(["sessions", "projects", "topics"], description="the kinds of page with discussion")
    enabled: bool = True


def discussion_config(raw: dict[str, Any] | None) -> tuple[DiscussionConfig | None, list[str]]:
    """Read the ``discussion:`` option: (config or None when off, messages for each mistake)."""
    if not raw:
        return None, []
    try:
        config = DiscussionConfig.model_validate(raw)
    except ValidationError as exc:
        messages = []
        for err in exc.errors():
            where = ".".join(str(part) for part in err["loc"]) or "discussion"
            what = err["msg"]
            if err["type"] == "missing":
                what = "missing — copy it from https://giscus.app after choosing the repository and category"
            elif err["type"] == "extra_forbidden":
                names = ", ".join(DiscussionConfig.model_fields)
                what = f"unknown option — the options are: {names}"
            messages.append(f"discussion.{where}: {what}")
        return None, messages
    return (config if config.enabled else None), []


@dataclass(frozen=True)
class Discussion:
    """What a page's discussion placeholder carries: giscus' ``data-*`` attributes, and where it is hosted."""

    attrs: list[tuple[str, str]]  # (name without "data-", value), in giscus' order
    repo: str
    theme_light: str
    theme_dark: str

    @property
    def url(self) -> str:
        """The repository's discussions on GitHub: a plain link that works without loading anything."""
        return f"https://github.com/{self.repo}/discussions"


# -- recordings and webinars ---------------------------------------------------------------

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
    "music.youtube.com",
}


@dataclass(frozen=True)
class Video:
    """A YouTube or Vimeo video, played in the provider's privacy-enhanced player."""

    provider: Literal["YouTube", "Vimeo"]
    id: str
    embed_url: str  # what the <iframe> loads, once the reader presses play
    url: str  # the page as given, for the plain link

    @property
    def host(self) -> str:
        return urlsplit(self.embed_url).hostname or ""


def _seconds(value: str) -> int | None:
    """YouTube's ``t=`` parameter: ``90``, ``90s`` or ``1m30s``."""
    m = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?", value.strip())
    if not m or not any(m.groups()):
        return None
    h, mi, s = (int(g or 0) for g in m.groups())
    return h * 3600 + mi * 60 + s


def video(url: str | None) -> Video | None:
    """The embeddable video behind a YouTube or Vimeo link, or None for any other link.

    YouTube: ``watch?v=ID``, ``youtu.be/ID``, ``/embed/ID``, ``/live/ID``, ``/shorts/ID`` (a ``t=``
    start time is kept). Vimeo: ``vimeo.com/ID``, ``vimeo.com/ID/HASH`` (an unlisted video),
    ``player.vimeo.com/video/ID?h=HASH``.
    """
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower()
    query = parse_qs(parts.query)
    segments = [s for s in parts.path.split("/") if s]
    if host in _YOUTUBE_HOSTS or host == "youtu.be":
        ident = ""
        if host == "youtu.be" and segments:
            ident = segments[0]
        elif segments[:1] == ["watch"]:
            ident = (query.get("v") or [""])[0]
        elif len(segments) >= 2 and segments[0] in ("embed", "live", "shorts", "v"):
            ident = segments[1]
        if not _YOUTUBE_ID.match(ident):
            return None
        params: dict[str, str | int] = {}
        start = _seconds((query.get("t") or query.get("start") or [""])[0])
        if start:
            params["start"] = start
        embed = f"https://www.youtube-nocookie.com/embed/{ident}"
        return Video("YouTube", ident, embed + ("?" + urlencode(params) if params else ""), url)
    if host in ("vimeo.com", "www.vimeo.com", "player.vimeo.com"):
        if host == "player.vimeo.com":
            segments = segments[1:] if segments[:1] == ["video"] else []
        if not segments or not segments[0].isdigit():
            return None
        ident = segments[0]
        params = {}
        unlisted = (query.get("h") or [""])[0] or (segments[1] if len(segments) > 1 else "")
        if re.fullmatch(r"[0-9a-f]{6,40}", unlisted):
            params["h"] = unlisted
        params["dnt"] = 1  # "do not track": no cookies, no session data
        return Video("Vimeo", ident, f"https://player.vimeo.com/video/{ident}?{urlencode(params)}", url)
    return None


# -- the community settings of a site -------------------------------------------------------

_GITHUB_REPO = re.compile(r"^https?://(?:www\.)?github\.com/([A-Za-z0-9-]+)/([A-Za-z0-9._-]+?)(?:\.git)?/?$")


def github_repo(repo_url: str | None) -> str | None:
    """``owner/name`` when ``repo_url`` is a GitHub repository, else None (no issue-form links then)."""
    m = _GITHUB_REPO.match((repo_url or "").strip())
    return f"{m.group(1)}/{m.group(2)}" if m else None


@dataclass
class Community:
    """A site's community settings, as the templates use them (global ``community``)."""

    discussion_config: DiscussionConfig | None = None
    repo: str | None = None  # "owner/name" of the hub's own GitHub repository (issue forms)
    pages_with_discussion: set[str] = field(default_factory=set)  # URLs, filled while rendering (for tests, logs)

    @classmethod
    def from_settings(cls, discussion: DiscussionConfig | None, repo_url: str | None) -> Community:
        return cls(discussion_config=discussion, repo=github_repo(repo_url))

    # -- discussion

    def discussion(self, entity: Any, page_url: str) -> Discussion | None:
        """The discussion of a session's, project's or topic's page, or None where it is off.

        Off unless configured; on for the kinds listed in ``pages``; a program's ``discussion: false``
        turns it off for its sessions and projects; the page's own ``discussion:`` wins over both.
        """
        config = self.discussion_config
        if config is None or entity is None:
            return None
        kind = _kind(entity)
        own = getattr(entity.data, "discussion", None)
        if own is False or (own is None and kind not in config.pages):
            return None
        if own is None:
            program = getattr(entity, "program", None)
            if program is not None and getattr(program.data, "discussion", None) is False:
                return None
        self.pages_with_discussion.add(page_url)
        attrs = [
            ("repo", config.repo),
            ("repo-id", config.repo_id),
            ("category", config.category),
            ("category-id", config.category_id),
            ("mapping", config.mapping),
        ]
        if config.mapping == "specific":
            attrs.append(("term", page_url or "/"))
        attrs += [
            ("strict", "1" if config.strict else "0"),
            ("reactions-enabled", "1" if config.reactions else "0"),
            ("emit-metadata", "0"),
            ("input-position", config.input_position),
            ("lang", config.lang),
            ("loading", "lazy"),
        ]
        return Discussion(attrs, config.repo, config.theme_light, config.theme_dark)

    # -- contributions

    def issue_form(self, form: str, **prefill: str) -> str | None:
        """A link that opens the hub repository's issue form, with fields filled in; None off GitHub."""
        if not self.repo:
            return None
        query = urlencode({"template": form, **{k: v for k, v in prefill.items() if v}}, quote_via=quote)
        return f"https://github.com/{self.repo}/issues/new?{query}"


def _kind(entity: Any) -> str:
    name = type(entity).__name__
    return {"Session": "sessions", "Project": "projects", "Topic": "topics"}.get(name, name.lower() + "s")


def template_globals() -> dict[str, Any]:
    """What the page templates use; the engine adapter replaces ``community`` with the site's own."""
    return {"community": Community(), "video": video}


__all__ = [
    "GISCUS_CLIENT",
    "PROJECT_FORM",
    "RESOURCE_FORM",
    "Community",
    "Discussion",
    "DiscussionConfig",
    "Video",
    "discussion_config",
    "github_repo",
    "template_globals",
    "video",
]
