"""The content contract: one typed model per kind of file staff edit.

These models are the single declaration of the schema. They validate, supply
defaults and produce the JSON Schema editors use. Values arrive as the text
people typed (see :mod:`hubgen.content.yamlsource`), so dates, times, time zones and
URLs are parsed as they are validated (:mod:`.values`), with messages that say what a correct value looks like.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from anyascii import anyascii
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    RootModel,
    WithJsonSchema,
    model_validator,
)

from .values import ID_PATTERN as ID_PATTERN  # read as models.ID_PATTERN
from .values import MAX_ID as MAX_ID  # read as models.MAX_ID
from .values import (
    Date,
    Email,
    Id,
    IdList,
    Markdown,
    RelPath,
    Text,
    TextList,
    Times,
    TimeZone,
    Title,
    Url,
    as_text,
    check_id,
    one_or_many,
)
from .values import check_timezone as check_timezone  # read as models.check_timezone
from .values import check_url as check_url  # read as models.check_url
from .values import parse_date as parse_date  # read as models.parse_date
from .values import parse_time_range as parse_time_range  # read as models.parse_time_range
from .values import slugify as slugify  # read as models.slugify


class Model(BaseModel):
    """Unknown fields are errors: a misspelt field must never be silently ignored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Publishable(Model):
    """What staff can prepare before it is published."""

    draft: bool = Field(False, description="true keeps it out of the published site (shown under mkdocs serve)")
    publish_on: Date | None = Field(None, description="Published from this date on (the daily rebuild shows it)")


# --- content/ ---------------------------------------------------------------


class Topic(Model):
    """An entry of ``content/topics.yml``."""

    title: Title
    description: Markdown = ""
    discussion: bool | None = Field(
        None, description="true or false: discussion on its page (hubgen/content/community.py)"
    )


class Link(Model):
    title: Title
    url: Url


Visibility = Literal["public", "name-only", "hidden"]


class Person(Publishable):
    """``content/people/<id>.yml``: one person."""

    name: Title
    pronouns: Text = ""
    role: Text = Field("", description="Job title or role, e.g. 'Family physician' (until Hubgen 0.2.0: 'title')")
    affiliation: Text = ""
    bio: Markdown = ""
    photo: RelPath | None = None
    links: list[Link] = []
    email: Email | None = Field(None, description="Never published unless email_public is true")
    email_public: bool = False
    visibility: Visibility | None = Field(
        None, description="public, name-only (no page, no link) or hidden (appears nowhere)"
    )


ReadingType = Literal[
    "article", "magazine", "newspaper", "book", "chapter", "report", "video", "podcast", "webpage", "toolkit", "dataset"
]
#: How a participant gets to read it; ``unknown`` (the default, and what ``hubgen import`` writes) says nobody has
#: checked yet, which the site says in those words rather than guess "open".
Access = Literal["open", "free-registration", "library", "paywalled", "unknown"]
_DOI = r"^10\.\d{4,9}/\S+$"


def _bare_doi(value: Any) -> Any:
    """``https://doi.org/10.1/x`` and ``doi:10.1/x`` are taken as ``10.1/x``."""
    value = as_text(value)
    if isinstance(value, str):
        return re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", value.strip(), flags=re.IGNORECASE)
    return value


_KEY_RE = re.compile(r"^[^\s{}(),\\#%~\"'=]+$")


def check_citation_key(value: str) -> str:
    """A citation key as BibTeX, RIS and CSL-JSON all accept it: no spaces, braces, commas or quotes."""
    if not _KEY_RE.match(value):
        raise ValueError(
            f"'{value}' is not a citation key — use letters, digits and - _ : . / only, e.g. nwosu_housing_2021"
        )
    return value


#: The rich text of CSL-JSON (and of Zotero's titles): the only markup a reading's title may hold. It is shown as
#: formatting in citations (hubgen/site/citations/) and taken out wherever the title is plain text.
RICH_TEXT = re.compile(r"</?(?:i|b|sc|sup|sub)>|<span class=\"nocase\">|</span>")


