import rules

from core.rules import in_programme, is_hr

rules.add_perm("gatherings.view_gathering", in_programme)
rules.add_perm("gatherings.change_gathering", is_hr)
rules.add_perm("gatherings.add_gathering", is_hr)
