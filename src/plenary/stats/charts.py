"""The geometry of the charts on the glance page, as plain data the templates draw as SVG.

Nothing here touches the database or writes markup: each function takes rows of figures and
returns where every bar, cell, label and tick goes, in the units of the SVG's ``viewBox``. The
templates escape every text they place.

Series differ by pattern as well as by colour (stripes, dots, hatching), and values are written
beside or inside the bars, so that a chart printed in black and white still reads.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from plenary.common import l10n
from plenary.people.enums import RANK_LEVEL, Rank

WIDTH = 720
CHAR = 6.6  # average advance of one character at the charts' 12px font
ROW = 24  # height of a row of bars
BAR = 16  # height of one bar inside its row
HEADING = 24  # height of a group heading (a plan's year)
AXIS = 28  # room above the plot for the tick labels
TOTAL_ROOM = 120  # room right of the plot for the figure after each bar
LABEL_MIN, LABEL_MAX = 80, 260
SWATCH = 12
LEGEND_LINE = 20


def at(value: float) -> float:
    """A coordinate to a tenth of a unit, so that the markup stays short."""
    return round(value, 1)


def _units(ch: str) -> int:
    """Wide characters (Hangul, CJK) take about two average advances."""
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def text_width(text: str) -> float:
    return sum(_units(ch) for ch in str(text)) * CHAR


def fit(text: str, room: float) -> str:
    """``text`` shortened with an ellipsis to fit ``room`` (the full text is in the table)."""
    limit = max(int(room // CHAR), 4)
    if sum(_units(ch) for ch in text) <= limit:
        return text
    kept, used = [], 0
    for ch in text:
        used += _units(ch)
        if used > limit - 1:
            break
        kept.append(ch)
    return "".join(kept).rstrip() + "…"


def number(value: float) -> str:
    """A figure written the reader's way (``1,234``, ``1 234``)."""
    return l10n.number(value)


def percent_text(value: float) -> str:
    """``50%`` (``50 %`` in Russian)."""
    return gettext("%(percent)s%%") % {"percent": l10n.number(value)}


# Fills: a colour and a pattern per series ---------------------------------------------------------


@dataclass(frozen=True)
class Fill:
    """A pattern tile (8 × 8): a background and, unless solid, strokes of ``ink`` along ``path``."""

    index: int
    background: str
    ink: str = ""
    path: str = ""
    stroke_width: float = 1.5


# Okabe and Ito's colours, which stay apart for readers with a colour-vision deficiency, each with
# its own pattern.
FILLS: tuple[Fill, ...] = (
    Fill(0, "#0b5a94"),
    Fill(1, "#fbe3b3", "#a86f00", "M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4"),
    Fill(2, "#d3f0e6", "#006e50", "M2,2 h0.01 M6,6 h0.01", 2.8),
    Fill(3, "#f6dcec", "#9c3f72", "M0,0 L8,8 M8,0 L0,8", 1.2),
    Fill(4, "#ddeffa", "#1f6fa3", "M0,2 h8 M0,6 h8"),
    Fill(5, "#fbd9c4", "#a84300", "M2,0 v8 M6,0 v8"),
    Fill(6, "#f5f0b8", "#6f6500", "M0,0 l8,8 M-2,6 l4,4 M6,-2 l4,4"),
    Fill(7, "#e4e7eb"),
    Fill(8, "#ffffff", "#333333", "M0,4 h8 M4,0 v8", 1),
    Fill(9, "#2b2f33"),
)


# Fills dark enough to carry white figures.
DARK_FILLS = frozenset({0, 9})


def fill_for(position: int) -> Fill:
    return FILLS[position % len(FILLS)]


# Legends ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paint:
    """How a shape is painted, as SVG presentation attributes."""

    fill: str
    stroke: str = "#1b1f24"
    stroke_width: float = 0.5
    dash: str = ""
    css: str = ""


@dataclass(frozen=True)
class LegendItem:
    label: str
    x: float
    y: float
    fill: int | None = None  # a series' fill (bars), or
    paint: Paint | None = None  # the paint of a kind of cell (the grid)

    @property
    def text_x(self) -> float:
        return at(self.x + SWATCH + 6)

    @property
    def text_y(self) -> float:
        return at(self.y + SWATCH - 2)


