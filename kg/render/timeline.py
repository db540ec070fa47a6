"""Figures over time as a chart: one panel per counted group and measure, x the date a figure was
stated, y the figure, one colour per claimant.

A point figure is a dot; a range is a bar with a tick at each end, and an "about" or "nearly"
figure a dot on the bar of its tolerance; a one-sided bound ("at least 100", "up to 500")
is a bar with an arrow on its open side. An end the figure excludes ("more than") is a hollow
circle, an increment ("2,000 more") is dashed, and a figure that disagrees with another of its
panel has a red ring and names, in its tooltip and the panel's table, the figures it disagrees
with (their number, claimant, words and date); each mark carries its number. Hovering shows the
figure's claimant, date, words and sentence, and the period it counts where the text gives one
("counts ..2024-12-16, the total so far"). The y axis says what is counted (people, km²), the x
axis that the date is when the figure was stated. The chart spans the page's width.

The SVG is built in Python and everything from the articles is escaped, so the HTML file needs
no JavaScript, no external stylesheet and no network: it opens from ``file://``. It carries the drawn
:class:`Mark` records as JSON (``<script type="application/json" id="figure-data">``) for
programs and tests. :class:`Timeline` shows itself in a notebook (``_repr_svg_``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from decimal import Decimal
from html import escape
from typing import Literal

from kg.read.figures import ComparedFigure, FigureGroup, FigureRecord, period_text

__all__ = [
    "UNITS",
    "Mark",
    "Panel",
    "Timeline",
    "chart_data",
    "chart_panels",
    "timeline_html",
    "timeline_svg",
    "unit",
]

Shape = Literal["point", "range", "up", "down"]

#: Claimant colours (Tableau 10 without its red, which marks disagreement, plus two).
PALETTE = (
    "#4e79a7", "#f28e2b", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
    "#ff9da7", "#9c755f", "#bab0ac", "#17becf", "#8c564b", "#393b79",
)  # fmt: skip
DISAGREE_COLOUR = "#d62728"

_SVG_NS = "http://www.w3.org/2000/svg"
_WIDTH, _HEIGHT = 1320, 270
_PLOT_LEFT, _PLOT_RIGHT, _PLOT_TOP, _PLOT_BOTTOM = 90, 1040, 34, 210
_LEGEND_X = 1065
_MAX_SPREAD = 44  # px between figures stated on the same day, at most
_LEGEND_CHARS = 34

#: What a measure's figures count, for the y axis: people, except the area a side holds (the
#: extractor reads square kilometres and miles into km²).
UNITS = {"AreaControlled": "km\N{SUPERSCRIPT TWO}"}
_DEFAULT_UNIT = "people"
_LEGEND_LINE = 16
_MAX_DATE_TICKS = 6

_XScale = Callable[[date], float]
_YScale = Callable[[float], float]


@dataclass(frozen=True, slots=True)
class Mark:
    """One figure as drawn: where, in which shape and colour, and what its tooltip says."""

    id: int
    date: str  # ISO date, the x position
    shape: Shape
    value: float | None  # the dot, when the figure names one number
    low: float  # the bar's lower end
    high: float | None  # its upper end; None: open upwards (an arrow)
    low_open: bool
    high_open: bool
    colour: str
    claimant: str
    via: tuple[str, ...]
    outlet: str
    file: str
    figure: str
    qualifier: str
    sentence: str
    increment: bool
    disagrees_with: tuple[int, ...]  # the first of those it disagrees with (``disagreements`` in all)
    quantity: str
    engagement: bool = False
    assertion: str = ""  # reports, stories, who corroborates or contradicts it
    counts: str = ""  # the period it counts and whether it is the total so far (:func:`_counts`)
    disagreements: int = 0


@dataclass(frozen=True, slots=True)
class Panel:
    """One counted group and measure: the marks drawn, and the ids of figures not drawn (no date
    or no number to place)."""

    id: str
    group: str
    group_label: str
    measure: str
    marks: tuple[Mark, ...]
    not_drawn: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Timeline:
    """The chart of compared figures; in a notebook it shows itself as SVG."""

    groups: tuple[FigureGroup, ...]

    def _repr_svg_(self) -> str:
        return timeline_svg(self.groups)


def chart_panels(groups: Sequence[FigureGroup]) -> tuple[Panel, ...]:
    """What the chart draws: one panel per group, one mark per dated figure with a number."""
    colours = _colours(groups)
    panels = []
    for n, group in enumerate(groups, start=1):
        marks = [_mark(f, colours[f.record.claimant]) for f in group.figures]
        panels.append(
            Panel(
                id=f"panel-{n}",
                group=group.group,
                group_label=group.group_label,
                measure=group.measure,
                marks=tuple(m for m in marks if m is not None),
                not_drawn=tuple(f.id for f, m in zip(group.figures, marks, strict=True) if m is None),
            )
        )
    return tuple(panels)


def _colours(groups: Sequence[FigureGroup]) -> dict[str, str]:
    """One colour per claimant, the same in every panel, assigned in name order."""
    names = sorted({f.record.claimant for g in groups for f in g.figures}, key=lambda n: (n.casefold(), n))
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(names)}


def _mark(figure: ComparedFigure, colour: str) -> Mark | None:
    record, bounds = figure.record, figure.bounds
    if record.date is None or bounds is None:
        return None
    shape: Shape
    if bounds.high is None:
        shape = "up"
    elif record.qualifier in ("AtMost", "LessThan"):
        shape = "down"
    else:
        shape = "point" if bounds.low == bounds.high else "range"
    return Mark(
        id=figure.id,
        date=record.date.isoformat(),
        shape=shape,
        value=_float(record.value),
        low=float(bounds.low),
        high=_float(bounds.high),
        low_open=bounds.low_open,
        high_open=bounds.high_open,
        colour=colour,
        claimant=record.claimant,
        via=record.via,
        outlet=record.outlet,
        file=record.file,
        figure=record.figure,
        qualifier=record.qualifier,
        sentence=record.sentence,
        increment=figure.increment,
        engagement=figure.engagement,
        disagrees_with=figure.disagrees_with,
        disagreements=figure.disagreements,
        quantity=record.quantity,
        assertion=record.assertion,
        counts=_counts(record),
    )


def _counts(record: FigureRecord) -> str:
    """ "counts ..2024-12-16, the total so far": the period a figure counts and its tally, where
    the text gives them (an increment is flagged as such)."""
    parts = [f"counts {period}"] if (period := period_text(record.period)) else []
    parts += ["the total so far"] if record.tally == "RunningTotal" else []
    return ", ".join(parts)


def _float(number: Decimal | None) -> float | None:
    return None if number is None else float(number)


def chart_data(panels: Sequence[Panel], *, title: str = "") -> dict[str, object]:
    """The JSON the HTML page embeds: the title and every panel with its marks."""
    return {"title": title, "panels": [asdict(panel) for panel in panels]}


def timeline_svg(groups: Sequence[FigureGroup]) -> str:
    """Every panel stacked in one standalone SVG document (for notebooks and files)."""
    panels = chart_panels(groups)
    body = "".join(
        _tag("g", _panel_svg(p, heading=True), transform=f"translate(0,{i * _HEIGHT})")
        for i, p in enumerate(panels)
    )
    height = max(len(panels), 1) * _HEIGHT
    return _tag("svg", body, xmlns=_SVG_NS, width=_WIDTH, height=height, viewBox=f"0 0 {_WIDTH} {height}")


def timeline_html(groups: Sequence[FigureGroup], *, title: str = "Figures over time") -> str:
    """One self-contained HTML page: a summary, a panel per group, and the data as JSON."""
    panels = chart_panels(groups)
    figures = sum(len(g.figures) for g in groups)
    disagreeing = sum(g.disagreeing for g in groups)
    contents = "".join(
        f'<li><a href="#{p.id}">{escape(_heading(p))}</a> ({_count(len(g.figures), "figure")}'
        f"{f', {g.disagreeing} disagree' if g.disagreeing else ''})</li>"
        for p, g in zip(panels, groups, strict=True)
    )
    sections = "".join(_section(p) for p in panels)
    data = json.dumps(chart_data(panels, title=title), ensure_ascii=False, sort_keys=True)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{escape(title)}</h1>"
        f"<p>{_count(figures, 'figure')} in {_count(len(panels), 'panel')}; {disagreeing} disagree with "
        "another figure of their panel (bounds that do not overlap, stated in the same period or the "
        f"smaller one later).</p><p class=key>{_KEY}</p><ul>{contents}</ul>{sections}"
        f'<script type="application/json" id="figure-data">{_script_safe(data)}</script>'
        "</body></html>\n"
    )


_CSS = (
    "body{font-family:sans-serif;margin:1.5em;color:#222}h2{font-size:1.1em;margin:1.5em 0 .3em}"
    "table{border-collapse:collapse;font-size:.85em}td,th{border:1px solid #ccc;padding:2px 6px;"
    "vertical-align:top;text-align:left}.key{font-size:.9em;color:#555}svg{width:100%;height:auto}"
)
_KEY = (
    "Dot: a point figure. Bar: a range, or the tolerance of an &ldquo;about&rdquo; figure. Arrow: "
    "a one-sided bound (&ldquo;at least&rdquo; up, &ldquo;up to&rdquo; down). Hollow circle: an end "
    "the figure excludes (&ldquo;more than&rdquo;). Dashed, with a &ldquo;+&rdquo; after its "
    "number: an increment, compared with nothing and never read as a total. "
    f'<span style="color:{DISAGREE_COLOUR}">Red ring</span>: disagrees with another figure (the '
    "table under the panel names which). A figure about one engagement is compared with nothing: a "
    "fight's count is no contradiction of a whole group's. Hover a mark for its source and sentence."
)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _script_safe(data: str) -> str:
    """JSON that cannot end its ``<script>`` element early, and parses to the same value."""
    return data.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _heading(panel: Panel) -> str:
    return f"{panel.group_label} \N{EM DASH} {panel.measure}"


def _section(panel: Panel) -> str:
    by_id = {m.id: m for m in panel.marks}
    rows = "".join(
        f"<tr><td>{m.id}</td><td>{m.date}</td><td>{escape(m.claimant)}</td><td>{escape('; '.join(m.via))}"
        f"</td><td>{escape(m.figure)}</td><td>{escape(m.counts)}</td><td>{escape(m.outlet)}</td>"
        f"<td>{escape(m.assertion)}</td><td>{escape(_flag(m, by_id))}</td></tr>"
        for m in panel.marks
    )
    missing = f"<p>Not drawn (no date or no number): {', '.join(map(str, panel.not_drawn))}</p>"
    drawn = _count(len(panel.marks), "figure")
    return (
        f'<section id="{panel.id}"><h2>{escape(_heading(panel))}</h2>{_panel_svg(panel, heading=False)}'
        f"{missing if panel.not_drawn else ''}<details open><summary>{drawn} drawn</summary>"
        "<table><tr><th>#</th><th>date</th><th>claimant</th><th>via</th><th>figure</th><th>counts</th><th>outlet</th>"
        f"<th>assertion</th><th>flag</th></tr>{rows}</table></details></section>"
    )


def _flag(mark: Mark, by_id: dict[int, Mark]) -> str:
    """What the mark's flag means, naming the figures it disagrees with (the first few where
    there are many: :data:`kg.read.figures.SHOWN_DISAGREEMENTS`)."""
    if mark.disagrees_with:
        more = mark.disagreements - len(mark.disagrees_with)
        named = "; ".join(_named(i, by_id) for i in mark.disagrees_with)
        return f"disagrees with {named}" + (f"; and {more:,} more" if more > 0 else "")
    if mark.increment:
        return "increment, compared with nothing"
    return "about one engagement, compared with nothing" if mark.engagement else ""


def _named(figure_id: int, by_id: dict[int, Mark]) -> str:
    other = by_id.get(figure_id)
    if other is None:
        return f"#{figure_id}"
    return f"#{figure_id} {other.claimant}: {other.figure} ({other.date})"


def unit(measure: str) -> str:
    """What a figure of ``measure`` counts (:data:`UNITS`)."""
    return UNITS.get(measure, _DEFAULT_UNIT)


def _panel_svg(panel: Panel, *, heading: bool) -> str:
    """The panel's axes, marks and legend, in a ``_WIDTH`` x ``_HEIGHT`` box."""
    parts = (
        [_tag("text", escape(_heading(panel)), x=_PLOT_LEFT, y=16, font_size=13, font_weight="bold")]
        if heading
        else []
    )
    if not panel.marks:
        parts.append(_tag("text", "No dated figure to draw.", x=_PLOT_LEFT, y=_PLOT_TOP + 20))
        return _svg(panel, parts)
    x_of = _x_scale([date.fromisoformat(m.date) for m in panel.marks])
    top, y_ticks = _y_axis(panel.marks)

    def y_of(value: float) -> float:  # counts are never negative, and the axis starts at 0
        return _PLOT_BOTTOM - (_PLOT_BOTTOM - _PLOT_TOP) * min(max(value, 0.0), top) / top

    parts += _axes(panel, x_of, y_of, y_ticks)
    same_day: defaultdict[str, list[Mark]] = defaultdict(list)
    for mark in panel.marks:
        same_day[mark.date].append(mark)
    by_id = {m.id: m for m in panel.marks}
    # Figures of one day side by side, as far apart as the day's share of the width allows.
    room = (_PLOT_RIGHT - _PLOT_LEFT) * 0.8 / len(same_day)
    for day, marks in same_day.items():
        centre = x_of(date.fromisoformat(day))
        spread = min(_MAX_SPREAD, room / len(marks))
        parts += (
            _mark_svg(m, centre + (k - (len(marks) - 1) / 2) * spread, y_of, by_id)
            for k, m in enumerate(marks)
        )
    parts += _legend(panel.marks)
    return _svg(panel, parts)


