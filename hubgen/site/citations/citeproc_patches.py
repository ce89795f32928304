"""What citeproc-py is changed in, for speed (look-ups remembered, a cited item that finds its reference once) and
for CSL 1.0.2 (substituted variables suppressed). Applied when this module is imported; each patch first checks
that citeproc-py's insides are as it expects (hubgen/content/patches.py), so a new citeproc-py stops the build
rather than rendering differently."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citeproc import model
from citeproc.source import CitationItem as _CitationItem
from citeproc.source import VariableError

from ...content import patches

_MEMOIZED = (
    ("CitationStylesElement", "get_macro"),
    ("Parent", "calls_variable"),
    ("Text", "calls_variable"),
    ("CitationStylesElement", "get_layout"),
    ("Locale", "get_term"),
    ("Locale", "get_date"),
    ("CitationStylesElement", "get_locale_option"),
    ("Date", "is_locale_date"),
    ("Names", "substitute"),
    ("CitationStylesElement", "get_root"),
)


def _memoize_citeproc() -> None:
    """Remember look-ups that citeproc-py repeats for every reference and that never change.

    Finding a macro by name (an XPath query over the whole style), whether a part of the style calls
    a variable (a walk through its children and macros), the layout an element is in, and a locale's
    term or date format by name (XPath queries again) depend on the style alone, yet took most of the
    time of rendering a reference with ``apa.csl``. Each is remembered per element here (the keys keep
    lxml's proxies, and so the entries, alive); the rendered text is the same.
    """
    for cls, name in _MEMOIZED:  # a citeproc-py whose insides differ stops the build (hubgen/content/patches.py)
        patches.require("citeproc-py", getattr(model, cls, None), {name: ()}, "remembered look-ups")
    macros: dict[tuple[Any, str], Any] = {}
    original = model.CitationStylesElement.get_macro

    def get_macro(self: Any, name: str) -> Any:
        root = self.get_root()
        if (root, name) not in macros:  # the key keeps lxml's proxy of the root (and so the entry) alive
            macros[root, name] = original(self, name)
        return macros[root, name]

    get_macro.__wrapped__ = original  # type: ignore[attr-defined]  # the test compares with and without
    model.CitationStylesElement.get_macro = get_macro
    for cls in (model.Parent, model.Text):
        calls: dict[Any, bool] = {}

        def calls_variable(self: Any, _original: Any = cls.calls_variable, _calls: dict[Any, bool] = calls) -> bool:
            if self not in _calls:
                _calls[self] = _original(self)
            return _calls[self]

        calls_variable.__wrapped__ = cls.calls_variable  # type: ignore[attr-defined]
        cls.calls_variable = calls_variable
    for cls, name in _MEMOIZED[3:]:
        setattr(getattr(model, cls), name, _remembered(getattr(getattr(model, cls), name)))


def _remembered(method: Callable[..., Any]) -> Callable[..., Any]:
    """``method`` remembering its answer, or its ``IndexError`` ("no such term here"), per element and arguments."""
    answers: dict[Any, Any] = {}

    def remembered(self: Any, *args: Any, **kwargs: Any) -> Any:
        key = (self, *args, *sorted(kwargs.items())) if args or kwargs else self
        if key not in answers:
            try:
                answers[key] = method(self, *args, **kwargs)
            except IndexError as missing:
                answers[key] = missing
        answer = answers[key]
        if isinstance(answer, IndexError):
            raise IndexError(*answer.args)
        return answer

    remembered.__wrapped__ = method  # type: ignore[attr-defined]
    return remembered


_memoize_citeproc()

_SUPPRESSED = "hubgen:substituted"  # keys of citeproc-py's per-reference ``repressed`` table (tags never look so)
_RECORDING = "hubgen:recording"


def _suppress_substituted_variables() -> None:
    """What CSL 1.0.2 says of ``cs:substitute`` and citeproc-py does only for a plain ``<text variable>``.

    "Substituted variables are suppressed in the rest of the output to prevent duplication": a book
    with editors and no author is cited by its editors, who then must not come back after the title;
    a work without author or editor is cited by its title, which then is not repeated. apa.csl
    substitutes through macros and ``cs:names``, which citeproc-py renders twice. Here every variable
    a substitute rendered is noted (in the table citeproc-py resets for each reference) and left out of
    the rest of that reference. Upstream: citeproc-py's ``Substitute.add_to_repressed_list``.
    """
    wanted = (  # each method patched below, with the parameters the patch passes on by name or place
        ("Substitute", "render", ("self", "item", "context")),
        ("Names", "process", ("self", "item", "names_context", "context")),
        ("Text", "_variable", ("self", "item", "context")),
        ("Number", "process", ("self", "item", "context")),
        ("Label", "process", ("self", "item", "variable")),
        ("Label", "case", ("self", "text", "language")),
    )
    for cls, name, parameters in wanted:  # a citeproc-py whose insides differ stops the build, never skips
        patches.require("citeproc-py", getattr(model, cls, None), {name: parameters}, "CSL's substituted variables")

    def table(context: Any) -> dict[str, Any]:
        try:
            return context.get_layout().repressed  # type: ignore[no-any-return]
        except (IndexError, AttributeError):  # an element rendered outside a layout (a sort key's macro)
            return {}

    substitute_render = model.Substitute.render

    def render(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        repressed = table(context)
        recording: list[set[str]] = repressed.setdefault(_RECORDING, [])
        recording.append(set())
        try:
            text = substitute_render(self, item, context=context, **kwargs)
        finally:
            rendered = recording.pop()
        if text:
            repressed.setdefault(_SUPPRESSED, set()).update(rendered)
            for outer in recording:
                outer.update(rendered)
        return text

    names_process = model.Names.process

    def process(self: Any, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any) -> Any:
        repressed = table(context if context is not None else self)
        present = [role for role in self.get("variable").split() if role in item.reference]
        if present and set(present) <= repressed.get(_SUPPRESSED, set()):
            return None
        out = names_process(self, item, names_context=names_context, context=context, **kwargs)
        if out:
            for recording in repressed.get(_RECORDING, []):
                recording.update(present)
        return out

    text_variable = model.Text._variable

    def _variable(self: Any, item: Any, context: Any) -> Any:
        repressed = table(context)
        variable = self.get("variable")
        if variable in repressed.get(_SUPPRESSED, ()):
            return None
        out = text_variable(self, item, context)
        if out:
            for recording in repressed.get(_RECORDING, []):
                recording.add(variable)
        return out

    number_process = model.Number.process

    def number(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        repressed = table(context if context is not None else self)
        variable = self.get("variable")
        if variable in repressed.get(_SUPPRESSED, ()):
            raise VariableError(variable)  # as if it were empty: a group around it is left out
        out = number_process(self, item, context=context, **kwargs)
        if out:
            for recording in repressed.get(_RECORDING, []):
                recording.add(variable)
        return out

    label_process = model.Label.process

    def label(self: Any, item: Any, variable: str | None = None, *args: Any, **kwargs: Any) -> Any:
        context = kwargs.get("context")
        repressed = table(context if context is not None else self)
        if (variable or self.get("variable")) in repressed.get(_SUPPRESSED, ()):
            return None  # "ed." without the edition it labels
        return label_process(self, item, variable, *args, **kwargs)

    label_case = model.Label.case

    def case(self: Any, text: Any, language: str | None = None) -> Any:
        """A label's ``text-case="title"`` ("(Eds.)", "(Executive Producer)"): citeproc-py gave labels no language,
        and title case applies to English only, so "(eds.)" stayed lowercase. The style's locale is the language."""
        return label_case(self, text, language or str(self.get_root().get("default-locale", "en"))[:2])

    for cls, name, patched, original in (
        (model.Substitute, "render", render, substitute_render),
        (model.Names, "process", process, names_process),
        (model.Text, "_variable", _variable, text_variable),
        (model.Number, "process", number, number_process),
        (model.Label, "process", label, label_process),
        (model.Label, "case", case, label_case),
    ):
        patched.__wrapped__ = original  # type: ignore[attr-defined,union-attr]
        setattr(cls, name, patched)


_suppress_substituted_variables()


class FastCitationItem(_CitationItem):
    """citeproc-py's cited item, finding its reference once: the style asks for it at every turn (a third of the
    time of rendering a reference went to ``item.reference``, two look-ups through dictionaries each time)."""

    @property
    def reference(self) -> Any:
        found = self.__dict__.get("_reference")
        if found is None:
            found = self.__dict__["_reference"] = self.bibliography.source[self.key]
        return found
