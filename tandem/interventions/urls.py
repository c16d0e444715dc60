from django.urls import path

from tandem.interventions import views

app_name = "interventions"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("participants/<str:ref>/", views.participant_list, name="participant_list"),
    path("participants/<str:ref>/new/", views.refer, name="refer"),
    path(
        "participants/<str:ref>/<str:referral_ref>/status/",
        views.referral_status,
        name="status",
    ),
    path(
        "participants/<str:ref>/<str:referral_ref>/attendance/",
        views.attendance,
        name="attendance",
    ),
]