def plain_title(text: str) -> str:
    """A title without its rich-text markup: ``Effects of <i>Salmonella</i>`` → ``Effects of Salmonella``."""
    return RICH_TEXT.sub("", text) if "<" in text else text


#: What a library files a title under (the non-filing start of MARC's title field): quotation marks, brackets and
#: other punctuation, then a leading article of the title's language (English unless the reading says otherwise).
_ARTICLES = {"en": "the|an|a", "es": "el|la|los|las|un|una|unos|unas"}
_NON_FILING = {
    lang: re.compile(rf"^[\W_]*(?:(?:{words})\b[\W_]*(?=\w))?", re.IGNORECASE) for lang, words in _ARTICLES.items()
}
_SPANISH = re.compile(r"^(?:es\b|spa$|spanish$|espa[nñ]ol$|castellano$)", re.IGNORECASE)


def filing_title(title: str, language: str = "") -> str:
    """A title as a library sorts it: without markup, leading punctuation or article, lowercase, accents folded.

    ``"The 'Other' Salmonella"`` and ``“Other” Salmonella`` both file under "other salmonella"; ``Émile`` under "emile";
    with ``language`` Spanish (``es``, ``es-MX``, ``Spanish``), "La casa" under "casa" (and "A la orilla" under "a").
    """
    lang = "es" if _SPANISH.match(language.strip()) else "en"
    text = _NON_FILING[lang].sub("", plain_title(title).strip())
    return anyascii(text).casefold() if not text.isascii() else text.casefold()


class Reading(Publishable):
    """``content/readings/<id>.yml``: one item of the library."""

    title: Title
    authors: TextList = []
    editors: TextList = Field([], description="Editors of a chapter's book, as 'Last, First'")
    year: int | None = Field(None, ge=1000, le=2100)
    month: int | None = Field(
        None, ge=1, le=12, description="Month of publication (1-12): of a magazine or newspaper article, a web page..."
    )
    day: int | None = Field(None, ge=1, le=31, description="Day of publication, with month")
    type: ReadingType
    genre: Text = Field(
        "", description="What the work is, as the reference shows it in brackets: Film, Video, Webinar, Data set..."
    )
    source: Text = Field("", description="Journal, publisher or site")
    publisher: Text = Field("", description="Publisher, where source names a journal, book, site or show")
    place: Text = Field("", description="Place of publication, e.g. 'Boston, MA'")
    edition: Text = Field("", description="Edition, e.g. 2 (written '2nd ed.') or 'Rev.'")
    series: Text = Field("", description="The series the work is part of")
    number: Annotated[Text, WithJsonSchema({"type": ["string", "integer"], "examples": ["WHO/IER/CSDH/08.1"]})] = Field(
        "", description="Report number, episode number, or number in its series"
    )
    volume: Annotated[Text, WithJsonSchema({"type": ["string", "integer"], "examples": [12]})] = ""
    issue: Annotated[Text, WithJsonSchema({"type": ["string", "integer"], "examples": [3]})] = ""
    pages: Text = Field("", description="Page range, e.g. 45-67")
    url: Url | None = None
    urldate: Date | None = Field(
        None, description="When the page was read: shown ('Retrieved ...') only for an undated page, which may change"
    )
    doi: Annotated[str, BeforeValidator(_bare_doi), Field(pattern=_DOI)] | None = None
    isbn: Text = ""
    language: Text = Field(
        "", description="The language it is in, e.g. 'en' or 'es' (a Spanish title's El, La, Los... is not filed on)"
    )
    key: Annotated[str, BeforeValidator(as_text), AfterValidator(check_citation_key)] | None = Field(
        None, description="Citation key in exports (default: the reading's ID); imports match on it"
    )
    topics: IdList = []
    minutes: int | None = Field(None, gt=0, le=10_000, description="Reading or viewing time")
    access: Access = Field(
        "unknown", description="open, free-registration, library or paywalled; unknown (the default) until checked"
    )
    summary: Markdown = ""


