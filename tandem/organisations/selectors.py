"""Reads about who a user is and which organisations they act for."""

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from tandem.core.access import Role
from tandem.organisations.models import Membership, Organisation, Region, User


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


# The region tree is country → region → county → municipality: four levels at most.
REGION_DEPTH = 4


def within_regions(region_ids, field: str = "") -> Q:
    """Rows whose region `field` (the Region itself when no field is named) is one of these
    regions or lies below one of them: one condition, no query of its own."""
    query = Q(**{f"{field}_id__in" if field else "pk__in": region_ids})
    path = field
    for _level in range(REGION_DEPTH - 1):
        path = f"{path}__parent" if path else "parent"
        query |= Q(**{f"{path}_id__in": region_ids})
    return query


def region_ids_within(region_ids: Iterable[int]) -> set[int]:
    """The regions given and every region below them, in one query."""
    if not isinstance(region_ids, QuerySet):
        region_ids = list(region_ids)
        if not region_ids:
            return set()
    return set(Region.objects.filter(within_regions(region_ids)).values_list("pk", flat=True))
