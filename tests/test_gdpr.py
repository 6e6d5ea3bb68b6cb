"""GDPR: the person's own data export, HR's erasure of a person and of a programme's working material,
and the retention rule (core/gdpr.py)."""

import datetime
import io
import json
import zipfile

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from core.gdpr import material_purge_expired, personal_data, programme_material_erase
from core.models import AuditEvent, Reminder
from core.services import audit_log
from evaluation import services as evaluation_services
from participants import services as space
from participants.models import (
    Baseline,
    CascadeSession,
    DevelopmentPlan,
    Notice,
    Participant,
    PersonalityProfile,
    PlanCheckIn,
    PlanComment,
    PlanVersion,
    ProfileConsent,
    ProfileFeedback,
    SelfAssessment,
)
from peergroups.models import Case, Meeting, PeerGroupMember
from sessions.models import Attendance
from tests.factories import ParticipantFactory

NOW = datetime.datetime(2026, 11, 10, 12, 0, tzinfo=datetime.UTC)
STAMP = "2026-11-10T13:00:00+01:00"  # NOW, as the export writes it (Europe/Oslo)
PEER_SECRETS = [
    "Per Gruppekamerat",
    "per@vefsn.no",
    "Pers hemmelige sak",
    "Sjefen min lytter ikke",
    "Pers plan",
    "Pers refleksjon",
    "Pers forventning",
    "kollega@vefsn.no",
    "Kollegas plan",
    "Svaret mitt er hemmelig",
]


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def _answers(survey):
    answers = {}
    for question in survey.questions.all():
        if question.kind == "text":
            answers[question.pk] = "Svaret mitt er hemmelig"
        elif question.kind == "ranking":
            answers[question.pk] = list(range(len(question.options)))
        else:
            answers[question.pk] = min(question.scale)
    return answers


@pytest.fixture
def gdpr(frozen, request):
    """The shared world, frozen in time, plus: Ingrid's plan read and commented by her facilitator, her
    attendance, a meeting she came to, a reminder and an evaluation answer; and Per, a member of her own
    peer group, with a case, a plan and a baseline of his own (and the peer, in another group, with a plan)."""
    world = request.getfixturevalue("world")
    own = world.own_space
    space.plan_comment_add(participant=own, author=world.facilitator, text="Fin plan, Ingrid")
    space.leader_space_read(participant=own, reader=world.facilitator, what="plan")
    space.feedback_comment(participant=own, author=world.participant, comment="Enig i dette")
    Attendance.objects.create(run=world.run, participant=own, status="present", marked_by=world.facilitator)
    world.pg_meeting.attendees.add(own)
    per = ParticipantFactory(
        programme=world.programme, user__email="per@vefsn.no", user__first_name="Per", user__last_name="Gruppekamerat"
    )
    PeerGroupMember.objects.create(group=world.pg_north, participant=per)
    world.pg_meeting.attendees.add(per)
    Case.objects.create(
        group=world.pg_north,
        brought_by=per,
        meeting=world.pg_meeting,
        discussed_on=datetime.date(2026, 11, 3),
        title="Pers hemmelige sak",
        situation="Sjefen min lytter ikke",
        challenge="Hva gjør jeg?",
    )
    goal = world.programme.goals.get()
    space.baseline_submit(
        participant=per,
        submitted_by=per.user,
        phase="baseline",
        ratings={(goal.pk, d): 2 for d in ("knowledge", "skills", "abilities", "attitudes")},
        leadership_education="none",
        years_as_leader=1,
        expectations="Pers forventning",
    )
    space.plan_goal_add(participant=per, added_by=per.user, title="Pers plan")
    space.plan_checkin_record(participant=per, recorded_by=per.user, progress=10, reflection="Pers refleksjon")
    space.leader_space_read(participant=per, reader=world.facilitator, what="plan")
    peer = world.peer_space
    space.plan_goal_add(participant=peer, added_by=world.peer, title="Kollegas plan")
    Reminder.objects.create(
        kind="plan_checkin", recipient=world.participant, target_id=own.plan.pk, slot="6w", subject="Sjekk inn"
    )
    Reminder.objects.create(kind="plan_checkin", recipient=per.user, target_id=1, slot="6w", subject="Per, sjekk inn")
    survey = world.programme_survey
    evaluation_services.survey_answer(survey=survey, user=world.participant, answers=_answers(survey))
    world.per = per
    return world


