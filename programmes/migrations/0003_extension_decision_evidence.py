from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """The decision names a person; the free text it had becomes the deciding body, unchanged."""

    dependencies = [
        ("programmes", "0002_extensiondecision_gathering_count"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField("extensiondecision", "decided_by", "decision_body"),
        migrations.AlterField(
            model_name="extensiondecision",
            name="decision_body",
            field=models.CharField(blank=True, max_length=200, verbose_name="decision-making body"),
        ),
        migrations.AddField(
            model_name="extensiondecision",
            name="decided_by",
            field=models.ForeignKey(
                null=True,
                on_delete=models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="decided by",
            ),
        ),
        migrations.AddField(
            model_name="extensiondecision",
            name="reference",
            field=models.CharField(blank=True, max_length=100, verbose_name="case number"),
        ),
        migrations.AddField(
            model_name="extensiondecision",
            name="override_reason",
            field=models.TextField(blank=True, verbose_name="reason for deciding before the evaluation"),
        ),
    ]
