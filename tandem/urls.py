from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from tandem.api import api
from tandem.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("login/", core_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", core_views.account, name="account"),
    path("participants/", include("tandem.participants.urls")),
    path("referrals/", include("tandem.referrals.urls")),
    path("", include("tandem.casework.urls")),
    path("interventions/", include("tandem.interventions.urls")),
    path("employment/", include("tandem.employment.urls")),
    path("finance/", include("tandem.finance.urls")),
    path("centres/", include("tandem.centres.urls")),
    path("monitoring/", include("tandem.monitoring.urls")),
    path("overview/", include("tandem.insights.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
