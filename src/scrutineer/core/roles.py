"""The roles of Scrutineer. Each role is a Django auth group of the same name.

Anonymous visitors are the public; they need no group.
"""

from enum import StrEnum


class Role(StrEnum):
    ADMINISTRATOR = "Administrator"
    SCRUTINY_OFFICER = "Scrutiny officer"
    OFFICER = "Officer"
    MEMBER = "Member"