# --- programs/ --------------------------------------------------------------


class TitledText(Model):
    title: Title
    text: Markdown = ""


class SessionType(Model):
    title: Title
    description: Markdown = ""


class Program(Model):
    """``programs/<program>/program.yml``."""

    title: Title
    summary: Text = ""
    description: Markdown = ""
    timezone: TimeZone
    objectives: list[TitledText] = []
    components: list[TitledText] = []
    session_types: dict[Annotated[str, AfterValidator(check_id)], SessionType] = Field(min_length=1)
    topics: IdList = []
    contacts: IdList = []
    discussion: bool | None = Field(None, description="false: no discussion on its sessions' and projects' pages")


class Cohort(Model):
    """``programs/<program>/<cohort>/cohort.yml``."""

    title: Title
    starts: Date
    ends: Date
    summary: Markdown = ""
    participants: IdList = []
    facilitators: IdList = []


class Location(Model):
    name: Title
    address: Text = ""
    map: Url | None = Field(None, description="A map or directions link, e.g. https://www.openstreetmap.org/...")
    access_notes: Markdown = Field(
        "", description="Getting in: entrance, step-free access, parking, public transport (Markdown)"
    )


class Online(Model):
    platform: Text = ""
    url: Url | None = None
    publish_link: bool = Field(False, description="Show the meeting link on the public site and in calendar feeds")
    instructions: Markdown = ""


class Material(Model):
    title: Title
    url: Url | None = None
    file: RelPath | None = Field(None, description="A file under content/, e.g. files/slides.pdf")
    kind: Literal["slides", "recording", "handout", "other"] = "other"

    @model_validator(mode="after")
    def _url_or_file(self) -> Material:
        if not self.url and not self.file:
            raise ValueError("a material needs a link or a file — add url: https://... or file: files/...")
        return self


class Assignment(Model):
    title: Title
    due: Date | None = None
    details: Markdown = ""


#: What a session with nothing to read on purpose (a peer circle, a social) says: ``readings: none``.
NO_READINGS = "none"


class ReadingList(Model):
    """The reading IDs to prepare, required and optional; or 'none' when there is nothing to read, on purpose."""

    # "none" is what staff say on purpose; empty or missing lists may have been forgotten (a warning).

    required: IdList = []
    optional: IdList = []
    _none: bool = PrivateAttr(False)

    @property
    def none(self) -> bool:
        """True when the file says ``readings: none``."""
        return self._none

    @model_validator(mode="wrap")
    @classmethod
    def _nothing_on_purpose(cls, value: Any, handler: Any) -> Any:
        if isinstance(value, str):
            if value.strip().lower() != NO_READINGS:
                raise ValueError(
                    f"'{value}' is not a reading list — write required: [reading-id, ...] and optional: [...] "
                    f"under readings, or 'readings: {NO_READINGS}' for a session with nothing to read"
                )
            found = handler({})
            found._none = True
            return found
        return handler(value)

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        lists = handler(core_schema)
        nothing = {"const": NO_READINGS, "description": "Nothing to read for this session, on purpose"}
        return {"anyOf": [lists, nothing]}


class Meeting(Model):
    """What a session and a series of sessions both say: what it is, when, where, who and what to read.

    A series gives each of its dates these values (hubgen/content/series.py copies every field declared here).
    """

    title: Title
    type: Id
    time: Times | None = Field(None, description="09:00-16:00; leave out for an all-day event")
    timezone: TimeZone | None = None
    location: Location | None = None
    online: Online | None = None
    contact: Url | None = Field(
        None, description="Who to write to with a question, or when the meeting link did not arrive (mailto: or a link)"
    )
    speakers: IdList = []
    facilitators: IdList = []
    topics: IdList = []
    readings: ReadingList = Field(
        ReadingList(),
        description="required: [...] and optional: [...] reading IDs; or 'none' when there is nothing to read",
    )


