"""A pattern's matches in a draft's text, read segment by segment through the draft cache.

The feature readers match word lists on the whole text (``PATTERN.finditer(doc.text)``);
on a long draft that is most of what they cost, and an edit changes one segment of it.
:func:`finditer` gives the same matches, found per segment and kept in each segment's
memo, so an edit matches only the segment it touched (and the one before, whose end the
edit may have moved).

Why it is exact. The matches of a scan of the whole text that start inside a segment are
those of a scan that starts where the segment starts, if no earlier match runs into the
segment: a search from there finds the leftmost match, as the whole scan does. Such a scan
sees the text only so far around each place it tries: the pattern's reach, worked out from
the pattern itself (what it consumes and what its lookarounds and ``\\b`` look at). So each
segment is scanned from its start with that much of the text before and after it, which
goes into the memo's key with the segment; a match of a segment that runs past its end
would make the next segment's scan wrong, and the draft is then matched whole. A pattern
whose reach has no bound (``\\w+``, a back-reference) or that can match nothing is matched
on the whole text, always.
"""

from __future__ import annotations

import collections
import dataclasses
import re
from collections.abc import Sequence
from re import _compiler, _parser  # type: ignore[attr-defined]
from re import _constants as sre  # type: ignore[attr-defined]
from typing import Any, Protocol

from spacy.tokens import Doc

from .per_doc import per_doc

CONTEXTS_KEPT = 4  # per segment and pattern: the places it was seen at lately


class Found(Protocol):
    """What a reader uses of a match: ``re.Match`` has it too."""

    def start(self, group: int = 0) -> int: ...
    def end(self, group: int = 0) -> int: ...
    def span(self, group: int = 0) -> tuple[int, int]: ...
    def group(self, group: int = 0) -> Any: ...


class SegmentMatch:
    """A match found in a segment, placed in the draft (the groups of ``re.Match``)."""

    __slots__ = ("_regs", "_text")

    def __init__(self, regs: tuple[tuple[int, int], ...], text: str):
        self._regs = regs
        self._text = text

    def span(self, group: int = 0) -> tuple[int, int]:
        return self._regs[group]

    def start(self, group: int = 0) -> int:
        return self._regs[group][0]

    def end(self, group: int = 0) -> int:
        return self._regs[group][1]

    def group(self, group: int = 0) -> str | None:
        start, end = self._regs[group]
        return None if start < 0 else self._text[start:end]


@per_doc
def text_of(doc: Doc) -> str:
    """``doc.text``, joined once per Doc: spaCy joins a Doc's text from its tokens on every
    read of ``doc.text``, and the readers match their phrases on it a score of times a draft."""
    return doc.text


def finditer(pattern: re.Pattern[str], doc: Doc) -> Sequence[Found]:
    """``list(pattern.finditer(doc.text))``: the same matches, at the same offsets.

    A Doc joined from the draft cache's segments (:class:`.segments.DraftDoc`) is matched
    segment by segment through their memos; any other Doc whole.
    """
    segments = getattr(doc, "segments", None)
    if segments is None:
        return list(pattern.finditer(text_of(doc)))
    key = (pattern.pattern, pattern.flags)  # a Pattern's hash reads all its compiled code
    kept = doc.matches.get(key)  # type: ignore[attr-defined]
    if kept is None:
        if _ALONE in doc.matches:  # type: ignore[attr-defined]
            kept = list(pattern.finditer(doc.text))
        else:
            kept = _by_segment(pattern, key, doc)
        doc.matches[key] = kept  # type: ignore[attr-defined]
    return kept


_ALONE = ("alone", 0)  # in a joined Doc's matches: its segments are read for it alone


def read_alone(doc: Doc) -> Doc:
    """Mark ``doc`` as read once, its segments by no later draft (a batch, which keeps no
    cache): its patterns are then matched on its whole text, and nothing is kept in its
    segments' memos for an edit that never comes. The matches are the same either way."""
    matches = getattr(doc, "matches", None)
    if matches is not None:
        matches[_ALONE] = True
    return doc


