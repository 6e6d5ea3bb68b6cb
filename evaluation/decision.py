"""The extension decision made from the evidence (seed 000: after the evaluation of the first four
gatherings, the municipality decides on 2–4 more).

The decision itself is the programme's (programmes.services.extension_decide). What makes it a
decision *from the evidence* lives here, in the evaluation app that holds the evidence: the ranked
development needs, the extension question's answers, the report's recommendation and attendance,
all as the anonymity engine releases them to the executive; the rule that it waits for the
evaluation to be published unless a stated (and audited) reason overrides; and, after a yes, the
extension gatherings proposed with the top-ranked needs as their themes.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import audit_log
from evaluation import anonymity, facts
from evaluation.models import Report, Survey
from evaluation.results import programme_results
from programmes import services as programme_services


@dataclass(frozen=True)
class Evidence:
    survey: object  # the programme evaluation, or None
    published: bool  # closed, so its results are released
    needs: anonymity.Ranked
    extension: anonymity.Stat
    report: object  # the newest ready report, or None
    attendance: dict

    @property
    def extension_yes_share(self):
        """Percent who answered yes to continuing, when the engine shows it."""
        if not self.extension.shown:
            return None
        return {value: percent for value, _count, percent in self.extension.share}.get(1)

    @property
    def top_needs(self):
        return [option for option, _points, _rank in self.needs.items] if self.needs.shown else []


def evaluation_survey(programme):
    return Survey.objects.filter(programme=programme, kind=Survey.Kind.PROGRAMME).first()


def is_published(survey, now=None):
    """Results of a survey are released once it has closed."""
    return survey is not None and survey.closes_at <= (now or timezone.now())


def evidence(programme, *, results=None, attendance=None):
    """What the decision page shows, as released to the executive. A caller that has the results
    and attendance already (the dashboard) passes them in, so the engine runs once."""
    survey = evaluation_survey(programme)
    published = is_published(survey)
    needs, extension = anonymity.Ranked(shown=False), anonymity.HIDDEN
    if published:
        results = results or programme_results(programme, audience=anonymity.AUDIENCE_EXECUTIVE)
        result = results.evaluation
        if result is not None:
            needs, extension = result.needs, result.extension
    report = (
        Report.objects.filter(programme=programme, state=Report.State.READY).order_by("-finished_at", "-id").first()
    )
    return Evidence(
        survey=survey,
        published=published,
        needs=needs,
        extension=extension,
        report=report,
        attendance=attendance if attendance is not None else facts.attendance(programme),
    )


@transaction.atomic
def extension_decide(*, programme, recorded_by, override_reason="", **decision):
    """Record the decision, refusing it before the evaluation is published unless HR says why.

    After a yes, extension gatherings that have no central topics yet get the top-ranked needs
    as their proposed themes, for HR to edit."""
    override_reason = (override_reason or "").strip()
    survey = evaluation_survey(programme)
    published = is_published(survey)
    if not published and not override_reason:
        raise ValidationError(
            {
                "override_reason": _(
                    "The evaluation has not been published yet. Wait until it has closed, or state why the "
                    "decision must be recorded now."
                )
            }
        )
    result = programme_services.extension_decide(
        programme=programme,
        recorded_by=recorded_by,
        override_reason="" if published else override_reason,
        **decision,
    )
    if not published:
        audit_log(
            actor=recorded_by,
            action="programme.extension_override",
            target=programme,
            municipality=programme.municipality,
        )
    if result.run_extension:
        propose_extension_themes(programme=programme, proposed_by=recorded_by)
    return result


def propose_extension_themes(*, programme, proposed_by):
    """Give extension gatherings without central topics the top-ranked needs, spread in rank order
    (the first gathering takes the first need, the second the second, and round again)."""
    from sessions.models import Gathering

    needs = evidence(programme).top_needs
    empty = [g for g in programme.gatherings.filter(kind=Gathering.Kind.EXTENSION).order_by("number") if not g.topics]
    if not needs or not empty:
        return []
    per = max(1, min(3, len(needs) // len(empty)))
    for index, gathering in enumerate(empty):
        start = (index * per) % len(needs)
        gathering.topics = [needs[(start + i) % len(needs)] for i in range(per)]
    Gathering.objects.bulk_update(empty, ["topics"])
    audit_log(
        actor=proposed_by,
        action="programme.extension_themes_proposed",
        target=programme,
        municipality=programme.municipality,
        gatherings=len(empty),
    )
    return empty