class Session(Publishable, Meeting):
    """Front matter of ``programs/<program>/<cohort>/sessions/<YYYY-MM-DD>-<slug>.md``."""

    date: Date | None = Field(None, description="Defaults to the date in the file name")
    until: Date | None = Field(None, description="Last day of a multi-day event")
    materials: list[Material] = []
    assignments: list[Assignment] = []
    days: dict[Date, Times] = Field(
        {},
        description="A multi-day event's hours on the days that differ from 'time', e.g. 2026-12-11: 09:00-12:00",
    )
    status: Literal["scheduled", "cancelled", "postponed"] = "scheduled"
    series: Id | None = Field(
        None, description="The series (programs/<p>/<c>/series/<id>.yml) this file adds details to, for its date"
    )
    discussion: bool | None = Field(
        None, description="true or false: discussion on its page (hubgen/content/community.py)"
    )


# --- recurring series (hubgen/content/series.py expands them) --------------------------

Status = Literal["scheduled", "cancelled", "postponed"]
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def _weekday(value: Any) -> Any:
    """``Wednesday``, ``wednesdays`` and ``wed`` are all read as ``wednesday``."""
    if isinstance(value, str):
        word = value.strip().lower().rstrip(".")
        for day in WEEKDAYS:
            if word in (day, day + "s", day[:3]):
                return day
    return value


class SeriesDate(Model):
    """One date of a series, under ``dates:``: what differs from the series on that day."""

    title: Title | None = Field(None, description="This date's title (default: the series' title)")
    summary: Markdown = Field("", description="A paragraph for this date, shown above the series' description")
    time: Times | None = None
    speakers: IdList | None = None
    facilitators: IdList | None = None
    topics: IdList | None = None
    readings: ReadingList | None = None
    status: Status | None = None


class Series(Meeting):
    """``programs/<program>/<cohort>/series/<series>.yml``: a weekly session declared once."""

    time: Times | None = Field(None, description="09:00-16:00 every week; leave out for all-day events")
    weekday: Annotated[Weekday, BeforeValidator(_weekday)]
    starts: Date = Field(description="First day of the series (its first session is the first weekday from here)")
    ends: Date = Field(description="Last day of the series")
    description: Markdown = Field("", description="Shown on the page of every date")
    skip: Annotated[list[Date], BeforeValidator(one_or_many)] = Field(
        [], description="Dates with no session (holidays, breaks); never announced, so not in any calendar"
    )
    dates: dict[Date, SeriesDate] = Field({}, description="Per-date title, speakers, topics, readings, status")


class SeriesSession(Session):
    """A session file with ``series:``: adds to or overrides one date of a series."""

    title: Title | None = None  # type: ignore[assignment]  # the series' title unless given
    type: Id | None = None  # type: ignore[assignment]
    series: Id


class Project(Publishable):
    """Front matter of ``programs/<program>/<cohort>/projects/<project>.md``."""

    title: Title
    summary: Text = Field("", description="One or two sentences for the showcase card; default: the body's first")
    team: IdList = []
    organization: Text = ""
    topics: IdList = []
    status: Literal["planning", "active", "completed"] = "active"
    image: RelPath | None = None
    image_alt: Text = ""
    links: list[Link] = []
    discussion: bool | None = Field(
        None, description="true or false: discussion on its page (hubgen/content/community.py)"
    )


class Topics(RootModel[dict[Annotated[str, AfterValidator(check_id)], Topic]]):
    """``content/topics.yml``: topic ID → title and description."""


class Announcement(Publishable):
    """Front matter of ``content/news/<YYYY-MM-DD>-<slug>.md``."""

    title: Title
    date: Date | None = Field(None, description="Defaults to the date in the file name")
    programs: IdList = Field([], description="Program IDs it is for; none: the whole hub")
    author: Id | None = Field(None, description="Person ID of who posts it")
    summary: Text = Field("", description="One or two sentences for lists and feeds; default: the first paragraph")


class Titled:
    """What is called by the ``title`` of its file (a person goes by ``name``; a reading's title is plain text)."""

    data: Any

    @property
    def title(self) -> str:
        return str(self.data.title)
