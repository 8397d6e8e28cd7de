"""The printable page's chart: pulled away, pushed away and stayed close, week by week (or month
by month), drawn as an inline SVG.

The three series differ by their fill (solid, diagonal lines, dots), not only by colour, so the
chart reads the same printed in black and white; it has a title and a legend. Only the journal's
own words are in it (period names, labels), and every one is escaped for XML.
"""

from __future__ import annotations

import math
from html import escape

from closeness_journal.core.dates import short_date, week_start
from closeness_journal.core.patterns import Patterns, Period

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 72, 40
"""The plot area's margins: room for the numbers on the left, the title and legend above, the
period names below."""

SERIES = (
    ("withdrawal", "Pulled away", "#2f4b7c", "url(#cj-solid)"),
    ("sabotage", "Pushed away", "#9a4a1f", "url(#cj-lines)"),
    ("stayed", "Stayed close", "#2e6b34", "url(#cj-dots)"),
)
"""(Period field, label, colour, fill): a solid bar, a bar of diagonal lines, a bar of dots."""

_PATTERNS = """<defs>
<pattern id="cj-solid" width="4" height="4" patternUnits="userSpaceOnUse">\
<rect width="4" height="4" fill="#2f4b7c"/></pattern>
<pattern id="cj-lines" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
<rect width="6" height="6" fill="#ffffff"/>\
<line x1="0" y1="0" x2="0" y2="6" stroke="#9a4a1f" stroke-width="3"/></pattern>
<pattern id="cj-dots" width="5" height="5" patternUnits="userSpaceOnUse">\
<rect width="5" height="5" fill="#ffffff"/><circle cx="2.5" cy="2.5" r="1.4" fill="#2e6b34"/></pattern>
</defs>"""


def _x(text: str) -> str:
    return escape(text, quote=True)


def nice_top(largest: int) -> tuple[int, int]:
    """The axis's top and the step between its lines: a round number at or above `largest`."""
    if largest <= 0:
        return 1, 1
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if math.ceil(largest / step) <= 5:
            return step * math.ceil(largest / step), step
    step = 10 ** math.ceil(math.log10(largest / 5))
    return step * math.ceil(largest / step), step


def _period_label(period: Period, by: str, first: bool) -> str:
    if by == "week":
        monday = week_start(period.start)
        return f"{monday.day} {monday:%b}"
    return f"{period.start:%b}" + (f" {period.start.year}" if first or period.start.month == 1 else "")


def chart_svg(patterns: Patterns) -> str:
    """The chart as one `<svg>` element (well-formed XML)."""
    periods = patterns.periods
    unit = "week" if patterns.by == "week" else "month"
    title = f"Pulled away, pushed away and stayed close, {unit} by {unit}"
    span = f"{short_date(patterns.since)} to {short_date(patterns.until)}"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        'role="img" aria-labelledby="cj-chart-title cj-chart-desc" class="chart" '
        'font-family="Helvetica, Arial, sans-serif">',
        f'<title id="cj-chart-title">{_x(title)}</title>',
        f'<desc id="cj-chart-desc">{_x(f"How many entries each {unit}, {span}. The table below has the same figures.")}'
        "</desc>",
        _PATTERNS,
        f'<text x="{LEFT}" y="22" font-size="15" font-weight="bold" fill="#222">{_x(title)}</text>',
    ]
    x = LEFT
    for _, label, colour, fill in SERIES:
        out.append(f'<rect x="{x}" y="36" width="16" height="14" fill="{fill}" stroke="{colour}" stroke-width="1.2"/>')
        out.append(f'<text x="{x + 22}" y="47.5" font-size="12" fill="#222">{_x(label)}</text>')
        x += 22 + 8 * len(label) + 24

    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    base = TOP + plot_h
    largest = max((getattr(p, field) for p in periods for field, *_ in SERIES), default=0)
    top, step = nice_top(largest)
    for value in range(0, top + 1, step):
        y = base - plot_h * value / top
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#d0d0d0" '
                   f'stroke-width="{1.2 if value == 0 else 0.6}"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" fill="#444">{value}</text>')
    if not periods or largest == 0:
        out.append(f'<text x="{LEFT + plot_w / 2:.1f}" y="{TOP + plot_h / 2:.1f}" font-size="13" text-anchor="middle" '
                   f'fill="#555">{_x(f"Nothing was noted for these {unit}s yet.")}</text>')
        out.append("</svg>")
        return "".join(out)

    group = plot_w / len(periods)
    bar = max(1.0, min(22.0, group * 0.8 / 3))
    every = math.ceil(len(periods) / 12)
    numbers = len(periods) <= 16
    for n, period in enumerate(periods):
        middle = LEFT + group * (n + 0.5)
        for s, (field, label, colour, fill) in enumerate(SERIES):
            value = getattr(period, field)
            if not value:
                continue
            height = plot_h * value / top
            left = middle + (s - 1.5) * bar
            name = f"{_period_label(period, patterns.by, True)}: {label.lower()} {value}"
            out.append(
                f'<rect x="{left:.1f}" y="{base - height:.1f}" width="{bar:.1f}" height="{height:.1f}" fill="{fill}" '
                f'stroke="{colour}" stroke-width="1"><title>{_x(name)}</title></rect>'
            )
            if numbers:
                out.append(f'<text x="{left + bar / 2:.1f}" y="{base - height - 3:.1f}" font-size="9.5" '
                           f'text-anchor="middle" fill="#333">{value}</text>')
        if n % every == 0:
            out.append(f'<text x="{middle:.1f}" y="{base + 16}" font-size="11" text-anchor="middle" fill="#444">'
                       f"{_x(_period_label(period, patterns.by, n == 0))}</text>")
    out.append("</svg>")
    return "".join(out)
