from django import forms

from scrutineer.committees.models import Committee
from scrutineer.files.limits import MAX_BYTES


class TrackerUploadForm(forms.Form):
    committee = forms.ModelChoiceField(
        queryset=Committee.objects.order_by("name"),
        error_messages={"required": "Select the committee whose tracker this is"},
    )
    file = forms.FileField(
        label="Tracker file",
        help_text="The published tracker as text (TXT), or a spreadsheet (CSV, XLSX), or a "
        "Word document with the tracker table (DOCX). Up to 10 MB.",
        error_messages={"required": "Select a tracker file", "empty": "The selected file is empty"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size / 1024 / 1024:.1f} MB; the largest file that can be "
                f"imported is {MAX_BYTES // 1024 // 1024} MB"
            )
        return upload


class ColumnMappingForm(forms.Form):
    """One select per column of the uploaded spreadsheet: which field it holds."""

    def __init__(self, *args, headers=(), fields=None, initial_mapping=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Do not import"), *(fields or {}).items()]
        for index, header in enumerate(headers):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=f"Column {index + 1}: “{header}”",
                choices=choices,
                required=False,
                initial=(initial_mapping or {}).get(index, ""),
            )

    def mapping(self) -> dict[int, str]:
        result = {}
        for name, value in self.cleaned_data.items():
            if value:
                result[int(name.removeprefix("column_"))] = value
        return result
