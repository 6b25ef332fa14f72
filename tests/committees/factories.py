import datetime

import factory

from scrutineer.committees.models import Committee, Meeting, Membership
from scrutineer.core.models import Person

FAKE_NAMES = ["Priya Shah", "Tom Hughes", "Aisha Khan", "Gareth Evans", "Mei Chen", "Owen Price"]


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    # Names are unique per kind, so a sequence keeps Faker's names apart.
    name = factory.Sequence(lambda n: f"{FAKE_NAMES[n % len(FAKE_NAMES)]} {n}")
    kind = Person.Kind.OFFICER
    job_title = factory.Faker("job")
    directorate = factory.Iterator(["Resources", "Place", "Adults, Housing and Health"])


class TeamFactory(PersonFactory):
    name = factory.Sequence(lambda n: f"Team {n}")
    kind = Person.Kind.TEAM
    job_title = ""


class CouncillorFactory(PersonFactory):
    name = factory.Sequence(lambda n: f"Cllr Member {n}")
    kind = Person.Kind.COUNCILLOR
    job_title = ""
    directorate = ""


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    name = factory.Sequence(lambda n: f"Overview and Scrutiny Committee {n}")
    short_name = factory.Sequence(lambda n: f"OS{n}")
    slug = factory.Sequence(lambda n: f"committee-{n}")
    kind = Committee.Kind.SCRUTINY


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    committee = factory.SubFactory(CommitteeFactory)
    date = datetime.date(2024, 9, 17)
    venue = "Council Chamber"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    committee = factory.SubFactory(CommitteeFactory)
    person = factory.SubFactory(CouncillorFactory)
