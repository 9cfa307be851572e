"""The chart's geometry: a bar per week between the first and the last with
edits, heights in proportion, and whole values on its axis."""

from wikimooc.theme.programs.chart import chart
from wikimooc.theme.programs.chart import round_top

import pytest


@pytest.mark.parametrize(("highest", "top"), [(1, 1), (3, 5), (7, 10), (11, 20), (420, 500)])
def test_the_axis_ends_at_a_round_value(highest, top):
    assert round_top(highest) == top


def test_weeks_without_edits_are_gaps():
    drawn = chart([{"week": "2027-03-01", "edits": 3}, {"week": "2027-03-22", "edits": 6}])
    assert [bar["week"] for bar in drawn["bars"]] == [
        "2027-03-01", "2027-03-08", "2027-03-15", "2027-03-22"]
    heights = [bar["height"] for bar in drawn["bars"]]
    assert heights[1] == heights[2] == 0 and heights[3] == pytest.approx(2 * heights[0])
    assert drawn["busiest"] == ("2027-03-22", 6) and drawn["total"] == 9


@pytest.mark.parametrize(("highest", "values"), [
    (6, [0, 2, 4, 6, 8, 10]), (2, [0, 1, 2]), (1, [0, 1]), (15, [0, 5, 10, 15, 20]),
])
def test_axis_values_are_whole(highest, values):
    drawn = chart([{"week": "2027-03-01", "edits": highest}])
    assert [tick["value"] for tick in drawn["ticks"]] == values


def test_no_edits_no_chart():
    assert chart([]) is None
