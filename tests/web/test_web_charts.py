"""Chart geometry and the per-month counting behind the timelines."""

from __future__ import annotations

from sitrep.api.services import PeriodCount, periods
from sitrep.web.charts import MAX_SLOT, bar_chart, star_graph


def test_periods_fill_empty_months_and_skip_undated() -> None:
    found = periods(["2025-11-03", "2026-01", "2025-11-30", None, "2025", "garbage", "2025-13-01"])
    assert found == [
        PeriodCount("2025-11", 2),
        PeriodCount("2025-12", 0),
        PeriodCount("2026-01", 1),
    ]


def test_long_spans_are_counted_per_year() -> None:
    found = periods(["1999-05-01", "2025-09-09", "2025-10-01"])
    assert found[0] == PeriodCount("1999", 1)
    assert found[-1] == PeriodCount("2025", 2)
    assert sum(p.count for p in found) == 3


def test_bars_scale_to_the_largest_count() -> None:
    chart = bar_chart([("a", 1), ("b", 4), ("c", 0)], width=300, height=100, pad=10)
    assert chart is not None
    heights = [b.height for b in chart.bars]
    assert heights[1] == 80.0  # the full plot height
    assert heights[0] == 20.0 and heights[2] == 0.0
    assert all(b.width <= MAX_SLOT for b in chart.bars)
    assert [b.x for b in chart.bars] == sorted(b.x for b in chart.bars)


def test_nothing_to_draw() -> None:
    assert bar_chart([]) is None
    assert star_graph(("a", "A"), []) is None


def test_star_graph_nodes_stay_inside_and_grow_with_weight() -> None:
    graph = star_graph(("c", "Centre"), [("x", "X", 1), ("y", "Y", 9), ("z", "Z", 3)], size=300)
    assert graph is not None
    for node in graph.nodes:
        assert node.r <= node.x <= 300 - node.r and node.r <= node.y <= 300 - node.r
    radius = {n.id: n.r for n in graph.nodes}
    assert radius["x"] < radius["z"] < radius["y"]
