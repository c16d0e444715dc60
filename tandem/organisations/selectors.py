"""Reads about who a user is and which organisations they act for."""

from collections.abc import Iterable

from django.db.models import QuerySet

from tandem.core.access import Role
from tandem.organisations.models import Membership, Organisation, User


def active_memberships(*, user: User) -> QuerySet[Membership]:
    if not user.is_authenticated or not user.is_active:
        return Membership.objects.none()
    return Membership.objects.filter(user=user, is_active=True).select_related(
        "organisation", "site"
    )


def organisation_ids_for(*, user: User, roles: Iterable[str]) -> set[int]:
    """Organisations in which the user holds one of these roles (cached on the user object)."""
    cache = user.__dict__.setdefault("_membership_cache", None)
    if cache is None:
        cache = list(active_memberships(user=user).values_list("organisation_id", "role"))
        user.__dict__["_membership_cache"] = cache
    wanted = set(roles)
    return {organisation_id for organisation_id, role in cache if role in wanted}


def user_roles(*, user: User) -> set[str]:
    organisation_ids_for(user=user, roles=())
    return {role for _org, role in user.__dict__["_membership_cache"]}


def has_role(*, user: User, roles: Iterable[str]) -> bool:
    return bool(user_roles(user=user) & set(roles))


def is_programme_manager_only(*, user: User) -> bool:
    roles = user_roles(user=user)
    return bool(roles) and roles <= {Role.PROGRAMME_MANAGER}


def receiving_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(accepts_referrals=True).select_related("region")
