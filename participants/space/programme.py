"""The programme's aggregates of the leaders' spaces, for HR and the facilitators: status, needs, cascades."""

from django.conf import settings
from django.views.generic import TemplateView

from core.frameworks import CompetenceDimension
from participants.models import Baseline
from participants.selectors import leader_status
from programmes.views import ProgrammeObjectMixin


class LeaderStatusView(ProgrammeObjectMixin, TemplateView):
    """Per participant only done / not done; never a profile, a plan or an answer."""

    permission_required = "participants.view_leader_status"
    template_name = "participants/leader_status.html"

    def get_context_data(self, **kwargs):
        rows = list(leader_status(self.programme))
        totals = {
            key: sum(1 for row in rows if getattr(row, key))
            for key in ("has_baseline", "has_profile", "has_feedback", "has_plan", "has_end_assessment")
        }
        return super().get_context_data(rows=rows, totals=totals, **kwargs)


class NeedsView(ProgrammeObjectMixin, TemplateView):
    """The cohort's needs at the start (and the self-assessment at the end), never one person's answers."""

    permission_required = "participants.view_needs"
    template_name = "participants/needs.html"

    def get_context_data(self, **kwargs):
        from participants.release import released_baseline

        labels = dict(CompetenceDimension.choices)
        summaries = []
        background = None
        for phase, title in Baseline.Phase.choices:
            # As last released: a new baseline moves these only with enough others (participants/release.py).
            released = released_baseline(self.programme, phase=phase)
            summary = released["summary"]
            background = background or released["background"]
            for goal in summary["goals"]:
                goal["rows"] = [
                    {"label": labels[dimension], **values, "bars": _bars(values)}
                    for dimension, values in goal["dimensions"].items()
                ]
            summaries.append({"phase": phase, "title": title, **summary})
        return super().get_context_data(
            summaries=summaries,
            background=background,
            threshold=settings.ANONYMITY_THRESHOLD,
            **kwargs,
        )


def _bars(values):
    distribution = values["distribution"]
    if not distribution:
        return None
    return [
        {"score": score, "n": n, "percent": round(100 * n / values["n"]) if values["n"] else 0}
        for score, n in distribution.items()
    ]
