import re
from itertools import groupby

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.core.forms import LocalDateField, LocalDecimalField
from tandem.employment import occupations
from tandem.employment.models import Adjustment, Vacancy
from tandem.organisations.forms import region_choices
from tandem.organisations.models import Region
from tandem.programmes.models import Programme

# The programme currency of each country Tandem runs in; anything else starts on pounds.
COUNTRY_CURRENCY = {
    "GB": Programme.Currency.GBP,
    "DK": Programme.Currency.DKK,
    "IR": Programme.Currency.IRR,
}
DEFAULT_CURRENCY = Programme.Currency.GBP


def currency_for(country_code: str) -> str:
    return COUNTRY_CURRENCY.get(country_code, DEFAULT_CURRENCY)


def occupation_choices() -> list:
    """Unit groups in optgroups under their major group, in the active language: 436 flat
    options are hard to scan, ten labelled groups much less so."""
    grouped = []
    for major, items in groupby(occupations.choices(), key=lambda choice: choice[0][0]):
        group = occupations.occupation(major)
        grouped.append((group.label() if group else major, list(items)))
    return [("", _("Choose an occupation")), *grouped]


def skills_from_text(text: str) -> list[str]:
    # The Latin comma, the Arabic-script comma (،), semicolons or new lines all separate skills.
    return [part.strip() for part in re.split(r"[,\u060c;\n]", text or "") if part.strip()]


class VacancyForm(forms.Form):
    title = forms.CharField(label=_("Job title"), max_length=200)
    occupation = forms.ChoiceField(
        label=_("Occupation (ISCO-08)"),
        choices=occupation_choices,
        help_text=_("The closest group of the international classification of occupations"),
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    skills = forms.CharField(
        label=_("Skills wanted"),
        required=False,
        max_length=1000,
        help_text=_("Separate skills with commas, for example: customer service, till, stock"),
    )
    hours_per_week = LocalDecimalField(label=_("Hours a week"), max_digits=4, decimal_places=1)
    pay = LocalDecimalField(label=_("Pay"), max_digits=14, decimal_places=2, required=False)
    pay_period = forms.ChoiceField(
        label=_("Pay per"), choices=Vacancy.PayPeriod.choices, initial=Vacancy.PayPeriod.HOUR
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=Programme.Currency.choices)
    contract = forms.ChoiceField(label=_("Contract"), choices=Vacancy.Contract.choices)
    region = forms.ChoiceField(label=_("Area"))
    adjustments_possible = forms.MultipleChoiceField(
        label=_("Adjustments possible"),
        choices=Adjustment.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    closing_on = LocalDateField(label=_("Closing date"), required=False)

    def __init__(self, *args, regions: list[Region], **kwargs):
        super().__init__(*args, **kwargs)
        self._regions = {str(region.pk): region for region in regions}
        self.fields["region"].choices = region_choices(regions)

    def clean_skills(self) -> list[str]:
        return skills_from_text(self.cleaned_data["skills"])

    def service_data(self) -> dict:
        """The cleaned data in the shape `services.vacancy_create` takes."""
        data = dict(self.cleaned_data)
        data["region"] = self._regions[data["region"]]
        return data


class VacancyStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Vacancy.Status.choices)


class VacancyFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status")), *Vacancy.Status.choices],
        required=False,
    )
    occupation = forms.CharField(
        label=_("Occupation or job title"),
        required=False,
        max_length=100,
        widget=forms.SearchInput,
    )
    area = forms.ChoiceField(label=_("Area"), required=False)

    def __init__(self, *args, areas: list[Region], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("Any area")), *region_choices(areas)]
