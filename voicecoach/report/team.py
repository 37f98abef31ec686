"""The trainer's page for a folder batch (``team.html``), built from the table rows.

Per agent: the median of each measure and the share of takes on target; who needs which
coaching, sorted by need; the trend across dates; the team's distribution of each measure
with the target band. Self-contained like the take page: no scripts, embedded PNGs.
"""

from __future__ import annotations

import base64
import statistics
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from voicecoach.assess.assess import CLOSE, NEEDS_WORK, ON_TARGET
from voicecoach.report.html import _CSS, _chip, _e

__all__ = ["TeamMeasure", "TEAM_MEASURES", "GROUP_LABELS", "render_team", "agent_needs"]

Row = Mapping[str, object]
JUDGED = (ON_TARGET, CLOSE, NEEDS_WORK)


@dataclass(frozen=True)
class TeamMeasure:
    """A column of ``results.csv`` shown on the page, with its target band in its unit."""

    column: str
    label: str
    unit: str
    low_attr: str | None  # "pace.rate_wpm_min": the band's bound in the targets
    high_attr: str | None = None

    def band(self, targets) -> tuple[float | None, float | None]:
        return (_attr(targets, self.low_attr), _attr(targets, self.high_attr))


TEAM_MEASURES = (
    TeamMeasure("pace.rate_wpm", "Speaking rate", "wpm", "pace.rate_wpm_min",
                "pace.rate_wpm_max"),
    TeamMeasure("pace.articulation_sps", "Articulation rate", "syllables/s",
                "pace.articulation_sps_min", "pace.articulation_sps_max"),
    TeamMeasure("pauses.per_min", "Pauses per minute", "per min", "pauses.per_min_min"),
    TeamMeasure("pauses.mean_words_between", "Words between pauses", "words",
                "pauses.words_between_min", "pauses.words_between_max"),
    TeamMeasure("questions.gap_median_s", "Wait after a question (median per take)", "s",
                "questions.gap_s_min"),
    TeamMeasure("pitch.variation_st", "Pitch variation", "st", "pitch.variation_st_min"),
    TeamMeasure("consonants.articulated_share", "Final consonants articulated", "share",
                "consonants.articulated_share_min"),
    TeamMeasure("two_party.median_latency_s", "Wait before answering (median per call)", "s",
                "twoparty.latency_s_min"),
)
GROUP_LABELS = {"pace": "Pace", "pauses": "Pauses", "questions": "Wait after questions",
                "pitch": "Pitch", "consonants": "Final consonants",
                "twoparty": "Count to five, listening", "names": "Customer's name"}


def _attr(targets, dotted: str | None) -> float | None:
    if dotted is None or targets is None:
        return None
    obj = targets
    for part in dotted.split("."):
        obj = getattr(obj, part)
    return float(obj)


def _num(value: object) -> float | None:
    if value is None or value == "":
        return None
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return x if x == x else None


def _fmt(x: float | None, unit: str) -> str:
    if x is None:
        return "&ndash;"
    return f"{100 * x:.0f} %" if unit == "share" else f"{x:.1f}" if abs(x) < 100 else f"{x:.0f}"


def _by_agent(rows: Sequence[Row]) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        out[str(r.get("agent", ""))].append(r)
    return dict(sorted(out.items()))


def _groups(rows: Sequence[Row]) -> list[str]:
    seen = dict.fromkeys(g for g in GROUP_LABELS
                         if any(str(k).startswith(f"verdict.{g}") for r in rows for k in r))
    return list(seen)


def agent_needs(rows: Sequence[Row], group: str) -> tuple[int, int]:
    """(takes with a finding of ``group`` that needs work, takes judged on ``group``)."""
    needs = judged = 0
    for r in rows:
        verdicts = [v for k, v in r.items() if str(k).startswith(f"verdict.{group}")]
        if any(v in JUDGED for v in verdicts):
            judged += 1
            needs += NEEDS_WORK in verdicts
    return needs, judged