def _svg(panel: Panel, parts: list[str]) -> str:
    return _tag(
        "svg",
        "".join(parts),
        xmlns=_SVG_NS,
        width=_WIDTH,
        height=_HEIGHT,
        viewBox=f"0 0 {_WIDTH} {_HEIGHT}",
        font_family="sans-serif",
        font_size=12,
        role="img",
        aria_label=_heading(panel),
    )


def _tag(name: str, body: str = "", /, **attributes: object) -> str:
    """An SVG element. Attribute values are escaped (``font_size`` is written ``font-size``,
    floats to 0.1 px); ``body`` is markup, so text in it must be escaped by the caller."""
    written = "".join(
        f' {key.rstrip("_").replace("_", "-")}="{escape(_attribute(value))}"'
        for key, value in attributes.items()
    )
    return f"<{name}{written}>{body}</{name}>" if body else f"<{name}{written}/>"


def _attribute(value: object) -> str:
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def _x_scale(days: list[date]) -> _XScale:
    first, last = min(days), max(days)
    span = (last - first).days
    pad = span * 0.1 + 1  # one day alone sits in the middle
    width = _PLOT_RIGHT - _PLOT_LEFT

    def x_of(day: date) -> float:
        return _PLOT_LEFT + width * ((day - first).days + pad) / (span + 2 * pad)

    return x_of


