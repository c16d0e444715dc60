from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.core.access import CASEWORK_ROLES, REFERRAL_HANDLING_ROLES, Role
from tandem.core.services import user_language_set
from tandem.organisations.selectors import active_memberships, user_roles


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each person to where their work is."""
    roles = user_roles(user=request.user)
    if roles & REFERRAL_HANDLING_ROLES:
        return redirect("referrals:inbox")
    # Centre managers hold a casework role too, but their day starts at the centre.
    if Role.CENTRE_MANAGER in roles:
        return redirect("centres:home")
    if roles & CASEWORK_ROLES:
        return redirect("participants:list")
    if Role.REFERRER in roles:
        return redirect("referrals:list")
    if Role.FINANCE_OFFICER in roles:
        return redirect("finance:home")
    if Role.MONITORING_OFFICER in roles:
        return redirect("monitoring:home")
    if Role.PROGRAMME_MANAGER in roles:
        return redirect("insights:overview")
    return render(
        request,
        "core/home.html",
        {"memberships": active_memberships(user=request.user)},
    )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=settings.LANGUAGES)


@login_required
def account(request: HttpRequest) -> HttpResponse:
    form = LanguageForm(request.POST or None, initial={"language": request.user.language})
    if request.method == "POST" and form.is_valid():
        user_language_set(user=request.user, language=form.cleaned_data["language"])
        translation.activate(request.user.language)
        messages.success(request, _("Your language has been changed."))
        return redirect("account")
    return render(
        request,
        "core/account.html",
        {"form": form, "memberships": active_memberships(user=request.user)},
    )
