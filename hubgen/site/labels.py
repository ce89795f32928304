"""Every label a reader sees for a value staff type: one table, used by every page, filter and feed.

A value from YAML (``access: paywalled``, ``type: webpage``, ``status: cancelled``) is never shown as it is
typed: templates write ``{{ value|label("access") }}``, and the library's and showcase's filters take their
labels from here too, so the same value reads the same everywhere. tests/test_labels.py checks the built
site for raw values.
"""

from __future__ import annotations

import gettext


def N_(text: str) -> str:
    """``text`` as it is: marks a string for the catalog (``pybabel extract -k N_``), translated where it is shown."""
    return text


LABELS: dict[str, dict[str, str]] = {
    # a reading's type
    "type": {
        "article": N_("Article"),
        "magazine": N_("Magazine article"),
        "newspaper": N_("Newspaper article"),
        "book": N_("Book"),
        "chapter": N_("Chapter"),
        "report": N_("Report"),
        "video": N_("Video"),
        "podcast": N_("Podcast"),
        "webpage": N_("Web page"),
        "toolkit": N_("Toolkit"),
        "dataset": N_("Data set"),
    },
    # a reading's access, short (lists, filters) and in full (the reading's page)
    "access": {
        "open": N_("Open access"),
        "free-registration": N_("Free with sign-up"),
        "library": N_("Library subscription"),
        "paywalled": N_("Paid access"),
        "unknown": N_("Access not checked"),
    },
    "access_long": {
        "open": N_("Open access: anyone can read it"),
        "free-registration": N_("Free with sign-up: the publisher asks you to create an account"),
        "library": N_(
            "Library subscription: free through a university or hospital library — "
            "without one, ask the program staff for a copy"
        ),
        "paywalled": N_("Paid access — ask the program staff for a copy"),
        "unknown": N_(
            "Access not checked yet: try the link, and if it asks you to pay or sign in, "
            "ask the program staff for a copy"
        ),
    },
    # a session's status
    "status": {"scheduled": N_("Scheduled"), "cancelled": N_("Cancelled"), "postponed": N_("Postponed")},
    # a project's status
    "project_status": {"planning": N_("Planning"), "active": N_("Active"), "completed": N_("Completed")},
    # a session's material
    "material": {"slides": N_("Slides"), "recording": N_("Recording"), "handout": N_("Handout"), "other": N_("Link")},
    # how a session meets
    "mode": {"online": N_("Online"), "in-person": N_("In person"), "hybrid": N_("Hybrid")},
    # a reading in a session's list
    "level": {"required": N_("Required"), "optional": N_("Optional")},
    # a person's part in a session
    "role": {"speaker": N_("Speaker"), "facilitator": N_("Facilitator"), "contact": N_("Program staff")},
}


def label(value: str, kind: str, tr: gettext.NullTranslations | None = None) -> str:
    """The label of ``value`` of the field ``kind``: ``label("webpage", "type")`` → ``"Web page"`` (with ``tr``,
    in the hub's language: hubgen/site/i18n.py)."""
    text = LABELS[kind].get(value, value)
    return tr.gettext(text) if tr is not None and value in LABELS[kind] else text


TYPE_LABELS = LABELS["type"]
ACCESS_LABELS = LABELS["access_long"]
ACCESS_SHORT = LABELS["access"]
