"""Attendance in "Mine data" (registered with core/gdpr.py). Attendance is kept by both kinds of erasure."""

from core.gdpr import EXPORT_PARTS, _by_participant, _d, _t
from sessions.models import Attendance


@EXPORT_PARTS.register
def attendance_export(export):
    """Each participation's attendance: which run of which gathering, when, where, and the status."""
    ids = list(export.participations)
    attendance = _by_participant(
        Attendance.objects.filter(participant__in=ids)
        .select_related("run__gathering")
        .order_by("run__date", "run__start_time", "pk")
    )
    for pk, participation in export.participations.items():
        participation.update(
            {
                "attendance": [
                    {
                        "gathering": str(a.run.gathering),
                        "date": _d(a.run.date),
                        "start_time": _t(a.run.start_time),
                        "end_time": _t(a.run.end_time),
                        "venue": a.run.venue,
                        "status": a.status,
                    }
                    for a in attendance.get(pk, [])
                ],
            }
        )