def _download(client, user):
    client.force_login(user)
    response = client.get(reverse("my_data_download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return archive, json.loads(archive.read("mine-data.json").decode("utf-8"))


def _expected(world):
    """Ingrid's data, written out in full: what the download must hold, and nothing else."""
    own = world.own_space
    plan = own.plan
    report = PersonalityProfile.objects.get(participant=own, instrument="other")
    ipip = world.own_profile
    versions = list(PlanVersion.objects.filter(plan=plan).order_by("number"))
    ids = {
        "baseline": Baseline.objects.get(participant=own).pk,
        "feedback": ProfileFeedback.objects.get(participant=own).pk,
    }
    return {
        "format": "lederprogram-personal-data/1",
        "about": (
            "Alt tjenesten lagrer om deg. Svarene dine på evalueringer er ikke med: de lagres uten noen kobling "
            "til deg, så ingen (heller ikke tjenesten) kan se hvilke svar som er dine. 'evaluations_answered' sier "
            "bare hvilke undersøkelser du har svart på."
        ),
        "exported_at": STAMP,
        "user": {
            "email": "deltaker@vefsn.no",
            "first_name": "Ingrid",
            "last_name": "Deltakersen",
            "date_joined": STAMP,
            "last_login": STAMP,  # the download itself logged her in (force_login)
        },
        "municipality_roles": [],
        "facilitator_roles": [],
        "participations": [
            {
                "programme": {
                    "name": "Lederprogram Vefsn",
                    "municipality": "Vefsn kommune",
                    "start_date": "2026-09-01",
                    "end_date": "2028-09-01",
                },
                "job_title": "",
                "leader_level": "unit",
                "unit": "Sykehjemmet",
                "sector": "Helse og omsorg",
                "dietary_needs": "",
                "created_at": STAMP,
                "plan_kept_after_programme": None,
                "attendance": [
                    {
                        "gathering": "1. Samling 1",
                        "date": "2026-10-05",
                        "start_time": "09:00",
                        "end_time": "15:00",
                        "venue": "Kulturverkstedet",
                        "status": "present",
                    }
                ],
                "baselines": [
                    {
                        "phase": "baseline",
                        "leadership_education": "courses",
                        "years_as_leader": 4,
                        "expectations": "Bli tryggere i vanskelige samtaler",
                        "submitted_at": STAMP,
                        "updated_at": STAMP,
                        "ratings": [
                            {"goal": "Ledelse overfor ansatte", "dimension": d, "score": 3}
                            for d in ("abilities", "attitudes", "knowledge", "skills")
                        ],
                    }
                ],
                "profile_consent": {"consented_at": STAMP},
                "profiles": [
                    {
                        "instrument": "other",
                        "instrument_name": "Lederstil 360",
                        "type_label": "Tydelig",
                        "scores": [{"name": "Struktur", "score": "7"}],
                        "answers": [],
                        "taken_on": "2026-10-01",
                        "administered_by": "Firma AS",
                        "report_file": f"profilrapporter/{report.pk}.pdf",
                        "created_at": STAMP,
                    },
                    {
                        "instrument": "ipip50",
                        "instrument_name": "",
                        "type_label": "",
                        "scores": ipip.scores,
                        "answers": [3] * 50,
                        "taken_on": "2026-11-10",
                        "administered_by": "",
                        "report_file": None,
                        "created_at": STAMP,
                    },
                ],
                "feedback": {
                    "held_on": "2026-10-20",
                    "strengths": "Lytter godt",
                    "development_areas": "Delegere mer",
                    "your_comment": "Enig i dette",
                    "commented_at": STAMP,
                    "created_at": STAMP,
                    "updated_at": STAMP,
                },
                "plan": {
                    "created_at": STAMP,
                    "updated_at": STAMP,
                    "goals": [
                        {
                            "title": "Delegere oppgaver i teamet",
                            "success_criteria": "",
                            "deadline": None,
                            "programme_goal": "",
                            "value": "",
                            "ten_factors": [],
                            "competence_dimension": "",
                            "status": "active",
                            "is_draft": False,
                            "source": "",
                            "created_at": STAMP,
                            "actions": [
                                {
                                    "text": "Ukentlig delegeringsliste",
                                    "due_date": None,
                                    "status": "not_started",
                                    "first_thing_at_home_after": None,
                                    "created_at": STAMP,
                                }
                            ],
                        }
                    ],
                    "checkins": [{"progress": 30, "reflection": "God start", "created_at": STAMP}],
                    "comments_from_facilitator": [{"text": "Fin plan, Ingrid", "created_at": STAMP}],
                    "versions": [
                        {"number": v.number, "reason": reason, "created_at": STAMP, "snapshot": v.snapshot}
                        for v, reason in zip(versions, ["goal_added", "action_added", "checkin"], strict=True)
                    ],
                },
                "notices": [
                    {"kind": "feedback", "created_at": STAMP, "read_at": None},
                    {"kind": "plan_comment", "created_at": STAMP, "read_at": None},
                ],
                "passed_on_to_staff": [{"held_on": "2026-11-01", "topic": "Medarbeiderskap", "staff_count": 12}],
                "peer_group": {
                    "name": "Gruppe Nord",
                    "meetings_attended": [
                        {
                            "date": "2026-11-03",
                            "start_time": "14:00",
                            "end_time": "15:30",
                            "place": "Biblioteket, møterom 2",
                        }
                    ],
                },
                "cases_brought": [
                    {
                        "group": "Gruppe Nord",
                        "discussed_on": "2026-11-03",
                        "title": "Turnus som ingen vil ha",
                        "situation": "En avdeling med mange ubesatte vakter i helgene.",
                        "challenge": "Hvordan fordele helgevakter rettferdig?",
                        "tried": "",
                        "reflections": "",
                        "action": "",
                        "follow_up": "Vi laget en rullerende turnus",
                        "follow_up_on": "2026-11-09",
                        "themes": [],
                        "values": [],
                        "ten_factors": [],
                    }
                ],
                "evaluations_answered": [world.programme_survey.title],
            }
        ],
        "reminders": [
            {"kind": "plan_checkin", "subject": "Sjekk inn", "state": "pending", "created_at": STAMP, "sent_at": None}
        ],
        "audit": {
            "your_actions": [
                {"action": action, "target_type": target_type, "target_id": str(pk), "at": STAMP}
                for action, target_type, pk in [
                    ("baseline.submitted", "participants.Baseline", ids["baseline"]),
                    ("profile.consent_given", "participants.Participant", own.pk),
                    ("profile.recorded", "participants.PersonalityProfile", ipip.pk),
                    ("plan.goal_added", "participants.PlanGoal", world.plan_goal.pk),
                    ("plan.action_added", "participants.PlanAction", world.plan_action.pk),
                    ("plan.checkin", "participants.PlanCheckIn", PlanCheckIn.objects.get(plan=plan).pk),
                    ("cascade.logged", "participants.CascadeSession", world.cascade_session.pk),
                    ("feedback.commented", "participants.ProfileFeedback", ids["feedback"]),
                    ("auth.login", "core.User", world.participant.pk),  # the download's own login
                ]
            ],
            "failed_logins_to_your_account": [{"at": STAMP, "ip": "10.0.0.7"}],
            "reads_of_your_data": [
                {"by": str(world.facilitator), "action": "plan.viewed", "at": STAMP},
                {"by": str(world.facilitator), "action": "case.read", "at": STAMP},
            ],
        },
    }


def _add_report_and_follow_up(world):
    own = world.own_space
    report = PersonalityProfile(
        participant=own,
        instrument="other",
        instrument_name="Lederstil 360",
        type_label="Tydelig",
        scores=[{"name": "Struktur", "score": "7"}],
        taken_on=datetime.date(2026, 10, 1),
        administered_by="Firma AS",
    )
    report.report.save("r.pdf", ContentFile(b"%PDF-1.7 Ingrids rapport"), save=True)
    world.pg_case.follow_up = "Vi laget en rullerende turnus"
    world.pg_case.follow_up_on = datetime.date(2026, 11, 9)
    world.pg_case.save()
    audit_log(
        actor=None, action="auth.login_failed", target=world.participant, ip="10.0.0.7", email="deltaker@vefsn.no"
    )
    from peergroups.services import case_reads_record

    case = Case.objects.select_related("group__facilitator").get(pk=world.pg_case.pk)
    case_reads_record(reader=world.facilitator, cases=[case], via="detail")
    return report


@pytest.mark.django_db
def test_the_download_holds_exactly_the_owners_data_and_is_audited(client, gdpr, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report = _add_report_and_follow_up(gdpr)

    archive, data = _download(client, gdpr.participant)

    expected = _expected(gdpr)
    assert sorted(data) == sorted(expected)
    for key in expected:  # one key at a time, for a readable difference
        assert data[key] == expected[key], json.dumps(data[key], indent=1)
    assert sorted(archive.namelist()) == ["mine-data.json", f"profilrapporter/{report.pk}.pdf"]
    assert archive.read(f"profilrapporter/{report.pk}.pdf") == b"%PDF-1.7 Ingrids rapport"
    assert archive.read("mine-data.json").decode("utf-8").startswith('{\n  "format"')
    event = AuditEvent.objects.get(action="gdpr.exported")
    assert (event.actor, event.target_type, event.target_id, event.detail) == (
        gdpr.participant,
        "core.User",
        str(gdpr.participant.pk),
        {},
    )


@pytest.mark.django_db
def test_the_download_holds_nothing_about_anyone_else(client, gdpr, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _add_report_and_follow_up(gdpr)
    _archive, data = _download(client, gdpr.participant)
    text = json.dumps(data, ensure_ascii=False)
    for secret in PEER_SECRETS + [gdpr.peer.get_full_name(), "Vi snakket om turnus"]:
        assert secret not in text
    # ... and the group mate's own download has his case and plan, and nothing of Ingrid's.
    _archive, per = _download(client, gdpr.per.user)
    per_text = json.dumps(per, ensure_ascii=False)
    assert [c["title"] for c in per["participations"][0]["cases_brought"]] == ["Pers hemmelige sak"]
    assert per["participations"][0]["plan"]["goals"][0]["title"] == "Pers plan"
    for secret in ["Ingrid", "deltaker@vefsn.no", "Turnus som ingen vil ha", "Delegere", "Fin plan"]:
        assert secret not in per_text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona", ["hr", "other_hr", "executive", "facilitator", "other_facilitator", "participant", "peer", "outsider"]
)
def test_every_logged_in_persona_downloads_only_their_own(client, world, persona):
    user = getattr(world, persona)
    _archive, data = _download(client, user)
    assert data["user"]["email"] == user.email
    emails = {getattr(world, p).email for p in ["hr", "other_hr", "executive", "facilitator", "participant", "peer"]}
    text = json.dumps(data, ensure_ascii=False)
    assert [e for e in emails - {user.email} if f'"{e}"' in text] == []


@pytest.mark.django_db
def test_anonymous_is_sent_to_log_in_for_the_download(client):
    url = reverse("my_data_download")
    response = client.get(url)
    assert response["Location"] == f"{reverse('account_login')}?next={url}"


@pytest.mark.django_db
@pytest.mark.parametrize("versions", [1, 40])
def test_the_export_takes_the_same_queries_however_long_the_history(world, django_assert_num_queries, versions):
    own = world.own_space
    for n in range(versions):
        space.plan_checkin_record(
            participant=own, recorded_by=world.participant, progress=n % 100, reflection=f"Uke {n}"
        )
        space.plan_comment_add(participant=own, author=world.facilitator, text=f"Kommentar {n}")
    user = type(world.participant).objects.get(pk=world.participant.pk)
    with django_assert_num_queries(28):
        data = personal_data(user)
    assert len(data["participations"][0]["plan"]["versions"]) == 3 + versions


@pytest.mark.django_db
def test_my_data_page_is_linked_from_the_user_menu(client, world):
    client.force_login(world.participant)
    body = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("my_data")}"' in body
    page = client.get(reverse("my_data")).content.decode()
    assert f'href="{reverse("my_data_download")}"' in page
    assert "180 dager etter at programmet er avsluttet" in page


@pytest.mark.django_db
def test_privacy_page_tells_the_download_and_the_retention(client, settings):
    settings.RETENTION_DAYS_AFTER_PROGRAMME_END = 90
    body = client.get(reverse("privacy")).content.decode()
    assert f'fra <a href="{reverse("my_data")}">Mine data</a>' in body
    assert body.count("Slettes 90 dager etter at programmet er avsluttet, historikken også") == 2
    assert "be HR om en kopi" not in body


# --- Erasure -------------------------------------------------------------------------------------------


def _space_rows(participant):
    return {
        "baselines": Baseline.objects.filter(participant=participant).count(),
        "profiles": PersonalityProfile.objects.filter(participant=participant).count(),
        "consent": ProfileConsent.objects.filter(participant=participant).count(),
        "feedback": ProfileFeedback.objects.filter(participant=participant).count(),
        "plan": DevelopmentPlan.objects.filter(participant=participant).count(),
        "versions": PlanVersion.objects.filter(plan__participant=participant).count(),
        "checkins": PlanCheckIn.objects.filter(plan__participant=participant).count(),
        "comments": PlanComment.objects.filter(plan__participant=participant).count(),
        "notices": Notice.objects.filter(participant=participant).count(),
        "cascade": CascadeSession.objects.filter(participant=participant).count(),
        "cases": Case.objects.filter(brought_by=participant).count(),
    }


NOTHING = dict.fromkeys(
    [
        "baselines",
        "profiles",
        "consent",
        "feedback",
        "plan",
        "versions",
        "checkins",
        "comments",
        "notices",
        "cascade",
        "cases",
    ],
    0,
)


@pytest.mark.django_db
def test_hr_erases_a_person_after_confirming_with_the_name(
    client, gdpr, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    report = _add_report_and_follow_up(gdpr)
    report_path = tmp_path / report.report.name
    assert report_path.exists()
    own = gdpr.own_space
    user_pk = gdpr.participant.pk
    audit_log(
        actor=gdpr.hr,
        action="peergroup.member_moved",
        target=own,
        municipality=gdpr.vefsn,
        reason="Ingrid har det tungt hjemme",
        to_group=gdpr.pg_north.pk,
    )
    per_before = _space_rows(gdpr.per)
    client.force_login(gdpr.hr)
    url = reverse("person_erase", kwargs={"pk": gdpr.vefsn.pk, "user_pk": user_pk})

    page = client.get(url)
    assert "Slett Ingrid Deltakersen" in page.content.decode()
    wrong = client.post(url, {"confirm": "Ingrid"})
    assert "Skriv navnet nøyaktig slik det står: Ingrid Deltakersen" in wrong.content.decode()
    assert _space_rows(own)["plan"] == 1

    with django_capture_on_commit_callbacks(execute=True):  # the report file goes after the commit
        response = client.post(url, {"confirm": "ingrid  deltakersen"})
    assert response["Location"] == reverse("people", kwargs={"pk": gdpr.vefsn.pk})

    assert _space_rows(own) == NOTHING
    assert not report_path.exists()
    assert Reminder.objects.filter(recipient_id=user_pk).count() == 0
    # What must be kept is kept: the participation (without its free text), attendance, group, meetings.
    kept = Participant.objects.get(pk=own.pk)
    assert (kept.user_id, kept.programme_id, kept.job_title, kept.unit, kept.sector) == (
        user_pk,
        gdpr.programme.pk,
        "",
        "",
        "Helse og omsorg",
    )
    assert list(Attendance.objects.filter(participant=own).values_list("status", flat=True)) == ["present"]
    assert PeerGroupMember.objects.filter(participant=own, group=gdpr.pg_north).exists()
    assert gdpr.pg_meeting.attendees.filter(pk=own.pk).exists()
    # The account is anonymised and closed.
    account = type(gdpr.participant).objects.get(pk=user_pk)
    assert (account.first_name, account.last_name, account.email, account.is_active, account.has_usable_password()) == (
        "Slettet person",
        "",
        f"slettet-{user_pk}@slettet.invalid",
        False,
        False,
    )
    # Copies of what she wrote or typed are gone from the audit log too.
    moved = AuditEvent.objects.get(action="peergroup.member_moved")
    assert moved.detail == {"reason": "", "to_group": gdpr.pg_north.pk}
    failed = AuditEvent.objects.get(action="auth.login_failed")
    assert failed.detail == {"ip": "10.0.0.7"}
    assert not AuditEvent.objects.filter(detail__icontains="deltaker@vefsn.no").exists()
    event = AuditEvent.objects.get(action="gdpr.person_erased")
    assert (event.actor, event.municipality, event.target_type, event.target_id) == (
        gdpr.hr,
        gdpr.vefsn,
        "core.User",
        str(user_pk),
    )
    assert event.detail == {"rows": event.detail["rows"], "audit_rows_scrubbed": 2, "account_anonymised": True}
    # Per, in the same group, keeps everything.
    assert _space_rows(gdpr.per) == per_before
    assert Case.objects.get(brought_by=gdpr.per).situation == "Sjefen min lytter ikke"


@pytest.mark.django_db
def test_a_person_with_a_role_in_another_municipality_keeps_the_account(client, gdpr):
    ParticipantFactory(programme=gdpr.other_programme, user=gdpr.participant)
    client.force_login(gdpr.hr)
    url = reverse("person_erase", kwargs={"pk": gdpr.vefsn.pk, "user_pk": gdpr.participant.pk})
    response = client.post(url, {"confirm": "Ingrid Deltakersen"})
    assert response.status_code == 302
    assert _space_rows(gdpr.own_space) == NOTHING
    account = type(gdpr.participant).objects.get(pk=gdpr.participant.pk)
    assert (account.email, account.is_active) == ("deltaker@vefsn.no", True)
    assert AuditEvent.objects.get(action="gdpr.person_erased").detail["account_anonymised"] is False


@pytest.mark.django_db
def test_hr_cannot_erase_themselves_or_someone_outside_the_municipality(client, world):
    client.force_login(world.hr)
    own = client.get(reverse("person_erase", kwargs={"pk": world.vefsn.pk, "user_pk": world.hr.pk}))
    assert "Du kan ikke slette deg selv." in own.content.decode()
    refused = client.post(
        reverse("person_erase", kwargs={"pk": world.vefsn.pk, "user_pk": world.hr.pk}),
        {"confirm": str(world.hr)},
    )
    assert "Du kan ikke slette deg selv." in refused.content.decode()
    assert type(world.hr).objects.get(pk=world.hr.pk).is_active
    outside = client.get(reverse("person_erase", kwargs={"pk": world.vefsn.pk, "user_pk": world.other_hr.pk}))
    assert outside.status_code == 404
    assert not AuditEvent.objects.filter(action="gdpr.person_erased").exists()


def _assert_programme_material_gone(world):
    own = world.own_space
    rows = _space_rows(own)
    assert rows == {**NOTHING, "baselines": 1, "cascade": 1, "cases": 1}
    for participant in (world.per, world.peer_space):
        assert PlanVersion.objects.filter(plan__participant=participant).count() == 0
    baseline = Baseline.objects.get(participant=own)
    assert baseline.expectations == ""
    assert SelfAssessment.objects.filter(baseline=baseline).count() == 4
    for case in Case.objects.filter(group__programme=world.programme):
        assert [case.title, case.situation, case.challenge, case.follow_up, case.follow_up_on] == ["", "", "", "", None]
    assert Meeting.objects.get(pk=world.pg_meeting.pk).summary == ""
    # Kept: who took part, who came, the groups and meetings.
    assert Participant.objects.filter(programme=world.programme).count() == 3
    assert Attendance.objects.filter(participant=own).count() == 1
    assert world.pg_meeting.attendees.count() == 2


@pytest.mark.django_db
def test_hr_erases_a_programmes_working_material(client, gdpr, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _add_report_and_follow_up(gdpr)
    client.force_login(gdpr.hr)
    url = reverse("programme_material_erase", kwargs={"pk": gdpr.programme.pk})
    assert "Skriv: Lederprogram Vefsn" in client.get(url).content.decode()
    client.post(url, {"confirm": "Lederprogram"})
    assert PlanVersion.objects.filter(plan__participant=gdpr.own_space).count() == 3
    response = client.post(url, {"confirm": "Lederprogram Vefsn"})
    assert response["Location"] == reverse("people", kwargs={"pk": gdpr.vefsn.pk})
    _assert_programme_material_gone(gdpr)
    event = AuditEvent.objects.get(action="gdpr.programme_material_erased")
    assert (event.actor, event.target_id, event.municipality) == (gdpr.hr, str(gdpr.programme.pk), gdpr.vefsn)
    assert set(event.detail) == {"rows", "audit_rows_scrubbed"}


@pytest.mark.django_db
def test_people_page_links_to_the_erasure_pages(client, world):
    client.force_login(world.hr)
    body = client.get(reverse("people", kwargs={"pk": world.vefsn.pk})).content.decode()
    assert reverse("person_erase", kwargs={"pk": world.vefsn.pk, "user_pk": world.participant.pk}) in body
    assert reverse("person_erase", kwargs={"pk": world.vefsn.pk, "user_pk": world.hr.pk}) not in body
    assert reverse("programme_material_erase", kwargs={"pk": world.programme.pk}) in body


# --- Retention -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_retention_purge_reaches_history_and_keeps_participation(gdpr, settings, tmp_path):
    from django.core.management import call_command

    settings.MEDIA_ROOT = tmp_path
    settings.RETENTION_DAYS_AFTER_PROGRAMME_END = 180
    _add_report_and_follow_up(gdpr)
    end = gdpr.programme.end_date  # 2028-09-01
    oslo = datetime.time(12)

    with time_machine.travel(timezone.make_aware(datetime.datetime.combine(end, oslo)) + datetime.timedelta(days=180)):
        out = io.StringIO()
        call_command("purge_expired_material", stdout=out)
        assert "0 rows" in out.getvalue()
        assert PlanVersion.objects.filter(plan__participant=gdpr.own_space).count() == 3

    with time_machine.travel(timezone.make_aware(datetime.datetime.combine(end, oslo)) + datetime.timedelta(days=181)):
        call_command("purge_expired_material", stdout=io.StringIO())
        _assert_programme_material_gone(gdpr)
        assert Case.objects.get(pk=gdpr.pg_case.pk).follow_up == ""
        assert AuditEvent.objects.filter(action="gdpr.programme_material_erased", actor=None).count() == 1
        # Idempotent: a second day changes nothing and logs nothing.
        assert material_purge_expired() == 0
        assert AuditEvent.objects.filter(action="gdpr.programme_material_erased").count() == 1


@pytest.mark.django_db
def test_the_retention_task_is_on_the_daily_beat_and_runs(gdpr, settings):
    from core.tasks import purge_expired_material

    entry = settings.CELERY_BEAT_SCHEDULE["purge-expired-material"]
    assert entry == {"task": "core.tasks.purge_expired_material", "schedule": 86400}
    assert "reminders-scan" in settings.CELERY_BEAT_SCHEDULE
    settings.RETENTION_DAYS_AFTER_PROGRAMME_END = 0
    with time_machine.travel(datetime.datetime(2028, 9, 3, 12, tzinfo=datetime.UTC)):
        assert purge_expired_material.delay().get() > 0
    assert programme_material_erase(programme=gdpr.programme) == 0
    assert PlanVersion.objects.count() == 0
