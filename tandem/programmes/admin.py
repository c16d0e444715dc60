from django.contrib import admin

from tandem.programmes.models import Programme


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "country_code", "currency", "calendar"]
    list_filter = ["country_code", "currency"]
    search_fields = ["name"]
    filter_horizontal = ["delivered_by"]
    readonly_fields = ["ref"]