def legend(
    entries: Sequence[dict], *, top: float, left: float = 0
) -> tuple[list[LegendItem], float]:
    """Legend items laid out in lines across the chart; returns them and the bottom edge."""
    items = []
    x, y = left, top
    for entry in entries:
        width = SWATCH + 6 + text_width(entry["label"]) + 18
        if x > left and x + width > WIDTH:
            x, y = left, y + LEGEND_LINE
        items.append(LegendItem(x=at(x), y=at(y), **entry))
        x += width
    return items, (y + LEGEND_LINE if entries else top)


# Bars -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BarInput:
    """One bar: its label, one value per series, the figure written after it, and the text each
    segment announces on hover (``titles``, one per series)."""

    label: str
    values: Sequence[float]
    total: str
    titles: Sequence[str] = ()
    group: str = ""
    strong: bool = False


@dataclass(frozen=True)
class Segment:
    x: float
    y: float
    width: float
    height: float
    fill: int | None
    title: str
    text: str = ""

    @property
    def text_x(self) -> float:
        return at(self.x + self.width / 2)

    @property
    def text_y(self) -> float:
        return at(self.y + self.height / 2 + 4)

    @property
    def light_text(self) -> bool:
        return self.fill in DARK_FILLS


@dataclass(frozen=True)
class BarRow:
    label: str
    full_label: str
    y: float
    bar_y: float
    segments: tuple[Segment, ...]
    total: str
    total_x: float
    strong: bool = False

    @property
    def label_y(self) -> float:
        return self.y + ROW / 2 + 4

    @property
    def total_y(self) -> float:
        return self.label_y


@dataclass(frozen=True)
class Heading:
    text: str
    y: float


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass
class BarChart:
    id: str
    title: str
    description: str
    width: float
    height: float
    label_x: float
    plot_x: float
    plot_width: float
    plot_top: float
    plot_bottom: float
    rows: list[BarRow]
    headings: list[Heading]
    ticks: list[Tick]
    legend: list[LegendItem]
    fills: tuple[Fill, ...]
    track: bool = False

    @property
    def bar_height(self) -> int:
        return BAR


def nice_step(largest: float, steps: int = 4) -> int:
    """A round step (1, 2 or 5 times a power of ten) dividing ``0..largest`` in about ``steps``."""
    if largest <= steps:
        return 1
    raw = largest / steps
    power = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 5, 10):
        if raw <= multiple * power:
            return int(multiple * power)
    return int(10 * power)  # pragma: no cover


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    rows: Sequence[BarInput],
    series: Sequence[str],
    percent: bool = False,
) -> BarChart:
    """Horizontal bars, one per row, stacked by series; rows sharing a ``group`` come under one
    heading.

    With ``percent`` the axis runs from 0 to 100 %, each bar (one series, plain) lies on a track
    (the share not reached) and there is no legend. Otherwise the axis runs to a round number above
    the largest bar, each series has its fill and the legend names them."""
    labels = [row.label for row in rows]
    label_room = math.ceil(
        min(max(max((text_width(t) for t in labels), default=0) + 16, LABEL_MIN), LABEL_MAX)
    )
    plot_x = label_room
    plot_width = WIDTH - plot_x - TOTAL_ROOM
    largest = max((sum(row.values) for row in rows), default=0)
    if percent:
        scale, step = 100, 25
    else:
        step = nice_step(largest)
        scale = max(step * math.ceil(largest / step), step)
    ticks = [
        Tick(
            x=at(plot_x + plot_width * value / scale),
            label=percent_text(value) if percent else number(value),
        )
        for value in range(0, scale + 1, step)
    ]
    multi = not percent
    y = AXIS
    out_rows: list[BarRow] = []
    headings: list[Heading] = []
    group = None
    for row in rows:
        if row.group and row.group != group:
            headings.append(Heading(text=row.group, y=y + HEADING - 7))
            y += HEADING
        group = row.group
        bar_y = y + (ROW - BAR) / 2
        x = plot_x
        segments = []
        for position, value in enumerate(row.values):
            if value <= 0:
                continue
            width = plot_width * value / scale
            figure = number(value)
            segments.append(
                Segment(
                    x=at(x),
                    y=at(bar_y),
                    width=at(width),
                    height=BAR,
                    fill=fill_for(position).index if multi else None,
                    title=row.titles[position] if position < len(row.titles) else figure,
                    text=figure if multi and width >= text_width(figure) + 6 else "",
                )
            )
            x += width
        out_rows.append(
            BarRow(
                label=fit(row.label, label_room - 16),
                full_label=row.label,
                y=y,
                bar_y=bar_y,
                segments=tuple(segments),
                total=row.total,
                total_x=at((plot_x + plot_width if percent else x) + 6),
                strong=row.strong,
            )
        )
        y += ROW
    plot_bottom = y
    items, bottom = (
        legend(
            [{"label": name, "fill": fill_for(i).index} for i, name in enumerate(series)],
            top=plot_bottom + 14,
        )
        if multi
        else ([], plot_bottom)
    )
    used = {item.fill for item in items}
    return BarChart(
        id=chart_id,
        title=title,
        description=description,
        width=WIDTH,
        height=at(bottom + 8),
        label_x=at(plot_x - 8),
        plot_x=at(plot_x),
        plot_width=at(plot_width),
        plot_top=AXIS - 6,
        plot_bottom=plot_bottom,
        rows=out_rows,
        headings=headings,
        ticks=ticks,
        legend=items,
        fills=tuple(fill for fill in FILLS if fill.index in used),
        track=percent,
    )


