"""A second hub, written independently of ``hubgen init`` (tests/hubs/westside/: two programs, two time zones,
Spanish, hidden participants), put into a standalone hub made by ``hubgen init DIR`` from the built wheel: the check
names, at file and line with the fix, what the copy left behind, and once that is followed it passes. The hub's
checks then run on the same hub in tests/hub_checks/ (its "westside" hub), in this test run, not in a pytest of its
own.

A file of its own, apart from tests/test_standalone.py: the two slow tests can go to different workers of
``make test`` (they share the wheel and its venv).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests import test_standalone
from tests.helpers import REPO
from tests.test_standalone import init_hub, outside_env, run

WESTSIDE = REPO / "tests/hubs/westside"

# The wheel and the venv it is installed in, shared with tests/test_standalone.py (built once per test run).
dist = test_standalone.dist
venv = test_standalone.venv


def test_another_hub_in_a_standalone_hub_passes_the_check_once_its_messages_are_followed(venv: Path, tmp_path: Path):
    env = outside_env(venv)
    hub = init_hub(venv, tmp_path, env)
    # Its programs in place of the starter's; its content files into content/ (over the starter's home page and
    # topics, beside the starter's stylesheet, person and reading).
    shutil.rmtree(hub / "programs")
    shutil.copytree(WESTSIDE / "programs", hub / "programs")
    shutil.copytree(WESTSIDE / "content", hub / "content", dirs_exist_ok=True)
    # The check names what the copy left behind, each at its file and line with the fix.
    check = run(["make", "check"], cwd=hub, env=env)
    assert check.returncode != 0
    messages = [line for line in check.stdout.splitlines() if ": error: " in line]
    assert len(messages) == 2, check.stdout
    form, topic = sorted(messages)
    assert form.startswith(".github/ISSUE_TEMPLATE/share-project.yml:25:7: ") and "run `hubgen forms`" in form
    assert "Chicago Health Equity Scholars" in form and "Red de Promotoras de Los Ángeles" in form
    assert topic.startswith("content/readings/how-to-use-this-hub.yml:") and "add it to content/topics.yml" in topic
    # Followed: the forms written from the programs, the starter reading's topic added to the topics.
    assert run(["make", "forms"], cwd=hub, env=env).returncode == 0
    with (hub / "content/topics.yml").open("a", encoding="utf-8") as topics:
        topics.write("getting-started:\n  title: Getting started\n")
    assert run(["make", "check"], cwd=hub, env=env).returncode == 0
    # The hub's checks on the hub made so: tests/hub_checks/ (the "westside" hub), in this test run.
