"""The hub's checks (hubgen/checks/test_hub.py, which a standalone hub runs with ``hubgen test``) on the hub at the
repository root, whichever it is: valid content, a strict build, nothing private in the output, valid HTML and
links, accessible pages that work in Chromium.

Run only these with ``pytest -m hub_check``. They pass for any valid hub: conftest.py runs them on the root hub, on
the hub ``hubgen init`` makes in its place and on a second hub (tests/hubs/westside) in a standalone hub;
tests/test_standalone.py runs them once more through a standalone hub's ``make test``, from the built wheel.
"""

from __future__ import annotations

import pytest

from hubgen.checks.test_hub import (
    test_every_page_is_valid_html,
    test_no_broken_internal_link_or_anchor,
    test_nothing_private_is_in_the_site,
    test_the_content_passes_the_check,
    test_the_key_pages_work_in_chromium,
    test_the_site_builds_strictly_with_every_section,
)

pytestmark = pytest.mark.hub_check

__all__ = [
    "test_every_page_is_valid_html",
    "test_no_broken_internal_link_or_anchor",
    "test_nothing_private_is_in_the_site",
    "test_the_content_passes_the_check",
    "test_the_key_pages_work_in_chromium",
    "test_the_site_builds_strictly_with_every_section",
]
