"""Administration of centres and their licences. Trainees and follow-ups are about people and
are deliberately not here: they are read through the centre manager's access checks."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tandem.centres.models import Centre, Licence


@admin.register(Centre)
class CentreAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "county", "capacity"]
    list_select_related = ["organisation", "county"]
    search_fields = ["organisation__name", "address"]
    autocomplete_fields = ["organisation", "county"]
    readonly_fields = ["ref"]


@admin.register(Licence)
class LicenceAdmin(SimpleHistoryAdmin):
    list_display = ["centre", "number", "status", "valid_from", "valid_to"]
    list_filter = ["status"]
    list_select_related = ["centre", "centre__organisation"]
    search_fields = ["number", "centre__organisation__name", "applicant_name"]
    readonly_fields = ["ref"]
    raw_id_fields = ["centre", "applied_by", "reviewed_by", "decided_by"]
