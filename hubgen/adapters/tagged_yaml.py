"""mkdocs.yml read and written again with its tags kept (``!!python/name:…``, ``!ENV``), for the engine that
reads the exported copy. (hubgen/content/settings.py ``read_config`` reads it to check it, with positions, and its
tags as nothing.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .exporttree import ExportError


class Tagged:
    """A YAML node with a tag only an engine resolves (``!!python/name:…``, ``!ENV``): written back as read."""

    def __init__(self, tag: str, value: Any) -> None:
        self.tag, self.value = tag, value


class _KeepTags(yaml.SafeLoader):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        return Tagged(node.tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(node.tag, loader.construct_sequence(node, deep=True))
    return Tagged(node.tag, loader.construct_mapping(node, deep=True))  # type: ignore[arg-type]


_KeepTags.add_multi_constructor("!", _construct_tagged)
_KeepTags.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)


class _Dumper(yaml.SafeDumper):
    pass


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_Dumper.add_representer(Tagged, _represent_tagged)


def read_config_with_tags(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as data with its tags kept (``!!python/name:`` and the like), to be written again for the engine.

    (hubgen/content/settings.py ``read_config`` reads it to check it, with positions, and its tags as nothing.)"""
    data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_KeepTags) or {}
    if not isinstance(data, dict):
        raise ExportError(f"{config_file}: not a mapping of settings")
    return data


def config_text(config: dict[str, Any]) -> str:
    """``config`` as YAML, its tags as they were read."""
    return yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)
