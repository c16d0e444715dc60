"""Administration of the organisation structure and staff.

People's records (participants, notes, referrals) are deliberately not in the admin: every read
of them must go through the access checks and the access log, which the admin would bypass.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from tandem.organisations.models import Membership, Organisation, Region, Site, User


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "country_code"]
    list_filter = ["kind", "country_code"]
    search_fields = ["name"]


class SiteInline(admin.TabularInline):
    model = Site
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "region", "accepts_referrals"]
    list_filter = ["kind", "accepts_referrals", "region__country_code"]
    search_fields = ["name"]
    readonly_fields = ["ref"]
    inlines = [SiteInline]


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Tandem"), {"fields": ("full_name", "language")}),
    )
    list_display = ["username", "full_name", "language", "is_active", "is_staff"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organisation", "role", "site", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["user__username", "user__full_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
