import datetime

from django.db import migrations


def add_case_round(apps, schema_editor):
    """Gatherings made before agendas existed get the standing case item from gathering 2 on."""
    Gathering = apps.get_model("gatherings", "Gathering")
    AgendaItem = apps.get_model("gatherings", "AgendaItem")
    for gathering in Gathering.objects.filter(number__gte=2).exclude(agenda__is_case_round=True):
        AgendaItem.objects.create(
            gathering=gathering,
            start_time=datetime.time(9, 30),
            title="Lederutfordringer siden sist",
            learning_form="experience",
            is_case_round=True,
        )


class Migration(migrations.Migration):
    dependencies = [("gatherings", "0002_agendaitem_run_attendance_runassignment_and_more")]

    operations = [migrations.RunPython(add_case_round, migrations.RunPython.noop)]