def _who_needs_what(agents: dict[str, list[Row]], groups: list[str]) -> str:
    lines = []
    for agent, rows in agents.items():
        counts = {g: agent_needs(rows, g) for g in groups}
        shares = {g: n / j for g, (n, j) in counts.items() if j}
        need = statistics.fmean(shares.values()) if shares else 0.0
        first = [GROUP_LABELS[g] for g, s in sorted(shares.items(), key=lambda kv: -kv[1])
                 if s >= 0.5]
        scores = [s for s in (_num(r.get("score")) for r in rows) if s is not None]
        cells = "".join(
            f"<td>{_chip(NEEDS_WORK if n / j >= 0.5 else CLOSE if n else ON_TARGET)} "
            f'<span class="muted">{n} of {j}</span></td>' if j else f"<td>{_chip(None)}</td>"
            for n, j in counts.values())
        lines.append((need, agent, f"<tr><td>{_e(agent)}</td><td class=\"num\">{len(rows)}</td>"
                      f"<td class=\"num score\">{_fmt(_median(scores), '')}</td>{cells}"
                      f"<td>{_e(', '.join(first) or 'keep going')}</td></tr>"))
    lines.sort(key=lambda t: (-t[0], t[1]))
    heads = "".join(f"<th>{_e(GROUP_LABELS[g])}</th>" for g in groups)
    return (f"<table><tr><th>agent</th><th>takes</th><th>median score</th>{heads}"
            f"<th>coach first on</th></tr>{''.join(t[2] for t in lines)}</table>"
            '<p class="muted">Each cell: the takes with a finding of that kind that needs '
            "work, of the takes judged on it (red from half of them). Agents with the most "
            "needs first.</p>")


def _median(xs: list[float]) -> float | None:
    return statistics.median(xs) if xs else None


def _medians(agents: dict[str, list[Row]], measures: list[TeamMeasure], targets) -> str:
    heads = "".join(f"<th>{_e(m.label)} ({_e(m.unit)})</th>" for m in measures)
    body = []
    for agent, rows in agents.items():
        cells = []
        for m in measures:
            med = _median([x for x in (_num(r.get(m.column)) for r in rows) if x is not None])
            lo, hi = m.band(targets)
            inside = (med is not None and (lo is None or med >= lo) and
                      (hi is None or med <= hi))
            mark = "" if med is None else (" &#10003;" if inside else " &#10007;")
            cells.append(f'<td class="num">{_fmt(med, m.unit)}{mark}</td>')
        body.append(f"<tr><td>{_e(agent)}</td>{''.join(cells)}</tr>")
    bands = "".join(f"<td class=\"num muted\">{_e(_band_text(m.band(targets), m.unit))}</td>"
                    for m in measures)
    return (f"<table><tr><th>agent</th>{heads}</tr>{''.join(body)}"
            f"<tr><td class=\"muted\">target</td>{bands}</tr></table>")


def _band_text(band: tuple[float | None, float | None], unit: str) -> str:
    lo, hi = band

    def f(x: float) -> str:
        return f"{100 * x:.0f} %" if unit == "share" else f"{x:g}"

    if lo is not None and hi is not None:
        return f"{f(lo)}-{f(hi)}"
    return f">= {f(lo)}" if lo is not None else f"<= {f(hi)}" if hi is not None else ""


def _on_target(agents: dict[str, list[Row]], rows: Sequence[Row]) -> str:
    keys = list(dict.fromkeys(str(k) for r in rows for k in r if str(k).startswith("verdict.")))
    heads = "".join(f"<th>{_e(k.removeprefix('verdict.'))}</th>" for k in keys)
    body = []
    for agent, its in agents.items():
        cells = []
        for k in keys:
            judged = [r[k] for r in its if r.get(k) in JUDGED]
            share = sum(v == ON_TARGET for v in judged) / len(judged) if judged else None
            cells.append(f'<td class="num">{_fmt(share, "share")}'
                         f'<span class="muted"> ({len(judged)})</span></td>')
        body.append(f"<tr><td>{_e(agent)}</td>{''.join(cells)}</tr>")
    return (f"<table><tr><th>agent</th>{heads}</tr>{''.join(body)}</table>"
            '<p class="muted">Share of the judged takes on target (in brackets: takes judged).'
            "</p>")


