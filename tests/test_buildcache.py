"""What a build keeps for the next (``.cache/hubgen/``) never changes the site; file look-ups made cheaper
(:class:`hubgen.content.paths.RealPaths`) give what ``Path.resolve()`` gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hubgen.content.markup import render_inline, render_markdown
from hubgen.content.paths import RealPaths
from hubgen.content.problems import Problems
from hubgen.content.yamlsource import YamlCache, parse_yaml
from hubgen.site.markdowncache import MarkdownCache

#: Fields as staff write them: plain text, emphasis, links of every kind, lists, code, quotes, HTML (shown as text).
TEXTS = [
    "Trust screening coverage evaluation. Transit equity measure research.",
    'A *short* summary with **bold**, "quotes" -- and a [link](https://example.org/a?b=1&c=2 "Title").',
    "1. first\n2. second\n\n- a\n- b\n\n> quoted\n\n`code <b>`\n\n    indented code & more",
    "Write to <someone@example.org>, see <https://example.org> or ![a picture](pictures/x.png).",
    "Raw <script>alert(1)</script> and <b onclick='x'>HTML</b> are text; [bad](javascript:alert(1)) is dropped.",
    "# A heading\n\n3. starts at three\n4. four\n\n---\n\nline  \nbreak",
    "Ünïcödé — “curly” and emoji 🙂 & <angle>",
]


def test_cached_markdown_is_what_markdown_renders(tmp_path: Path):
    first = MarkdownCache(tmp_path)
    assert [first.markdown(t) for t in TEXTS] == [render_markdown(t) for t in TEXTS]
    assert [first.inline(t) for t in TEXTS] == [render_inline(t) for t in TEXTS]
    assert first.markdown("") == first.markdown(None) == render_markdown(None) == ""
    first.save()
    stored = json.loads((tmp_path / MarkdownCache.FILE).read_text(encoding="utf-8"))
    assert sorted(stored.values()) == sorted(str(render_markdown(t)) for t in TEXTS)
    # Every one of them passes the check on what the file gives back, so a later build takes it from there.
    second = MarkdownCache(tmp_path)
    assert [second.markdown(t) for t in TEXTS] == [render_markdown(t) for t in TEXTS]
    assert len(second._stored) == len(TEXTS)


def test_the_cache_file_is_read_and_only_used_entries_are_kept(tmp_path: Path):
    cache = MarkdownCache(tmp_path)
    cache.markdown(TEXTS[0])
    cache.save()
    [key] = json.loads((tmp_path / MarkdownCache.FILE).read_text(encoding="utf-8"))
    planted = {key: "<p>planted <em>here</em></p>", "unused": "<p>old</p>"}
    (tmp_path / MarkdownCache.FILE).write_text(json.dumps(planted), encoding="utf-8")
    later = MarkdownCache(tmp_path)
    assert later.markdown(TEXTS[0]) == "<p>planted <em>here</em></p>"  # read, not rendered again
    assert later.markdown(TEXTS[0] + " Edited.") == render_markdown(TEXTS[0] + " Edited.")  # an edit misses it
    later.save()
    kept = json.loads((tmp_path / MarkdownCache.FILE).read_text(encoding="utf-8"))
    assert "unused" not in kept and len(kept) == 2


def test_a_closed_cache_is_saved_holds_nothing_and_still_answers(tmp_path: Path):
    """A build done with a cache closes it (the pages are made): its entries are saved and let go; a later
    question is answered by rendering, and the file keeps what the build used."""
    cache = MarkdownCache(tmp_path)
    first = cache.markdown(TEXTS[0])
    cache.close()
    saved = (tmp_path / MarkdownCache.FILE).read_text(encoding="utf-8")
    assert list(json.loads(saved).values()) == [str(first)]
    assert not cache._stored and not cache._used
    assert cache.markdown(TEXTS[1]) == render_markdown(TEXTS[1])
    cache.save()
    assert (tmp_path / MarkdownCache.FILE).read_text(encoding="utf-8") == saved  # the build's entries stay


@pytest.mark.parametrize(
    "tampered",
    [
        "<p>x</p><script>alert(1)</script>",
        '<p><a href="javascript:alert(1)">x</a></p>',
        '<p><a href="&#106;avascript&#58;alert(1)">x</a></p>',
        '<p onclick="alert(1)">x</p>',
        '<p><img src="x" onerror="alert(1)" /></p>',
        '<p><iframe src="https://example.org"></iframe></p>',
        "<p>x < y</p>",
    ],
)
def test_a_cache_entry_hubgen_did_not_write_is_not_used(tmp_path: Path, tampered: str):
    """The file is only a cache: HTML that Markdown (with raw HTML off) never writes is rendered again."""
    cache = MarkdownCache(tmp_path)
    cache.markdown(TEXTS[1])
    cache.save()
    [key] = json.loads((tmp_path / MarkdownCache.FILE).read_text(encoding="utf-8"))
    (tmp_path / MarkdownCache.FILE).write_text(json.dumps({key: tampered}), encoding="utf-8")
    assert MarkdownCache(tmp_path).markdown(TEXTS[1]) == render_markdown(TEXTS[1])


def test_a_broken_cache_file_is_ignored(tmp_path: Path):
    (tmp_path / MarkdownCache.FILE).write_text("{not json", encoding="utf-8")
    assert MarkdownCache(tmp_path).markdown(TEXTS[2]) == render_markdown(TEXTS[2])
    assert MarkdownCache(None).markdown(TEXTS[2]) == render_markdown(TEXTS[2])  # no folder: nothing kept


def test_real_paths_are_what_resolve_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    repo, outside = tmp_path / "repo", tmp_path / "outside"
    (repo / "content/readings").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.yml").write_text("x: 1\n")
    (repo / "content/readings/a.yml").write_text("x: 1\n")
    (repo / "content/readings/link.yml").symlink_to(outside / "secret.yml")  # a file linked out
    (repo / "content/linked").symlink_to(outside, target_is_directory=True)  # a folder linked out
    (repo / "content/loop").symlink_to(repo / "content/loop")  # a link to itself
    monkeypatch.chdir(repo)
    paths = [
        repo / "content/readings/a.yml",
        repo / "content/readings/link.yml",
        repo / "content/linked/secret.yml",
        repo / "content/readings/../readings/a.yml",
        repo / "content/readings/missing.yml",
        Path("content/readings/a.yml"),  # relative to the working folder
        Path("content/linked/secret.yml"),
        Path("."),
        repo / "content/readings/..",
    ]
    real = RealPaths()

    def outcome(resolve, path: Path) -> object:
        try:
            return resolve(path)
        except (OSError, RuntimeError) as exc:  # a link loop: what the loader reports as a link outside
            return type(exc)

    paths += [repo / "content/loop", repo / "content/loop/x.yml"]
    for turn in range(3):  # the second time from the folders it remembers; the third after forgetting them
        if turn == 2:
            real.clear()
            assert not real._files and not real._folders
        for path in paths:
            assert outcome(real, path) == outcome(Path.resolve, path), path
    assert real(repo / "content/linked/secret.yml") == outside.resolve() / "secret.yml"


YAML = """title: "Quoted: with a colon"
when: 09:30
count: 12
flag: true
none:
list:
  - a
  - {nested: [1, two, 2026-10-14]}
