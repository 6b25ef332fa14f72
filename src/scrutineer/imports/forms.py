"""The import wizard's forms: what is being imported, the upload, and the column mapping."""

from __future__ import annotations

from typing import Any

from django import forms

from scrutineer.core.forms import GovukMessages
from scrutineer.files.limits import MAX_BYTES
from scrutineer.imports.registry import Importer

SAMPLE_LENGTH = 60


class ImporterChoiceForm(GovukMessages, forms.Form):
    """The first step: which kind of file, of those the user may import."""

    kind = forms.ChoiceField(
        label="What are you importing?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select what you are importing"},
    )

    def __init__(self, *args: Any, importers: list[Importer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [(i.kind, i.label) for i in importers]


class UploadForm(GovukMessages, forms.Form):
    """The file, and where its records go when the importer asks (a committee, a framework).
    The target's field is named for it ("committee", "framework")."""

    file = forms.FileField()

    def __init__(self, *args: Any, importer: Importer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.importer = importer
        target = importer.target
        if target is not None:
            self.fields[target.name] = forms.ModelChoiceField(
                label=target.label,
                queryset=target.queryset(),
                required=target.required,
                empty_label=target.empty_label,
                help_text=target.hint,
                error_messages={"required": target.required_message},
            )
            self.order_fields([target.name, "file"])
        self.fields["file"].label = importer.file_label
        self.fields["file"].help_text = importer.file_hint
        self.fields["file"].error_messages.update(
            {
                "required": f"Select a {importer.file_label.lower()}",
                "empty": "The selected file is empty",
            }
        )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size / 1024 / 1024:.1f} MB; the largest file that can be "
                f"imported is {MAX_BYTES // 1024 // 1024} MB"
            )
        if not self.importer.accepts(upload.name):
            raise forms.ValidationError(f"The selected file must be a {self.importer.formats} file")
        return upload

    @property
    def targets(self) -> list[Any]:
        """Everything the records may go into (the performance template links to each)."""
        target = self.importer.target
        return list(target.queryset()) if target is not None else []

    @property
    def target(self) -> Any:
        target = self.importer.target
        return self.cleaned_data.get(target.name) if target is not None else None


class ColumnMappingForm(GovukMessages, forms.Form):
    """One select per column of the uploaded spreadsheet: which field it holds."""

    def __init__(
        self,
        *args: Any,
        headers: tuple[str, ...] = (),
        sample: tuple[str, ...] = (),
        fields: Any = None,
        initial_mapping: dict[int, str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "Do not import"), *(fields or {}).items()]
        for index, header in enumerate(headers):
            example = sample[index].strip() if index < len(sample) else ""
            if len(example) > SAMPLE_LENGTH:
                example = example[: SAMPLE_LENGTH - 1] + "…"
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=f"Column {index + 1}: “{header}”",
                choices=choices,
                required=False,
                initial=(initial_mapping or {}).get(index, ""),
                help_text=f"For example, “{' '.join(example.split())}”" if example else "",
            )

    def mapping(self) -> dict[int, str]:
        result = {}
        for name, value in self.cleaned_data.items():
            if value:
                result[int(name.removeprefix("column_"))] = value
        return result


class StatusScaleForm(GovukMessages, forms.Form):
    """What each of the file's own status words means: open (still to be done) or closed."""

    def __init__(
        self,
        *args: Any,
        words: tuple[tuple[str, str], ...] | list[tuple[str, str]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.words = [word for word, _ in words]
        for index, (word, status) in enumerate(words):
            self.fields[f"word_{index}"] = forms.ChoiceField(
                label=f"“{word}”",
                choices=[
                    ("open", "Open: still to be done"),
                    ("closed", "Closed: nothing more to do"),
                ],
                widget=forms.RadioSelect,
                initial=status or None,
                error_messages={"required": f"Select whether “{word}” means open or closed"},
            )

    def statuses(self) -> dict[str, str]:
        return {word: self.cleaned_data[f"word_{i}"] for i, word in enumerate(self.words)}
