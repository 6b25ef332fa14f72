from django.db import models

from scrutineer.committees.models import Committee


class ColumnMapping(models.Model):
    """How a committee's spreadsheets name their columns, and what its status words mean,
    remembered from the last import."""

    committee = models.OneToOneField(
        Committee, on_delete=models.CASCADE, related_name="column_mapping"
    )
    columns = models.JSONField(
        default=dict, help_text="The file's header text (lower case) → Scrutineer's field."
    )
    statuses = models.JSONField(
        default=dict,
        blank=True,
        help_text="The committee's own status words (lower case) → “open” or “closed”.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Column mapping for {self.committee}"
