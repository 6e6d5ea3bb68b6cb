"""Small server-side SVG charts for the results page and the PDF, each with a text alternative.

Hand-made rather than a charting library: three simple bar shapes are all we draw, they must
look the same in the browser and in WeasyPrint, and they must carry <title>/<desc> and role="img"
for screen readers and the tagged PDF. Input is already released by the anonymity engine.
"""

import itertools
import textwrap

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

_ids = itertools.count(1)
BAR = "#0b3d6b"
BAR_2 = "#6c8ebf"
TEXT = "#212529"
GRID = "#ced4da"


def _label_lines(label, width=34):
    """A label in at most two lines of about `width` characters, cut with … only past that."""
    lines = textwrap.wrap(str(label), width) or [""]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), width, placeholder=" …")]
    return lines


def _label(label, *, x, y, size=12):
    """An SVG text of one or two lines whose first line's baseline is at y (centred on a 2-line row)."""
    lines = _label_lines(label)
    if len(lines) == 1:
        return f'<text x="{x}" y="{y}" font-size="{size}" fill="{TEXT}">{escape(lines[0])}</text>'
    first, second = (escape(line) for line in lines)
    return (
        f'<text x="{x}" y="{y - size * 0.55:.1f}" font-size="{size - 1}" fill="{TEXT}">'
        f'<tspan x="{x}">{first}</tspan><tspan x="{x}" dy="{size:.0f}">{second}</tspan></text>'
    )


def _number(value):
    return f"{value:.1f}".replace(".", ",") if isinstance(value, float) else str(value)


def _frame(width, height, title, desc, body):
    n = next(_ids)
    # Every text here is escaped and `body` is built with format_html by the chart functions below.
    return mark_safe(  # noqa: S308  # nosec B308 B703
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="chart-t{n} chart-d{n}">'
        f'<title id="chart-t{n}">{escape(title)}</title><desc id="chart-d{n}">{escape(desc)}</desc>'
        f"{body}</svg>"
    )


def distribution(stat, title):
    """Columns for each value of the scale (a die roll's 1–6): how many gave it."""
    if not stat.shown:
        return ""
    width, height, top, bottom, left = 300, 140, 16, 24, 8
    columns = len(stat.distribution)
    step = (width - 2 * left) / columns
    highest = max((count for _value, count in stat.distribution), default=0) or 1
    parts, described = [], []
    for i, (value, count, percent) in enumerate(stat.share):
        bar = (height - top - bottom) * count / highest
        x = left + i * step
        parts.append(
            f'<rect x="{x + step * 0.15:.1f}" y="{height - bottom - bar:.1f}" width="{step * 0.7:.1f}" '
            f'height="{bar:.1f}" fill="{BAR}"/>'
            f'<text x="{x + step / 2:.1f}" y="{height - 8}" text-anchor="middle" font-size="12" fill="{TEXT}">'
            f"{value}</text>"
            f'<text x="{x + step / 2:.1f}" y="{height - bottom - bar - 4:.1f}" text-anchor="middle" '
            f'font-size="11" fill="{TEXT}">{count}</text>'
        )
        described.append(
            _("%(value)s: %(count)s (%(percent)s %%)") % {"value": value, "count": count, "percent": percent}
        )
    desc = _("Mean %(mean)s of %(n)s answers. ") % {"mean": _number(stat.mean), "n": stat.n} + "; ".join(described)
    return _frame(width, height, title, desc, "".join(parts))


def bars(items, title, *, maximum):
    """Horizontal bars: [(label, value or None)] against `maximum` (e.g. a mean on 1–5)."""
    items = list(items)
    if not items:
        return ""
    width, label_width = 520, 250
    row = 30 if any(len(_label_lines(label)) > 1 for label, _value in items) else 26
    height = row * len(items) + 8
    parts, described = [], []
    for i, (label, value) in enumerate(items):
        y = 4 + i * row
        parts.append(
            _label(label, x=0, y=y + 17)
            + f'<rect x="{label_width}" y="{y + 4}" width="{width - label_width - 40}" height="16" fill="none" '
            f'stroke="{GRID}"/>'
        )
        if value is None:
            parts.append(f'<text x="{label_width + 6}" y="{y + 17}" font-size="11" fill="{TEXT}">–</text>')
            described.append(f"{label}: –")
            continue
        length = (width - label_width - 40) * float(value) / maximum
        parts.append(
            f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="16" fill="{BAR}"/>'
            f'<text x="{label_width + length + 4:.1f}" y="{y + 17}" font-size="11" fill="{TEXT}">'
            f"{_number(value)}</text>"
        )
        described.append(f"{label}: {_number(value)}")
    return _frame(width, height, title, "; ".join(described), "".join(parts))


def pairs(items, title, *, maximum, first_label, second_label):
    """Two bars per row (before and after): [(label, before or None, after or None)]."""
    items = list(items)
    if not items:
        return ""
    width, row, label_width = 520, 40, 250
    height = row * len(items) + 28
    parts = [
        f'<rect x="{label_width}" y="2" width="10" height="10" fill="{BAR_2}"/>'
        f'<text x="{label_width + 14}" y="11" font-size="11" fill="{TEXT}">{escape(first_label)}</text>'
        f'<rect x="{label_width + 110}" y="2" width="10" height="10" fill="{BAR}"/>'
        f'<text x="{label_width + 124}" y="11" font-size="11" fill="{TEXT}">{escape(second_label)}</text>'
    ]
    described = []
    for i, (label, first, second) in enumerate(items):
        y = 22 + i * row
        parts.append(_label(label, x=0, y=y + 20))
        for offset, value, colour in ((0, first, BAR_2), (17, second, BAR)):
            if value is None:
                continue
            length = (width - label_width - 40) * float(value) / maximum
            parts.append(
                f'<rect x="{label_width}" y="{y + offset + 2}" width="{length:.1f}" height="14" fill="{colour}"/>'
                f'<text x="{label_width + length + 4:.1f}" y="{y + offset + 13}" font-size="11" fill="{TEXT}">'
                f"{_number(float(value))}</text>"
            )
        described.append(
            f"{label}: {first_label} {_number(float(first)) if first is not None else '–'}, "
            f"{second_label} {_number(float(second)) if second is not None else '–'}"
        )
    return _frame(width, height, title, "; ".join(described), "".join(parts))


def hidden_note(k):
    return format_html(
        '<p class="text-body-secondary small mb-0">{}</p>', _("Hidden: fewer than %(k)s answers.") % {"k": k}
    )
