"""Programme templates: the three built-ins from the seeds, dates proposed on Norwegian working days,
saving a programme as a template, starting one from it, and copying a cohort without its people."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import AuditEvent
from participants.models import Participant
from programmes.models import Programme, ProgrammeTemplate
from programmes.working_days import is_working_day, next_working_day
from sessions import programme_templates as templates
from sessions.models import AgendaItem, Run
from tests.conftest import main_text
from tests.factories import make_hr

pytestmark = pytest.mark.django_db


def builtin(key):
    return ProgrammeTemplate.objects.get(key=key)


def shape_of(programme):
    return [
        (g.number, g.title, g.kind, g.days, g.start_date, g.runs.count())
        for g in programme.gatherings.order_by("number")
    ]


def test_the_three_builtins_are_written_from_the_seeds():
    vefsn, bergen, network = (
        builtin("vefsn-fire-moduler"),
        builtin("bergen-aktivt-medarbeiderskap"),
        builtin("nettverkssamlinger"),
    )
    assert [g["title"] for g in vefsn.gatherings] == [
        "Meg som leder i Vefsn kommune",
        "Selvbevissthet og teambygging",
        "Endringsledelse og stressmestring",
        "Kultur for samspill og utvikling",
    ]
    assert vefsn.values == ["Humør", "Ansvar", "Nysgjerrighet", "Engasjement"]
    # Bergen: one full day, repeated for ~100 at a time: three runs in the autumn, one in the spring.
    (day,) = bergen.gatherings
    assert (day["days"], [r["offset_days"] for r in day["runs"]], bergen.evaluation["ten_factor"]) == (
        1,
        [0, 14, 28, 180],
        True,
    )
    # The network: three two-day gatherings with the seed's timed agenda.
    assert [g["days"] for g in network.gatherings] == [2, 2, 2]
    agenda = network.gatherings[2]["agenda"]
    assert (agenda[0]["start_time"], agenda[0]["title"]) == ("10:00", "Velkommen: status, mål og opplegg for samlingen")
    assert ("19:45", "Middag", 1) in [(i["start_time"], i["title"], i["day"]) for i in agenda]
    assert ("11:10", "Det første vi gjør når vi kommer hjem", 2) in [
        (i["start_time"], i["title"], i["day"]) for i in agenda
    ]
    assert all(t.is_builtin and t.municipality is None for t in (vefsn, bergen, network))


def test_working_days_skip_weekends_and_norwegian_public_holidays():
    assert not is_working_day(datetime.date(2027, 5, 17))  # Grunnlovsdag, a Monday
    assert not is_working_day(datetime.date(2027, 3, 29))  # Easter Monday
    assert is_working_day(datetime.date(2027, 3, 30))
    assert next_working_day(datetime.date(2027, 5, 6)) == datetime.date(2027, 5, 7)  # Ascension Thursday
    # A two-day gathering needs two working days in a row: Friday 7 May has a weekend after it.
    assert next_working_day(datetime.date(2027, 5, 7), length=2) == datetime.date(2027, 5, 10)
    assert next_working_day(datetime.date(2026, 12, 24), length=2) == datetime.date(2026, 12, 28)


def test_vefsn_from_the_template_gets_its_four_modules_on_working_days(world):
    programme = templates.create_programme_from_template(
        template_data=templates.template_fields(builtin("vefsn-fire-moduler")),
        municipality=world.vefsn,
        created_by=world.hr,
        name="Vefsn 2027",
        start_date=datetime.date(2027, 1, 1),  # New Year's Day, a Friday
    )
    assert shape_of(programme) == [
        (1, "Meg som leder i Vefsn kommune", "core", 2, datetime.date(2027, 1, 4), 0),
        (2, "Selvbevissthet og teambygging", "core", 1, datetime.date(2027, 3, 12), 0),
        (3, "Endringsledelse og stressmestring", "core", 2, datetime.date(2027, 5, 31), 0),
        (4, "Kultur for samspill og utvikling", "core", 1, datetime.date(2027, 8, 30), 0),
    ]
    assert [v.name for v in programme.values.all()] == ["Humør", "Ansvar", "Nysgjerrighet", "Engasjement"]
    assert programme.goals.count() == 4 and programme.end_date == datetime.date(2028, 12, 31)
    assert programme.evaluation_settings["needs"][0] == "Endringsledelse"
    # The fixed case round is on gatherings 2–4 only, at 09:30.
    rounds = AgendaItem.objects.filter(gathering__programme=programme, is_case_round=True)
    assert sorted((i.gathering.number, i.start_time) for i in rounds) == [(n, datetime.time(9, 30)) for n in (2, 3, 4)]
    assert programme.participants.count() == 0
    assert AuditEvent.objects.filter(action="programme.created_from_template", target_id=str(programme.pk)).count() == 1


def test_bergen_from_the_template_is_one_day_with_four_runs_on_working_days(world):
    programme = templates.create_programme_from_template(
        template_data=templates.template_fields(builtin("bergen-aktivt-medarbeiderskap")),
        municipality=world.vefsn,
        created_by=world.hr,
        name="BHO 2027",
        start_date=datetime.date(2027, 8, 30),
    )
    (gathering,) = programme.gatherings.all()
    runs = list(gathering.runs.order_by("number"))
    assert [r.date for r in runs] == [
        datetime.date(2027, 8, 30),
        datetime.date(2027, 9, 13),
        datetime.date(2027, 9, 27),
        datetime.date(2028, 2, 28),
    ]
    assert {(r.start_time, r.end_time, r.capacity, r.venue) for r in runs} == {
        (datetime.time(9), datetime.time(15, 30), 100, "Vefsn kommune")
    }
    assert programme.evaluation_settings["ten_factor"] is True
    assert gathering.agenda.filter(is_case_round=True).count() == 0


def test_the_network_template_keeps_the_two_day_timed_agenda(world):
    programme = templates.create_programme_from_template(
        template_data=templates.template_fields(builtin("nettverkssamlinger")),
        municipality=world.vefsn,
        created_by=world.hr,
        name="Nettverk",
        start_date=datetime.date(2027, 4, 22),
    )
    third = programme.gatherings.get(number=3)
    items = [(i.day, i.start_time.strftime("%H%M"), i.title) for i in third.agenda.all()]
    assert items[0] == (1, "1000", "Velkommen: status, mål og opplegg for samlingen")
    assert items[-1] == (2, "1300", "Lunsj og vel hjem")
    assert len(items) == 17 and {g.days for g in programme.gatherings.all()} == {2}


def test_a_programme_saved_as_a_template_comes_back_with_the_same_shape_and_no_people(world):
    programme = world.programme
    gathering = programme.gatherings.get(number=1)
    gathering.start_date = datetime.date(2026, 10, 1)  # the run is four days later
    gathering.save()
    template = templates.template_save(programme=programme, saved_by=world.hr, name="Vår mal", description="Kull 1")
    assert template.municipality == world.vefsn and template.key is None
    assert template.gatherings[0]["runs"] == [
        {
            "offset_days": (world.run.date - gathering.start_date).days,
            "start_time": "09:00",
            "end_time": "15:00",
            "venue": "Kulturverkstedet",
            "capacity": 40,
        }
    ]
    assert template.gatherings[0]["agenda"][0]["title"] == "Velkommen"
    copy = templates.create_programme_from_template(
        template_data=templates.template_fields(template),
        municipality=world.vefsn,
        created_by=world.hr,
        name="Kull 2",
        start_date=datetime.date(2028, 1, 3),
    )
    assert [(n, t, k) for n, t, k, *_ in shape_of(copy)] == [(n, t, k) for n, t, k, *_ in shape_of(programme)]
    assert Participant.objects.filter(programme=copy).count() == 0
    assert list(copy.goals.values_list("text", flat=True)) == list(programme.goals.values_list("text", flat=True))


def test_hr_copies_a_programme_as_the_next_cohort_with_proposed_then_adjusted_dates(client, world):
    world.gathering.start_date = world.programme.start_date  # gathering 1 opens the programme
    world.gathering.save()
    client.force_login(world.hr)
    url = reverse("programme_copy", kwargs={"pk": world.programme.pk})
    proposed = client.post(
        url, {"municipality": world.vefsn.pk, "name": "Kull 2", "start_date": "2027-05-17", "action": "propose"}
    )
    form = proposed.context["form"]
    assert form.data["date_0"] == "2027-05-18"  # 17 May is a holiday; the 18th is a Tuesday
    data = {key: form.data[key] for key in form.data if key != "csrfmiddlewaretoken"}
    data.update(action="create", date_0="2027-05-20")
    response = client.post(url, data)
    copy = Programme.objects.get(name="Kull 2")
    assert response["Location"] == reverse("programme_detail", kwargs={"pk": copy.pk})
    assert copy.gatherings.get(number=1).start_date == datetime.date(2027, 5, 20)
    assert copy.gatherings.count() == world.programme.gatherings.count()
    assert copy.participants.count() == 0 and copy.facilitators.count() == 0


def test_hr_starts_from_a_builtin_in_the_browserless_flow(client, world):
    client.force_login(world.other_hr)  # Bindal's HR uses the built-in written from Bergen's seed
    template = builtin("bergen-aktivt-medarbeiderskap")
    response = client.post(
        reverse("template_use", kwargs={"pk": template.pk}),
        {"municipality": world.bindal.pk, "name": "Bindal-dagen", "start_date": "2027-09-06", "action": "create"},
    )
    programme = Programme.objects.get(name="Bindal-dagen")
    assert response["Location"] == reverse("programme_detail", kwargs={"pk": programme.pk})
    assert programme.municipality == world.bindal and programme.gatherings.get().runs.count() == 4


def test_a_builtin_is_editable_by_none(client, world):
    template = builtin("vefsn-fire-moduler")
    client.force_login(world.hr)
    response = client.post(reverse("template_delete", kwargs={"pk": template.pk}))
    assert response.status_code == 403
    assert ProgrammeTemplate.objects.filter(pk=template.pk).exists()
    assert "Slett malen" not in main_text(client.get(reverse("template_detail", kwargs={"pk": template.pk})))


def test_another_municipalitys_template_is_404_and_not_listed(client, world):
    theirs = templates.template_save(programme=world.other_programme, saved_by=world.other_hr, name="Bindals mal")
    client.force_login(world.hr)
    assert client.get(reverse("template_detail", kwargs={"pk": theirs.pk})).status_code == 404
    assert client.post(reverse("template_use", kwargs={"pk": theirs.pk}), {}).status_code == 404
    assert "Bindals mal" not in main_text(client.get(reverse("template_list")))


@pytest.mark.parametrize("extra", [0, 10])
def test_template_list_query_count(client, world, django_assert_num_queries, extra):
    for n in range(extra):
        templates.template_save(programme=world.programme, saved_by=world.hr, name=f"Mal {n}")
    hr = make_hr(world.vefsn, email="hr2@vefsn.no")
    client.force_login(hr)
    # session, user, roles, templates (with their municipality)
    with django_assert_num_queries(4):
        response = client.get(reverse("template_list"))
    assert len(response.context["templates"]) == 3 + 1 + extra  # built-ins, the world's own, these
    assert Run.objects.exists()


def edit_data(template, **changes):
    """The edit form as HR finds it filled in, with `changes` over it."""
    data = {
        "name": template.name,
        "description": template.description,
        "main_goal": template.main_goal,
        "target_group": template.target_group,
        "goals": "\n".join(template.goals),
        "values": "\n".join(template.values),
        "needs": "\n".join((template.evaluation or {}).get("needs", [])),
        "length_days": template.length_days,
    }
    for index, row in enumerate(template.gatherings):
        data.update(
            {
                f"g{index}_title": row["title"],
                f"g{index}_offset_days": "" if row.get("offset_days") is None else row["offset_days"],
                f"g{index}_days": row.get("days", 1),
                f"g{index}_venue": row.get("venue", ""),
                f"g{index}_goals": "\n".join(row.get("goals", [])),
                f"g{index}_topics": "\n".join(row.get("topics", [])),
            }
        )
    data.update(changes)
    return data


def test_hr_changes_their_own_template_and_the_next_programme_follows_it(client, world):
    template = world.own_template
    before = [dict(row) for row in template.gatherings]
    assert [row["kind"] for row in before] == ["core"] * 4 + ["extension"] * 2
    client.force_login(world.hr)
    detail = main_text(client.get(reverse("template_detail", kwargs={"pk": template.pk})))
    assert "Endre malen" in detail
    form_page = main_text(client.get(reverse("template_edit", kwargs={"pk": template.pk})))
    assert form_page.startswith("Programmaler Vefsn-malen Endre malen Endre malen Hver samling beholder")
    response = client.post(
        reverse("template_edit", kwargs={"pk": template.pk}),
        edit_data(
            template,
            name="Vefsn-malen 2028",
            goals="Trygge ledere\nGode team",
            needs="Økonomistyring\nDigital omstilling",
            length_days=400,
            g0_title="Oppstart: meg som leder",
            g0_offset_days=14,
            g0_days=2,
            g0_venue="Kulturverkstedet",
            g0_topics="Lederrollen\nVerdiene våre",
            g5_remove="on",
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("template_detail", kwargs={"pk": template.pk})
    template.refresh_from_db()
    assert template.name == "Vefsn-malen 2028" and template.length_days == 400
    assert template.goals == ["Trygge ledere", "Gode team"]
    assert template.evaluation["needs"] == ["Økonomistyring", "Digital omstilling"]
    assert len(template.gatherings) == 5  # the second extension gathering removed
    first = template.gatherings[0]
    assert (first["title"], first["offset_days"], first["days"], first["venue"], first["topics"]) == (
        "Oppstart: meg som leder",
        14,
        2,
        "Kulturverkstedet",
        ["Lederrollen", "Verdiene våre"],
    )
    # What the form does not edit is kept as saved: the agenda, the runs, the kind.
    assert (first["agenda"], first["runs"], first["kind"]) == (before[0]["agenda"], before[0]["runs"], "core")
    assert template.gatherings[1:] == before[1:5]
    assert AuditEvent.objects.filter(action="programme.template_updated", actor=world.hr).count() == 1

    programme = templates.create_programme_from_template(
        template_data=templates.template_fields(template),
        municipality=world.vefsn,
        created_by=world.hr,
        name="Kull 2028",
        start_date=datetime.date(2028, 1, 3),  # a Monday
    )
    gathering = programme.gatherings.get(number=1)
    assert (gathering.title, gathering.days, gathering.start_date) == (
        "Oppstart: meg som leder",
        2,
        datetime.date(2028, 1, 17),  # 14 days after the start, a Monday
    )
    assert programme.gatherings.count() == 5
    assert programme.end_date == datetime.date(2028, 1, 3) + datetime.timedelta(days=400)


def test_a_template_keeps_a_core_gathering_and_bad_input_loses_nothing(client, world):
    template = world.own_template
    before = (template.name, [dict(row) for row in template.gatherings])
    client.force_login(world.hr)
    removed = {f"g{index}_remove": "on" for index in range(4)}
    response = client.post(
        reverse("template_edit", kwargs={"pk": template.pk}), edit_data(template, name="Ny", **removed)
    )
    assert response.status_code == 200
    assert "En mal må ha minst én samling i hovedprogrammet." in main_text(response)
    bad = client.post(
        reverse("template_edit", kwargs={"pk": template.pk}), edit_data(template, g1_offset_days="-3", g2_title="")
    )
    form = bad.context["form"]
    assert set(form.errors) == {"g1_offset_days", "g2_title"}
    assert form["g0_title"].value() == before[1][0]["title"]  # what HR typed is still there
    template.refresh_from_db()
    assert (template.name, template.gatherings) == before
    assert not AuditEvent.objects.filter(action="programme.template_updated").exists()


def test_nobody_changes_a_builtin_or_another_municipalitys_template(client, world):
    builtin_template = builtin("vefsn-fire-moduler")
    gatherings = list(builtin_template.gatherings)
    client.force_login(world.hr)
    url = reverse("template_edit", kwargs={"pk": builtin_template.pk})
    assert client.get(url).status_code == 403
    assert client.post(url, edit_data(builtin_template, name="Kapret")).status_code == 403
    builtin_template.refresh_from_db()
    assert builtin_template.gatherings == gatherings and builtin_template.name != "Kapret"
    assert "Endre malen" not in main_text(client.get(reverse("template_detail", kwargs={"pk": builtin_template.pk})))
    with pytest.raises(ValidationError):
        templates.template_update(template=builtin_template, updated_by=world.hr, gatherings=[], needs=[])

    client.force_login(world.other_hr)
    theirs_url = reverse("template_edit", kwargs={"pk": world.own_template.pk})
    assert client.get(theirs_url).status_code == 404
    assert client.post(theirs_url, edit_data(world.own_template, name="Kapret")).status_code == 404
    world.own_template.refresh_from_db()
    assert world.own_template.name == "Vefsn-malen"
