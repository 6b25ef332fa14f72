"""E-mail written in templates: a plain-text body with the same words as simple HTML beside it."""

from collections.abc import Mapping

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def email_message(
    *,
    template: str,
    subject: str,
    to: list[str],
    context: Mapping[str, object],
    headers: dict[str, str] | None = None,
) -> EmailMultiAlternatives:
    """The message whose body is ``<template>.txt`` and whose HTML alternative is
    ``<template>.html``; both templates also see the subject and the council's name."""
    context = {
        "subject": subject,
        "council_name": settings.SCRUTINEER_COUNCIL_NAME,
        "service_name": settings.SCRUTINEER_SERVICE_NAME,
        **context,
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        headers=headers,
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message
