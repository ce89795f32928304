"""icalendar's line folding made faster: a line short enough is given back as it is, a longer one cut at once.

Applied when this module is imported (hubgen/site/feeds.py imports it); the patch is checked against the version of
icalendar it was written for (content/patches.py).
"""

from __future__ import annotations

try:  # icalendar 7's line folding (see fold_short_lines_at_once); another version stops the build there
    from icalendar.parser import content_line as _content_line
except ImportError:
    _content_line = None  # type: ignore[assignment]

from ..content import patches


def fold_short_lines_at_once() -> None:
    """icalendar folds every content line character by character, though most are shorter than a fold.

    That loop took a third of the time of writing a hub's feeds. Here a line short enough to need no fold
    is given back as it is, and a longer one is cut into its pieces at once: each piece the longest run
    of characters of at most ``limit - 1`` bytes in UTF-8 (at least one character), and a piece that
    would end in a ``\\`` or ``^`` after another character leaves it to start the next (an escape is not
    split from what it escapes, icalendar #1501) — exactly what the loop gives.
    """
    content_line = _content_line  # icalendar 7's (hubgen/constraints.txt); another stops the build (content/patches.py)
    patches.require("icalendar", content_line, {"_foldline": ("line", "limit", "fold_sep")}, "faster line folding")
    fold = content_line._foldline
    if getattr(fold, "__wrapped__", None) is not None:
        return  # applied already

    def foldline(line: str, limit: int = 75, fold_sep: str = "\r\n ") -> str:
        if len(line) < limit and "\n" not in line and len(line.encode("utf-8")) < limit:
            return line
        if limit < 2 or "\n" in line:
            return fold(line, limit, fold_sep)  # type: ignore[no-any-return]
        pieces, start, size, least = [], 0, limit - 1, 1
        while start < len(line):
            piece = line[start : start + max(size, least)]
            over = len(piece.encode("utf-8")) - size
            while over > 0 and len(piece) > least:  # characters of more than one byte: fewer fit
                over -= len(piece[-1].encode("utf-8"))
                piece = piece[:-1]
            # A carried escape starts the next piece with the character that did not fit, whatever its size.
            least = 1
            if len(piece) > 1 and piece[-1] in "\\^" and start + len(piece) < len(line):
                piece, least = piece[:-1], 2
            pieces.append(piece)
            start += len(piece)
        return fold_sep.join(pieces)

    foldline.__wrapped__ = fold  # type: ignore[attr-defined]  # the test compares with and without
    content_line._foldline = foldline


fold_short_lines_at_once()
