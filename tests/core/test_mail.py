"""E-mail from templates: a text body and an HTML alternative with the same words."""

import pytest

from scrutineer.core.mail import email_message
from tests.core.email_parts import assert_same_facts

EXAMPLE = {
    "example/note.txt": (
        '{% extends "core/email/base.txt" %}'
        "{% block body %}{{ name }} wrote to {{ council_name }}: {{ subject }}{% endblock body %}"
    ),
    "example/note.html": (
        '{% extends "core/email/base.html" %}'
        "{% block body %}<h1>{{ subject }}</h1><p>{{ name }} wrote to {{ council_name }}.</p>"
        "{% endblock body %}"
    ),
}


@pytest.fixture
def example_templates(settings):
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "loaders": [
                    ("django.template.loaders.locmem.Loader", EXAMPLE),
                    "django.template.loaders.app_directories.Loader",
                ],
            },
        }
    ]


def test_the_text_body_is_plain_and_the_html_alternative_is_escaped(example_templates, settings):
    settings.SCRUTINEER_COUNCIL_NAME = "Thurrock Council"
    settings.DEFAULT_FROM_EMAIL = "scrutiny@example.gov.uk"
    message = email_message(
        template="example/note",
        subject="Parks & <script>alert(1)</script>",
        to=["resident@example.org"],
        context={"name": "O&S Officers"},
        headers={"List-Unsubscribe": "<https://example.org/stop>"},
    )
    assert message.body == (
        "O&S Officers wrote to Thurrock Council: Parks & <script>alert(1)</script>\n"
    )
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    assert "<script" not in html
    assert "<title>Parks &amp; &lt;script&gt;alert(1)&lt;/script&gt;</title>" in html
    assert "<p>O&amp;S Officers wrote to Thurrock Council.</p>" in html
    assert_same_facts(message, ["O&S Officers wrote to Thurrock Council"])
    assert message.from_email == "scrutiny@example.gov.uk"
    assert message.to == ["resident@example.org"]
    assert message.extra_headers == {"List-Unsubscribe": "<https://example.org/stop>"}
