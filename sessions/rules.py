import rules

from core.rules import in_programme, is_facilitator, is_hr

rules.add_perm("gatherings.view_gathering", in_programme)
rules.add_perm("gatherings.change_gathering", is_hr)
rules.add_perm("gatherings.add_gathering", is_hr)

rules.add_perm("gatherings.view_runs", is_hr | is_facilitator)
rules.add_perm("gatherings.manage_runs", is_hr)
rules.add_perm("gatherings.mark_attendance", is_hr | is_facilitator)
rules.add_perm("gatherings.view_attendance_overview", is_hr | is_facilitator)
rules.add_perm("gatherings.view_agenda", in_programme)
rules.add_perm("gatherings.edit_agenda", is_hr)

# Adding, removing and reordering gatherings: the programme's shape is HR's to set.
rules.add_perm("gatherings.reshape", is_hr)
