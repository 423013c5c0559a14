"""Geometry for the small inline SVG charts of the pages (no chart library, no JavaScript).

Only numbers are computed here; the templates draw them, so labels go through Jinja2's
autoescaping like any other text. Charts are small multiples of information an analyst reads at
a glance — bars per period, a star of co-mentioned actors — and each carries a text alternative
in the page, so nothing is available only as a picture.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class BarChart:
    width: int
    height: int
    bars: list[Bar]
    max_count: int
    first_label: str
    last_label: str


MAX_SLOT = 48.0


def bar_chart(
    points: Sequence[tuple[str, int]], width: int = 640, height: int = 140, pad: int = 18
) -> BarChart | None:
    """Bars for (label, count) points in order; None when there is nothing to draw.

    Bars are at most ``MAX_SLOT`` wide so that one or two periods do not fill the chart.
    """
    if not points:
        return None
    top = max(count for _, count in points) or 1
    slot = min((width - 2 * pad) / len(points), MAX_SLOT)
    gap = min(4.0, slot * 0.2)
    plot = height - 2 * pad
    bars = []
    for i, (label, count) in enumerate(points):
        h = plot * count / top
        bars.append(
            Bar(
                x=round(pad + i * slot + gap / 2, 1),
                y=round(pad + plot - h, 1),
                width=round(max(slot - gap, 1.0), 1),
                height=round(h, 1),
                label=label,
                count=count,
            )
        )
    return BarChart(width, height, bars, top, points[0][0], points[-1][0])


@dataclass(frozen=True, slots=True)
class Node:
    x: float
    y: float
    r: float
    id: str
    name: str
    weight: int


@dataclass(frozen=True, slots=True)
class StarGraph:
    size: int
    center: Node
    nodes: list[Node]


def star_graph(
    center: tuple[str, str], neighbours: Sequence[tuple[str, str, int]], size: int = 360
) -> StarGraph | None:
    """An actor in the middle and the actors seen alongside it on a circle; node size ~ weight."""
    if not neighbours:
        return None
    mid = size / 2
    radius = size / 2 - 48
    top = max(w for _, _, w in neighbours) or 1
    nodes = []
    for i, (ident, name, weight) in enumerate(neighbours):
        angle = 2 * math.pi * i / len(neighbours) - math.pi / 2
        nodes.append(
            Node(
                x=round(mid + radius * math.cos(angle), 1),
                y=round(mid + radius * math.sin(angle), 1),
                r=round(5 + 9 * math.sqrt(weight / top), 1),
                id=ident,
                name=name,
                weight=weight,
            )
        )
    return StarGraph(size, Node(mid, mid, 16, center[0], center[1], 0), nodes)
