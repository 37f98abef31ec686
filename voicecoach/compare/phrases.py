"""A take against a trainer's model take of the same script (the golden take).

The two transcripts are aligned word by word; the reference is cut into its phrases at its
own pauses and sentence ends; each phrase is then found in the take, and the two readings
compared: how long the phrase took, the pause before and after it, and the pitch level
(above each speaker's own floor) and movement within it. The differences that exceed what
word timing and pitch can tell apart are named, largest first ("you rushed 'the balance
due is': 2.1 s against 3.0 s").
"""

from __future__ import annotations

import dataclasses
import difflib
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from voicecoach.compare.takes import TakeWord, take_label, take_words
from voicecoach.i18n import localize
from voicecoach.i18n import t as _t

__all__ = ["PhraseTiming", "PhraseDiff", "Difference", "ReferenceComparison",
           "align_words", "reference_phrases", "compare_with_reference",
           "compare_word_timings", "script_offsets_s", "snap_to_silence"]

MIN_SCRIPT_SHARE = 0.5  # below this share of the reference's words found, no comparison
MIN_PHRASE_SHARE = 0.5  # a phrase is found when at least half its words (and two) are
# Smallest differences named, each well above what it is measured with: Whisper's word
# edges are good to about 0.1 s, so a phrase's length to about 0.15 s and a pause to 0.1 s;
# the pitch of a few words' medians to about 1 st.
RUSHED_RATIO = 0.85  # the take's phrase took under 85 % of the reference's time ...
SLOWER_RATIO = 1.25  # ... or over 125 %
MIN_DURATION_DIFF_S = 0.3  # and at least this many seconds apart
PAUSE_SHORT_S = 0.25  # the take's pause this much shorter than a reference pause
PAUSE_LONG_S = 1.0  # or this much longer
WORD_EDGE_ERROR_S = 0.5  # how far a recognizer's word edge in running speech can be off
MAX_SNAP_S = 1.0  # a word edge is moved onto a silence's edge at most this far
PITCH_DIFF_ST = 2.0  # a phrase's pitch level or movement this many semitones apart
MAX_NAMED = 3


@dataclass(frozen=True)
class PhraseTiming:
    """One reading of a phrase: its span (s), the pause after it (s, None when the phrase
    ends the speech), its pitch level (median above the speaker's floor, st) and movement
    (range of its words' pitch, st), None where the pitch cannot tell. ``anchored``: both
    edges sit at a silence (a pause, or the start or end of the speech), where the signal
    times them to a few hundredths of a second; an edge inside running speech rests on the
    recognizer's word times, which can be half a second off (``loose_start``,
    ``loose_end``)."""

    start_s: float
    end_s: float
    pause_after_s: float | None
    level_st: float | None
    movement_st: float | None
    loose_start: bool = False
    loose_end: bool = False

    @property
    def loose_edges(self) -> int:
        return int(self.loose_start) + int(self.loose_end)

    @property
    def anchored(self) -> bool:
        return self.loose_edges == 0

    def bounds_s(self) -> tuple[float, float]:
        """The shortest and longest the phrase can have been, given its loose edges."""
        margin = WORD_EDGE_ERROR_S * self.loose_edges
        return max(self.duration_s - margin, 0.0), self.duration_s + margin

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s


@dataclass(frozen=True)
class PhraseDiff:
    """A reference phrase and its reading in the take (``take`` None when not found);
    ``n_words`` the phrase's words, ``n_matched`` those found in the take."""

    text: str
    n_words: int
    n_matched: int
    reference: PhraseTiming
    take: PhraseTiming | None
    pause_before_ref_s: float | None = None
    pause_before_take_s: float | None = None

    def to_dict(self) -> dict:
        def timing(p: PhraseTiming | None) -> dict | None:
            return None if p is None else {
                "start_s": round(p.start_s, 3), "end_s": round(p.end_s, 3),
                "duration_s": round(p.duration_s, 3), "loose_edges": p.loose_edges,
                "pause_after_s": _r(p.pause_after_s),
                "level_st": _r(p.level_st), "movement_st": _r(p.movement_st)}
        return {"text": self.text, "n_words": self.n_words, "n_matched": self.n_matched,
                "reference": timing(self.reference), "take": timing(self.take),
                "pause_before_reference_s": _r(self.pause_before_ref_s),
                "pause_before_take_s": _r(self.pause_before_take_s)}


