from django.contrib.auth import get_user_model
from simple_history import register

# Accounts are records too: who was given which access, and when.
register(get_user_model(), app="scrutineer.core", excluded_fields=["password", "last_login"])