def _by_segment(pattern: re.Pattern[str], key: tuple[str, int], doc: Any) -> Sequence[Found]:
    text, segments, starts = doc.text, doc.segments, doc.starts
    reach = _reach(pattern, key)
    if reach is None:
        return list(pattern.finditer(text))
    back, forward = reach.back, reach.forward
    # The segments at the head of the draft that the draft parsed before this one had,
    # with the same text around them: their matches are that draft's, already placed.
    same, found = _same_head(doc, key, forward)
    places = []
    for segment, start in zip(segments[same:], starts[same:], strict=True):
        end = start + len(segment.text)
        context = (text[max(0, start - back) : start], text[end : end + forward + 1])
        by_place = segment.memo.setdefault("nlp.matches", {}).setdefault(key, {})
        places.append((start, end, context, by_place))
    new = sum(context not in by_place for _, _, context, by_place in places)
    if new > max(2, len(segments) // 4):
        # Mostly new segments (a draft pasted, not edited): a scan from each segment's start
        # looks past its end as far as the pattern reaches, so one scan of the whole text is
        # cheaper; what it found in each segment is what that scan would find, and is kept.
        whole = list(pattern.finditer(text))
        if same:
            return whole  # the head's segments were matched and kept by the draft before
        _keep(whole, places, reach)
        return whole
    found = list(found)
    cuts = doc.match_cuts[key] = list(doc.earlier[4][key][:same]) if same else []
    for start, end, context, by_place in places:
        cuts.append(len(found))
        matched = by_place.get(context)
        if matched is None:
            _kept(by_place, context)
            matched = by_place[context] = (
                False if reach.looks_past(context[1]) else _scan(pattern, text, start, end, forward)
            )
        if matched is False:
            del doc.match_cuts[key]
            return list(pattern.finditer(text))  # a match runs on into the next segment
        found += [
            SegmentMatch(tuple((s + start, e + start) if s >= 0 else (s, e) for s, e in regs), text)
            for regs in matched
        ]
    return found


def _same_head(doc: Any, key: tuple[str, int], forward: int) -> tuple[int, Sequence[Found]]:
    """How many segments open both ``doc`` and the draft parsed before it (``doc.earlier``),
    at the same places and with the same text up to ``forward`` characters (and one) past
    their end, and the matches of the earlier draft in them. The text around a segment is
    all its memo is looked up by, so the segment-by-segment reading of those segments is
    the earlier draft's; it is kept only where every segment was read that way (``cuts``:
    where each segment's matches begin)."""
    earlier = doc.earlier
    if earlier is None or key not in earlier[4]:
        return 0, ()
    text, segments, starts, matches, cuts = earlier
    shared = doc.shared_with_earlier
    same, limit = 0, min(len(segments), len(doc.segments))
    while (
        same < limit
        and doc.segments[same] is segments[same]
        and starts[same] + len(segments[same].text) + forward + 1 <= shared
    ):
        same += 1
    if not same:
        return 0, ()
    kept = cuts[key][same] if same < len(cuts[key]) else len(matches[key])
    return same, matches[key][:kept]


def _kept(by_place: dict, context: tuple[str, str]) -> None:
    """Make room for one more context in a segment's memo (the oldest goes)."""
    if len(by_place) >= CONTEXTS_KEPT:
        by_place.pop(next(iter(by_place)))


def _keep(whole: list[re.Match[str]], places: list, reach: Reach) -> None:
    """Keep, for each new segment, the matches of the whole scan that start in it: what a
    scan from its start finds, where no match of the segment before runs into it."""
    index, running_in = 0, False
    for start, end, context, by_place in places:
        inside = []
        while index < len(whole) and whole[index].start() < end:
            inside.append(whole[index])
            index += 1
        runs_on = any(match.end() > end for match in inside)
        if context not in by_place and not running_in:
            _kept(by_place, context)
            by_place[context] = (
                False
                if runs_on or reach.looks_past(context[1])
                else tuple(
                    tuple((s - start, e - start) if s >= 0 else (s, e) for s, e in match.regs)
                    for match in inside
                )
            )
        running_in = runs_on


def _scan(
    pattern: re.Pattern[str], text: str, start: int, end: int, forward: int
) -> tuple[tuple[tuple[int, int], ...], ...] | bool:
    """The matches that start in ``text[start:end]``, offsets from ``start``; ``False`` if
    one runs past ``end``. The scan tries each place with ``forward`` characters after the
    segment, which is all a try there can look at."""
    found = []
    for match in pattern.finditer(text, start, min(len(text), end + forward)):
        if match.start() >= end:
            break
        if match.end() > end:
            return False
        found.append(tuple((s - start, e - start) if s >= 0 else (s, e) for s, e in match.regs))
    return tuple(found)


RUN = 40  # the longest run a pattern's \\w+ or \\s* is taken to meet beyond a segment


@dataclasses.dataclass(frozen=True)
class Reach:
    """How far around the place it is tried a match of a pattern can look.

    ``back``: characters before it. ``forward``: characters after it, counting each
    unbounded run (``\\w+``, ``\\s*``) as ``RUN`` characters; ``runs``, how many such runs
    it can have, and ``spaces`` whether one of them can be of spaces (else none can).
    """

    back: int
    bounded: int
    runs: int
    spaces: bool

    @property
    def forward(self) -> int:
        return self.bounded + self.runs * RUN

    def looks_past(self, after: str) -> bool:
        """Could a try before a segment's end look past ``forward`` characters beyond it,
        given ``after``, the text after the end (``forward + 1`` characters, fewer at the
        text's end)? Each run a try makes beyond the end is at most the longest run of its
        kind starting within what it can have reached by then; a run cut off where
        ``after`` stops takes the reach past ``forward``."""
        if len(after) <= self.forward:
            return False  # the text ends within reach: the scan sees it end, as the whole does
        kind = _SPACES if self.spaces else _NOT_SPACES
        runs = [match.span() for match in kind.finditer(after)]
        reached = self.bounded  # how many characters after the end a try can have looked at
        for _ in range(self.runs):
            reached += max((e - s for s, e in runs if s <= reached), default=0)
        return reached > self.forward


_SPACES = re.compile(r"\s+")
_NOT_SPACES = re.compile(r"\S+")
_REACHES: dict[tuple[str, int], Reach | None] = {}


def _reach(pattern: re.Pattern[str], key: tuple[str, int]) -> Reach | None:
    """How far around the place it is tried a match of ``pattern`` can look (an upper
    bound), or None when there is no bound or the pattern can match nothing; ``key`` is
    the pattern's source and flags."""
    if key not in _REACHES:
        try:
            parsed = _parser.parse(pattern.pattern, pattern.flags)
            forward = _forward(parsed, pattern.flags)
            back = _back(parsed)
            empty = parsed.getwidth()[0] == 0
        except Exception:  # what this reading does not know: match whole
            forward, back, empty = None, 0, True
        reach = None
        if forward is not None and not empty:
            bounded, runs = forward
            # Runs of spaces and runs of other characters together could cross anything.
            if not ("s" in runs and "S" in runs):
                reach = Reach(back, bounded, sum(runs.values()), "s" in runs)
        _REACHES[key] = reach
    return _REACHES[key]


_ONE = {sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY}
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)}
_WHITESPACE = [char for char in map(chr, range(0x3001)) if char.isspace()]  # every one


