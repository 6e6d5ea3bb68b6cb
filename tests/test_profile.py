"""Personality profiles: IPIP-50 scoring, consent, external results with a checked PDF report, who sees them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import AuditEvent
from participants import ipip, services
from participants.models import Notice, PersonalityProfile, ProfileConsent
from tests.conftest import main_text

# The key, item by item (index 0–49 in data/ipip50.json): E 1–10 (+ + + + + − − − − −),
# A 11–20 (+ ×6, − ×4), C 21–30 (+ ×6, − ×4), N/ES 31–40 (+ + then − ×8), O 41–50 (+ ×7, − ×3).


def test_ipip_key_has_ten_items_per_factor_and_the_published_reverse_keys():
    keys = {factor: "".join(i["key"] for i in ipip.items() if i["factor"] == factor) for factor in ipip.FACTORS}
    assert keys == {
        "extraversion": "+++++-----",
        "agreeableness": "++++++----",
        "conscientiousness": "++++++----",
        "emotional_stability": "++--------",
        "intellect_imagination": "+++++++---",
    }


def test_ipip_scoring_by_hand_with_reverse_keys():
    # Answers chosen so that each factor's sum is worked out below by hand.
    answers = (
        [5, 4, 3, 2, 1]
        + [1, 2, 3, 4, 5]  # E: 5+4+3+2+1 + (5+4+3+2+1) = 30
        + [5] * 6
        + [1] * 4  # A: 6×5 + 4×(6−1) = 30 + 20 = 50
        + [1] * 6
        + [5] * 4  # C: 6×1 + 4×(6−5) = 6 + 4 = 10
        + [4, 2]
        + [2] * 8  # ES: 4 + 2 + 8×(6−2) = 6 + 32 = 38
        + [3] * 7
        + [4, 5, 1]  # O: 7×3 + (6−4) + (6−5) + (6−1) = 21 + 2 + 1 + 5 = 29
    )
    assert ipip.score(answers) == {
        "extraversion": {"sum": 30, "mean": 3.0},
        "agreeableness": {"sum": 50, "mean": 5.0},
        "conscientiousness": {"sum": 10, "mean": 1.0},
        "emotional_stability": {"sum": 38, "mean": 3.8},
        "intellect_imagination": {"sum": 29, "mean": 2.9},
    }


def test_ipip_all_fives_scores_only_the_plus_keyed_items_high():
    # + items score 5, − items score 1: E 5×5+5×1=30, A/C 6×5+4=34, ES 2×5+8=18, O 7×5+3=38.
    result = ipip.score([5] * 50)
    assert {f: r["sum"] for f, r in result.items()} == {
        "extraversion": 30,
        "agreeableness": 34,
        "conscientiousness": 34,
        "emotional_stability": 18,
        "intellect_imagination": 38,
    }


@pytest.mark.parametrize("answers", [[3] * 49, [3] * 49 + [6], [3] * 49 + [0], [3] * 49 + ["3"]])
def test_ipip_refuses_incomplete_or_out_of_range_answers(answers):
    with pytest.raises(ValidationError):
        ipip.score(answers)


def test_ipip_interpretation_bands_and_norwegian_items():
    rows = ipip.interpret(ipip.score([5] * 50))
    assert [(r["factor"], r["band"]) for r in rows] == [
        ("extraversion", "middle"),  # mean 3.0
        ("agreeableness", "middle"),  # 3.4
        ("conscientiousness", "middle"),
        ("emotional_stability", "low"),  # 1.8
        ("intellect_imagination", "high"),  # 3.8
    ]
    order = ipip.administration_order()
    assert [i["factor"] for i in order[:5]] == ipip.FACTORS
    assert order[0]["text"] == "Er midtpunktet på festen."
    assert sorted(i["index"] for i in order) == list(range(50))


def _post_ipip(client, space, answers):
    order = ipip.administration_order()
    data = {f"q{item['index']}": answers[item["index"]] for item in order if answers[item["index"]] is not None}
    return client.post(reverse("profile_ipip", kwargs={"pk": space.pk}), data)


@pytest.mark.django_db
def test_ipip_needs_consent_first(client, world):
    space = world.peer_space
    client.force_login(world.peer)
    response = _post_ipip(client, space, [4] * 50)
    assert response["Location"] == reverse("profile_consent", kwargs={"pk": space.pk})
    assert not PersonalityProfile.objects.filter(participant=space).exists()
    with pytest.raises(ValidationError):
        services.profile_ipip_record(participant=space, recorded_by=world.peer, answers=[4] * 50)

    response = client.post(reverse("profile_consent", kwargs={"pk": space.pk}), {})
    assert "Kryss av i boksen" in main_text(response)
    assert not ProfileConsent.objects.filter(participant=space).exists()
    client.post(reverse("profile_consent", kwargs={"pk": space.pk}), {"agree": "on"})
    assert ProfileConsent.objects.filter(participant=space).exists()

    response = _post_ipip(client, space, [4] * 50)
    assert response["Location"] == reverse("profile", kwargs={"pk": space.pk})
    profile = PersonalityProfile.objects.get(participant=space)
    assert profile.scores["extraversion"] == {"sum": 30, "mean": 3.0}
    page = main_text(client.get(reverse("profile", kwargs={"pk": space.pk})))
    assert "Ekstroversjon 30" in page
    assert "vår egen oversettelse" in page


@pytest.mark.django_db
def test_ipip_with_a_missing_answer_keeps_the_others_and_saves_nothing(client, world):
    space = world.peer_space
    services.profile_consent_give(participant=space, given_by=world.peer)
    client.force_login(world.peer)
    answers = [2] * 50
    answers[17] = None
    response = _post_ipip(client, space, answers)
    assert response.status_code == 200
    assert "Svar på dette utsagnet." in main_text(response)
    assert 'name="q0" id="id_q0_1" value="2" checked' in response.content.decode()
    assert not PersonalityProfile.objects.filter(participant=space).exists()


@pytest.mark.django_db
def test_consent_page_says_voluntary_purpose_who_sees_and_deletion(client, world):
    client.force_login(world.peer)
    text = main_text(client.get(reverse("profile_consent", kwargs={"pk": world.peer_space.pk})))
    for phrase in (
        "frivillig",
        "Hva den brukes til",
        "aldri til utvelgelse",
        "Hvem ser profilen",
        "HR ser bare",
        "slettes",
    ):
        assert phrase in text


@pytest.mark.django_db
def test_withdrawing_consent_deletes_profiles_and_report(
    client, world, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    space = world.own_space
    external = services.profile_external_record(
        participant=space,
        recorded_by=world.participant,
        instrument="disc",
        taken_on=datetime.date(2026, 9, 1),
        report=SimpleUploadedFile("r.pdf", b"%PDF-1.4 rapport", content_type="application/pdf"),
    )
    stored = tmp_path / external.report.name
    assert stored.exists()
    client.force_login(world.participant)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("profile_consent_withdraw", kwargs={"pk": space.pk}))
    assert not PersonalityProfile.objects.filter(participant=space).exists()
    assert not ProfileConsent.objects.filter(participant=space).exists()
    assert not stored.exists()
    assert AuditEvent.objects.filter(action="profile.consent_withdrawn", detail__deleted=2).count() == 1


def _pdf(content=b"%PDF-1.7\n1 0 obj\n"):
    return SimpleUploadedFile("Rapport DiSC.pdf", content, content_type="application/pdf")


@pytest.mark.django_db
def test_external_profile_with_report_is_stored_under_a_random_name(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.participant)
    response = client.post(
        reverse("profile_external", kwargs={"pk": world.own_space.pk}),
        {
            "instrument": "disc",
            "type_label": "DI",
            "scores": "Dominans: 72\nInnflytelse: 64",
            "taken_on": "2026-09-15",
            "administered_by": "Lederkonsult AS",
            "report": _pdf(),
        },
    )
    assert response["Location"] == reverse("profile", kwargs={"pk": world.own_space.pk})
    profile = PersonalityProfile.objects.get(participant=world.own_space, instrument="disc")
    assert profile.scores == [{"name": "Dominans", "score": "72"}, {"name": "Innflytelse", "score": "64"}]
    assert profile.report.name.startswith("profile-reports/")
    assert "Rapport" not in profile.report.name and "Ingrid" not in profile.report.name
    assert len(profile.report.name) > len("profile-reports/") + 30
    text = main_text(client.get(reverse("profile", kwargs={"pk": world.own_space.pk})))
    assert "DiSC" in text and "Type: DI" in text and "Dominans 72" in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content,message",
    [
        (b"<html>ikke en pdf</html>", "Rapporten må være en PDF-fil."),
        (b"MZ\x90\x00", "Rapporten må være en PDF-fil."),
    ],
)
def test_external_report_that_is_not_a_pdf_is_refused(client, world, settings, tmp_path, content, message):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.participant)
    response = client.post(
        reverse("profile_external", kwargs={"pk": world.own_space.pk}),
        {"instrument": "mbti", "type_label": "ENTJ", "taken_on": "2026-09-15", "report": _pdf(content)},
    )
    assert message in main_text(response)
    assert not PersonalityProfile.objects.filter(instrument="mbti").exists()
    assert not any(tmp_path.rglob("*.pdf"))


@pytest.mark.django_db
def test_external_report_over_the_size_limit_is_refused(client, world, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr("participants.services.space.PROFILE_REPORT_MAX_BYTES", 100)
    client.force_login(world.participant)
    response = client.post(
        reverse("profile_external", kwargs={"pk": world.own_space.pk}),
        {"instrument": "opq", "taken_on": "2026-09-15", "report": _pdf(b"%PDF-" + b"x" * 200)},
    )
    assert "Rapporten kan være på høyst 10 MB." in main_text(response)
    assert not PersonalityProfile.objects.filter(instrument="opq").exists()


@pytest.mark.django_db
def test_external_profile_needs_something_recorded_and_a_name_for_other(client, world):
    client.force_login(world.participant)
    url = reverse("profile_external", kwargs={"pk": world.own_space.pk})
    text = main_text(client.post(url, {"instrument": "jti", "taken_on": "2026-09-15"}))
    assert "Registrer en type, minst én skår eller rapporten." in text
    text = main_text(client.post(url, {"instrument": "other", "type_label": "X", "taken_on": "2026-09-15"}))
    assert "Skriv navnet på verktøyet." in text
    text = main_text(client.post(url, {"instrument": "jti", "scores": "bare tekst", "taken_on": "2026-09-15"}))
    assert "Linje 1: skriv navnet på skalaen" in text
    assert not PersonalityProfile.objects.exclude(instrument="ipip50").exists()


@pytest.fixture
def report_profile(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return services.profile_external_record(
        participant=world.own_space,
        recorded_by=world.participant,
        instrument="jti",
        type_label="ES",
        taken_on=datetime.date(2026, 9, 1),
        report=_pdf(b"%PDF-1.4 innhold"),
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona,status",
    [
        ("participant", 200),
        ("facilitator", 200),
        ("same_programme_facilitator", 404),
        ("other_facilitator", 404),
        ("peer", 404),
        ("hr", 404),
        ("other_hr", 404),
        ("executive", 404),
        ("outsider", 404),
    ],
)
def test_profile_report_is_served_only_to_owner_and_facilitator(client, world, report_profile, persona, status):
    client.force_login(getattr(world, persona))
    before = AuditEvent.objects.filter(action="profile_report.viewed").count()
    response = client.get(reverse("profile_report", kwargs={"pk": report_profile.pk}))
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == b"%PDF-1.4 innhold"
        assert response["Content-Type"] == "application/pdf"
        assert response["Cache-Control"] == "private, no-store"
    else:
        assert b"%PDF" not in response.content
    logged = AuditEvent.objects.filter(action="profile_report.viewed").count() - before
    assert logged == (1 if persona == "facilitator" else 0)


@pytest.mark.django_db
def test_report_is_not_reachable_through_a_media_url(client, world, report_profile):
    client.force_login(world.participant)
    assert client.get(f"/media/{report_profile.report.name}").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona,status",
    [
        ("participant", 200),
        ("facilitator", 200),
        ("same_programme_facilitator", 404),
        ("other_facilitator", 404),
        ("peer", 404),
        ("hr", 404),
        ("other_hr", 404),
        ("executive", 404),
        ("outsider", 404),
    ],
)
def test_profile_visibility_and_audit_for_every_persona(client, world, persona, status):
    client.force_login(getattr(world, persona))
    before = set(AuditEvent.objects.values_list("pk", flat=True))
    response = client.get(reverse("profile", kwargs={"pk": world.own_space.pk}))
    assert response.status_code == status
    # A refusal leaves only its own access.denied row (tests/test_audit_log.py); no read is recorded.
    new = list(AuditEvent.objects.exclude(pk__in=before).exclude(action="access.denied"))
    if persona == "facilitator":
        assert [(e.action, e.actor, e.target_type, e.target_id) for e in new] == [
            ("profile.viewed", world.facilitator, "participants.Participant", str(world.own_space.pk))
        ]
        assert "Ekstroversjon" not in str(new[0].detail)
    else:
        assert new == []
    body = response.content.decode()
    assert ("Ekstroversjon" in body) == (status == 200)


@pytest.mark.django_db
def test_facilitator_no_longer_in_the_programme_loses_access(client, world):
    from participants.models import Facilitator

    Facilitator.objects.filter(user=world.facilitator, programme=world.programme).delete()
    client.force_login(world.facilitator)
    assert client.get(reverse("profile", kwargs={"pk": world.own_space.pk})).status_code == 404


@pytest.mark.django_db
def test_feedback_is_recorded_by_the_facilitator_and_notifies_the_leader(client, world):
    space = world.peer_space
    space.facilitator = world.facilitator
    space.save()
    client.force_login(world.facilitator)
    response = client.post(
        reverse("profile_feedback", kwargs={"pk": space.pk}),
        {"held_on": "2026-10-21", "strengths": "Strukturert\nTydelig", "development_areas": "Lytte mer"},
    )
    assert response["Location"] == reverse("profile", kwargs={"pk": space.pk})
    feedback = space.feedback
    assert (feedback.strength_list, feedback.development_area_list) == (["Strukturert", "Tydelig"], ["Lytte mer"])
    notice = Notice.objects.get(participant=space)
    assert notice.kind == "feedback" and notice.read_at is None

    client.force_login(world.peer)
    home = main_text(client.get(reverse("home")))
    assert "Prosessveilederen din har registrert tilbakemeldingen på profilen din" in home
    client.get(reverse("profile", kwargs={"pk": space.pk}))
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert "har registrert tilbakemeldingen" not in main_text(client.get(reverse("home")))

    client.post(reverse("profile_feedback_comment", kwargs={"pk": space.pk}), {"comment": "Enig i det meste"})
    feedback.refresh_from_db()
    assert feedback.participant_comment == "Enig i det meste"


@pytest.mark.django_db
def test_feedback_needs_both_strengths_and_development_areas(client, world):
    client.force_login(world.facilitator)
    response = client.post(
        reverse("profile_feedback", kwargs={"pk": world.own_space.pk}),
        {"held_on": "2026-10-21", "strengths": "Noe", "development_areas": ""},
    )
    assert "Feltet er påkrevet." in main_text(response)
    world.own_space.feedback.refresh_from_db()
    assert world.own_space.feedback.strengths == "Lytter godt"


@pytest.mark.django_db
def test_profiles_are_purged_when_the_programme_has_ended(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    end = world.programme.end_date
    assert services.profiles_purge_ended(today=end) == 0
    assert services.profiles_purge_ended(today=end + datetime.timedelta(days=1)) == 1
    assert not PersonalityProfile.objects.filter(participant=world.own_space).exists()
    assert not ProfileConsent.objects.filter(participant=world.own_space).exists()
