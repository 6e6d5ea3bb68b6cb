"""The start page's part of the gatherings: a leader's own run of each programme's next gathering.

Set on the dashboard's programme objects (core/home.py runs this after programmes' dashboard), one
query for a leader and none for anyone else.
"""

from django.utils import timezone

from core.home import START_PAGE
from core.roles import roles_of
from sessions.models import RunAssignment


@START_PAGE.register(order=20)
def own_runs(user, page):
    if roles_of(user).is_participant:
        # The dashboard's lists hold the same programme objects; each is set once.
        dashboard = page["dashboard"]
        programmes = {
            p.pk: p
            for key in ("hr_programmes", "executive_programmes", "participant_programmes", "facilitator_programmes")
            for p in dashboard[key]
        }.values()
        own_runs = {
            a.gathering_id: a.run
            for a in RunAssignment.objects.filter(participant__user=user).select_related("run__gathering")
        }
        today = timezone.localdate()
        for programme in programmes:
            # A leader's next gathering is the first whose own run (if they have one) is not over:
            # Bergen's autumn leaders are done with the day while its spring run is still ahead.
            programme.next_gathering = programme.next_run = None
            for gathering in programme.upcoming_gatherings:
                run = own_runs.get(gathering.pk)
                if run is None or run.end_date >= today:
                    programme.next_gathering, programme.next_run = gathering, run
                    break
    return {}
