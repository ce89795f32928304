"""The topics an import gives: ``--topics`` and a table from Zotero tags to topic IDs (``zotero-topics.yml``)."""

from __future__ import annotations

from pathlib import Path

import yaml

from ...content.problems import did_you_mean
from .fields import ImportRefused, norm_title
from .matching import TopicOptions


def hub_topics(content: Path) -> dict[str, str]:
    path = content / "topics.yml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except yaml.YAMLError:
        data = {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v.get("title", k)) if isinstance(v, dict) else str(k) for k, v in data.items()}


TOPIC_MAP = "zotero-topics.yml"  # beside mkdocs.yml: Zotero tag → topic ID(s)


def topic_options(hub_root: Path, topics: dict[str, str], add: str | None, topic_map: Path | None) -> TopicOptions:
    """``--topics a,b`` and the tag table (``--topic-map FILE``, else ``zotero-topics.yml`` if the hub has one),
    checked against ``topics.yml``: an unknown topic is an error before anything is read or written."""
    problems: list[str] = []

    def known(topic: str, where: str) -> str | None:
        if topic in topics:
            return topic
        problems.append(f"{where}: error: '{topic}' is not a topic in topics.yml{did_you_mean(topic, topics)}")
        return None

    options = TopicOptions()
    for topic in (t.strip() for t in (add or "").split(",")):
        if topic and (t := known(topic, "--topics")):
            options.add.append(t)
    path = topic_map or (hub_root / TOPIC_MAP)
    if topic_map is not None or path.is_file():
        try:
            table = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise ImportRefused([f"{path}:1: error: cannot read the topic table: {exc}"]) from None
        if not isinstance(table, dict):
            raise ImportRefused(
                [f"{path}:1: error: the topic table maps Zotero tags to topic IDs, e.g. 'Housing: housing'"]
            )
        for tag, value in table.items():
            ids = value if isinstance(value, list) else [value]
            mapped = [t for v in ids if (t := known(str(v), f"{path}: '{tag}'"))]
            options.tag_map.setdefault(norm_title(str(tag)), []).extend(mapped)
    if problems:
        raise ImportRefused(problems)
    return options
