"""The geometry and labels of the charts pages draw as inline SVG (templates/macros/charts.html).

Drawn on the server, with no script: a reader on a phone sees the same chart as anyone. The drawing is
WIDTH units wide, about a phone's width, and keeps its aspect ratio, so its FONT-unit text stays at
least 11 px on a 360 px phone and only grows, up to the CSS max-width, on a desktop.

Time is to scale: x is proportional to the date, so a quiet month shows as a gap, not as a bar beside
the next one. A long span is added up by week or by month rather than drawing hundreds of hairline bars.
Money stays integers in minor units (tick values, bar amounts, the goal); floats are only pixel positions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from babel.dates import format_skeleton

from tracker import money
from tracker.i18n import N_, current_language, day_filter, gettext as _, money_minor_filter

WIDTH, HEIGHT = 360, 236
LEFT, RIGHT, TOP, BOTTOM = 6.0, 354.0, 26.0, 204.0  # the plot area; tick labels sit above TOP's line
FONT = 13  # in drawing units: 13 × 328 / 360 ≈ 11.8 px in a phone's 328 px wide column
Y_TICKS = 4  # at most this many gridlines above zero
X_TICKS = 4  # at most this many dates under the axis: each label needs about 80 units
LABEL_ROOM = 34.0  # a date label this close to an edge is aligned on it rather than centred

DAY_SPAN, WEEK_SPAN = 62, 366  # the longest spans drawn a bar a day, then a bar a week; longer: a month
TITLES = {"day": N_("Raised per day"), "week": N_("Raised per week"), "month": N_("Raised per month")}
HOW_ADDED = {"day": "", "week": N_("Each bar adds up a week, Monday to Sunday."),
             "month": N_("Each bar adds up a calendar month.")}
PERIOD_HEADINGS = {"day": N_("Day"), "week": N_("Week"), "month": N_("Month")}
# Date steps for the x axis, finest first: (unit, how many).
X_STEPS = [("day", 1), ("day", 2), ("day", 7), ("day", 14), ("month", 1), ("month", 2), ("month", 3),
           ("month", 6), ("month", 12), ("month", 24), ("month", 60)]


@dataclass
class Tick:
    at: float  # x or y in drawing units
    label: str
    anchor: str = "middle"


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # "Jul 26, 2025: $250.00", shown on hover


@dataclass
class Row:
    label: str
    amount_minor: int
    running_minor: int


@dataclass
class Chart:
    title: str
    summary: str  # the chart in one sentence: the SVG's accessible name
    note: str  # how bars add up, when not a day each
    period_heading: str
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    rows: list[Row]
    bars: list[Bar] = field(default_factory=list)
    points: str = ""  # the cumulative line, as SVG polyline points
    goal: Tick | None = None
    width: int = WIDTH
    height: int = HEIGHT
    left: float = LEFT
    right: float = RIGHT
    top: float = TOP
    bottom: float = BOTTOM
    font: int = FONT


def _px(value: float) -> float:
    return round(value, 2)


def period_for(first: dt.date, last: dt.date) -> str:
    span = (last - first).days + 1
    return "day" if span <= DAY_SPAN else "week" if span <= WEEK_SPAN else "month"


def period_start(day: dt.date, period: str) -> dt.date:
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def period_end(start: dt.date, period: str) -> dt.date:
    """The day after the period starting on `start`."""
    if period == "month":
        return _add_months(start, 1)
    return start + dt.timedelta(days=7 if period == "week" else 1)


def nice_step(peak_minor: int, currency: str) -> int:
    """The smallest 1, 2 or 5 × 10ⁿ whole units of the currency with Y_TICKS steps reaching the peak."""
    base = 10 ** money.minor_units(currency)
    while True:
        for multiple in (1, 2, 5):
            if base * multiple * Y_TICKS >= peak_minor:
                return base * multiple
        base *= 10


class _Scale:
    """Dates and amounts to drawing units, over [start, end) and [0, top_minor]."""

    def __init__(self, start: dt.date, end: dt.date, top_minor: int):
        self.start, self.days, self.top_minor = start, max((end - start).days, 1), top_minor

    def x(self, day: dt.date) -> float:
        return LEFT + (day - self.start).days * (RIGHT - LEFT) / self.days

    def y(self, amount_minor: int) -> float:
        return BOTTOM - amount_minor * (BOTTOM - TOP) / self.top_minor


def _y_ticks(scale: _Scale, step: int, currency: str) -> list[Tick]:
    """A gridline per step above zero (the axis itself is zero), each labelled with its amount."""
    return [Tick(_px(scale.y(value)), money_minor_filter(value, currency), "start")
            for value in range(step, scale.top_minor + 1, step)]


def _x_dates(start: dt.date, end: dt.date, unit: str, count: int) -> list[dt.date]:
    if unit == "day":
        return [start + dt.timedelta(days=offset) for offset in range(0, (end - start).days, count)]
    day, dates = _add_months(start, 0), []
    if day < start:
        day = _add_months(day, 1)
    while day < end:
        if (day.year * 12 + day.month - 1) % count == 0:  # quarters start in January, April…
            dates.append(day)
        day = _add_months(day, 1)
    return dates


def _x_ticks(scale: _Scale, end: dt.date) -> list[Tick]:
    """A few dates under the axis at a round step (every n days, or month starts), each at the middle of its day."""
    locale = current_language()
    for unit, count in X_STEPS:
        dates = _x_dates(scale.start, end, unit, count)
        if len(dates) <= X_TICKS:
            break
    if len(dates) < 2:  # a short span between two month starts: its first and last days
        dates = sorted({scale.start, end - dt.timedelta(days=1)})
    ticks = []
    for index, day in enumerate(dates):
        if unit == "day" or len(dates) < 2:
            label = format_skeleton("MMMd", day, locale=locale)
        elif count >= 12:
            label = format_skeleton("y", day, locale=locale)
        else:  # the year on the first month and on each January only: labels stay short
            label = format_skeleton("yMMM" if index == 0 or day.month == 1 else "MMM", day, locale=locale)
        at = scale.x(day) + (RIGHT - LEFT) / scale.days / 2
        anchor = "start" if at - LEFT < LABEL_ROOM else "end" if RIGHT - at < LABEL_ROOM else "middle"
        ticks.append(Tick(_px(at), label, anchor))
    return ticks


def _period_label(start: dt.date, period: str) -> str:
    if period == "week":
        return _("Week of {day}", day=start)
    if period == "month":
        return format_skeleton("yMMMM", start, locale=current_language())
    return day_filter(start)


def _summary(first: dt.date, last: dt.date, total_minor: int, currency: str) -> str:
    return _("From {first} to {last}: {total} in all.", first=first, last=last,
             total=money_minor_filter(total_minor, currency))


def bar_chart(series: list[tuple[dt.date, int]], currency: str) -> Chart | None:
    """Bars of money raised per day, week or month, from (day, amount in minor units), quiet days or not."""
    series = sorted((day, amount) for day, amount in series)
    if not series:
        return None
    first, last = series[0][0], series[-1][0]
    period = period_for(first, last)
    sums: dict[dt.date, int] = {}
    for day, amount in series:
        key = period_start(day, period)
        sums[key] = sums.get(key, 0) + amount
    start, end = period_start(first, period), period_end(period_start(last, period), period)
    peak = max(max(sums.values()), 1)
    step = nice_step(peak, currency)
    scale = _Scale(start, end, -(-peak // step) * step)
    bars, rows, running = [], [], 0
    for key in sorted(sums):
        amount = sums[key]
        running += amount
        if not amount:
            continue
        label = _period_label(key, period)
        rows.append(Row(label, amount, running))
        left, right = scale.x(key), scale.x(period_end(key, period))
        slot = right - left
        width = max(min(slot * 0.8, 40.0), 1.5)  # a gap between bars; one lone bar is not the whole width
        height = max(BOTTOM - scale.y(amount), 1.0) if amount > 0 else 0.0
        bars.append(Bar(_px(left + (slot - width) / 2), _px(BOTTOM - height), _px(width), _px(height),
                        _("{period}: {amount}", period=label, amount=money_minor_filter(amount, currency))))
    return Chart(title=_(TITLES[period]), summary=_summary(first, last, running, currency),
                 note=_(HOW_ADDED[period]) if HOW_ADDED[period] else "", period_heading=_(PERIOD_HEADINGS[period]),
                 y_ticks=_y_ticks(scale, step, currency), x_ticks=_x_ticks(scale, end), rows=rows, bars=bars)


def line_chart(series: list[tuple[dt.date, int]], currency: str, goal_minor: int | None = None) -> Chart | None:
    """The running total, from (day, total so far in minor units), as steps (a total only moves on a day
    with gifts), against the goal when there is one."""
    series = sorted((day, amount) for day, amount in series)
    if not series:
        return None
    first, last = series[0][0], series[-1][0]
    # The same span as the bars of the same figures, so that the two charts line up on a page.
    period = period_for(first, last)
    start, end = period_start(first, period), period_end(period_start(last, period), period)
    total = series[-1][1]
    peak = max(max(amount for _day, amount in series), goal_minor or 0, 1)
    step = nice_step(peak, currency)
    scale = _Scale(start, end, -(-peak // step) * step)
    points, rows, before = [(LEFT, BOTTOM)], [], 0
    for day, running in series:
        if running == before:
            continue
        points += [(scale.x(day), scale.y(before)), (scale.x(day), scale.y(running))]
        rows.append(Row(day_filter(day), running - before, running))
        before = running
    points.append((RIGHT, scale.y(before)))
    summary = _summary(first, last, total, currency)
    goal = None
    if goal_minor:
        shown_goal = money_minor_filter(goal_minor, currency)
        goal = Tick(_px(scale.y(goal_minor)), _("Goal: {amount}", amount=shown_goal), "end")
        summary = _("From {first} to {last}: {total} raised, against a goal of {goal}.", first=first, last=last,
                    total=money_minor_filter(total, currency), goal=shown_goal)
    return Chart(title=_("Raised over time"), summary=summary, note="", period_heading=_("Day"),
                 y_ticks=_y_ticks(scale, step, currency), x_ticks=_x_ticks(scale, end), rows=rows,
                 points=" ".join(f"{_px(x)},{_px(y)}" for x, y in points),
                 goal=goal)
