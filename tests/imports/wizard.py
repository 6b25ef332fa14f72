"""Going through the import wizard as a browser would, for the tests of each importer."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse


def upload(client, kind, name, content, **target):
    """Post the upload page: ``target`` is the committee or framework, by its field's name."""
    data = {key: value.pk for key, value in target.items()}
    return client.post(
        reverse("imports:upload", args=[kind]), {**data, "file": SimpleUploadedFile(name, content)}
    )


def keep_columns(client, response):
    """After an upload: accept the columns as the wizard guessed them, if it asks, and give
    the preview's URL."""
    location = response["Location"]
    if location.endswith("/columns/"):
        form = client.get(location).context["form"]
        initial = {name: field.initial or "" for name, field in form.fields.items()}
        location = client.post(location, initial)["Location"]
    return location


def preview_url(client, kind, name, content, **target):
    """Upload a file and go on to its preview, keeping the guessed columns."""
    return keep_columns(client, upload(client, kind, name, content, **target))
