"""Datelines name the month as it stands inside a date (``E``): ``05 марта 2014``, not ``05 Март``.

Editions still on the old default format move to the new one; a format an editor chose is kept.
"""

from django.db import migrations, models

OLD, NEW = "d F Y [H:i]", "d E Y [H:i]"


def forwards(apps, schema_editor):
    apps.get_model("news", "Edition").objects.filter(date_format=OLD).update(date_format=NEW)


def backwards(apps, schema_editor):
    apps.get_model("news", "Edition").objects.filter(date_format=NEW).update(date_format=OLD)


class Migration(migrations.Migration):
    dependencies = [("news", "0008_front_page_flag_indexes")]

    operations = [
        migrations.AlterField(
            model_name="edition",
            name="date_format",
            field=models.CharField(
                default=NEW,
                help_text=(
                    "Dateline format in Django's date syntax: “d E Y [H:i]” gives "
                    "05 March 2014 [09:30], 05 марта 2014 [09:30]."
                ),
                max_length=40,
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
