from django.http import HttpRequest
from django.utils.translation import get_language_bidi

from tandem.core.access import CASEWORK_ROLES, REFERRAL_HANDLING_ROLES, Role


def navigation(request: HttpRequest) -> dict:
    """What the header shows: the page direction and the sections this user may open."""
    context: dict = {"text_direction": "rtl" if get_language_bidi() else "ltr"}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return context
    from tandem.organisations.selectors import user_roles  # avoids an app-loading cycle

    roles = user_roles(user=user)
    context["nav"] = {
        "participants": bool(roles & CASEWORK_ROLES),
        "caseload": bool(roles & REFERRAL_HANDLING_ROLES),
        "team": Role.TEAM_LEAD in roles,
        "reviews": bool(roles & REFERRAL_HANDLING_ROLES),
        "interventions": bool(roles & CASEWORK_ROLES),
        "employment": bool(roles & CASEWORK_ROLES),
        "inbox": bool(roles & REFERRAL_HANDLING_ROLES),
        "referrals": bool(roles & (REFERRAL_HANDLING_ROLES | {Role.REFERRER, Role.CLINICIAN})),
        "overview": Role.PROGRAMME_MANAGER in roles,
        "figures": bool(
            roles & {Role.FINANCE_OFFICER, Role.MONITORING_OFFICER, Role.PROGRAMME_MANAGER}
        ),
        "finance": bool(roles & {Role.FINANCE_OFFICER, Role.PROGRAMME_MANAGER}),
        "centres": bool(roles & {Role.CENTRE_MANAGER, Role.PROGRAMME_MANAGER}),
        "monitoring": bool(roles & {Role.MONITORING_OFFICER, Role.PROGRAMME_MANAGER}),
        "admin": user.is_staff,
    }
    return context
