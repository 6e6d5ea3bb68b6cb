"""The migrations of issue 18 keep every existing programme exactly as it is: a programme made
before them (four core gatherings, an extension, runs, agenda, a plan action) reads the same after,
and the three built-in templates arrive. Run by Django's MigrationExecutor on the test database."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("programmes", "0004_programme_network_alter_programme_municipality_and_more"),
    ("participants", "0004_participant_home_municipality_and_more"),
]
AFTER = [("programmes", "0006_builtin_templates"), ("participants", "0005_home_commitments_and_plan_keeping")]


def snapshot(apps):
    Gathering = apps.get_model("gatherings", "Gathering")
    AgendaItem = apps.get_model("gatherings", "AgendaItem")
    Run = apps.get_model("gatherings", "Run")
    PlanAction = apps.get_model("participants", "PlanAction")
    return (
        list(
            Gathering.objects.order_by("programme_id", "number").values_list(
                "programme_id", "number", "title", "kind", "start_date", "days"
            )
        ),
        list(
            AgendaItem.objects.order_by("pk").values_list("gathering_id", "day", "start_time", "title", "is_case_round")
        ),
        list(Run.objects.order_by("pk").values_list("gathering_id", "number", "date", "sequence")),
        list(PlanAction.objects.order_by("pk").values_list("goal_id", "text", "status")),
    )


def targets(executor, ours):
    """Every app at its latest migration but ours, which are at `ours`."""
    apps = {app for app, _name in ours}
    return [node for node in executor.loader.graph.leaf_nodes() if node[0] not in apps] + ours


@pytest.mark.django_db(transaction=True)
def test_existing_programmes_stay_as_they_were_and_the_builtins_arrive():
    executor = MigrationExecutor(connection)
    before_nodes = targets(executor, BEFORE)
    executor.migrate(before_nodes)
    apps = executor.loader.project_state(before_nodes).apps
    Municipality = apps.get_model("core", "Municipality")
    Programme = apps.get_model("programmes", "Programme")
    Gathering = apps.get_model("gatherings", "Gathering")
    AgendaItem = apps.get_model("gatherings", "AgendaItem")
    Run = apps.get_model("gatherings", "Run")
    User = apps.get_model("core", "User")
    Participant = apps.get_model("participants", "Participant")
    DevelopmentPlan = apps.get_model("participants", "DevelopmentPlan")
    PlanGoal = apps.get_model("participants", "PlanGoal")
    PlanAction = apps.get_model("participants", "PlanAction")

    municipality = Municipality.objects.create(name="Vefsn kommune", slug="vefsn")
    programme = Programme.objects.create(
        municipality=municipality,
        name="Før migreringen",
        start_date=datetime.date(2026, 1, 5),
        end_date=datetime.date(2028, 1, 5),
        main_goal="Mål",
        status="active",
    )
    for number in range(1, 7):
        gathering = Gathering.objects.create(
            programme=programme,
            number=number,
            title=f"Samling {number}",
            kind="core" if number <= 4 else "extension",
            start_date=datetime.date(2026, number, 10),
        )
        if number >= 2:
            AgendaItem.objects.create(
                gathering=gathering,
                start_time=datetime.time(9, 30),
                title="Lederutfordringer siden sist",
                learning_form="experience",
                is_case_round=True,
            )
        Run.objects.create(
            gathering=gathering,
            number=1,
            date=gathering.start_date,
            start_time=datetime.time(9),
            end_time=datetime.time(15),
            venue="Kulturhuset",
            capacity=30,
        )
    user = User.objects.create(email="leder@vefsn.no")
    participant = Participant.objects.create(programme=programme, user=user)
    plan = DevelopmentPlan.objects.create(participant=participant)
    PlanAction.objects.create(goal=PlanGoal.objects.create(plan=plan, title="Delegere"), text="Liste")
    before = snapshot(apps)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    after_nodes = targets(executor, AFTER)
    executor.migrate(after_nodes)
    apps = executor.loader.project_state(after_nodes).apps
    assert snapshot(apps) == before
    assert [n for _p, n, _t, k, *_ in before[0] if k == "core"] == [1, 2, 3, 4]
    Programme = apps.get_model("programmes", "Programme")
    assert Programme.objects.get(pk=programme.pk).evaluation_settings == {}
    assert apps.get_model("participants", "PlanAction").objects.get().home_commitment_after_id is None
    assert apps.get_model("participants", "PlanKeeping").objects.count() == 0
    Template = apps.get_model("programmes", "ProgrammeTemplate")
    assert sorted(Template.objects.values_list("key", "municipality_id")) == [
        ("bergen-aktivt-medarbeiderskap", None),
        ("nettverkssamlinger", None),
        ("vefsn-fire-moduler", None),
    ]

    # And back: the built-ins go, the programmes stay.
    executor = MigrationExecutor(connection)
    executor.migrate(before_nodes)
    assert snapshot(executor.loader.project_state(before_nodes).apps) == before
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
