from django.urls import path

from tandem.participants import views

app_name = "participants"
urlpatterns = [
    path("", views.participant_list, name="list"),
    path("new/", views.participant_create, name="create"),
    path("<str:ref>/", views.participant_detail, name="detail"),
    path("<str:ref>/edit/", views.participant_edit, name="edit"),
    path("<str:ref>/consent/", views.consent_record, name="consent"),
    path("<str:ref>/notes/", views.note_add, name="note_add"),
    path("<str:ref>/team/", views.case_team_add, name="team_add"),
    path("<str:ref>/team/<str:member_ref>/remove/", views.case_team_remove, name="team_remove"),
    path("<str:ref>/health/", views.health_condition_add, name="health_add"),
    path("<str:ref>/access-log/", views.access_log_view, name="access_log"),
    path("<str:ref>/access-log.csv", views.access_log_export, name="access_log_export"),
    path("<str:ref>/history/", views.participant_history, name="history"),
]
