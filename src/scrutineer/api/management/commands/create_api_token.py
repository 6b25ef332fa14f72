from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from scrutineer.api import services


class Command(BaseCommand):
    help = "Issue an API token for a user and print its secret, once: only a hash is kept."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("name", help="What the token is for, e.g. “Finance system”.")

    def handle(self, *args: Any, **options: Any) -> None:
        User = get_user_model()
        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist:
            raise CommandError(f"No user is called {options['username']!r}.") from None
        if not user.is_active:
            raise CommandError(f"{user.get_username()} is not active.")
        if not options["name"].strip():
            raise CommandError("Give the token a name that says what it is for.")
        token, secret = services.api_token_create(user=user, name=options["name"])
        self.stdout.write(
            f"Token {token.prefix}… “{token.name}” for {user.get_username()}.\n"
            "Copy the secret now: it is not stored and cannot be shown again.\n"
        )
        self.stdout.write(secret)
