"""Evaluations in "Mine data" (registered with core/gdpr.py): only which surveys the person answered.

The answers themselves are stored without any link to a person, so they are neither exported nor erased.
"""

from core.gdpr import EXPORT_PARTS
from evaluation.models import Respondent


@EXPORT_PARTS.register
def evaluations_answered_export(export):
    user = export.user
    answered = Respondent.objects.filter(user=user).select_related("survey").order_by("survey__opens_at", "survey__pk")
    answered_by_programme = {}
    for respondent in answered:
        answered_by_programme.setdefault(respondent.survey.programme_id, []).append(respondent.survey)

    for participant in export.participants:
        export.participations[participant.pk].update(
            {
                "evaluations_answered": [s.title for s in answered_by_programme.get(participant.programme_id, [])],
            }
        )