@dataclass(frozen=True)
class Difference:
    """A named difference: ``kind`` (rushed, slower, pause_short, pause_long, higher,
    lower, flatter, livelier), the index of the phrase it is about (``phrase`` to
    ``through``: a length can be named over a run of phrases the take reads without a
    pause between them), ``size`` (how many times the smallest named difference it is) and
    the sentence saying it."""

    kind: str
    phrase: int
    size: float
    message: str
    through: int | None = None

    def to_dict(self) -> dict:
        return {"kind": self.kind, "phrase": self.phrase,
                "through": self.phrase if self.through is None else self.through,
                "size": round(self.size, 2), "message": self.message}


@dataclass(frozen=True)
class ReferenceComparison:
    """The latest take against the reference: ``matched_words`` of ``reference_words``
    found; ``phrases`` (empty when the take does not follow the script, ``message`` then
    says so); ``differences`` the largest, at most three."""

    reference: str
    matched_words: int
    reference_words: int
    phrases: tuple[PhraseDiff, ...]
    differences: tuple[Difference, ...]
    message: str = ""

    def to_dict(self) -> dict:
        return {"reference": self.reference, "matched_words": self.matched_words,
                "reference_words": self.reference_words, "message": self.message,
                "phrases": [p.to_dict() for p in self.phrases],
                "differences": [d.to_dict() for d in self.differences]}


def _r(x: float | None) -> float | None:
    return None if x is None or not math.isfinite(x) else round(x, 3)