def _trend(agents: dict[str, list[Row]]) -> str:
    series: dict[str, list[tuple[str, float]]] = {}
    dates = sorted({str(r.get("date")) for rows in agents.values() for r in rows
                    if r.get("date")})
    if len(dates) < 2:
        return "<p>All takes are from one date: no trend to show yet.</p>"
    for agent, rows in agents.items():
        by_date: dict[str, list[float]] = defaultdict(list)
        for r in rows:
            if r.get("date") and _num(r.get("score")) is not None:
                by_date[str(r["date"])].append(_num(r["score"]))
        series[agent] = [(d, statistics.median(s)) for d, s in sorted(by_date.items())]
    heads = "".join(f"<th>{_e(d)}</th>" for d in dates)
    body = "".join(
        f"<tr><td>{_e(a)}</td>" + "".join(
            f'<td class="num">{_fmt(dict(s).get(d), "")}</td>' for d in dates) + "</tr>"
        for a, s in series.items())
    png = ""
    if any(series.values()):
        from voicecoach.report.plots import trend_png

        png = _img(trend_png({a: s for a, s in series.items() if s}), "median score by date")
    return f"{png}<table><tr><th>agent</th>{heads}</tr>{body}</table>"


def _img(png: bytes, alt: str) -> str:
    return f'<img alt="{_e(alt)}" src="data:image/png;base64,{base64.b64encode(png).decode()}">'


def _distributions(agents: dict[str, list[Row]], measures: list[TeamMeasure], targets) -> str:
    from voicecoach.report.plots import distribution_png

    parts = []
    for m in measures:
        values = {a: [x for x in (_num(r.get(m.column)) for r in rows) if x is not None]
                  for a, rows in agents.items()}
        values = {a: v for a, v in values.items() if v}
        if values:
            parts.append(_img(distribution_png(values, label=m.label, unit=m.unit,
                                               band=m.band(targets)), m.label))
    return "".join(parts)


def render_team(results: Sequence[Row], failures: Sequence[Row] = (), *, targets=None,
                title: str = "Team coaching review") -> str:
    """``team.html`` for the rows of ``results.csv`` (and ``failures.csv``).

    Parameters
    ----------
    results : sequence of mapping
        One row per analyzed recording, columns as in ``results.csv`` (numbers or the
        CSV's strings).
    failures : sequence of mapping
        Rows with ``agent``, ``file`` and ``reason``.
    targets : Targets, optional
        Draws the target bands (default: none drawn).
    """
    agents = _by_agent(results)
    measures = [m for m in TEAM_MEASURES if any(_num(r.get(m.column)) is not None
                                                for r in results)]
    groups = _groups(results)
    failed = "".join(f"<tr><td>{_e(f.get('agent', ''))}</td><td>{_e(f.get('file', ''))}</td>"
                     f'<td class="fail">{_e(f.get("reason", ""))}</td></tr>' for f in failures)
    body = [
        f"<h1>{_e(title)}</h1>",
        f'<p class="sub">{len(results)} recordings analyzed, {len(failures)} failed, '
        f"{len(agents)} agents.</p>",
        "<h2>Who needs what</h2>",
        _who_needs_what(agents, groups) if agents else "<p>No recordings analyzed.</p>",
        "<h2>Median per agent</h2>",
        _medians(agents, measures, targets) if agents else "",
        '<p class="muted">&#10003; the median is within the target, &#10007; it is not.</p>',
        "<h2>Share of takes on target</h2>",
        _on_target(agents, results) if agents else "",
        "<h2>Trend across dates</h2>",
        _trend(agents) if agents else "",
        "<h2>The team's distributions</h2>",
        _distributions(agents, measures, targets),
    ]
    if failures:
        body += ["<h2>Failed recordings</h2>",
                 f"<table><tr><th>agent</th><th>file</th><th>reason</th></tr>{failed}</table>"]
    return ('<!doctype html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>"
            + "\n".join(body) + "</body></html>\n")
