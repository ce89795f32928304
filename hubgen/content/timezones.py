"""Time-zone abbreviations people type (PST, CET, IST) and the IANA zones they mean.

An abbreviation names an offset, not a place: "EST" is five hours behind UTC all year, while New York moves to
EDT in summer, and "IST" is India, Ireland or Israel. A session's time needs the place. The abbreviations below
are those in common use, each with the zones that use it, the likeliest first; one zone means the abbreviation can
be read as that zone (and said so), several mean the person picks.
"""

from __future__ import annotations

#: abbreviation → (what it is called, the IANA zones that use it, the likeliest first)
ABBREVIATIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    # North America: each pair (standard and summer time) is one place that changes with the season.
    **dict.fromkeys(("PST", "PDT", "PT"), ("US Pacific time", ("America/Los_Angeles",))),
    **dict.fromkeys(("MST", "MDT", "MT"), ("US Mountain time", ("America/Denver", "America/Phoenix"))),
    **dict.fromkeys(
        ("CST", "CDT", "CT"), ("Central time", ("America/Chicago", "America/Mexico_City", "Asia/Shanghai"))
    ),
    **dict.fromkeys(("EST", "EDT", "ET"), ("US Eastern time", ("America/New_York",))),
    **dict.fromkeys(("AKST", "AKDT"), ("Alaska time", ("America/Anchorage",))),
    **dict.fromkeys(("HST", "HAST"), ("Hawaii time", ("Pacific/Honolulu",))),
    **dict.fromkeys(
        ("AST", "ADT"), ("Atlantic or Arabia time", ("America/Halifax", "America/Puerto_Rico", "Asia/Riyadh"))
    ),
    **dict.fromkeys(("NST", "NDT"), ("Newfoundland time", ("America/St_Johns",))),
    # Europe and Africa
    **dict.fromkeys(("GMT", "BST"), ("UK time", ("Europe/London",))),
    "UTC": ("Coordinated Universal Time", ("UTC",)),
    **dict.fromkeys(("IST",), ("India, Irish or Israel time", ("Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"))),
    **dict.fromkeys(
        ("CET", "CEST", "MET", "MEST"),
        (
            "Central European time",
            ("Europe/Berlin", "Europe/Paris", "Europe/Madrid", "Europe/Rome", "Europe/Amsterdam", "Europe/Warsaw"),
        ),
    ),
    **dict.fromkeys(
        ("EET", "EEST"), ("Eastern European time", ("Europe/Athens", "Europe/Helsinki", "Europe/Kyiv", "Africa/Cairo"))
    ),
    **dict.fromkeys(("WET", "WEST"), ("Western European time", ("Europe/Lisbon", "Atlantic/Canary"))),
    "MSK": ("Moscow time", ("Europe/Moscow",)),
    "WAT": ("West Africa time", ("Africa/Lagos", "Africa/Kinshasa")),
    "CAT": ("Central Africa time", ("Africa/Maputo", "Africa/Harare", "Africa/Lusaka")),
    "EAT": ("East Africa time", ("Africa/Nairobi", "Africa/Addis_Ababa", "Africa/Dar_es_Salaam")),
    "SAST": ("South Africa time", ("Africa/Johannesburg",)),
    # Asia and the Pacific
    "PKT": ("Pakistan time", ("Asia/Karachi",)),
    "WIB": ("Western Indonesia time", ("Asia/Jakarta",)),
    "SGT": ("Singapore time", ("Asia/Singapore",)),
    "HKT": ("Hong Kong time", ("Asia/Hong_Kong",)),
    "PHT": ("Philippine time", ("Asia/Manila",)),
    "JST": ("Japan time", ("Asia/Tokyo",)),
    "KST": ("Korea time", ("Asia/Seoul",)),
    **dict.fromkeys(
        ("AEST", "AEDT"), ("Australian Eastern time", ("Australia/Sydney", "Australia/Melbourne", "Australia/Brisbane"))
    ),
    **dict.fromkeys(("ACST", "ACDT"), ("Australian Central time", ("Australia/Adelaide", "Australia/Darwin"))),
    "AWST": ("Australian Western time", ("Australia/Perth",)),
    **dict.fromkeys(("NZST", "NZDT"), ("New Zealand time", ("Pacific/Auckland",))),
    # South America
    "BRT": ("Brasília time", ("America/Sao_Paulo",)),
    "ART": ("Argentina time", ("America/Argentina/Buenos_Aires",)),
}


def zones_for(text: str) -> tuple[str, tuple[str, ...]] | None:
    """What ``text`` is called and the zones it may mean, if it is a time-zone abbreviation (any case)."""
    return ABBREVIATIONS.get(text.strip().upper())


def abbreviation_hint(text: str) -> str | None:
    """What ``text`` is when used as a zone name, with the IANA zone(s) to write instead; or None."""
    found = zones_for(text)
    if found is None:
        return None
    name, zones = found
    if len(zones) == 1:
        return f"an abbreviation ({name}) — write the place's zone: {zones[0]}"
    return f"an abbreviation ({name}) used by several places — write one of: {', '.join(zones)}"


def read_timezone(text: str) -> tuple[str, str | None]:
    """The IANA zone ``text`` means, and a note when it was an abbreviation read as a place ("PST" → Los Angeles).

    Raises ValueError naming the zones to choose from when the abbreviation is used by several places.
    """
    found = zones_for(text)
    if found is None or "/" in text:
        return text, None
    name, zones = found
    if len(zones) > 1:
        raise ValueError(f"'{text.strip()}' is {abbreviation_hint(text)}")
    if zones[0] == "UTC":
        return "UTC", None
    return zones[0], f"{text.strip()} ({name}) is read as {zones[0]}, which follows its summer-time changes"
