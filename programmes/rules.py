import rules

from core.rules import in_programme, is_executive, is_facilitator, is_hr, is_municipality_programme

rules.add_perm("programmes.add_programme", is_hr)
rules.add_perm("programmes.view_programme", in_programme)
rules.add_perm("programmes.change_programme", is_hr)
# The chief executive records their own decision; HR may record it on their behalf.
rules.add_perm("programmes.decide_extension", is_hr | is_executive)
rules.add_perm("programmes.view_participants", is_hr | is_facilitator)
rules.add_perm("programmes.invite_to_programme", is_hr & is_municipality_programme)
# HR's checklist for the year: it names gaps in every app's data, so it is HR's alone.
rules.add_perm("programmes.view_cockpit", is_hr)
