from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from scrutineer.api import services
from scrutineer.api.models import ApiToken


class Command(BaseCommand):
    help = "Revoke an API token, given the prefix shown when it was issued."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("prefix")

    def handle(self, *args: Any, **options: Any) -> None:
        tokens = list(ApiToken.objects.filter(prefix=options["prefix"], revoked__isnull=True))
        if len(tokens) != 1:
            raise CommandError(f"No single active token starts with {options['prefix']!r}.")
        services.api_token_revoke(token=tokens[0])
        self.stdout.write(f"Revoked {tokens[0]}.")
