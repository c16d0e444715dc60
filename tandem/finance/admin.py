"""Administration of programme finance settings, funding streams and budgets.

Loans, incentives and funding are about people and are deliberately not here: they are read
through the access checks and changed through the services. Saving here goes through the same
services, so an allocation can never drop below what is already committed or spent."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from tandem.finance import services
from tandem.finance.models import Budget, FinanceSettings, FundingStream


@admin.register(FinanceSettings)
class FinanceSettingsAdmin(SimpleHistoryAdmin):
    list_display = [
        "programme",
        "offers_loans",
        "offers_insurance_incentives",
        "offers_training_funding",
        "offers_childcare_funding",
        "loan_minimum",
        "loan_maximum",
        "second_approval_above",
    ]
    list_select_related = ["programme"]
    autocomplete_fields = ["programme"]

    def save_model(self, request, obj, form, change):
        data = {name: getattr(obj, name) for name in services.SETTINGS_FIELDS}
        try:
            services.finance_settings_save(actor=request.user, programme=obj.programme, data=data)
        except ValidationError as error:
            messages.error(request, "; ".join(error.messages))


@admin.register(FundingStream)
class FundingStreamAdmin(SimpleHistoryAdmin):
    list_display = ["name", "programme", "period_key"]
    list_filter = ["programme"]
    search_fields = ["name"]
    readonly_fields = ["ref"]
    autocomplete_fields = ["programme"]


@admin.register(Budget)
class BudgetAdmin(SimpleHistoryAdmin):
    list_display = ["funding_stream", "region", "allocated"]
    list_filter = ["programme", "funding_stream__period_key"]
    list_select_related = ["funding_stream", "region"]
    search_fields = ["funding_stream__name", "region__name"]
    readonly_fields = ["ref", "programme"]
    autocomplete_fields = ["funding_stream", "region"]

    def save_model(self, request, obj, form, change):
        try:
            if change:
                services.budget_set_allocated(
                    actor=request.user, budget=obj, allocated=obj.allocated
                )
            else:
                created = services.budget_create(
                    actor=request.user,
                    funding_stream=obj.funding_stream,
                    region=obj.region,
                    allocated=obj.allocated,
                )
                obj.pk = created.pk
        except ValidationError as error:
            messages.error(request, "; ".join(error.messages))