# The grid of ranks --------------------------------------------------------------------------------

CELL_WIDTH = 48
CELL_HEIGHT = 26
HEADER = 30

# Short forms written in the grid's cells (three or four letters, two or three Hangul syllables,
# to fit a cell); the full rank is in the key and in the table under it.
RANK_SHORT: dict[str, str] = {
    Rank.HEAD_OF_STATE: _("HS"),
    Rank.HEAD_OF_GOVERNMENT: _("HG"),
    Rank.DEPUTY_PRIME_MINISTER: _("DPM"),
    Rank.FOREIGN_MINISTER: _("FM"),
    Rank.MINISTER: _("Min"),
    Rank.FIRST_DEPUTY_MINISTER: _("1DM"),
    Rank.DEPUTY_MINISTER: _("DM"),
    Rank.AMBASSADOR: _("Amb"),
    Rank.DIRECTOR_GENERAL: _("DG"),
    Rank.DIRECTOR: _("Dir"),
    Rank.OFFICIAL: _("Off"),
    Rank.EXPERT: _("Exp"),
    Rank.OTHER: _("Oth"),
}

# Shades of the grid, darkest for the highest level, with what each covers.
SHADES: tuple[tuple[int, int, str], ...] = (
    (5, 90, _("90+: head of state or government, deputy prime minister")),
    (4, 75, _("75–89: foreign minister, minister")),
    (3, 60, _("60–74: first deputy, deputy minister")),
    (2, 40, _("40–59: ambassador, director-general, director")),
    (1, 0, _("below 40: official, expert, other")),
)


SHADE_COLOURS = {
    5: "#0f2f5c",
    4: "#2f63a8",
    3: "#6f98cf",
    2: "#a9c4e6",
    1: "#dbe7f5",
    0: "#f4f6f8",
}


def cell_paint(chart_id: str, kind: str, shade: int = 0) -> Paint:
    """A cell with a delegation is filled with its shade; a state that was not a member is
    hatched; no delegation recorded is a dashed outline."""
    if kind == "rank":
        return Paint(SHADE_COLOURS[shade], css=f"grid__cell grid__cell--{shade}")
    if kind == "absent":
        return Paint(f"url(#{chart_id}-absent)", "#8a9199", css="grid__cell grid__cell--absent")
    return Paint("none", "#8a9199", 0.75, "3 2", css="grid__cell grid__cell--none")


def shade_of(rank: str) -> int:
    """The grid's shade (1–5) for a rank, by its level; 0 when the rank is not recorded."""
    level = RANK_LEVEL.get(rank)
    if level is None:
        return 0
    return next(shade for shade, floor, _label in SHADES if level >= floor)