text: |
  A block
  of lines
"""


def test_parsed_yaml_from_the_cache_is_what_parsing_gives(tmp_path: Path):
    """A document parsed by an earlier build comes back with the same values and, when a problem asks, the same
    positions; one with a problem, or with a value JSON would change (a float), is never kept."""
    plain = parse_yaml(YAML, "a.yml", Problems(), line_offset=3)
    assert plain is not None
    first = YamlCache(tmp_path)
    assert parse_yaml(YAML, "a.yml", Problems(), line_offset=3, cache=first).data == plain.data  # type: ignore[union-attr]
    first.save()
    second = YamlCache(tmp_path)
    cached = parse_yaml(YAML, "a.yml", Problems(), line_offset=3, cache=second)
    assert cached is not None and cached.data == plain.data and cached.text == YAML  # from the file: not parsed
    for path in [*plain.values, *plain.keys]:
        assert cached.position(path) == plain.position(path)
        assert cached.position(path, key=True) == plain.position(path, key=True)
    assert cached.values == plain.values and cached.keys == plain.keys
    # Not kept: a document with a problem (a field twice), or a value JSON gives back otherwise.
    for text in ("a: 1\na: 2\n", "a: !!float 1.5\n", "a: !!binary aGk=\n"):
        cache = YamlCache(tmp_path / "other")
        problems = Problems()
        parse_yaml(text, "b.yml", problems, cache=cache)
        cache.save()
        assert not (tmp_path / "other" / YamlCache.FILE).exists(), text
    # The file is read: a planted entry is what a later build gets.
    stored = json.loads((tmp_path / YamlCache.FILE).read_text(encoding="utf-8"))
    [key] = stored
    (tmp_path / YamlCache.FILE).write_text(json.dumps({key: '{"title": "planted"}'}), encoding="utf-8")
    assert parse_yaml(YAML, "a.yml", Problems(), cache=YamlCache(tmp_path)).data == {"title": "planted"}  # type: ignore[union-attr]
