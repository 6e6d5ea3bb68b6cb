"""The executive's report: its context (all through the anonymity engine) and its final HTML.

Built by evaluation.tasks.build_report on a worker; `make bench` times the same two steps.
"""

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from core.frameworks import TenFactor
from core.pdf import render_pdf_html
from evaluation import anonymity, facts, own_work
from evaluation.models import TenFactorScore
from evaluation.results import programme_results

REPORT_TEMPLATE = "evaluation/pdf/report.html"
SUMMARY_TEMPLATE = "evaluation/pdf/summary.html"


def report_context(programme, *, recommendation):
    """Everything the report prints. Sections whose facts another capability provides are None
    until that capability exists, and the template says "not available" for them."""
    from participants.models import Participant

    programme = (
        type(programme)
        .objects.select_related("municipality")
        .prefetch_related("goals", "values", "gatherings")
        .get(pk=programme.pk)
    )
    results = programme_results(programme, audience=anonymity.AUDIENCE_EXECUTIVE)
    own = own_work.released(programme)
    participants = Participant.objects.filter(programme=programme).count()
    scores = list(TenFactorScore.objects.filter(programme=programme))
    order = {code: i for i, code in enumerate(TenFactor.values)}
    scores.sort(key=lambda s: order.get(s.factor, 0))
    context = {
        "programme": programme,
        "municipality": programme.municipality,
        "goals": list(programme.goals.all()),
        "values": list(programme.values.all()),
        "participants": participants,
        "results": results,
        "attendance": facts.attendance(programme),
        "own_work": own,
        "plans": facts.plans(programme, own),
        "peers": facts.peers(programme),
        "case_themes": facts.case_themes(programme),
        "ten_factor": scores,
        "recommendation": recommendation,
        "train_the_trainers": train_the_trainers(programme, own),
        "threshold": anonymity.threshold(),
        "text_minimum": anonymity.report_text_minimum(),
        "generated": timezone.localtime(),
    }
    context["plan_rows"] = fact_rows(context["plans"])
    context["peer_rows"] = fact_rows(context["peers"])
    context["summary"] = summary(context)
    context["hidden_gatherings"] = [g.gathering for g in results.gatherings if not g.die.shown]
    return context


# How a fact about plans or peer groups prints: shares as percentages, averages with one decimal.
PERCENT_FACTS = {"attendance_rate": 100, "average_progress": 1}
DECIMAL_FACTS = {"meetings_per_group"}


def fact_rows(facts):
    """[(name, shown, text)] with each value printed the way its kind is meant."""
    if facts is None:
        return None
    rows = []
    for name, fact in facts.items():
        if not fact.shown or fact.value is None:
            rows.append((name, False, "–"))
        elif name in PERCENT_FACTS:
            rows.append((name, True, f"{round(float(fact.value) * PERCENT_FACTS[name])} %"))
        elif name in DECIMAL_FACTS:
            rows.append((name, True, number_format(round(float(fact.value), 1), 1)))
        else:
            rows.append((name, True, number_format(fact.value)))
    return rows


def train_the_trainers(programme, released=None):
    """Bergen's learning goal: the leaders pass the content on to their own staff (seed 004).

    Totals over the programme, and per unit where the unit's leaders who held sessions are at least
    the threshold; core.disclosure decides the total and the units together, so the total minus the
    shown units never isolates a small unit."""
    from core.disclosure import release_partition

    rows = (released if released is not None else own_work.released(programme))["cascade"]
    by_unit = {row["unit"] or "": row for row in rows}
    total, shown = release_partition({unit: row["leaders"] for unit, row in by_unit.items()})
    units = [
        {"unit": unit, "leaders": leaders, "sessions": by_unit[unit]["sessions"], "staff": by_unit[unit]["staff"]}
        for unit, leaders in shown.items()
        if leaders is not None
    ]
    released = total is not None
    return {
        "shown": released,
        "leaders": total,
        "sessions": sum(row["sessions"] for row in rows) if released else None,
        "staff": sum(row["staff"] or 0 for row in rows) if released else None,
        "units": units,
        "hidden_units": sum(1 for leaders in shown.values() if leaders is None),
    }