def _run_kind(item, flags: int) -> str | None:
    """``s`` for a character that is always a space, ``S`` for one that never is."""
    if len(item) != 1 or item[0][0] not in _ONE:
        return None
    if item[0] == (sre.IN, [(sre.CATEGORY, sre.CATEGORY_SPACE)]):
        return "s"
    single = _compiler.compile(item, flags)
    return "S" if not any(single.match(char) for char in _WHITESPACE) else None


def _forward(items, flags: int) -> tuple[int, collections.Counter] | None:
    """Characters a try can look at from where it starts: what it consumes, a lookahead
    counted as if consumed, a ``\\b`` or ``$`` as two; and the unbounded runs among them,
    by kind (a run of one character repeated, no more than once over)."""
    total, runs = 0, collections.Counter()
    for op, av in items:
        if op in _ONE:
            total += 1
        elif op is sre.AT:
            total += 2  # "$" looks at the place and, for a last line break, the one after
        elif op is sre.BRANCH:
            branches = [_forward(branch, flags) for branch in av[1]]
            if any(branch is None for branch in branches):
                return None
            total += max((bounded for bounded, _ in branches), default=0)
            for _, inner in branches:
                runs |= inner  # the most of each kind any branch has
        elif op is sre.SUBPATTERN or op is getattr(sre, "ATOMIC_GROUP", None):
            inner = _forward(av[-1] if op is sre.SUBPATTERN else av, flags)
            if inner is None:
                return None
            total += inner[0]
            runs += inner[1]
        elif op in _REPEATS:
            low, high, item = av
            if high == sre.MAXREPEAT:
                kind = _run_kind(item, flags)
                if kind is None:
                    return None
                runs[kind] += 1
                continue
            inner = _forward(item, flags)
            if inner is None:
                return None
            total += high * inner[0]
            for kind, count in inner[1].items():
                runs[kind] += high * count
        elif op in {sre.ASSERT, sre.ASSERT_NOT}:
            direction, item = av
            if direction == 1:
                inner = _forward(item, flags)
                if inner is None:
                    return None
                total += inner[0]
                runs += inner[1]
        else:
            return None  # a back-reference, a conditional group: no bound known here
    return total, runs


def _back(items) -> int:
    """Characters a try can look at before where it starts: a lookbehind's width (and what
    it looks at before itself), one for a ``\\b`` or ``^``."""
    back = 0
    for op, av in items:
        if op is sre.AT:
            back = max(back, 1)
        elif op is sre.BRANCH:
            back = max([back, *(_back(branch) for branch in av[1])])
        elif op is sre.SUBPATTERN:
            back = max(back, _back(av[-1]))
        elif op is getattr(sre, "ATOMIC_GROUP", None):
            back = max(back, _back(av))
        elif op in _REPEATS:
            back = max(back, _back(av[2]))
        elif op in {sre.ASSERT, sre.ASSERT_NOT}:
            direction, item = av
            if direction == -1:
                width = item.getwidth()
                if width[0] != width[1] or width[1] >= sre.MAXREPEAT:
                    raise ValueError("a lookbehind of no fixed width")
                back = max(back, width[1] + _back(item))
    return back
