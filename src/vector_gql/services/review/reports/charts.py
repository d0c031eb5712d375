"""Charts for the reports, drawn by matplotlib's Agg backend into PNG bytes.

Figures are built with the object-oriented API (``Figure`` and an Agg
canvas), not ``pyplot``: no global state and no GUI backend, so a worker can
draw reports in any thread.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

DPI = 150
BAR = "#4c72b0"
MARK = "#c44e52"
MUTED = "#8c8c8c"


def _png(figure: Figure) -> bytes:
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def _figure(width: float, height: float) -> Figure:
    figure = Figure(figsize=(width, height), layout="constrained")
    figure.set_facecolor("white")
    return figure


def _score_range(values: Sequence[float]) -> tuple[float, float]:
    """The 1-5 scale, widened to whole points if corrected scores fall outside it."""
    low = min([1.0, *values])
    high = max([5.0, *values])
    return math.floor(low), math.ceil(high)


def distribution_chart(
    totals: Sequence[float],
    *,
    highlight: float | None = None,
    interval: tuple[float, float] | None = None,
    width: float = 6.5,
    height: float = 2.6,
) -> bytes:
    """Histogram of the candidates' corrected totals, with one candidate marked."""
    figure = _figure(width, height)
    axes = figure.add_subplot()
    low, high = _score_range([*totals, *([highlight] if highlight is not None else [])])
    bins = [low + step * 0.25 for step in range(int((high - low) / 0.25) + 1)]
    axes.hist(totals, bins=bins, color=BAR, edgecolor="white")
    if interval is not None:
        axes.axvspan(interval[0], interval[1], color=MARK, alpha=0.15, label="95% interval")
    if highlight is not None:
        axes.axvline(highlight, color=MARK, linewidth=2, label="This candidate")
        axes.legend(loc="upper left", frameon=False, fontsize=8)
    axes.set_xlim(low, high)
    axes.set_xlabel("Corrected total (1-5)")
    axes.set_ylabel("Candidates")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)


def criteria_chart(
    names: Sequence[str],
    scores: Sequence[Sequence[float]],
    *,
    width: float = 6.5,
    height: float | None = None,
) -> bytes:
    """One box per criterion: the spread of candidates' corrected criterion scores."""
    height = height or 0.8 + 0.3 * len(names)
    figure = _figure(width, height)
    axes = figure.add_subplot()
    filled = [list(s) if len(s) else [math.nan] for s in scores]
    axes.boxplot(
        filled,
        orientation="horizontal",
        tick_labels=[_short(n) for n in names],
        patch_artist=True,
        boxprops={"facecolor": "#dde5f0", "edgecolor": BAR},
        medianprops={"color": MARK},
    )
    axes.invert_yaxis()
    axes.set_xlim(*_score_range([v for s in scores for v in s]))
    axes.set_xlabel("Corrected criterion score (1-5)")
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)


def agreement_chart(
    names: Sequence[str],
    alphas: Sequence[float | None],
    threshold: float,
    *,
    width: float = 6.5,
    height: float | None = None,
) -> bytes:
    """Krippendorff's alpha per criterion against the threshold; undefined ones say so."""
    height = height or 0.8 + 0.3 * len(names)
    figure = _figure(width, height)
    axes = figure.add_subplot()
    positions = list(range(len(names)))
    values = [a if a is not None else 0.0 for a in alphas]
    colours = [BAR if a is not None and a >= threshold else MARK for a in alphas]
    axes.barh(positions, values, color=colours)
    for position, alpha in zip(positions, alphas, strict=True):
        text = "undefined" if alpha is None else f"{alpha:.2f}"
        axes.text(
            max(alpha or 0.0, 0.0) + 0.02, position, text, va="center", fontsize=8, color="black"
        )
    axes.axvline(threshold, color=MUTED, linestyle="--", linewidth=1)
    axes.text(threshold, -0.75, f" {threshold:g}", color=MUTED, fontsize=8, va="bottom")
    axes.set_yticks(positions, [_short(n) for n in names])
    axes.invert_yaxis()
    axes.set_xlim(min(-0.2, *[v - 0.1 for v in values]), 1.15)
    axes.set_xlabel("Krippendorff's alpha (ordinal)")
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)


def correction_chart(
    raw: Sequence[float], corrected: Sequence[float], *, width: float = 4.2, height: float = 3.4
) -> bytes:
    """Raw against corrected totals; off the diagonal, rater correction moved a candidate."""
    figure = _figure(width, height)
    axes = figure.add_subplot()
    low, high = _score_range([*raw, *corrected])
    axes.plot([low, high], [low, high], color=MUTED, linewidth=1, linestyle="--")
    axes.scatter(raw, corrected, s=16, color=BAR, alpha=0.7, edgecolors="none")
    axes.set_xlim(low, high)
    axes.set_ylim(low, high)
    axes.set_aspect("equal")
    axes.set_xlabel("Raw total")
    axes.set_ylabel("Corrected total")
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)


def _short(name: str, limit: int = 28) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"
