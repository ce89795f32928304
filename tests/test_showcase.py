"""The showcase, people and topics pages of the example hub, checked through their HTML."""

from __future__ import annotations

from bs4 import Tag

from hubgen.hub.load import load_hub
from tests.helpers import page

FACETS = ["program", "cohort", "topic", "status"]


def text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


# --- the gallery ------------------------------------------------------------------------------------------


def test_the_gallery_has_a_card_for_every_project_with_its_facet_values(example_site, hub):
    soup = page(example_site, "showcase/")
    cards = soup.select("ul#showcase-projects > li[data-hg-item]")
    assert len(cards) == len(hub.projects) >= 15
    for card, project in zip(cards, hub.projects, strict=True):
        assert card.select_one("a.hg-card__title").get_text(strip=True) == project.title
        assert card["data-program"] == project.program.id
        assert card["data-cohort"] == f"{project.program.id}--{project.cohort.id}"
        assert card["data-topic"].split() == [t.id for t in project.topics]
        assert card["data-status"] == project.data.status
        words = card["data-text"]
        assert words == words.lower() and project.title.lower() in words
        assert project.data.organization.lower() in words
        for person in project.team:
            assert (person.name.lower() in words) == person.listed
        shown = text(card)
        assert project.program.title in shown and project.cohort.title in shown
        assert project.data.status.capitalize() in shown
        assert all(t.title in shown for t in project.topics)


def test_the_gallery_filter_follows_the_shared_contract(example_site, hub):
    soup = page(example_site, "showcase/")
    form = soup.select_one('form.hg-filters[data-hg-filter="showcase-projects"]')
    assert form is not None and form.has_attr("hidden"), "hidden until facets.js runs: no JS, every card shows"
    assert form.select_one("input[type=search][data-hg-text]")["id"] == "showcase-projects-words"
    assert form.select_one('label[for="showcase-projects-words"]')
    assert form.select_one("output[data-hg-shown]")
    assert [fs["data-hg-facet"] for fs in form.select("fieldset[data-hg-facet]")] == FACETS
    cards = soup.select("ul#showcase-projects > li[data-hg-item]")
    for fieldset in form.select("fieldset[data-hg-facet]"):
        name = fieldset["data-hg-facet"]
        assert fieldset.select_one("legend")
        values = []
        for label in fieldset.select("label"):
            box = label.select_one("input[type=checkbox]")
            assert box["name"] == name and label.select_one("span.hg-count[data-hg-count]")
            values.append(box["value"])
        used = {v for card in cards for v in card[f"data-{name}"].split()}
        assert set(values) == used, f"{name}: every value some card has, and only those"
    script = example_site / "assets" / "hubgen" / "facets.js"
    # Fetched by hubgen.js on a page that has a filter (tests/browser/test_library.py), not a script of every page.
    assert script.is_file() and soup.select_one('script[src$="assets/hubgen/hubgen.js"]')
    assert not soup.select_one('script[src$="assets/hubgen/facets.js"]')


def test_a_project_page_has_team_organization_summary_outcomes_links_and_related_work(example_site, hub):
    project = next(j for j in hub.projects if j.data.links and len(hub.visible(j.team)) >= 2)
    soup = page(example_site, project.url)
    article = soup.select_one("article")
    facts = text(article.select_one("dl.hg-facts"))
    for person in project.team:
        assert (person.name in facts) == person.listed
    assert project.data.organization in facts and project.data.status.capitalize() in facts
    assert soup.select_one("h2#outcomes"), "the body's outcomes"
    assert project.summary.split(".")[0] in text(article)
    assert {a["href"] for a in article.select("ul.hg-links a")} == {link.url for link in project.data.links}
    img = article.select_one("img.hg-project__image")
    assert img["alt"] == project.data.image_alt and img["width"] and img["height"]
    related = {a.get_text(strip=True) for a in article.select("ol.hg-sessions a.hg-session__title")}
    by_title = {s.title: s for s in hub.sessions}
    assert related and all(set(by_title[t].topics) & set(project.topics) for t in related)
    readings = {a.get_text(strip=True) for a in article.select("ul.hg-readings a.hg-reading__title")}
    by_title_r = {r.title: r for r in hub.readings.values()}
    assert readings and all(set(by_title_r[t].topics) & set(project.topics) for t in readings)


# --- people ----------------------------------------------------------------------------------------------


def test_the_directory_groups_people_by_role(example_site, hub):
    soup = page(example_site, "people/")
    headings = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in soup.select("article h2")]
    assert headings[:3] == ["Program staff", "Facilitators and faculty", "Speakers"]
    assert all(h.startswith("Participants — ") for h in headings[3:]) and len(headings) > 4
    groups = {h["id"]: h.find_next_sibling("ul") for h in soup.select("article h2")}
    staff = {text(li) for li in groups["staff"].select("li")}
    contacts = [p for p in hub.people.values() if "contact" in p.roles and p.listed]
    assert contacts, "the example hub has no listed contact person"
    for person in contacts:
        assert any(person.name in entry for entry in staff)
    cohort = next(c for c in hub.cohorts if any(p.visibility == "name-only" for p in c.participants))
    listing = groups[f"{cohort.program.id}-{cohort.id}"]
    for person in cohort.participants:
        entry = next((li for li in listing.select("li") if person.name in text(li)), None)
        assert (entry is not None) == person.listed, person.id
        if entry is not None:
            assert (entry.select_one("a") is not None) == person.has_page, person.id


