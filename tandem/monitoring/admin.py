"""Administration of monitoring: county assignments of officers, and read-mostly views of the
projects and plans. Visits and actions are recorded through the pages and the API."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tandem.monitoring.models import CountyAssignment, MonitoredProject, MonitoringPlan


@admin.register(CountyAssignment)
class CountyAssignmentAdmin(admin.ModelAdmin):
    list_display = ["officer", "county"]
    list_select_related = ["officer", "county"]
    search_fields = ["officer__username", "officer__full_name", "county__name"]
    autocomplete_fields = ["officer", "county"]


@admin.register(MonitoredProject)
class MonitoredProjectAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "county", "status", "started_on"]
    list_filter = ["kind", "status"]
    list_select_related = ["county"]
    search_fields = ["name", "ref"]
    readonly_fields = ["ref", "loan", "participant", "created_by"]
    autocomplete_fields = ["county"]


@admin.register(MonitoringPlan)
class MonitoringPlanAdmin(SimpleHistoryAdmin):
    list_display = ["county", "period_key", "planned_in_person", "planned_remote"]
    list_select_related = ["county"]
    readonly_fields = ["ref", "created_by"]
    filter_horizontal = ["projects"]
