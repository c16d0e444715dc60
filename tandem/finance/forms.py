"""Forms of the finance pages. Amounts for rial programmes are typed in toman (the label says
so) and turned into rial here, so services only ever see the stored unit."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.core.forms import LocalDateField, LocalDecimalField, LocalIntegerField
from tandem.finance.models import InsuranceIncentive, Loan, SupportFunding
from tandem.organisations.forms import region_choices
from tandem.organisations.models import Region

BUDGET_LINES = 6


def in_toman(currency: str) -> bool:
    return currency == "IRR"


def to_stored(amount: Decimal | None, currency: str) -> Decimal | None:
    """Typed amount to the stored unit: toman × 10 = rial."""
    if amount is None:
        return None
    return amount * 10 if in_toman(currency) else amount


def to_typed(amount: Decimal | None, currency: str) -> Decimal | None:
    if amount is None:
        return None
    return amount / 10 if in_toman(currency) else amount


def money_label(label, currency: str) -> str:
    if in_toman(currency):
        return _("%(label)s (in toman)") % {"label": label}
    return _("%(label)s (in %(currency)s)") % {"label": label, "currency": currency}


class MoneyField(LocalDecimalField):
    """An amount with the money defaults; also read with the Arabic comma or spaces between
    thousands, as people copy amounts from letters."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", 18)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0.01"))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\u060c", "").replace(" ", "")
        return super().to_python(value)


class RegionChoiceMixin:
    def set_regions(self, field: str, regions, empty=None) -> None:
        self._regions = {str(region.pk): region for region in regions}
        choices = region_choices(regions)
        if empty is not None:
            choices = [("", empty), *choices]
        self.fields[field].choices = choices

    def region(self, value: str) -> Region | None:
        return self._regions.get(value) if value else None


class LoanFilterForm(RegionChoiceMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status")), *Loan.Status.choices], required=False
    )
    region = forms.ChoiceField(label=_("County"), required=False)
    arrears = forms.BooleanField(label=_("Only loans in arrears"), required=False)

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_regions("region", regions, empty=_("Any county"))


