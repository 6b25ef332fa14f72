"""The general-exception and special-urgency record of a key decision listed late: the date the
chair was told or agreed (kept from the notice date) and the reasons; whether the chair agreed is
that date."""

from django.db import migrations, models

CHAIR_DATE_HELP = (
    "General exception: the day the chair of overview and scrutiny was told and the notice "
    "published. Special urgency: the day the chair agreed."
)
REASON_HELP = "Why the decision could not wait for 28 clear days' notice."


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0002_protect_dependants"),
    ]

    operations = [
        *(
            operation
            for model in ("forwardplanitem", "historicalforwardplanitem")
            for operation in (
                migrations.RemoveField(model_name=model, name="chair_agreed"),
                migrations.RenameField(
                    model_name=model, old_name="urgency_notice_date", new_name="urgency_chair_date"
                ),
                migrations.AlterField(
                    model_name=model,
                    name="urgency_chair_date",
                    field=models.DateField(blank=True, help_text=CHAIR_DATE_HELP, null=True),
                ),
                migrations.AddField(
                    model_name=model,
                    name="urgency_reason",
                    field=models.TextField(blank=True, help_text=REASON_HELP),
                ),
            )
        ),
    ]
