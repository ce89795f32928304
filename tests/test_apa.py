"""APA 7 references as a reference desk writes them: one row per case, the expected string exact.

Each row is a reading as staff (or ``hubgen import``) write it; the expectation is the reference from the
APA Publication Manual, 7th edition (section numbers in the row's comment), as the reading page shows it
(HTML: ``<i>`` for italics, ``&amp;`` for the ampersand; the DOI or URL at the end is a link, shown here as its
text). Titles are printed as typed: APA's sentence case is not applied (see README, "Citations").
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from hubgen.authoring.importer import read_csl_json
from hubgen.content import models
from hubgen.hub.graph import Reading
from hubgen.site.citations import apa

EDITED = "Community-based participatory research for health: From process to outcomes"

CASES: list[tuple[str, dict[str, Any] | str, str]] = [
    (  # 10.1 journal article with DOI; a title ending in "?" takes no period (issue 15, case 10)
        "article",
        {
            "title": "What is health equity? And what difference does a definition make?",
            "authors": ["Braveman, Paula", "Arkin, Elaine"],
            "year": 2017,
            "type": "article",
            "source": "Health Affairs",
            "volume": 36,
            "issue": 6,
            "pages": "1-10",
            "doi": "10.1377/hlthaff.2017.0001",
        },
        "Braveman, P., &amp; Arkin, E. (2017). What is health equity? And what difference does a definition make? "
        "<i>Health Affairs</i>, <i>36</i>(6), 1–10. https://doi.org/10.1377/hlthaff.2017.0001",
    ),
    (  # 9.12 no author: the title moves to the author position, and is not repeated
        "article without author",
        {
            "title": "Heat and health",
            "year": 2019,
            "type": "article",
            "source": "The Lancet",
            "volume": 394,
            "pages": "100-101",
        },
        "Heat and health. (2019). <i>The Lancet</i>, <i>394</i>, 100–101.",
    ),
    (  # 10.2 book, edition (issue 15, case 2: "(2nd ed.)" was lost)
        "book with edition",
        {
            "title": "Pedagogy of the oppressed",
            "authors": ["Freire, Paulo"],
            "year": 2000,
            "type": "book",
            "source": "Continuum",
            "edition": 2,
        },
        "Freire, P. (2000). <i>Pedagogy of the oppressed</i> (2nd ed.). Continuum.",
    ),
    (  # 10.2 edited book: editors once, "(Eds.)" (issue 15, cases 2 and 3)
        "edited book",
        {
            "title": EDITED,
            "editors": ["Minkler, Meredith", "Wallerstein, Nina"],
            "year": 2008,
            "type": "book",
            "source": "Jossey-Bass",
            "edition": 2,
        },
        f"Minkler, M., &amp; Wallerstein, N. (Eds.). (2008). <i>{EDITED}</i> (2nd ed.). Jossey-Bass.",
    ),
    (  # 9.10 one editor: "(Ed.)"
        "book with one editor",
        {
            "title": "Health equity reader",
            "editors": ["Minkler, Meredith"],
            "year": 2012,
            "type": "book",
            "source": "Jossey-Bass",
        },
        "Minkler, M. (Ed.). (2012). <i>Health equity reader</i>. Jossey-Bass.",
    ),
    (  # 10.3 chapter in an edited book, with edition and pages
        "chapter in an edited book",
        {
            "title": "The theoretical, historical, and practice roots of CBPR",
            "authors": ["Wallerstein, Nina", "Duran, Bonnie"],
            "editors": ["Minkler, Meredith", "Wallerstein, Nina"],
            "year": 2008,
            "type": "chapter",
            "source": EDITED,
            "publisher": "Jossey-Bass",
            "pages": "25-46",
            "edition": 2,
        },
        "Wallerstein, N., &amp; Duran, B. (2008). The theoretical, historical, and practice roots of CBPR. "
        f"In M. Minkler &amp; N. Wallerstein (Eds.), <i>{EDITED}</i> (2nd ed., pp. 25–46). Jossey-Bass.",
    ),
    (  # 10.4 report by a group author, the publisher not repeated; its number as written
        "report by an organisation",
        {
            "title": "Closing the gap in a generation: Health equity through action on the social determinants of "
            "health",
            "authors": ["World Health Organization"],
            "year": 2008,
            "type": "report",
            "source": "World Health Organization",
            "number": "WHO/IER/CSDH/08.1",
            "url": "https://www.who.int/publications/i/item/WHO-IER-CSDH-08.1",
        },
        "World Health Organization. (2008). <i>Closing the gap in a generation: Health equity through action on the "
        "social determinants of health</i> (WHO/IER/CSDH/08.1). "
        "https://www.who.int/publications/i/item/WHO-IER-CSDH-08.1",
    ),
    (  # 10.4 report with a number; 9.8 hyphenated given names keep the hyphen (issue 15, case 4)
        "report with a number, hyphenated names",
        {
            "title": "Neighborhood heat survey",
            "authors": ["Lee, Seo-yeon", "Park, Hyun-joo"],
            "year": 2021,
            "type": "report",
            "source": "Riverbend Health Department",
            "number": 12,
        },
        "Lee, S.-Y., &amp; Park, H.-J. (2021). <i>Neighborhood heat survey</i> (Report No. 12). "
        "Riverbend Health Department.",
    ),
    (  # 10.12 film (issue 15, case 5)
        "film",
        {
            "title": "Unnatural causes: Is inequality making us sick?",
            "authors": ["Adelman, Larry"],
            "year": 2008,
            "type": "video",
            "genre": "Film",
            "source": "California Newsreel",
        },
        "Adelman, L. (2008). <i>Unnatural causes: Is inequality making us sick?</i> [Film]. California Newsreel.",
    ),
    (  # 10.1 magazine article: its title roman, the magazine italic, the full date (issue 29)
        "magazine article",
        {
            "title": "Heat waves and the city",
            "authors": ["Klinenberg, Eric"],
            "year": 2020,
            "month": 7,
            "day": 14,
            "type": "magazine",
            "source": "The New Yorker",
            "volume": 96,
            "issue": 20,
            "pages": "30-35",
            "url": "https://example.org/magazine",
        },
        "Klinenberg, E. (2020, July 14). Heat waves and the city. <i>The New Yorker</i>, <i>96</i>(20), 30–35. "
        "https://example.org/magazine",
    ),
    (  # 10.1 newspaper article, with its page and the full date (issue 29)
        "newspaper article",
        {
            "title": "Cooling centers open early as heat arrives",
            "authors": ["Ortiz, Maria"],
            "year": 2023,
            "month": 6,
            "day": 3,
            "type": "newspaper",
            "source": "Riverbend Courier",
            "pages": "A1",
            "url": "https://example.org/news",
        },
        "Ortiz, M. (2023, June 3). Cooling centers open early as heat arrives. <i>Riverbend Courier</i>, A1. "
        "https://example.org/news",
    ),
    (  # 10.12 a film from CSL-JSON (motion_picture, no genre): "[Film]" (issue 29; the row's fields are the import's)
        "film from CSL-JSON",
        "csl:"
        + json.dumps(
            {
                "type": "motion_picture",
                "title": "Place matters",
                "author": [{"family": "Adelman", "given": "Larry"}],
                "issued": {"date-parts": [[2008]]},
                "publisher": "California Newsreel",
            }
        ),
        "Adelman, L. (2008). <i>Place matters</i> [Film]. California Newsreel.",
    ),
    (  # 10.1 a supplement as PubMed gives it: "100 Suppl 1, S40-46" (issue 29)
        "supplement",
        {
            "title": "Heat and the heart",
            "authors": ["Lee, Ann"],
            "year": 2019,
            "type": "article",
            "source": "Circulation",
            "volume": "100 Suppl 1",
            "pages": "S40-46",
            "doi": "10.1161/01.cir.100.suppl_1.s40",
        },
        "Lee, A. (2019). Heat and the heart. <i>Circulation</i>, <i>100</i>(Suppl. 1), S40–S46. "
        "https://doi.org/10.1161/01.cir.100.suppl_1.s40",
    ),
    (  # 10.12 online video, with its full date
        "video",
        {
            "title": "Public narrative explained",
            "authors": ["Ganz, Marshall"],
            "year": 2013,
            "month": 3,
            "day": 7,
            "type": "video",
            "source": "YouTube",
            "url": "https://www.youtube.com/watch?v=abc",
        },
        "Ganz, M. (2013, March 7). <i>Public narrative explained</i> [Video]. YouTube. "
        "https://www.youtube.com/watch?v=abc",
    ),
    (  # 10.13 podcast episode with its number; "Jean-Pierre" → "J.-P."
        "podcast episode",
        {
            "title": "Redlining and heat",
            "authors": ["Nguyen, Jean-Pierre"],
            "year": 2020,
            "month": 5,
            "day": 1,
            "type": "podcast",
            "source": "Health Equity Now",
            "publisher": "Riverbend Radio",
            "number": 12,
            "url": "https://example.org/ep12",
        },
        "Nguyen, J.-P. (2020, May 1). Redlining and heat (No. 12) [Audio podcast episode]. In <i>Health Equity "
        "Now</i>. Riverbend Radio. https://example.org/ep12",
    ),
    (  # 10.16 webpage with a date: no retrieval date; "?" then no period (issue 15, case 10)
        "webpage",
        {
            "title": "What is health equity?",
            "authors": ["Robert Wood Johnson Foundation"],
            "year": 2017,
            "month": 5,
            "day": 1,
            "type": "webpage",
            "source": "RWJF",
            "url": "https://www.rwjf.org/health-equity",
            "urldate": "2024-07-15",
        },
        "Robert Wood Johnson Foundation. (2017, May 1). <i>What is health equity?</i> RWJF. "
        "https://www.rwjf.org/health-equity",
    ),
    (  # 10.16 undated page without a retrieval date: no bare "Retrieved" (issue 15, case 10)
        "webpage without date",
        {
            "title": "Heat safety tips",
            "type": "webpage",
            "source": "City of Riverbend",
            "url": "https://example.org/heat",
        },
        "<i>Heat safety tips</i>. (n.d.). City of Riverbend. https://example.org/heat",
    ),
    (  # 9.16 undated page designed to change: the retrieval date
        "webpage without date, retrieved",
        {
            "title": "Heat index today",
            "authors": ["City of Riverbend"],
            "type": "webpage",
            "url": "https://example.org/heat-index",
            "urldate": "2024-07-15",
        },
        "City of Riverbend. (n.d.). <i>Heat index today</i>. Retrieved July 15, 2024, from "
        "https://example.org/heat-index",
    ),
    (  # 10.4 toolkit: a report with its description in brackets
        "toolkit",
        {
            "title": "Community engagement toolkit",
            "authors": ["Riverbend Community Health Collaborative"],
            "year": 2022,
            "type": "toolkit",
            "source": "Riverbend Community Health Collaborative",
            "url": "https://example.org/toolkit",
        },
        "Riverbend Community Health Collaborative. (2022). <i>Community engagement toolkit</i> [Toolkit]. "
        "https://example.org/toolkit",
    ),
    (  # 10.9 data set: "[Data set]"
        "dataset",
        {
            "title": "Heat vulnerability index",
            "authors": ["Riverbend Health Department"],
            "year": 2023,
            "type": "dataset",
            "source": "Riverbend Open Data",
            "url": "https://example.org/data",
        },
        "Riverbend Health Department. (2023). <i>Heat vulnerability index</i> [Data set]. Riverbend Open Data. "
        "https://example.org/data",
    ),
    (  # 9.17 no date
        "book without year",
        {"title": "Organizing for health", "authors": ["Ganz, Marshall"], "type": "book", "source": "Harvard"},
        "Ganz, M. (n.d.). <i>Organizing for health</i>. Harvard.",
    ),
    (  # 9.12 no author and no date, with an edition: title first, the edition once
        "book without author or year",
        {
            "title": "Merriam-Webster's collegiate dictionary",
            "type": "book",
            "source": "Merriam-Webster",
            "edition": 11,
        },
        "<i>Merriam-Webster's collegiate dictionary</i> (11th ed.). (n.d.). Merriam-Webster.",
    ),
    (  # a title in title case, ending in "?", in italics: "?</i>" and no period
        "italic title ending in a question mark",
        {
            "title": "What Is Health Equity? And What Difference Does a Definition Make?",
            "authors": ["Braveman, Paula"],
            "year": 2017,
            "type": "report",
            "source": "RWJF",
        },
        "Braveman, P. (2017). <i>What Is Health Equity? And What Difference Does a Definition Make?</i> RWJF.",
    ),
    (  # 6.22 a species in an italic title is set in roman; Zotero's rich text kept (issue 15, case 8)
        "rich text in an italic title",
        {
            "title": "Effects of <i>Salmonella</i> on H<sub>2</sub>O uptake",
            "authors": ["Lee, Ann"],
            "year": 2019,
            "type": "book",
            "source": "Harbor Press",
        },
        'Lee, A. (2019). <i>Effects of <span style="font-style:normal;">Salmonella</span> on H<sub>2</sub>O '
        "uptake</i>. Harbor Press.",
    ),
    (  # the same in an article title (not italic): the species in italics
        "rich text in an article title",
        {
            "title": "Effects of <i>Salmonella</i>",
            "authors": ["Lee, Ann"],
            "year": 2019,
            "type": "article",
            "source": "Journal of Things",
        },
        "Lee, A. (2019). Effects of <i>Salmonella</i>. <i>Journal of Things</i>.",
    ),
    (  # markup that is not well-formed rich text is text, escaped
        "broken markup stays text",
        {
            "title": "Effects of <i>Salmonella <script>alert(1)</script>",
            "authors": ["Lee, Ann"],
            "year": 2019,
            "type": "book",
            "source": "P",
        },
        "Lee, A. (2019). <i>Effects of &lt;i&gt;Salmonella &lt;script&gt;alert(1)&lt;/script&gt;</i>. P.",
    ),
]


def render(fields: dict[str, Any] | str) -> str:
    if isinstance(fields, str):  # "csl:{...}": a CSL-JSON item, as hubgen import reads it
        [item] = read_csl_json("[" + fields.removeprefix("csl:") + "]", "item.json")
        fields = item.fields
    reading = Reading(id="r", file="content/readings/r.yml", url="library/r/", data=models.Reading(**fields))
    html = str(apa(reading))
    link = re.search(r'<a class="hg-url" href="([^"]+)">([^<]+)</a>', html)
    if link:
        assert link.group(1) == link.group(2) and html.endswith(link.group(0)), html
        html = html.replace(link.group(0), link.group(2))
    return html


@pytest.mark.parametrize(("fields", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_apa_reference(fields: dict[str, Any], expected: str):
    assert render(fields) == expected
