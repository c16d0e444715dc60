"""The vocabulary of the access model, shared by every app.

The checks themselves live next to each entity (`participants.selectors.access_participant`),
but they all speak these words, so that "clinical" means the same thing everywhere.
"""

import enum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Access(enum.Enum):
    READ = "read"
    WRITE = "write"


class Sensitivity(models.TextChoices):
    GENERAL = "general", _("General")
    SOCIAL = "social", _("Social")
    HEALTH = "health", _("Health")


class Role(models.TextChoices):
    """The role a staff member holds in an organisation (through a membership)."""

    SPECIALIST = "specialist", _("Employment specialist / job coach")
    CLINICIAN = "clinician", _("Clinician")
    SOCIAL_WORKER = "social_worker", _("Social worker / social mentor")
    TEAM_LEAD = "team_lead", _("Team lead")
    REFERRER = "referrer", _("Referrer")
    CENTRE_MANAGER = "centre_manager", _("Centre manager")
    FINANCE_OFFICER = "finance_officer", _("Finance officer")
    MONITORING_OFFICER = "monitoring_officer", _("Monitoring officer")
    PROGRAMME_MANAGER = "programme_manager", _("Programme manager")
    ADMINISTRATOR = "administrator", _("Administrator")


class Discipline(models.TextChoices):
    """The part a person plays on one participant's case team."""

    EMPLOYMENT = "employment", _("Employment")
    SOCIAL = "social", _("Social")
    HEALTH = "health", _("Health")
    OCCUPATIONAL_MEDICINE = "occupational_medicine", _("Occupational medicine")
    EDUCATION = "education", _("Education")


# Roles that work with people's records in their own organisation.
CASEWORK_ROLES = frozenset(
    {Role.SPECIALIST, Role.SOCIAL_WORKER, Role.TEAM_LEAD, Role.CLINICIAN, Role.CENTRE_MANAGER}
)
# Roles that receive and decide referrals for their organisation.
REFERRAL_HANDLING_ROLES = frozenset({Role.SPECIALIST, Role.TEAM_LEAD, Role.SOCIAL_WORKER})
# Disciplines on a case team that may read health content about that person.
CLINICAL_DISCIPLINES = frozenset({Discipline.HEALTH, Discipline.OCCUPATIONAL_MEDICINE})
SOCIAL_DISCIPLINES = frozenset({Discipline.SOCIAL})