def summary(context):
    """The first page: key figures and at most three findings, each from released figures only."""
    results, attendance, plans = context["results"], context["attendance"], context["plans"]
    ev = results.evaluation
    figures = [(_("Participants"), str(context["participants"]))]
    if ev is not None and ev.count:
        rate = round(100 * ev.count / context["participants"]) if context["participants"] else None
        figures.append((_("Answered the programme evaluation"), f"{ev.count} ({rate} %)" if rate else str(ev.count)))
    if results.die.shown:
        figures.append((_("Die roll for the gatherings"), number_format(results.die.mean, 1)))
    if attendance["rate"].shown:
        figures.append((_("Attendance at the gatherings"), f"{attendance['rate'].value} %"))
    if ev is not None and ev.main_goal.shown:
        figures.append((_("Attainment of the main goal (1–6)"), number_format(ev.main_goal.mean, 1)))
    with_plan, everyone = (plans or {}).get("with_plan"), (plans or {}).get("participants")
    if with_plan is not None and with_plan.shown and everyone and everyone.value:
        figures.append((_("Leaders with a development plan"), f"{round(100 * with_plan.value / everyone.value)} %"))
    ttt = context["train_the_trainers"]
    if ttt["shown"] and ttt["staff"]:
        figures.append((_("Staff reached by the leaders"), number_format(ttt["staff"])))

    findings = []
    if ev is not None:
        goals = [(g.text, g.stat.mean) for g in ev.goals if g.stat.shown]
        if goals:
            best = max(goals, key=lambda item: item[1])
            findings.append(
                _("The goal the participants rate as best attained is “%(goal)s” (%(mean)s of 6).")
                % {"goal": best[0], "mean": number_format(best[1], 1)}
            )
        if ev.needs.shown and ev.needs.items:
            findings.append(_("The development need ranked highest is “%(need)s”.") % {"need": ev.needs.items[0][0]})
        if ev.extension.shown:
            yes = {value: percent for value, _count, percent in ev.extension.share}.get(1, 0)
            findings.append(_("%(share)s %% of those who answered want the extension run.") % {"share": yes})
    shown_gatherings = [g for g in results.gatherings if g.die.shown]
    if len(findings) < 3 and shown_gatherings:
        best = max(shown_gatherings, key=lambda g: g.die.mean)
        findings.append(
            _("The gathering rated highest is %(gathering)s (die roll %(mean)s).")
            % {"gathering": best.gathering, "mean": number_format(best.die.mean, 1)}
        )
    if len(findings) < 3 and ttt["shown"] and ttt["staff"]:
        findings.append(
            _("%(leaders)s leaders have passed the content on to %(staff)s of their staff in %(sessions)s sessions.")
            % ttt
        )
    if len(findings) < 3 and attendance["rate"].shown:
        findings.append(_("Attendance at the gatherings was %(rate)s %%.") % {"rate": attendance["rate"].value})
    return {"figures": figures, "findings": findings[:3]}


def render_report_html(report, *, template_name=REPORT_TEMPLATE):
    return render_pdf_html(
        template_name, report_context(report.programme, recommendation=report.recommendation), language=report.language
    )


def decision_asked(programme):
    """What the political case asks for: the recorded decision, or the decision still to make."""
    from sessions.models import Gathering

    decision = getattr(programme, "extension_decision", None)
    count = programme.gatherings.filter(kind=Gathering.Kind.EXTENSION).count()
    if decision is not None:
        if decision.run_extension:
            return _("Decided %(date)s: the extension is run with %(count)s gatherings.") % {
                "date": date_format(decision.decided_on, "j. F Y"),
                "count": decision.gathering_count,
            }
        return _("Decided %(date)s: the extension is not run.") % {"date": date_format(decision.decided_on, "j. F Y")}
    if count:
        return _(
            "The municipality is asked to decide whether the programme continues with the extension of "
            "%(count)s gatherings."
        ) % {"count": count}
    return _("The municipality is asked to decide whether the programme continues with an extension of 2–4 gatherings.")