@dataclass(frozen=True)
class GridInput:
    """One cell: ``kind`` is ``rank`` (a delegation, ``rank`` possibly empty), ``none`` (no
    delegation recorded) or ``absent`` (not a member at the time)."""

    kind: str
    rank: str = ""
    title: str = ""


@dataclass(frozen=True)
class GridCell:
    x: float
    y: float
    kind: str
    shade: int
    text: str
    title: str
    paint: Paint

    @property
    def width(self) -> int:
        return CELL_WIDTH - 2

    @property
    def height(self) -> int:
        return CELL_HEIGHT - 2

    @property
    def text_x(self) -> float:
        return at(self.x + self.width / 2)

    @property
    def text_y(self) -> float:
        return at(self.y + self.height / 2 + 4)

    @property
    def light_text(self) -> bool:
        return self.shade >= 3


@dataclass(frozen=True)
class GridRow:
    label: str
    y: float
    cells: tuple[GridCell, ...]

    @property
    def label_y(self) -> float:
        return self.y + CELL_HEIGHT / 2 + 3


@dataclass(frozen=True)
class GridColumn:
    label: str
    x: float


@dataclass
class Grid:
    id: str
    title: str
    description: str
    width: float
    height: float
    label_x: float
    header_y: float
    columns: list[GridColumn]
    rows: list[GridRow]
    legend: list[LegendItem]
    abbreviations: list[tuple[str, str]] = field(default_factory=list)


def rank_grid(
    *,
    chart_id: str,
    title: str,
    description: str,
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    cells: Sequence[Sequence[GridInput]],
) -> Grid:
    """A grid of states (rows) by editions (columns), each cell shaded by the level of the rank
    of the head of delegation and marked with the rank's short form."""
    label_room = math.ceil(
        min(max(max((text_width(t) for t in row_labels), default=0) + 16, LABEL_MIN), LABEL_MAX)
    )
    grid_x = label_room
    y = HEADER
    rows = []
    used_ranks: set[str] = set()
    kinds: set[str] = set()
    for label, inputs in zip(row_labels, cells, strict=True):
        out = []
        for column, cell in enumerate(inputs):
            kinds.add(cell.kind)
            if cell.kind == "rank":
                if cell.rank:
                    used_ranks.add(cell.rank)
                text = str(RANK_SHORT.get(cell.rank, "?"))
            else:
                text = "–" if cell.kind == "absent" else ""
            shade = shade_of(cell.rank) if cell.kind == "rank" else 0
            out.append(
                GridCell(
                    x=at(grid_x + column * CELL_WIDTH + 1),
                    y=y + 1,
                    kind=cell.kind,
                    shade=shade,
                    text=text,
                    title=cell.title,
                    paint=cell_paint(chart_id, cell.kind, shade),
                )
            )
        rows.append(GridRow(label=fit(label, label_room - 16), y=y, cells=tuple(out)))
        y += CELL_HEIGHT
    width = max(grid_x + len(column_labels) * CELL_WIDTH + 8, 320)
    entries: list[dict] = [
        {"label": str(label), "paint": cell_paint(chart_id, "rank", shade)}
        for shade, _floor, label in SHADES
    ]
    entries.append(
        {"label": gettext("no delegation recorded"), "paint": cell_paint(chart_id, "none")}
    )
    if "absent" in kinds:
        entries.append(
            {"label": gettext("not a member then"), "paint": cell_paint(chart_id, "absent")}
        )
    items, bottom = legend(entries, top=y + 14)
    return Grid(
        id=chart_id,
        title=title,
        description=description,
        width=at(max(width, WIDTH)),
        height=at(bottom + 8),
        label_x=at(grid_x - 8),
        header_y=HEADER - 10,
        columns=[
            GridColumn(label=label, x=at(grid_x + i * CELL_WIDTH + CELL_WIDTH / 2))
            for i, label in enumerate(column_labels)
        ],
        rows=rows,
        legend=items,
        abbreviations=[
            (str(RANK_SHORT[rank]), str(Rank(rank).label))
            for rank in Rank.values
            if rank in used_ranks
        ],
    )