def _y_axis(marks: Sequence[Mark]) -> tuple[float, list[float]]:
    """The axis top and its ticks: round steps (1, 2 or 5 times a power of ten) from 0."""
    largest = max(1.0, *(v for m in marks for v in (m.value, m.low, m.high) if v is not None)) * 1.15
    step = _round_step(largest / 4)
    count = int(largest // step) + 1
    return count * step, [i * step for i in range(count + 1)]


def _round_step(rough: float) -> float:
    power = 10.0 ** (len(str(int(rough))) - 1) if rough >= 1 else 1.0
    return next(step * power for step in (1, 2, 5, 10) if step * power >= rough)


def _axes(panel: Panel, x_of: _XScale, y_of: _YScale, y_ticks: list[float]) -> list[str]:
    parts = []
    for tick in y_ticks:
        y = y_of(tick)
        parts.append(_tag("line", x1=_PLOT_LEFT, x2=_PLOT_RIGHT, y1=y, y2=y, stroke="#e6e6e6"))
        parts.append(_tag("text", _number(tick), x=_PLOT_LEFT - 6, y=y + 4, text_anchor="end"))
    parts.append(_tag("line", x1=_PLOT_LEFT, x2=_PLOT_RIGHT, y1=_PLOT_BOTTOM, y2=_PLOT_BOTTOM, stroke="#888"))
    days = sorted({date.fromisoformat(m.date) for m in panel.marks})
    if len(days) > _MAX_DATE_TICKS:
        step = (days[-1] - days[0]).days / (_MAX_DATE_TICKS - 1)
        days = sorted({days[0] + timedelta(days=round(i * step)) for i in range(_MAX_DATE_TICKS)})
    for day in days:
        x = x_of(day)
        parts.append(_tag("line", x1=x, x2=x, y1=_PLOT_BOTTOM, y2=_PLOT_BOTTOM + 4, stroke="#888"))
        parts.append(_tag("text", day.isoformat(), x=x, y=_PLOT_BOTTOM + 17, text_anchor="middle"))
    middle = (_PLOT_TOP + _PLOT_BOTTOM) / 2
    counted = escape(unit(panel.measure))
    parts.append(
        _tag("text", counted, x=18, y=middle, text_anchor="middle", transform=f"rotate(-90 18 {middle:.1f})")
    )
    parts.append(
        _tag(
            "text", "date stated", x=(_PLOT_LEFT + _PLOT_RIGHT) / 2, y=_PLOT_BOTTOM + 36, text_anchor="middle"
        )
    )
    return parts


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def _mark_svg(mark: Mark, x: float, y_of: _YScale, by_id: dict[int, Mark]) -> str:
    """A mark's shapes and number in one ``<g>`` whose ``<title>`` is its tooltip."""
    colour = mark.colour
    low, high = y_of(mark.low), y_of(mark.high) if mark.high is not None else _PLOT_TOP
    parts = [_tag("title", escape(_tooltip(mark, by_id)))]
    if mark.shape != "point":
        dashes = "4 3" if mark.increment else "none"
        bottom = _PLOT_BOTTOM if mark.shape == "down" else low
        parts.append(
            _tag(
                "line",
                x1=x,
                x2=x,
                y1=bottom,
                y2=high,
                stroke=colour,
                stroke_width=2.5,
                stroke_dasharray=dashes,
            )
        )
    parts.append(
        _arrow(x, _PLOT_TOP, -1, colour) if mark.shape == "up" else _end(x, high, mark.high_open, colour)
    )
    if mark.shape == "down":
        parts.append(_arrow(x, _PLOT_BOTTOM, 1, colour))
    elif mark.shape != "point":
        parts.append(_end(x, low, mark.low_open, colour))
    if mark.value is not None and mark.increment:  # hollow and dashed: never read as a total
        parts.append(
            _tag(
                "circle",
                cx=x,
                cy=y_of(mark.value),
                r=4.5,
                fill="white",
                stroke=colour,
                stroke_dasharray="2 2",
            )
        )
    elif mark.value is not None:
        parts.append(_tag("circle", cx=x, cy=y_of(mark.value), r=4.5, fill=colour))
    anchor = y_of(mark.value) if mark.value is not None else high if mark.shape == "down" else low
    if mark.disagrees_with:
        parts.append(
            _tag("circle", cx=x, cy=anchor, r=8, fill="none", stroke=DISAGREE_COLOUR, stroke_width=2)
        )
    label = f"#{mark.id} +" if mark.increment else f"#{mark.id}"
    parts.append(_tag("text", label, x=x + 10, y=anchor - 8, font_size=12, fill="#333"))
    return _tag("g", "".join(parts), class_="figure", data_id=mark.id)


def _end(x: float, y: float, is_open: bool, colour: str) -> str:
    """A bar's end: a tick where the figure includes it, a hollow circle where it does not."""
    if is_open:
        return _tag("circle", cx=x, cy=y, r=3.5, fill="white", stroke=colour, stroke_width=2)
    return _tag("line", x1=x - 5, x2=x + 5, y1=y, y2=y, stroke=colour, stroke_width=2.5)


def _arrow(x: float, tip: float, direction: int, colour: str) -> str:
    """An arrowhead at ``tip`` pointing up (``direction`` -1) or down (1): no bound that way."""
    base = tip - 8 * direction
    return _tag(
        "polygon", points=f"{x - 5:.1f},{base:.1f} {x:.1f},{tip:.1f} {x + 5:.1f},{base:.1f}", fill=colour
    )


def _tooltip(mark: Mark, by_id: dict[int, Mark]) -> str:
    lines = [f"#{mark.id} {mark.figure} ({mark.qualifier})", f"{mark.claimant}, {mark.date}"]
    if mark.via:
        lines.append("via " + "; ".join(mark.via))
    lines.append(", ".join(part for part in (mark.outlet, mark.file) if part))
    if flag := _flag(mark, by_id):
        lines.append(flag)
    if mark.counts:
        lines.append(mark.counts)
    if mark.assertion:
        lines.append(mark.assertion)
    lines.append(f"\N{LEFT DOUBLE QUOTATION MARK}{mark.sentence}\N{RIGHT DOUBLE QUOTATION MARK}")
    return "\n".join(lines)


def _legend(marks: Sequence[Mark]) -> list[str]:
    """The panel's claimants and their colours, as many as fit beside the plot."""
    colours = sorted({(m.claimant, m.colour) for m in marks}, key=lambda item: (item[0].casefold(), item))
    fit = (_PLOT_BOTTOM - _PLOT_TOP) // _LEGEND_LINE
    shown = colours if len(colours) <= fit else colours[: fit - 1]
    parts = []
    for i, (name, colour) in enumerate(shown):
        y = _PLOT_TOP + i * _LEGEND_LINE
        short = name if len(name) <= _LEGEND_CHARS else name[: _LEGEND_CHARS - 1] + "\N{HORIZONTAL ELLIPSIS}"
        swatch = _tag("circle", cx=_LEGEND_X, cy=y, r=5, fill=colour)
        label = _tag("text", escape(short), x=_LEGEND_X + 10, y=y + 4)
        parts.append(_tag("g", _tag("title", escape(name)) + swatch + label))
    if len(shown) < len(colours):
        more = f"and {len(colours) - len(shown)} more"
        parts.append(_tag("text", more, x=_LEGEND_X + 10, y=_PLOT_TOP + len(shown) * _LEGEND_LINE + 4))
    return parts
