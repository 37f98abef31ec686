import numpy as np
import pytest

from voicecoach.measures.intervals import Interval, from_mask, gaps, merge, total_s


def test_merge_overlapping_and_within_collar():
    ivs = [Interval(2.0, 3.0), Interval(0.0, 1.0), Interval(0.5, 1.5), Interval(3.05, 4.0)]
    assert merge(ivs) == [Interval(0.0, 1.5), Interval(2.0, 3.0), Interval(3.05, 4.0)]
    assert merge(ivs, collar_s=0.1) == [Interval(0.0, 1.5), Interval(2.0, 4.0)]


@pytest.mark.parametrize(
    "min_gap_s, within, expected",
    [
        (0.0, None, [Interval(1.0, 2.0), Interval(3.0, 3.2)]),
        (0.25, None, [Interval(1.0, 2.0)]),
        (0.0, Interval(0.0, 5.0),
         [Interval(0.0, 0.5), Interval(1.0, 2.0), Interval(3.0, 3.2), Interval(4.0, 5.0)]),
        (0.0, Interval(0.7, 3.1), [Interval(1.0, 2.0), Interval(3.0, 3.1)]),
    ],
)
def test_gaps(min_gap_s, within, expected):
    ivs = [Interval(0.5, 1.0), Interval(2.0, 3.0), Interval(3.2, 4.0)]
    assert gaps(ivs, min_gap_s=min_gap_s, within=within) == expected


def test_gaps_of_nothing_within_span_is_the_span():
    assert gaps([], within=Interval(1.0, 2.0)) == [Interval(1.0, 2.0)]
    assert gaps([]) == []


def test_from_mask_and_total():
    mask = np.array([0, 1, 1, 0, 0, 1, 0, 1, 1, 1], dtype=bool)
    ivs = from_mask(mask, 0.01)
    assert [(round(i.start_s, 3), round(i.end_s, 3)) for i in ivs] == [
        (0.01, 0.03), (0.05, 0.06), (0.07, 0.1)]
    assert total_s(ivs) == pytest.approx(0.06)
    assert from_mask(np.zeros(0, bool), 0.01) == []


def test_interval_overlap():
    a, b = Interval(0.0, 2.0), Interval(1.5, 3.0)
    assert a.overlaps(b) and a.overlap_s(b) == pytest.approx(0.5)
    assert not a.overlaps(Interval(2.0, 3.0))
    assert a.duration_s == 2.0 and a.mid_s == 1.0
