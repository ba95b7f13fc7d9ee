"""Bar charts drawn on the server as SVG geometry; the template only places the shapes."""

import datetime as dt
import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    day: dt.date
    value: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Gridline:
    value: int
    y: float


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    left: int
    bottom: float
    bars: list[Bar]
    gridlines: list[Gridline]
    total: int
    peak: Bar | None

    @property
    def first_day(self) -> dt.date | None:
        return self.bars[0].day if self.bars else None

    @property
    def last_day(self) -> dt.date | None:
        return self.bars[-1].day if self.bars else None


def nice_ceiling(value: int) -> int:
    """Return a round number (1, 2 or 5 times a power of ten) not below value."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power  # pragma: no cover


def bar_chart(
    series: list[tuple[dt.date, int]], *, width: int = 720, height: int = 220
) -> BarChart:
    """Return the geometry of a bar chart of (date, value) pairs, one bar per day."""
    left, top, bottom_margin = 56, 10, 24
    plot_width, plot_height = width - left - 8, height - top - bottom_margin
    ceiling = nice_ceiling(max((value for _day, value in series), default=0))
    slot = plot_width / max(len(series), 1)
    gap = min(2.0, slot * 0.2)
    bottom = top + plot_height
    bars = []
    for index, (day, value) in enumerate(series):
        bar_height = plot_height * value / ceiling
        bars.append(
            Bar(
                day=day,
                value=value,
                x=round(left + index * slot + gap / 2, 2),
                y=round(bottom - bar_height, 2),
                width=round(slot - gap, 2),
                height=round(bar_height, 2),
            )
        )
    gridlines = [
        Gridline(value=ceiling * step // 2, y=round(bottom - plot_height * step / 2, 2))
        for step in (0, 1, 2)
    ]
    peak = max(bars, key=lambda bar: bar.value, default=None)
    return BarChart(
        width=width,
        height=height,
        left=left,
        bottom=bottom,
        bars=bars,
        gridlines=gridlines,
        total=sum(bar.value for bar in bars),
        peak=peak if peak and peak.value else None,
    )
