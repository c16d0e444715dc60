"""Administration of employers, their vacancies and the contacts with them.

Placements, preferences and checks are about people and are deliberately not here: every read
of them goes through the access checks and the access log."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tandem.employment.models import Employer, EmployerContact, Vacancy


@admin.register(Employer)
class EmployerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "sector", "size", "region", "organisation", "disclosure_stance"]
    list_filter = ["size", "disclosure_stance", "organisation__region__country_code"]
    list_select_related = ["region", "organisation"]
    search_fields = ["name", "sector", "contact_name"]
    autocomplete_fields = ["organisation", "region"]
    readonly_fields = ["ref"]


@admin.register(Vacancy)
class VacancyAdmin(SimpleHistoryAdmin):
    list_display = ["title", "employer", "occupation", "hours_per_week", "closing_on", "status"]
    list_filter = ["status", "contract"]
    list_select_related = ["employer"]
    search_fields = ["title", "employer__name"]
    autocomplete_fields = ["employer", "region", "source_contact", "created_by"]
    readonly_fields = ["ref"]


@admin.register(EmployerContact)
class EmployerContactAdmin(admin.ModelAdmin):
    list_display = ["contacted_on", "employer", "specialist", "method", "met_hiring_manager"]
    list_filter = ["method", "met_hiring_manager"]
    list_select_related = ["employer", "specialist"]
    search_fields = ["employer__name", "specialist__username", "specialist__full_name"]
    autocomplete_fields = ["employer", "specialist"]
    readonly_fields = ["ref"]
    date_hierarchy = "contacted_on"
