"""The report as one self-contained HTML page: Jinja2 (autoescaped) and inline SVG charts."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from parindex.core.results import Ranking
from parindex.core.years import YearPoint
from parindex.i18n import Lang, _, ngettext
from parindex.jobs import die_with_parent, processes
from parindex.outputs.report import charts
from parindex.outputs.report.content import Group, build_groups
from parindex.outputs.report.figures import attached_to
from parindex.outputs.report.unit_chart import UnitChart
from parindex.outputs.report.years_chart import UnitYears, years_chart

PARALLEL_FROM = 300  # units in a group from which its charts are drawn on every core
ID_STEM = "fig"  # every id in the page that is not a unit's anchor starts with it


def id_stem(unit_ids: Sequence[str]) -> str:
    """A prefix no unit id starts with, so charts' and sections' ids never meet an anchor."""
    stem = ID_STEM
    while any(unit_id.startswith(stem) for unit_id in unit_ids):
        stem += "_"
    return stem


def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("parindex.outputs.report", "templates"),
        autoescape=True,  # a unit named "<script>" is shown as text, never run
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.globals["_"] = _
    environment.globals["ngettext"] = ngettext
    return environment


def _group_charts(
    group: Group,
    stem: str,
    number: int,
    lang: Lang,
    years: Mapping[str, Sequence[YearPoint]] | None = None,
) -> dict[str, Markup]:
    rows = group.ranking.units
    names = [u.result.name_in(lang) for u in rows]
    order = {band.label: k for k, band in enumerate(group.ranking.framework.bands)}
    bands = [order.get(u.band.label) if u.band else None for u in rows]
    indices = [float(u.index) if u.result.submitted else None for u in rows]
    index_svg = charts.index_chart(
        names,
        indices,
        bands,
        group.bands,
        prefix=f"{stem}{number}i-",
        label=_("Index of each unit, {title}").format(title=group.title),
        axis_label=_("Index (points achieved, in per cent of the applicable maximum)"),
        lang=lang,
    )
    submitted = [u for u in rows if u.result.submitted]
    # no unit has submitted yet (a fresh year's folder): no field has points to map
    heat_svg = (
        ""
        if not submitted
        else charts.heat_map(
            [u.result.name_in(lang) for u in submitted],
            [f.id for f in group.fields],
            [p.percents for p, u in zip(group.units, rows, strict=True) if u.result.submitted],
            prefix=f"{stem}{number}h-",
            label=_("Points of each unit in each field, {title}").format(title=group.title),
            scale_label=_("Share of the field's applicable maximum (%)"),
            lang=lang,
        )
    )
    over_years = _years_svg(group, f"{stem}{number}y-", lang, years)  # "" without one
    return {"index": Markup(index_svg), "heat": Markup(heat_svg), "years": Markup(over_years)}


def _years_svg(
    group: Group, prefix: str, lang: Lang, years: Mapping[str, Sequence[YearPoint]] | None
) -> str:
    """Each unit's index over the years with the group's mean; "" when no unit has an earlier
    year, or a year is unknown (no framework states this year's)."""
    this_year = group.ranking.framework.year
    if years is None or this_year is None:
        return ""
    units = []
    for unit in group.ranking.units:
        earlier = years.get(unit.result.unit_id, ())
        if any(p.year is None for p in earlier):
            return ""
        points = [(p.year, float(p.index)) for p in earlier if p.year and p.index is not None]
        if unit.result.submitted:
            points.append((this_year, float(unit.index)))
        units.append(UnitYears(unit.result.name_in(lang), tuple(points)))
    if not any(len(u.points) > 1 or (u.points and u.points[0][0] != this_year) for u in units):
        return ""
    return years_chart(
        units,
        prefix=prefix,
        label=_("Index of each unit over the years, {title}").format(title=group.title),
        unit_label=_("This unit"),
        mean_label=_("Group mean"),
        lang=lang,
    )


@dataclass(frozen=True, slots=True)
class _UnitCharts:
    """What drawing one group's unit charts takes (handed to worker processes whole)."""

    field_ids: list[str]
    means: list[float | None]
    words: tuple[str, str, str]  # the legend's two entries and the axis label
    frame_prefix: str
    charts: list[tuple[str, str, tuple[float | None, ...]]]  # (prefix, label, percents)


def _draw(job: _UnitCharts, start: int, stop: int) -> list[str]:
    chart = UnitChart(
        job.field_ids,
        job.means,
        unit_label=job.words[0],
        mean_label=job.words[1],
        axis_label=job.words[2],
        prefix=job.frame_prefix,
    )
    with charts.style():
        return [
            chart.render(percents, prefix=prefix, label=label, first=k == 0)
            for k, (prefix, label, percents) in enumerate(job.charts[start:stop], start=start)
        ]


def _jobs(count: int) -> int:
    """Processes to draw `count` charts with (PARINDEX_JOBS overrides, as for reading, and
    warned about there when it is no number)."""
    return processes(count, parallel=count >= PARALLEL_FROM and hasattr(os, "fork"))


def _unit_charts(group: Group, stem: str, number: int) -> list[Markup]:
    """Every unit's chart of the group, drawn on every core when there are many: the same
    bytes whatever the number of processes (each draws the same frame)."""
    job = _UnitCharts(
        [f.id for f in group.fields],
        group.means,
        (_("This unit"), _("Group mean"), _("Share of the field's applicable maximum (%)")),
        f"{stem}{number}b-",
        [
            (
                f"{stem}{number}u{k}-",
                _("Fields of {unit} against the group mean").format(unit=page.name),
                page.percents,
            )
            for k, page in enumerate(group.units, start=1)
        ],
    )
    count = len(job.charts)
    jobs = _jobs(count)
    if jobs <= 1:
        return [Markup(svg) for svg in _draw(job, 0, count)]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    bounds = [count * k // jobs for k in range(jobs + 1)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        jobs, mp_context=context, initializer=die_with_parent, initargs=(os.getpid(),)
    ) as pool:  # its workers end with this process, even one killed outright
        parts = pool.map(_draw, [job] * jobs, bounds[:-1], bounds[1:])
        return [Markup(svg) for part in parts for svg in part]


def render_html(
    rankings: Sequence[Ranking],
    lang: Lang,
    *,
    with_history: bool,
    names: Mapping[str, str],
    decision: str | None = None,
    years: Mapping[str, Sequence[YearPoint]] | None = None,
) -> bytes:
    """The whole report page, as UTF-8 bytes (the same inputs give the same bytes); with
    `years` (each unit's earlier years), a chart per group of its units over the years."""
    groups = build_groups(rankings, lang, with_history, names)
    stem = id_stem([u.result.unit_id for r in rankings for u in r.units])
    sections = []
    for number, group in enumerate(groups, start=1):
        sections.append(
            {
                "group": group,
                "anchor": f"{stem}-group-{number}",
                "charts": _group_charts(group, stem, number, lang, years),
                "unit_charts": _unit_charts(group, stem, number),
            }
        )
    stated = sorted({str(r.framework.year) for r in rankings if r.framework.year})
    issuers = list(dict.fromkeys(g.ranking.framework.issuer for g in groups))
    template = _environment().get_template("report.html.j2")
    page = template.render(
        lang=lang,
        sections=sections,
        stem=stem,
        issuers=[issuer for issuer in issuers if issuer],
        attached=attached_to(decision, issuers[0] if len(issuers) == 1 else None),
        years=", ".join(stated),
        with_history=with_history,
    )
    return page.encode("utf-8")
