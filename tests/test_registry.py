"""The registries core defines are filled by the apps, each from its own module (core/registry.py)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from core.registry import Registry
from core.reminders.base import all_kinds


def test_registry_iterates_by_order_then_registration():
    registry = Registry("test")
    registry.register("late", key="late", order=20)
    registry.register("first", key="first", order=10)
    registry.register("second", key="second", order=10)

    assert list(registry) == ["first", "second", "late"]
    assert registry.get("late") == "late" and "first" in registry and len(registry) == 3


def test_registry_refuses_a_key_twice():
    registry = Registry("test")
    registry.register("a", key="same")

    with pytest.raises(ImproperlyConfigured, match="registered twice"):
        registry.register("b", key="same")


def test_each_app_registers_its_reminder_kinds_from_its_reminders_module():
    owners = {kind.key: type(kind).__module__ for kind in all_kinds()}

    # In the order the preferences page and HR's log have always shown them.
    assert list(owners.items()) == [
        ("invitation", "core.reminders.kinds"),
        ("gathering_run", "sessions.reminders"),
        ("peer_meeting", "peergroups.reminders"),
        ("plan_checkin", "participants.reminders"),
        ("baseline_profile", "participants.reminders"),
        ("evaluation", "evaluation.reminders"),
        ("case_followup", "peergroups.reminders"),
    ]


def test_each_app_registers_its_gdpr_parts_from_its_gdpr_module():
    from core import gdpr

    def owners(registry):
        return [part.__module__ for part in registry]

    # The participants' parts come first: the others add to the participations they find.
    assert owners(gdpr.EXPORT_PARTS) == ["participants.gdpr", "sessions.gdpr", "peergroups.gdpr", "evaluation.gdpr"]
    assert owners(gdpr.EXPORT_FILES) == ["participants.gdpr"]
    assert owners(gdpr.PERSON_ERASE_PARTS) == ["participants.gdpr", "peergroups.gdpr"]
    assert owners(gdpr.ROLES_ELSEWHERE) == ["participants.gdpr"]
    assert owners(gdpr.PROGRAMME_ERASE_PARTS) == ["participants.gdpr", "peergroups.gdpr"]
    assert owners(gdpr.EXPIRED_MATERIAL) == ["programmes.gdpr"]


def test_each_app_registers_its_demo_builders_from_its_demo_module():
    from core import demo

    assert [(build.__module__, build.__name__) for build in demo.VEFSN] == [
        ("networks.demo", "network_programme"),
        ("programmes.demo", "vefsn_programmes"),
        ("sessions.demo", "vefsn_gatherings"),
        ("participants.demo", "vefsn_people"),
        ("sessions.demo", "vefsn_runs"),
        ("participants.demo", "vefsn_leader_space"),
        ("peergroups.demo", "vefsn_peer_groups"),
        ("evaluation.demo", "vefsn_evaluation"),
        ("evaluation.demo", "vefsn_earlier_cohort"),
    ]
    assert [(build.__module__, build.__name__) for build in demo.BERGEN] == [
        ("programmes.demo", "bergen_programme"),
        ("sessions.demo", "bergen_gatherings"),
        ("participants.demo", "bergen_people"),
        ("sessions.demo", "bergen_runs"),
        ("peergroups.demo", "bergen_peer_groups"),
    ]


def test_each_app_registers_its_bench_pages_and_world_steps_from_its_bench_module():
    from core import bench

    assert bench.PAGES.keys() == [
        "participant_list",
        "participant_list_filtered",
        "run_assignment",
        "attendance_sheet",
        "hr_home",
        "evaluation_results",
        "ical_feed",
        "ical_feed_participant",
        "ical_feed_rebuilt",
        "ical_feed_participant_rebuilt",
        "ical_feed_cold",
        "ical_feed_participant_cold",
    ]
    assert [step.__module__ for step in bench.WORLD] == [
        "programmes.bench",
        "participants.bench",
        "sessions.bench",
        "evaluation.bench",
    ]
    assert (bench.FIRST_LINES.keys(), bench.LAST_LINES.keys()) == (["reminder_scan"], ["report_pdf"])


def test_start_page_sections_and_feed_sources_are_registered_by_their_apps():
    from core.home import START_PAGE
    from sessions.calendar import FEED_SOURCES

    assert [section.__module__ for section in START_PAGE] == [
        "programmes.home",
        "sessions.home",
        "participants.home",
        "peergroups.home",
        "evaluation.home",
        "programmes.home",  # the cockpit's top items, last: it reuses what the others loaded
    ]
    assert [source.__module__ for source in FEED_SOURCES] == ["peergroups.calendar", "networks.calendar"]


def test_each_app_registers_its_cockpit_items_and_record_parts():
    from core.home import COCKPIT, PARTICIPANT_RECORD

    assert COCKPIT.keys() == ["programmes", "sessions", "participants", "evaluation"]
    assert PARTICIPANT_RECORD.keys() == ["runs"]


def test_each_app_labels_its_own_audit_actions():
    from core.audit import ACTION_LABELS

    assert ACTION_LABELS.get("programme.created") is not None  # programmes/audit.py
    assert ACTION_LABELS.get("run.created") is not None  # sessions/audit.py
    assert ACTION_LABELS.get("plan.viewed") is not None  # participants/audit.py
    assert ACTION_LABELS.get("case.read") is not None  # peergroups/audit.py
    assert ACTION_LABELS.get("report.downloaded") is not None  # evaluation/audit.py
    # Every action code the code writes has a label for the log's reader.
    import re
    from pathlib import Path

    from django.conf import settings

    written = set()
    for path in Path(settings.BASE_DIR).glob("*/**/*.py"):
        if ".venv" in path.parts or "tests" in path.parts or "migrations" in path.parts:
            continue
        written |= set(re.findall(r'action="([a-z_]+\.[a-z_]+)"', path.read_text()))
    assert len(written) > 60
    assert sorted(code for code in written if ACTION_LABELS.get(code) is None) == []


def test_participants_registers_the_programme_roles_core_reads():
    from core.roles import FACILITATOR, PARTICIPANT, PROGRAMME_ROLES

    assert [(key, role.kind, role.model._meta.label) for key, role in PROGRAMME_ROLES.items()] == [
        ("participant", PARTICIPANT, "participants.Participant"),
        ("facilitator", FACILITATOR, "participants.Facilitator"),
    ]
