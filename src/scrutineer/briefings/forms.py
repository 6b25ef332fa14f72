import uuid

from django import forms

from scrutineer.core.forms import DateField, LengthMessages


class BriefingNoteForm(LengthMessages, forms.Form):
    addressee = forms.CharField(max_length=200, label="To")
    purpose = forms.CharField(
        label="Purpose of the briefing note",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the purpose of the briefing note"},
    )
    introduction = forms.CharField(
        label="1.1 Introduction", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    contact_name = forms.CharField(max_length=200, label="Contact name", required=False)
    contact_role = forms.CharField(max_length=200, label="Contact job title", required=False)
    contact_email = forms.EmailField(
        label="Contact e-mail",
        required=False,
        error_messages={"invalid": "Enter an e-mail address like name@example.gov.uk"},
    )
    contact_phone = forms.CharField(max_length=50, label="Contact telephone", required=False)


class TextForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), error_messages={"required": "Enter the text"}
    )
    # A fresh key each time the form is shown: a second submit of the same page adds nothing.
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False, initial=uuid.uuid4)

    def __init__(self, *args, label: str = "Text", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = label


class IssueForm(LengthMessages, forms.Form):
    issued_on = DateField(
        label="Date issued",
        error_messages={
            "required": "Enter the date the note was issued",
            "invalid": "Enter a real date",
        },
    )
    issued_to = forms.CharField(max_length=200, label="Issued to")
