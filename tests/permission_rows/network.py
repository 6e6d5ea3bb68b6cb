"""Network programmes: their pages are tested with the network's own personas (tests/network_world.py)
in tests/test_network_permissions.py, one row per persona of the README's network table."""

TESTED_ELSEWHERE = {
    "network_list",
    "network_programme",
    "network_people",
    "network_figures",
    "network_theme_day_create",
    "network_theme_day_held",
    "network_composition_create",
    "network_programme_create",  # every persona in tests/test_network_programme_create.py
    "network_attendance",  # every persona in tests/test_network_attendance.py
    "network_import",  # every persona in tests/test_network_import.py
    "network_invite_all",  # POST: tests/test_network_import.py
}
