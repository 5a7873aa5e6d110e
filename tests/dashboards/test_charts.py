"""The charts pages draw as inline SVG, read from the pages as a visitor gets them: a y axis of real amounts
with gridlines, time to scale (a 15-month gap shows as one), the goal line, the reader's language, and
the figures in a table."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from babel.dates import format_skeleton
from conftest import shown_day
from dashboard_helpers import log_gift, page_text

from tracker import money
from tracker.dashboards import charts

SVG = "{http://www.w3.org/2000/svg}"
JULY_25, JULY_26 = dt.date(2025, 7, 25), dt.date(2025, 7, 26)


def figure(page: str, kind: str) -> str:
    match = re.search(rf'<figure class="chart chart-{kind}">.*?</figure>', page, re.S)
    assert match, f"no {kind} chart on the page"
    return match.group(0)


def svg(chart: str) -> ET.Element:
    markup = re.search(r"<svg .*?</svg>", chart, re.S).group(0)
    return ET.fromstring(markup.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))


def labels(drawing: ET.Element, group: str) -> list[str]:
    return ["".join(t.itertext()) for t in drawing.find(f"{SVG}g[@class='{group}']").iter(f"{SVG}text")]


def campaign_page(client, world, query: str = "") -> str:
    response = client.get(f"/campaigns/{world.paris_campaign_id}{query}")
    assert response.status_code == 200
    return page_text(response)


def test_the_y_axis_has_round_amounts_covering_the_peak_and_a_gridline_each(app, client, world):
    log_gift(app, "volunteer@example.org", world.paris_campaign_id, "100", "EUR", JULY_25)
    log_gift(app, "volunteer@example.org", world.paris_campaign_id, "1,234.56", "EUR", JULY_26)
    drawing = svg(figure(campaign_page(client, world), "bars"))

    ticks = labels(drawing, "y-labels")
    steps = [money.format_minor(50_000 * k, "EUR") for k in range(1, len(ticks) + 1)]
    assert ticks == steps == ["€500.00", "€1,000.00", "€1,500.00"]  # the peak, €1,234.56, is under the top
    assert len(drawing.find(f"{SVG}g[@class='grid']")) == len(ticks)
    assert labels(drawing, "x-labels") == ["Jul 25", "Jul 26"]
    bars = drawing.find(f"{SVG}g[@class='series']").findall(f"{SVG}rect")
    assert [bar.find(f"{SVG}title").text for bar in bars] == [
        f"{shown_day(JULY_25)}: €100.00", f"{shown_day(JULY_26)}: €1,234.56"]
    # Heights in proportion to the amounts, on the axis the labels name (0 at the bottom, €1,500 at the top).
    heights = [float(bar.get("height")) for bar in bars]
    assert abs(heights[1] / heights[0] - 12.3456) < 0.05


def test_the_svg_keeps_its_shape_and_names_what_it_shows(app, client, world):
    log_gift(app, "volunteer@example.org", world.paris_campaign_id, "100", "EUR", JULY_25)
    log_gift(app, "volunteer@example.org", world.paris_campaign_id, "50", "EUR", dt.date(2025, 7, 30))
    chart = figure(campaign_page(client, world), "bars")
    assert "preserveAspectRatio" not in chart
    drawing = svg(chart)
    assert drawing.get("role") == "img"
    assert drawing.get("aria-label") == (f"Raised per day. From {shown_day(JULY_25)} to "
                                         f"{shown_day(dt.date(2025, 7, 30))}: €150.00 in all.")
    # Several dates under the axis, not only the first and the last.
    assert len(labels(drawing, "x-labels")) >= 3


def test_two_gifts_fifteen_months_apart_stand_as_far_apart_as_their_dates(app, client, world):
    days = [dt.date(2025, 7, 26), dt.date(2025, 8, 10), dt.date(2026, 10, 26)]
    for day in days:
        log_gift(app, "volunteer@example.org", world.paris_campaign_id, "100", "EUR", day)
    chart = figure(campaign_page(client, world), "bars")
    assert "Raised per month" in chart and "Each bar adds up a calendar month." in chart
    drawing = svg(chart)
    bars = drawing.find(f"{SVG}g[@class='series']").findall(f"{SVG}rect")
    assert len(bars) == 3  # one per month with gifts; the empty months are empty space, not left out
    middles = [float(bar.get("x")) + float(bar.get("width")) / 2 for bar in bars]
    # July, August and October are all 31 days: the middles are 31 and 457 days apart.
    gap, near = middles[2] - middles[1], middles[1] - middles[0]
    assert abs(gap / near - (dt.date(2026, 10, 1) - dt.date(2025, 8, 1)).days / 31) < 0.01
    assert gap > 250  # most of the chart's width is the quiet year
    # Month labels under the axis, and one table row per month with gifts.
    assert labels(drawing, "x-labels")[0] == "Jul 2025"
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td class="num">([^<]+)</td>', chart)
    assert rows == [("July 2025", "€100.00"), ("August 2025", "€100.00"), ("October 2026", "€100.00")]


def test_the_running_total_is_drawn_against_the_goal(app, client, world):
    log_gift(app, "volunteer@example.org", world.paris_campaign_id, "30,000.00", "EUR", JULY_25)
    log_gift(app, "volunteer@example.org", world.paris_campaign_id, "10,000.00", "EUR", JULY_26)
    chart = figure(campaign_page(client, world), "line")
    drawing = svg(chart)
    goal = drawing.find(f"{SVG}text[@class='goal']")
    assert goal is not None and goal.text == "Goal: €80,000.00"
    goal_y = float(drawing.find(f"{SVG}g[@class='goal']/{SVG}line").get("y1"))
    assert labels(drawing, "y-labels")[-1] == "€80,000.00"  # the axis reaches the goal
    top_gridline = float(drawing.find(f"{SVG}g[@class='grid']")[-1].get("y1"))
    assert goal_y == top_gridline
    # The line ends at €40,000, half way up to the goal.
    last_y = float(drawing.find(f"{SVG}polyline").get("points").split()[-1].split(",")[1])
    bottom = float(drawing.find(f"{SVG}line[@class='axis']").get("y1"))
    assert abs((bottom - last_y) / (bottom - goal_y) - 0.5) < 0.01
    assert "against a goal of €80,000.00" in drawing.get("aria-label")
    assert re.search(rf'<th scope="row">{shown_day(JULY_26)}</th><td class="num">€10,000.00</td>\s*'
                     r'<td class="num">€40,000.00</td>', chart)

    # The goal is in euros: a chart in dollars has no goal line to draw against it.
    in_dollars = figure(campaign_page(client, world, "?currency=USD"), "line")
    assert 'class="goal"' not in in_dollars


def test_a_french_reader_gets_french_dates_and_amounts(app, client, world):
    log_gift(app, "volunteer@example.org", world.paris_campaign_id, "100", "EUR", JULY_25)
    log_gift(app, "volunteer@example.org", world.paris_campaign_id, "1,234.56", "EUR", JULY_26)
    page = campaign_page(client, world, "?lang=fr")
    chart = figure(page, "bars")
    drawing = svg(chart)
    assert "Collecté par jour" in chart
    assert labels(drawing, "x-labels") == ["25 juil.", "26 juil."]
    assert labels(drawing, "y-labels") == [money.format_minor(50_000 * k, "EUR", "fr") for k in (1, 2, 3)]
    assert labels(drawing, "y-labels")[0] == "500,00\u00a0€"
    assert re.search(rf"<title>{shown_day(JULY_26, 'fr')} ?: {money.format_minor(123_456, 'EUR', 'fr')}</title>", chart)
    line = figure(page, "line")
    assert "Collecté au fil du temps" in line


def test_the_figures_are_in_a_table_folded_under_the_chart(app, client, world, auth):
    log_gift(app, "volunteer@example.org", world.paris_campaign_id, "100", "EUR", JULY_25)
    log_gift(app, "volunteer@example.org", world.paris_campaign_id, "250", "EUR", dt.date(2025, 7, 28))
    chart = figure(campaign_page(client, world), "bars")
    assert re.search(r"<details class=\"chart-figures\">\s*<summary>Show the figures as a table</summary>", chart)
    assert 'class="visually-hidden"><caption' not in chart  # no hidden table to scroll past
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td class="num">([^<]+)</td>\s*<td class="num">([^<]+)</td>',
                      chart)
    assert rows == [(shown_day(JULY_25), "€100.00", "€100.00"), (shown_day(dt.date(2025, 7, 28)), "€250.00", "€350.00")]

    # The coordinator's dashboard draws both charts, without a goal: a region has none.
    auth.login(world.emails["coordinator"])
    dashboard = page_text(client.get("/dashboards/FR-IDF"))
    assert figure(dashboard, "bars") and 'class="goal"' not in figure(dashboard, "line")


def test_spans_are_added_up_by_day_week_or_month():
    start = dt.date(2025, 7, 25)
    assert charts.period_for(start, start + dt.timedelta(days=charts.DAY_SPAN - 1)) == "day"
    assert charts.period_for(start, start + dt.timedelta(days=charts.DAY_SPAN)) == "week"
    assert charts.period_for(start, start + dt.timedelta(days=charts.WEEK_SPAN)) == "month"
    assert charts.period_start(start, "week") == dt.date(2025, 7, 21)  # a Monday
    assert charts.period_end(dt.date(2025, 12, 1), "month") == dt.date(2026, 1, 1)


def test_tick_steps_are_whole_round_amounts_in_minor_units():
    assert charts.nice_step(123_456, "EUR") == 50_000  # €500: four steps reach €1,234.56
    assert charts.nice_step(1, "EUR") == 100  # never less than one euro
    assert charts.nice_step(7_000_000, "KHR") == 2_000_000  # riels have no minor unit
    assert all(isinstance(charts.nice_step(peak, "JPY"), int) for peak in (1, 999, 10 ** 9))


def test_a_khmer_reader_gets_khmer_month_names(app, client, world):
    log_gift(app, "volunteer@example.org", world.paris_campaign_id, "100", "EUR", JULY_25)
    drawing = svg(figure(campaign_page(client, world, "?lang=km"), "bars"))
    assert labels(drawing, "x-labels") == [format_skeleton("MMMd", JULY_25, locale="km")]
    assert "កក្កដា" in labels(drawing, "x-labels")[0]


def test_a_season_of_gifts_is_drawn_a_bar_a_week(app, client, world):
    log_gift(app, "volunteer@example.org", world.paris_campaign_id, "100", "EUR", JULY_25)  # a Friday
    log_gift(app, "volunteer@example.org", world.paris_campaign_id, "40", "EUR", dt.date(2025, 7, 27))  # its Sunday
    log_gift(app, "volunteer@example.org", world.paris_campaign_id, "60", "EUR", dt.date(2025, 10, 20))
    chart = figure(campaign_page(client, world), "bars")
    assert "Raised per week" in chart and "Each bar adds up a week, Monday to Sunday." in chart
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td class="num">([^<]+)</td>', chart)
    assert rows == [(f"Week of {shown_day(dt.date(2025, 7, 21))}", "€140.00"),
                    (f"Week of {shown_day(dt.date(2025, 10, 20))}", "€60.00")]
    assert len(labels(svg(chart), "x-labels")) >= 3