def align_words(reference: Sequence[str], take: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs (reference index, take index) of the same word in the same order: the
    longest matching runs of the two word sequences (difflib, no junk heuristic)."""
    m = difflib.SequenceMatcher(None, list(reference), list(take), autojunk=False)
    return [(a + k, b + k) for a, b, n in m.get_matching_blocks() for k in range(n)]


def script_offsets_s(takes: Sequence[Sequence[TakeWord]]) -> tuple[float, ...] | None:
    """How much later (s) each take reaches the first take's script than the first take
    does, from the first word they share in order; None when some take does not follow
    the first one's script (under half its words found), so no common axis exists."""
    first = [w.text for w in takes[0]]
    out = []
    for words in takes:
        pairs = align_words(first, [w.text for w in words])
        if not first or len(pairs) < MIN_SCRIPT_SHARE * len(first):
            return None
        i, j = pairs[0]
        out.append(words[j].start_s - takes[0][i].start_s)
    return tuple(out)


def _boundary(words: Sequence[TakeWord], pause_s: tuple[float, float]) -> int | None:
    """The index k of the word boundary (between word k and k+1) a pause belongs to: the
    one whose gap between the words overlaps it most, else the one nearest its middle."""
    if len(words) < 2:
        return None
    a, b = pause_s
    ends = np.array([w.end_s for w in words[:-1]])
    starts = np.array([w.start_s for w in words[1:]])
    overlap = np.minimum(b, np.maximum(starts, ends)) - np.maximum(a, np.minimum(starts, ends))
    if overlap.max() > 0:
        return int(np.argmax(overlap))
    return int(np.argmin(np.abs((ends + starts) / 2 - (a + b) / 2)))


def reference_phrases(words: Sequence[TakeWord], pauses_s: Sequence[tuple[float, float]]
                      ) -> list[tuple[int, int]]:
    """The reference's phrases as word index ranges [start, stop): cut at each pause
    (at the word boundary nearest its middle) and after each sentence's last word."""
    cuts = {k for k, w in enumerate(words[:-1]) if w.ends_sentence} | set(
        _silences(words, pauses_s))
    out, start = [], 0
    for k in sorted(cuts) + [len(words) - 1]:
        if k >= start:
            out.append((start, k + 1))
            start = k + 1
    return out


def _silences(words: Sequence[TakeWord], pauses_s: Sequence[tuple[float, float]]
              ) -> dict[int, float]:
    """Seconds of pause at each word boundary k (between word k and k+1) that has one."""
    out: dict[int, float] = {}
    for a, b in pauses_s:
        k = _boundary(words, (a, b))
        if k is not None:
            out[k] = out.get(k, 0.0) + (b - a)
    return out


def _pause_after(words: Sequence[TakeWord], k: int, silences: dict[int, float]
                 ) -> float | None:
    """The silence (s) after word ``k`` (0 where none); None after the last word."""
    return None if k >= len(words) - 1 else silences.get(k, 0.0)


def _pitch(words: Sequence[TakeWord], floor_hz: float | None) -> tuple[float | None, ...]:
    f0 = np.array([w.f0_hz for w in words], dtype=float)
    f0 = f0[np.isfinite(f0) & (f0 > 0)]
    if floor_hz is None or floor_hz <= 0 or len(f0) < 2:
        return None, None
    st = 12.0 * np.log2(f0 / floor_hz)
    return float(np.median(st)), float(st.max() - st.min())


def _timing(words: Sequence[TakeWord], idx: list[int], silences: dict[int, float],
            floor_hz: float | None) -> PhraseTiming:
    level, movement = _pitch([words[i] for i in idx], floor_hz)
    first, last = idx[0], idx[-1]
    return PhraseTiming(words[first].start_s, words[last].end_s,
                        _pause_after(words, last, silences), level, movement,
                        loose_start=not (first == 0 or first - 1 in silences),
                        loose_end=not (last == len(words) - 1 or last in silences))


def compare_word_timings(ref: Sequence[TakeWord], take: Sequence[TakeWord], *,
                         ref_pauses_s: Sequence[tuple[float, float]] = (),
                         take_pauses_s: Sequence[tuple[float, float]] = (),
                         ref_floor_hz: float | None = None,
                         take_floor_hz: float | None = None) -> list[PhraseDiff]:
    """Each reference phrase and its reading in the take, from the two word sequences,
    their pauses ((start_s, end_s) each) and each speaker's pitch floor (Hz; None: no
    pitch compared)."""
    pairs = dict(align_words([w.text for w in ref], [w.text for w in take]))
    ref_silences, take_silences = _silences(ref, ref_pauses_s), _silences(take, take_pauses_s)
    out: list[PhraseDiff] = []
    for a, b in reference_phrases(ref, ref_pauses_s):
        text = " ".join(w.text for w in ref[a:b])
        found = [i for i in range(a, b) if i in pairs]
        ref_t = _timing(ref, list(range(a, b)), ref_silences, ref_floor_hz)
        enough = len(found) >= max(2, math.ceil(MIN_PHRASE_SHARE * (b - a)))
        take_t = None
        if enough:
            # Both readings over the same words: the found ones.
            ref_t = _timing(ref, found, ref_silences, ref_floor_hz)
            take_t = _timing(take, [pairs[i] for i in found], take_silences, take_floor_hz)
            if found[-1] != b - 1:  # the phrase's last word missing: its pause unknown
                ref_t = _replace_pause(ref_t, _pause_after(ref, b - 1, ref_silences))
                take_t = _replace_pause(take_t, None)
        prev = out[-1] if out else None
        out.append(PhraseDiff(
            text, b - a, len(found), ref_t, take_t,
            None if prev is None else prev.reference.pause_after_s,
            None if prev is None or prev.take is None else prev.take.pause_after_s))
    return out


def _replace_pause(p: PhraseTiming, pause_s: float | None) -> PhraseTiming:
    return dataclasses.replace(p, pause_after_s=pause_s)


def _length(k: int, j: int, text: str, take: tuple[float, float, float],
            ref: tuple[float, float, float]) -> tuple | None:
    """A rushed or slower claim over phrases k..j from (length, shortest, longest) of
    each reading (s), named only when it holds at the edges' worst: the take's longest
    against the reference's shortest for "rushed", the other way round for "slower"."""
    (t_s, t_lo, t_hi), (r_s, r_lo, r_hi) = take, ref
    said = {"take_s": t_s, "ref_s": r_s, "phrase": text}
    if r_lo - t_hi >= MIN_DURATION_DIFF_S and t_hi / max(r_lo, 1e-3) < RUSHED_RATIO:
        return ("rushed", k, j, math.log(t_hi / r_lo) / math.log(RUSHED_RATIO),
                _t("reference.rushed", **said))
    if t_lo - r_hi >= MIN_DURATION_DIFF_S and t_lo / max(r_hi, 1e-3) > SLOWER_RATIO:
        return ("slower", k, j, math.log(t_lo / r_hi) / math.log(SLOWER_RATIO),
                _t("reference.slower", **said))
    return None


def _runs(phrases: Sequence[PhraseDiff]) -> list[tuple[int, int]]:
    """Runs k..j of two or more found phrases whose outer edges are at silences in both
    readings while an inner edge of the take is not: their length together is then timed
    by the signal although each one's is not."""
    out, k = [], 0
    while k < len(phrases):
        p = phrases[k]
        if p.take is None or p.take.loose_start or p.reference.loose_start:
            k += 1
            continue
        j = k
        while (j < len(phrases) and phrases[j].take is not None
               and (phrases[j].take.loose_end or phrases[j].reference.loose_end)):
            j += 1
        if j < len(phrases) and j > k and phrases[j].take is not None:
            out.append((k, j))
        k = j + 1
    return out


def _speaking(phrases: Sequence[PhraseDiff], k: int, j: int, side: str) -> float:
    """Seconds from phrase k's start to phrase j's end in one reading, its pauses out."""
    readings = [getattr(p, side) for p in phrases[k:j + 1]]
    return readings[-1].end_s - readings[0].start_s - sum(r.pause_after_s or 0.0
                                                         for r in readings[:-1])


def _span_text(phrases: Sequence[PhraseDiff], k: int, j: int) -> str:
    first, last = phrases[k].text.split(), phrases[j].text.split()
    return " ".join(first[:3]) + " … " + " ".join(last[-3:])


def _differences(phrases: Sequence[PhraseDiff]) -> list[tuple]:
    """Every difference named, as (kind, phrase, through, size, sentence)."""
    out = []
    for k, p in enumerate(phrases):
        r, t = p.reference, p.take
        if t is None:
            continue
        q = {"phrase": p.text}
        claim = _length(k, k, p.text, (t.duration_s, *t.bounds_s()),
                        (r.duration_s, *r.bounds_s()))
        out += [claim] if claim else []
        if r.pause_after_s is not None and t.pause_after_s is not None:
            pause = {"take_s": t.pause_after_s, "ref_s": r.pause_after_s, **q}
            if r.pause_after_s - t.pause_after_s >= PAUSE_SHORT_S:
                out.append(("pause_short", k, k, (r.pause_after_s - t.pause_after_s)
                            / PAUSE_SHORT_S, _t("reference.pause_short", **pause)))
            elif t.pause_after_s - r.pause_after_s >= PAUSE_LONG_S:
                out.append(("pause_long", k, k, (t.pause_after_s - r.pause_after_s)
                            / PAUSE_LONG_S, _t("reference.pause_long", **pause)))
        for mine, theirs, kinds in ((t.level_st, r.level_st, ("higher", "lower")),
                                    (t.movement_st, r.movement_st, ("livelier", "flatter"))):
            if mine is None or theirs is None or abs(mine - theirs) < PITCH_DIFF_ST:
                continue
            kind = kinds[0] if mine > theirs else kinds[1]
            out.append((kind, k, k, abs(mine - theirs) / PITCH_DIFF_ST,
                        _t(f"reference.{kind}", take_st=mine, ref_st=theirs, **q)))
    timed = {d[1] for d in out if d[0] in ("rushed", "slower")}
    for k, j in _runs(phrases):
        if not timed.issuperset(range(k, j + 1)):  # a phrase of it not timed on its own
            t_s, r_s = _speaking(phrases, k, j, "take"), _speaking(phrases, k, j, "reference")
            claim = _length(k, j, _span_text(phrases, k, j), (t_s, t_s, t_s), (r_s, r_s, r_s))
            out += [claim] if claim else []
    return out


def snap_to_silence(words: Sequence[TakeWord], pauses_s: Sequence[tuple[float, float]],
                    span_s: tuple[float, float] | None = None) -> list[TakeWord]:
    """The words with their edges put on the silences the signal found: a recognizer's
    word edges drift into or short of a pause by a few tenths of a second, while the pause
    itself is where the speech stops and starts again. So the word before a pause ends where
    it starts and the word after begins where it ends; with ``span_s`` (the speech's first
    onset and last offset, s) the first word starts and the last ends there. An edge more
    than ``MAX_SNAP_S`` away stays (the pause is then not the word's)."""
    out = list(words)

    def moved(w: TakeWord, start_s: float | None = None, end_s: float | None = None):
        start = w.start_s if start_s is None or abs(start_s - w.start_s) > MAX_SNAP_S \
            else start_s
        end = w.end_s if end_s is None or abs(end_s - w.end_s) > MAX_SNAP_S else end_s
        return dataclasses.replace(w, start_s=start, end_s=end) if end > start else w

    for a, b in pauses_s:
        k = _boundary(out, (a, b))
        if k is not None:
            out[k], out[k + 1] = moved(out[k], end_s=a), moved(out[k + 1], start_s=b)
    if span_s is not None and out:
        out[0] = moved(out[0], start_s=span_s[0])
        out[-1] = moved(out[-1], end_s=span_s[1])
    return out


def _span(data: dict) -> tuple[float, float] | None:
    pace = (data.get("measures") or {}).get("pace") or {}
    if pace.get("span_end_s", 0) <= pace.get("span_start_s", 0):
        return None
    return float(pace["span_start_s"]), float(pace["span_end_s"])


def _pauses(data: dict) -> list[tuple[float, float]]:
    pm = ((data.get("measures") or {}).get("pauses") or {}).get("pauses") or []
    return [(float(p["start_s"]), float(p["end_s"])) for p in pm]


def _floor(data: dict) -> float | None:
    pitch = (data.get("measures") or {}).get("pitch") or {}
    if pitch.get("unclear_reason") or not pitch.get("floor_f0_hz"):
        return None
    return float(pitch["floor_f0_hz"])


def compare_with_reference(reference: dict, take: dict, *, lang: str = "en"
                           ) -> ReferenceComparison:
    """The take (report data) against a trainer's model take of the same script (report
    data); texts in ``lang``. Pitch is compared only where both takes' pitch is clear."""
    ref_words, take_w = take_words(reference), take_words(take)
    matched = len(align_words([w.text for w in ref_words], [w.text for w in take_w]))
    name = take_label(reference)
    if not ref_words or matched < MIN_SCRIPT_SHARE * len(ref_words):
        msg = _t("reference.off_script", matched=matched, total=len(ref_words))
        return ReferenceComparison(name, matched, len(ref_words), (), (), localize(msg, lang))
    ref_pauses, take_pauses = _pauses(reference), _pauses(take)
    phrases = compare_word_timings(snap_to_silence(ref_words, ref_pauses, _span(reference)),
                                   snap_to_silence(take_w, take_pauses, _span(take)),
                                   ref_pauses_s=ref_pauses, take_pauses_s=take_pauses,
                                   ref_floor_hz=_floor(reference), take_floor_hz=_floor(take))
    named = sorted(_differences(phrases), key=lambda d: -d[3])[:MAX_NAMED]
    return ReferenceComparison(
        name, matched, len(ref_words), tuple(phrases),
        tuple(Difference(kind, k, size, localize(msg, lang), j)
              for kind, k, j, size, msg in named))
