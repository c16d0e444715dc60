"""factory-boy factories for tests and benchmarks: valid records with the fewest decisions."""

import factory
from django.utils import timezone

from tandem.core.access import Role
from tandem.organisations.models import Membership, Organisation, Region, Site, User
from tandem.participants.models import CaseTeamMember, Consent, ConsentPurpose, Note, Participant
from tandem.programmes.models import Programme
from tandem.referrals.models import Referral

TEST_PASSWORD = "correct horse battery staple"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("parent", "name")

    name = factory.Sequence(lambda n: f"Region {n}")
    kind = Region.Kind.REGION
    country_code = "GB"
    parent = None


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.EMPLOYMENT_PROVIDER
    region = factory.SubFactory(RegionFactory)
    accepts_referrals = True


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Site {n}")
    kind = Site.Kind.GP_SURGERY


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Faker("name")
    language = "en"
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.SPECIALIST


def staff(username: str, organisation: Organisation, role: str, language: str = "en") -> User:
    user = UserFactory(username=username, language=language)
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Programme {n}")
    owner = factory.SubFactory(OrganisationFactory)
    country_code = "GB"
    currency = Programme.Currency.GBP

    @factory.post_generation
    def delivered_by(self, create, extracted, **kwargs):
        if create and extracted:
            self.delivered_by.set(extracted)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    owning_organisation = factory.SubFactory(OrganisationFactory)
    full_name = factory.Faker("name")
    date_of_birth = factory.Faker("date_of_birth", minimum_age=18, maximum_age=64)


class CaseTeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseTeamMember

    participant = factory.SubFactory(ParticipantFactory)
    user = factory.SubFactory(UserFactory)
    discipline = "employment"


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    participant = factory.SubFactory(ParticipantFactory)
    purpose = ConsentPurpose.PARTICIPATION
    status = Consent.Status.GIVEN
    method = Consent.Method.VERBAL
    recorded_by = factory.SubFactory(UserFactory)


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Note

    participant = factory.SubFactory(ParticipantFactory)
    author = factory.SubFactory(UserFactory)
    sensitivity = "general"
    text = factory.Faker("sentence")


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    source = Referral.Source.GP
    referring_organisation = factory.SubFactory(
        OrganisationFactory, kind=Organisation.Kind.GP_PRACTICE, accepts_referrals=False
    )
    receiving_organisation = factory.SubFactory(OrganisationFactory)
    person_name = factory.Faker("name")
    person_agreed = True
    reason = "Long-term back pain; wants to return to warehouse work."
    received_at = factory.LazyFunction(timezone.now)
