"""The upload of a file of figures to import."""

from __future__ import annotations

from django import forms

from scrutineer.performance.models import Framework


class ValuesUploadForm(forms.Form):
    framework = forms.ModelChoiceField(
        queryset=Framework.objects.all(),
        empty_label=None,
        error_messages={"required": "Select the framework the figures belong to"},
    )
    file = forms.FileField(
        label="File of figures",
        help_text="A spreadsheet (CSV or XLSX) with the template's columns. Up to 10 MB.",
        error_messages={
            "required": "Select a file of figures",
            "empty": "The selected file is empty",
        },
    )

    def clean_file(self):
        from scrutineer.files.limits import MAX_BYTES

        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size / 1024 / 1024:.1f} MB; the largest file that can be "
                f"imported is {MAX_BYTES // 1024 // 1024} MB"
            )
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("The selected file must be a CSV or XLSX file")
        return upload