class LoanApplicationForm(RegionChoiceMixin, forms.Form):
    programme = forms.ChoiceField(label=_("Programme"))
    region = forms.ChoiceField(label=_("County"), help_text=_("Where the business will be."))
    title = forms.CharField(label=_("Business"), max_length=200)
    description = forms.CharField(
        label=_("Description of the business"), widget=forms.Textarea(attrs={"rows": 4})
    )
    jobs_for_person = LocalIntegerField(
        label=_("Jobs for the person themselves"), min_value=0, initial=1
    )
    jobs_for_family = LocalIntegerField(label=_("Jobs for family members"), min_value=0, initial=0)
    jobs_for_others = LocalIntegerField(label=_("Jobs for other people"), min_value=0, initial=0)
    amount = MoneyField(label=_("Loan amount"))
    repayment_months = LocalIntegerField(
        label=_("Repayment period (months)"), min_value=1, max_value=120, required=False
    )
    submit_now = forms.BooleanField(
        label=_("Submit the application now (otherwise it is kept as a draft)"), required=False
    )

    def __init__(self, *args, programmes, regions, currency: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency = currency
        self._programmes = {programme.ref: programme for programme in programmes}
        self.fields["programme"].choices = [(p.ref, p.name) for p in programmes]
        self.set_regions("region", regions)
        self.fields["amount"].label = money_label(_("Loan amount"), currency)
        for number in range(1, BUDGET_LINES + 1):
            self.fields[f"line_{number}_item"] = forms.CharField(
                label=_("Budget line %(number)s: item") % {"number": number},
                max_length=200,
                required=False,
            )
            self.fields[f"line_{number}_amount"] = MoneyField(
                label=money_label(
                    _("Budget line %(number)s: amount") % {"number": number}, currency
                ),
                required=False,
            )

    def service_data(self) -> dict:
        data = self.cleaned_data
        lines = []
        for number in range(1, BUDGET_LINES + 1):
            item = data.get(f"line_{number}_item") or ""
            amount = data.get(f"line_{number}_amount")
            if item or amount is not None:
                lines.append((item, to_stored(amount, self.currency) if amount else ""))
        return {
            "programme": self._programmes[data["programme"]],
            "region": self.region(data["region"]),
            "title": data["title"],
            "description": data["description"],
            "lines": lines,
            "amount": to_stored(data["amount"], self.currency),
            "repayment_months": data.get("repayment_months"),
            "jobs_for_person": data["jobs_for_person"],
            "jobs_for_family": data["jobs_for_family"],
            "jobs_for_others": data["jobs_for_others"],
            "submit": data.get("submit_now", False),
        }


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Your review"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ApproveForm(forms.Form):
    budget = forms.ChoiceField(label=_("Budget to commit against"))

    def __init__(self, *args, budgets, **kwargs):
        super().__init__(*args, **kwargs)
        self._budgets = {budget.ref: budget for budget in budgets}
        self.fields["budget"].choices = [(budget.ref, str(budget)) for budget in budgets]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class DisburseForm(forms.Form):
    disbursed_on = LocalDateField(label=_("Paid out on"))
    amount = MoneyField(label=_("Amount paid out"), required=False)
    first_due_on = LocalDateField(label=_("First instalment due"), required=False)
    instalments = LocalIntegerField(
        label=_("Number of monthly instalments"), min_value=1, max_value=120
    )

    def __init__(self, *args, currency: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency = currency
        self.fields["amount"].label = money_label(_("Amount paid out"), currency)
        self.fields["amount"].help_text = _("Leave empty to pay out the approved amount.")
        self.fields["first_due_on"].help_text = _("A month after the payment out, if left empty.")


class PaymentForm(forms.Form):
    paid_on = LocalDateField(label=_("Paid on"))
    amount = MoneyField(label=_("Amount"))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, currency: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency = currency
        self.fields["amount"].label = money_label(_("Amount paid"), currency)


class IncentiveForm(RegionChoiceMixin, forms.Form):
    programme = forms.ChoiceField(label=_("Programme"))
    participant_ref = forms.CharField(
        label=_("Beneficiary's reference"),
        max_length=20,
        help_text=_("The reference on the person's page, from their specialist."),
    )
    placement_ref = forms.CharField(
        label=_("Reference of the job or self-employment it supports"),
        max_length=20,
        required=False,
    )
    kind = forms.ChoiceField(label=_("Kind of incentive"), choices=InsuranceIncentive.Kind.choices)
    job_status = forms.ChoiceField(
        label=_("The job is"),
        choices=InsuranceIncentive.JobStatus.choices,
        widget=forms.RadioSelect,
    )
    region = forms.ChoiceField(label=_("County"))
    starts_on = LocalDateField(label=_("First month"))
    months = LocalIntegerField(label=_("Number of months"), min_value=1, max_value=60)
    monthly_amount = MoneyField(label=_("Monthly amount"))

    def __init__(self, *args, programmes, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self._programmes = {programme.ref: programme for programme in programmes}
        self.fields["programme"].choices = [(p.ref, p.name) for p in programmes]
        self.set_regions("region", regions)
        currencies = {programme.currency for programme in programmes}
        currency = currencies.pop() if len(currencies) == 1 else ""
        self.currency = currency
        if currency:
            self.fields["monthly_amount"].label = money_label(_("Monthly amount"), currency)

    def chosen_programme(self):
        return self._programmes[self.cleaned_data["programme"]]


class FundingForm(RegionChoiceMixin, forms.Form):
    programme = forms.ChoiceField(label=_("Programme"))
    kind = forms.ChoiceField(label=_("Pays for"), choices=SupportFunding.Kind.choices)
    pays_for = forms.ChoiceField(
        label=_("The referral or plan goal it pays for"),
    )
    region = forms.ChoiceField(label=_("Area"))
    amount = MoneyField(label=_("Amount"))
    payee = forms.CharField(label=_("Provider or payee"), max_length=200)
    starts_on = LocalDateField(label=_("From"))
    ends_on = LocalDateField(label=_("Until"))
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, programmes, regions, referrals, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self._programmes = {programme.ref: programme for programme in programmes}
        self.fields["programme"].choices = [(p.ref, p.name) for p in programmes]
        self.set_regions("region", regions)
        self._referrals = {f"referral:{r.ref}": r for r in referrals}
        self._goals = {f"goal:{g.ref}": g for g in goals}
        choices = [("", _("Choose what it pays for"))]
        if referrals:
            choices.append(
                (
                    _("Referrals to interventions"),
                    [(key, str(r.intervention)) for key, r in self._referrals.items()],
                )
            )
        if goals:
            choices.append(
                (_("Plan goals"), [(key, g.description[:80]) for key, g in self._goals.items()])
            )
        self.fields["pays_for"].choices = choices
        currencies = {programme.currency for programme in programmes}
        self.currency = currencies.pop() if len(currencies) == 1 else ""
        if self.currency:
            self.fields["amount"].label = money_label(_("Amount"), self.currency)

    def service_data(self) -> dict:
        data = self.cleaned_data
        programme = self._programmes[data["programme"]]
        return {
            "programme": programme,
            "kind": data["kind"],
            "intervention_referral": self._referrals.get(data["pays_for"]),
            "goal": self._goals.get(data["pays_for"]),
            "region": self.region(data["region"]),
            "amount": to_stored(data["amount"], programme.currency),
            "payee": data["payee"],
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "note": data.get("note", ""),
        }


class PaidForm(forms.Form):
    paid_on = LocalDateField(label=_("Paid on"))


class IncentiveStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (InsuranceIncentive.Status.ACTIVE, _("Active")),
            (InsuranceIncentive.Status.ENDED, _("Ended")),
            (InsuranceIncentive.Status.CANCELLED, _("Cancelled")),
        ],
    )
    on = LocalDateField(label=_("On"), required=False)


class FinanceSettingsForm(forms.Form):
    offers_loans = forms.BooleanField(label=_("Offers job-creation loans"), required=False)
    offers_insurance_incentives = forms.BooleanField(
        label=_("Offers insurance incentives"), required=False
    )
    offers_training_funding = forms.BooleanField(
        label=_("Offers training-course funding"), required=False
    )
    offers_childcare_funding = forms.BooleanField(
        label=_("Offers childcare funding"), required=False
    )
    loan_minimum = MoneyField(label=_("Smallest loan"), min_value=0)
    loan_maximum = MoneyField(label=_("Largest loan"), min_value=0)
    second_approval_above = MoneyField(
        label=_("A second approver is needed for loans above"),
        min_value=0,
        help_text=_("Zero means every loan needs only one approver."),
    )
    default_repayment_months = LocalIntegerField(
        label=_("Repayment period, by default (months)"), min_value=1, max_value=120
    )

    MONEY = ("loan_minimum", "loan_maximum", "second_approval_above")

    def __init__(self, *args, currency: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency = currency
        for name in self.MONEY:
            self.fields[name].label = money_label(self.fields[name].label, currency)

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        for name in self.MONEY:
            data[name] = to_stored(data[name], self.currency)
        return data
