import datetime

import factory

from core.models import Municipality, MunicipalityRole, User
from participants.models import Facilitator, Participant
from programmes.models import Programme
from sessions.models import Gathering

PASSWORD = "et-godt-passord-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.no")
    first_name = factory.Faker("first_name", locale="no_NO")
    last_name = factory.Faker("last_name", locale="no_NO")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kommune {n}")
    slug = factory.Sequence(lambda n: f"kommune-{n}")


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Lederutviklingsprogram {n}")
    start_date = datetime.date(2026, 9, 1)
    end_date = datetime.date(2028, 9, 1)
    main_goal = "En felles plattform for ledelse"
    status = Programme.Status.ACTIVE


class GatheringFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gathering

    programme = factory.SubFactory(ProgrammeFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Samling {n + 1}")
    kind = Gathering.Kind.CORE


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    programme = factory.SubFactory(ProgrammeFactory)
    user = factory.SubFactory(UserFactory)
    leader_level = Participant.LeaderLevel.UNIT
    unit = "Sykehjemmet"
    sector = "Helse og omsorg"


class FacilitatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facilitator

    programme = factory.SubFactory(ProgrammeFactory)
    user = factory.SubFactory(UserFactory)


def make_hr(municipality, **kwargs):
    user = UserFactory(**kwargs)
    MunicipalityRole.objects.create(user=user, municipality=municipality, role=MunicipalityRole.Role.HR)
    return user


def make_executive(municipality, **kwargs):
    user = UserFactory(**kwargs)
    MunicipalityRole.objects.create(user=user, municipality=municipality, role=MunicipalityRole.Role.EXECUTIVE)
    return user


def programme_with_gatherings(municipality, extension=0, **kwargs):
    programme = ProgrammeFactory(municipality=municipality, **kwargs)
    for n in range(1, 5):
        GatheringFactory(programme=programme, number=n, title=f"Samling {n}")
    for n in range(5, 5 + extension):
        GatheringFactory(programme=programme, number=n, title=f"Opsjon {n}", kind=Gathering.Kind.EXTENSION)
    return programme


def set_aside_other_facilitators(world):
    """Reminder tests name every recipient. Other capabilities' world modules add facilitators to the
    programme; as inactive users they get no reminders, so the tests keep to the world's own."""
    User.objects.filter(facilitations__programme=world.programme).exclude(pk=world.facilitator.pk).update(
        is_active=False
    )
