"""Casework URLs: each area's `participant_urlpatterns` under /participants/<ref>/ (the person's
opaque reference, checked by access_participant in every view), its `urlpatterns` at the root."""

from django.urls import include, path

from tandem.casework.views import (
    assessments,
    caseload,
    contacts,
    enrolments,
    plans,
    reviews,
    timeline,
)

AREAS = [assessments, plans, reviews, caseload, enrolments, contacts, timeline]

app_name = "casework"
urlpatterns = [
    *(pattern for area in AREAS for pattern in area.urlpatterns),
    path(
        "participants/<str:ref>/",
        include([pattern for area in AREAS for pattern in area.participant_urlpatterns]),
    ),
]
