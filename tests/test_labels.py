"""One vocabulary: every value staff type (a reading's type and access, a session's status, a material's kind...) is
shown through the one table of labels (hubgen/site/labels.py), the same on every page — never as it is typed.

The check reads every page of the built example hub, as a reader sees it (text, not markup or data attributes).
"""

from __future__ import annotations

import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from hubgen.hub.graph import Hub
from hubgen.site.labels import LABELS, label

#: Values as staff type them that must never reach a reader: hyphenated IDs, run-together words, lowercase labels.
RAW = re.compile(r"\b(?:paywalled|free[- ]registration|webpage)\b", re.IGNORECASE)


def visible_text(html: str) -> tuple[str, LexborNode]:
    """The text of the page's article without what a reader does not see as text, and the article, parsed by
    Lexbor (an HTML5 parser, as the browser parses; thirty times faster than BeautifulSoup over every page)."""
    tree = LexborHTMLParser(html)
    article = tree.css_first("article") or tree.root
    assert article is not None
    for hidden in article.css("script, style, template, noscript, pre, code"):
        hidden.decompose()
    return article.text(separator=" "), article


def test_no_raw_label_appears_anywhere_in_the_built_site(example_site: Path):
    found: list[str] = []
    labelled = {
        value for kind in ("type", "access", "status", "project_status", "material", "mode") for value in LABELS[kind]
    }
    pages = sorted(example_site.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        text, article = visible_text(path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(example_site)}: {m.group(0)!r}" for m in RAW.finditer(text)]
        # The fields of a line of metadata: a raw value ("library", "open") in place of its label.
        for meta in article.css(".hg-reading__meta, .hg-session__meta, .hg-card__meta, .hg-badge, .hg-status"):
            for part in re.split(r"\s·\s", meta.text(separator=" ").strip()):
                if part.strip() in labelled:
                    found.append(
                        f"{path.relative_to(example_site)}: {part.strip()!r} in {meta.attributes.get('class')}"
                    )
    assert found == [], "\n".join(found[:20])


def test_labels_come_from_one_table_and_read_as_words(hub: Hub):
    assert label("webpage", "type") == "Web page"
    assert label("library", "access") != "Library"  # beside the Library tab, "Library" alone says nothing
    for kind, table in LABELS.items():
        for value, text in table.items():
            assert text[:1].isupper() and text != value, f"{kind}: {value} → {text}"
    # Every value the models allow has a label.
    from hubgen.content import models

    for kind, model_field in [
        ("type", models.Reading.model_fields["type"]),
        ("access", models.Reading.model_fields["access"]),
    ]:
        assert set(model_field.annotation.__args__) == set(LABELS[kind]), kind  # type: ignore[union-attr]


def test_initials_are_first_and_last_name(hub: Hub):
    person = next(p for p in hub.people.values() if "-" in p.name.split(",")[0].split()[-1])
    first, last = person.name.split(",")[0].split()[0], person.name.split(",")[0].split()[-1]
    assert person.initials == (first[0] + last[0]).upper()
    samuel = hub.people.get("samuel-adeyemi-brooks")
    assert samuel is not None, "the example hub's person with a two-part family name is gone"
    assert samuel.initials == "SA"