def test_people_have_photos_or_initials(example_site, hub):
    soup = page(example_site, "people/")
    photos = {img.find_parent("li").select_one("a").get_text(strip=True) for img in soup.select("img.hg-avatar")}
    assert photos == {p.name for p in hub.people.values() if p.data.photo and p.has_page}
    initials = soup.select("span.hg-avatar")
    assert initials and all(i["aria-hidden"] == "true" and 1 <= len(i.get_text(strip=True)) <= 2 for i in initials)


def test_a_speaker_page_splits_sessions_and_links_the_calendar_feed(example_site, hub):
    person = max((p for p in hub.people.values() if p.has_page and "speaker" in p.roles), key=lambda p: len(p.sessions))
    soup = page(example_site, person.url)
    upcoming = soup.select_one("h2#upcoming-sessions").find_next_sibling("ol")
    past = soup.select_one("h2#past-sessions").find_next_sibling("ol")
    assert "hg-upcoming" in upcoming["class"] and "hg-past-sessions" in past["class"]
    titles = [a.get_text(strip=True) for a in upcoming.select("a.hg-session__title")]
    assert titles == [s.title for s in person.sessions], "all, in date order: the browser hides the past ones"
    assert [a.get_text(strip=True) for a in past.select("a.hg-session__title")] == titles[::-1]
    assert all(li.has_attr("data-hg-start") and li.has_attr("data-hg-end") for li in past.select("li"))
    feed = soup.select_one(".hg-subscribe a[href$='calendar.ics'][type='text/calendar']")
    assert feed is not None, "speakers and facilitators get a link to their calendar feed"
    assert (example_site / person.url / feed["href"]).resolve().is_file()
    projects = next((p for p in hub.people.values() if p.has_page and p.projects), None)
    assert projects is not None, "no person of the example hub with a page is on a project's team"
    cards = page(example_site, projects.url).select("ul.hg-cards a.hg-card__title")
    assert {a.get_text(strip=True) for a in cards} == {j.title for j in projects.projects}


# --- topics ----------------------------------------------------------------------------------------------


def test_the_topic_index_counts_what_is_on_each_topic(example_site, hub):
    soup = page(example_site, "topics/")
    items = {li.select_one("a").get_text(strip=True): li for li in soup.select("ul.hg-topics > li")}
    assert set(items) == {t.title for t in hub.topics.values()}
    for topic in hub.topics.values():
        li = items[topic.title]
        assert li.select_one(".hg-count").get_text(strip=True) == str(topic.count)
        assert f"{len(topic.sessions)} session" in text(li) and f"{len(topic.projects)} project" in text(li)


def test_a_topic_page_gathers_sessions_readings_projects_and_people(example_site, hub):
    topic = max(hub.topics.values(), key=lambda t: (bool(t.projects), t.count))
    soup = page(example_site, topic.url)
    article = soup.select_one("article")

    def under(heading: str, selector: str) -> set[str]:
        h2 = article.select_one(f"h2#{heading}")
        return {a.get_text(strip=True) for a in h2.find_next_sibling(["ol", "ul"]).select(selector)}

    assert under("sessions", "a.hg-session__title") == {s.title for s in topic.sessions}
    assert under("readings", "a.hg-reading__title") == {r.title for r in topic.readings}
    assert under("projects", "a.hg-card__title") == {j.title for j in topic.projects}
    people = {text(li) for li in article.select_one("h2#people").find_next_sibling("ul").select("li")}
    expected = {p for s in topic.sessions for p in s.speakers + s.facilitators if p.visibility == "public"}
    expected |= {p for j in topic.projects for p in j.team if p.visibility != "hidden"}
    assert expected and all(any(p.name in entry for entry in people) for p in expected)
    assert len(people) == len(expected)
    hidden = [p for p in hub.people.values() if p.visibility == "hidden"]
    assert not any(p.name in text(article) for p in hidden)


def test_everyone_listed_is_somewhere_in_the_directory(small_hub):
    from hubgen.site.render import Renderer

    root = small_hub(
        {
            "content/people/ada.yml": "name: Ada Example\n",  # no role: an author of news, an alum
            "content/people/bo.yml": "name: Bo Hidden\nvisibility: hidden\n",
        }
    )
    hub, problems = load_hub(root)
    assert not problems.errors
    people = next(p for p in Renderer(hub).pages() if p.url == "people/").content
    assert "## More people" in people and "Ada Example" in people and "Bo Hidden" not in people
