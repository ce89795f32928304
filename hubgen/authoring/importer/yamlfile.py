"""A reading's fields as the YAML file staff read and edit: in the model's order of fields."""

from __future__ import annotations

from typing import Any

import yaml

from ...content import models

_FIELD_ORDER = list(models.Reading.model_fields)


def reading_yaml(data: dict[str, Any]) -> str:
    ordered = {k: data[k] for k in _FIELD_ORDER if k in data}
    ordered.update({k: v for k, v in data.items() if k not in ordered})
    return yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
