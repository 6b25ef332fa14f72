from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from scrutineer.api import services
from scrutineer.api.models import ApiToken
from scrutineer.committees.models import Committee


class Command(BaseCommand):
    help = (
        "Issue an API token for a user and print its secret, once: only a hash is kept. "
        "A token reads by default; give --scope progress or --scope figures to let it write."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("name", help="What the token is for, e.g. “Finance system”.")
        parser.add_argument(
            "--scope",
            action="append",
            default=[],
            choices=ApiToken.Scope.values,
            help="What the token may do (repeat for several): read (always), progress "
            "(post progress updates), figures (record performance figures).",
        )
        parser.add_argument(
            "--committee", help="A committee's slug: the token writes only to its records."
        )
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Days until it expires (default {settings.SCRUTINEER_API_TOKEN_DAYS}).",
        )

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
        committee = None
        if options["committee"]:
            committee = Committee.objects.filter(slug=options["committee"]).first()
            if committee is None:
                raise CommandError(f"No committee has the slug {options['committee']!r}.")
        try:
            token, secret = services.api_token_create(
                user=user,
                name=options["name"],
                scopes=options["scope"] or [ApiToken.Scope.READ],
                committee=committee,
                days=options["days"],
            )
        except services.TokenRuleBroken as refused:
            raise CommandError(str(refused)) from None
        where = f", for {committee} only" if committee else ""
        self.stdout.write(
            f"Token {token.prefix}… “{token.name}” for {user.get_username()}: "
            f"{', '.join(token.scope_list)}{where}; expires {token.expires:%d %B %Y}.\n"
            "Copy the secret now: it is not stored and cannot be shown again.\n"
        )
        self.stdout.write(secret)
