"""Every label a reader sees for a value staff type: one table, used by every page, filter and feed.

A value from YAML (``access: paywalled``, ``type: webpage``, ``status: cancelled``) is never shown as it is
typed: templates write ``{{ value|label("access") }}``, and the library's and showcase's filters take their
labels from here too, so the same value reads the same everywhere. tests/test_labels.py checks the built
site for raw values.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    # a reading's type
    "type": {
        "article": "Article",
        "magazine": "Magazine article",
        "newspaper": "Newspaper article",
        "book": "Book",
        "chapter": "Chapter",
        "report": "Report",
        "video": "Video",
        "podcast": "Podcast",
        "webpage": "Web page",
        "toolkit": "Toolkit",
        "dataset": "Data set",
    },
    # a reading's access, short (lists, filters) and in full (the reading's page)
    "access": {
        "open": "Open access",
        "free-registration": "Free with sign-up",
        "library": "Library subscription",
        "paywalled": "Paid access",
        "unknown": "Access not checked",
    },
    "access_long": {
        "open": "Open access: anyone can read it",
        "free-registration": "Free with sign-up: the publisher asks you to create an account",
        "library": "Library subscription: free through a university or hospital library — "
        "without one, ask the program staff for a copy",
        "paywalled": "Paid access — ask the program staff for a copy",
        "unknown": "Access not checked yet: try the link, and if it asks you to pay or sign in, "
        "ask the program staff for a copy",
    },
    # a session's status
    "status": {"scheduled": "Scheduled", "cancelled": "Cancelled", "postponed": "Postponed"},
    # a project's status
    "project_status": {"planning": "Planning", "active": "Active", "completed": "Completed"},
    # a session's material
    "material": {"slides": "Slides", "recording": "Recording", "handout": "Handout", "other": "Link"},
    # how a session meets
    "mode": {"online": "Online", "in-person": "In person", "hybrid": "Hybrid"},
    # a reading in a session's list
    "level": {"required": "Required", "optional": "Optional"},
    # a person's part in a session
    "role": {"speaker": "Speaker", "facilitator": "Facilitator", "contact": "Program staff"},
}


def label(value: str, kind: str) -> str:
    """The label of ``value`` of the field ``kind``: ``label("webpage", "type")`` → ``"Web page"``."""
    return LABELS[kind].get(value, value)


TYPE_LABELS = LABELS["type"]
ACCESS_LABELS = LABELS["access_long"]
ACCESS_SHORT = LABELS["access"]
