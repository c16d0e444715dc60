"""Administration of the intervention catalogue: providers and what they offer at what cost.

A person's referrals to interventions and their attendance are deliberately not here: every
read of them goes through the access checks and the access log."""

from django.contrib import admin

from tandem.interventions.models import Intervention, Provider


class InterventionInline(admin.TabularInline):
    model = Intervention
    extra = 0
    fields = ["kind", "name", "unit_cost", "currency", "unit", "is_active"]


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "organisation", "contact"]
    list_filter = ["region__country_code"]
    search_fields = ["name", "contact"]
    autocomplete_fields = ["organisation", "region"]
    readonly_fields = ["ref"]
    inlines = [InterventionInline]


@admin.register(Intervention)
class InterventionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "provider", "unit_cost", "currency", "unit", "is_active"]
    list_filter = ["kind", "is_active", "currency", "provider__region__country_code"]
    list_select_related = ["provider"]
    search_fields = ["name", "provider__name"]
    autocomplete_fields = ["provider"]
    readonly_fields = ["ref"]
