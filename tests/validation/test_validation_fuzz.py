"""Whatever people type, the loader answers with problems — never an exception.

Hypothesis writes random YAML (structures made of the contract's own field
names and values of every type, then broken by random edits) into one file of
the minimal valid hub at a time and loads the whole hub.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from validation_hub import COHORT, PROGRAM, PROJECT, SESSION, write_hub

from hubgen.content import models
from hubgen.hub.load import load_hub

FIELDS = sorted(
    {
        name
        for m in (
            models.Session,
            models.Program,
            models.Cohort,
            models.Project,
            models.Person,
            models.Reading,
            models.Location,
            models.Online,
            models.Material,
            models.ReadingList,
        )
        for name in m.model_fields
    }
)
TARGETS = [
    SESSION,
    PROJECT,
    COHORT,
    PROGRAM,
    "content/people/sam-lee.yml",
    "content/readings/ready-guide.yml",
    "content/topics.yml",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(
        [
            "2026-02-30",
            "2026-03-04",
            "09:00-16:00",
            "25:00",
            "America/New_York",
            "Mars/Base",
            "https://example.org",
            "javascript:alert(1)",
            "sam-lee",
            "Sam Lee",
            "../../etc",
            "yes",
            "10.5555/x",
            "2026-03-04 09:00",
            "~",
            "- a",
            "{",
            "!!python/object:os.system",
            "*ref",
        ]
    ),
)
keys = st.one_of(st.sampled_from(FIELDS), st.text(min_size=1, max_size=12))
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=5)),
    max_leaves=20,
)
documents = st.dictionaries(keys, values, max_size=8)


@st.composite
def yaml_texts(draw: st.DrawFn) -> str:
    text = yaml.safe_dump(draw(documents), allow_unicode=True, sort_keys=False)
    for _ in range(draw(st.integers(0, 3))):  # break it: the edits people make by accident
        at = draw(st.integers(0, len(text)))
        edit = draw(st.sampled_from(["delete", "insert"]))
        if edit == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 5)) :]
        else:
            text = (
                text[:at]
                + draw(
                    st.sampled_from(
                        [":", "- ", "\t", '"', "'", "\n  ", "---\n", "{", "&a ", "*a", "\x00", "\ufeff", "#", "!!str "]
                    )
                )
                + text[at:]
            )
    return text


def _as_file(target: str, text: str, front_matter_closed: bool) -> str:
    if target.endswith(".md"):
        return "---\n" + text + ("\n---\nBody.\n" if front_matter_closed else "")
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(target=st.sampled_from(TARGETS), text=yaml_texts(), closed=st.booleans())
def test_random_content_gives_problems_not_exceptions(target: str, text: str, closed: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = write_hub(Path(tmp), {target: _as_file(target, text, closed)})
        _, problems = load_hub(root)
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1
        assert problem.file and not problem.file.startswith("/")
        assert "Traceback" not in problem.message


def test_seeded_mutations_give_problems_or_a_build_never_a_crash(tmp_path: Path) -> None:
    """A seeded slice of bench/fuzz.py's 10,000 documents: each either has problems or builds (issue 11)."""
    from fuzzing import documents, run_one

    from hubgen.content.history import History

    history = History(tmp_path)
    crashes = []
    for i, (target, text) in enumerate(documents(seed=11, count=30)):
        crash = run_one(tmp_path / f"hub{i}", target, text, history)
        if crash:
            crashes.append(f"{target}:\n{text[:300]}\n{crash}")
    assert crashes == [], crashes[0]
