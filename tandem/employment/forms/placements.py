"""Forms for a person's job preferences, their placements, in-work support, sustainment checks,
follow-ups and the end of a job."""

import re
from itertools import groupby

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.core.forms import LocalDateField, LocalDecimalField, LocalIntegerField
from tandem.employment import occupations
from tandem.employment.models import (
    Adjustment,
    Employer,
    InWorkSupport,
    Placement,
    SustainmentCheck,
    Vacancy,
)
from tandem.organisations.models import Region
from tandem.referrals.models import Enrolment

# Skills are typed as a list: a Latin comma, an Arabic-script comma or a semicolon separate them.
SKILL_SEPARATORS = re.compile(r"[,\u060c;\n]")


def grouped_occupations() -> list:
    """Unit groups in optgroups under their major group, in the active language."""
    grouped = []
    for major, items in groupby(occupations.choices(), key=lambda choice: choice[0][0]):
        group = occupations.occupation(major)
        grouped.append((group.label() if group else major, list(items)))
    return grouped


def occupation_choices_with_blank() -> list:
    return [("", _("Not recorded")), *grouped_occupations()]


def skills_from_text(text: str) -> list[str]:
    return [part.strip() for part in SKILL_SEPARATORS.split(text or "") if part.strip()]


def region_label(region: Region) -> str:
    # Municipality names repeat between regions, so the region they are in is shown too.
    return f"{region.name} ({region.parent.name})" if region.parent_id else region.name


# ---------------------------------------------------------------- preferences


class JobPreferencesForm(forms.Form):
    occupations = forms.MultipleChoiceField(
        label=_("Occupations the person wants"),
        choices=grouped_occupations,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_(
            "From the international classification of occupations (ISCO-08). Hold Ctrl "
            "(Cmd on a Mac) to choose more than one."
        ),
    )
    skills = forms.CharField(
        label=_("Skills"),
        required=False,
        max_length=2000,
        help_text=_("Separate skills with commas, for example: customer service, driving licence"),
    )
    hours_min = LocalDecimalField(
        label=_("Hours a week: at least"),
        required=False,
        min_value=0,
        max_value=80,
        max_digits=4,
        decimal_places=1,
    )
    hours_max = LocalDecimalField(
        label=_("Hours a week: at most"),
        required=False,
        min_value=0,
        max_value=80,
        max_digits=4,
        decimal_places=1,
    )
    max_travel_km = LocalIntegerField(
        label=_("Furthest to travel (km)"), required=False, min_value=0, max_value=500
    )
    home_region = forms.ChoiceField(label=_("Lives in"), required=False)
    home_latitude = LocalDecimalField(
        label=_("Home latitude"),
        required=False,
        max_digits=8,
        decimal_places=5,
        help_text=_("Optional, for travel distances: for example 54.97825"),
    )
    home_longitude = LocalDecimalField(
        label=_("Home longitude"),
        required=False,
        max_digits=8,
        decimal_places=5,
        help_text=_("For example -1.61778"),
    )
    adjustments_needed = forms.MultipleChoiceField(
        label=_("Adjustments needed at work"),
        choices=Adjustment.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    wishes = forms.CharField(
        label=_("The person's own wishes"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("In their words: the work they want, and what matters to them."),
    )

    def __init__(self, *args, regions: list[Region], **kwargs):
        super().__init__(*args, **kwargs)
        self._regions = {str(region.pk): region for region in regions}
        self.fields["home_region"].choices = [("", _("Not recorded"))] + [
            (str(region.pk), region_label(region)) for region in regions
        ]

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["skills"] = skills_from_text(data["skills"])
        data["home_region"] = self._regions.get(data["home_region"] or "")
        return data


# ---------------------------------------------------------------- placements


class PlacementForm(forms.Form):
    enrolment = forms.ChoiceField(label=_("Programme"))
    vacancy = forms.CharField(required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(
        label=_("Kind of work"), choices=Placement.Kind.choices, widget=forms.RadioSelect
    )
    employer = forms.ChoiceField(
        label=_("Employer"),
        required=False,
        help_text=_("Leave empty for self-employment."),
    )
    job_title = forms.CharField(label=_("Job title"), max_length=200)
    occupation = forms.ChoiceField(
        label=_("Occupation (ISCO-08)"), choices=occupation_choices_with_blank, required=False
    )
    started_on = LocalDateField(label=_("Start date"))
    hours_per_week = LocalDecimalField(
        label=_("Hours a week"), min_value=0, max_value=80, max_digits=4, decimal_places=1
    )
    pay = LocalDecimalField(
        label=_("Pay"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    pay_period = forms.ChoiceField(
        label=_("Per"), choices=Vacancy.PayPeriod.choices, initial=Vacancy.PayPeriod.HOUR
    )
    adjustments_agreed = forms.MultipleChoiceField(
        label=_("Adjustments agreed with the employer"),
        choices=Adjustment.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    adjustments_note = forms.CharField(
        label=_("Adjustments, in detail"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    disclosed_to_employer = forms.BooleanField(
        label=_("The person agreed to tell the employer about their condition"),
        required=False,
        help_text=_("Needs the person's recorded consent to disclosure to employers."),
    )
    earnings_evidence = forms.CharField(
        label=_("Evidence of earnings (self-employment)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example invoices, a business bank statement or accounts."),
    )

    def __init__(
        self,
        *args,
        enrolments: list[Enrolment],
        employers: list[Employer],
        currency: str = "",
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self._enrolments = {enrolment.ref: enrolment for enrolment in enrolments}
        self._employers = {employer.ref: employer for employer in employers}
        self.fields["enrolment"].choices = [
            (enrolment.ref, enrolment.programme.name) for enrolment in enrolments
        ]
        if len(enrolments) == 1:
            # One programme: nothing to choose, so nothing to show.
            self.fields["enrolment"].initial = enrolments[0].ref
            self.fields["enrolment"].widget = forms.HiddenInput()
        self.fields["employer"].choices = [("", _("No employer (self-employed)"))] + [
            # Two employers may share a name; the area tells them apart.
            (employer.ref, f"{employer.name} ({employer.region.name})")
            for employer in employers
        ]
        if currency:
            self.fields["pay"].help_text = _("In %(currency)s, before tax.") % {
                "currency": currency
            }

    def enrolment_chosen(self) -> Enrolment:
        return self._enrolments[self.cleaned_data["enrolment"]]

    def employer_chosen(self) -> Employer | None:
        return self._employers.get(self.cleaned_data["employer"] or "")


class InWorkSupportForm(forms.Form):
    with_whom = forms.ChoiceField(
        label=_("With"), choices=InWorkSupport.With.choices, widget=forms.RadioSelect
    )
    happened_on = LocalDateField(label=_("Date"))
    channel = forms.CharField(
        label=_("How"),
        required=False,
        max_length=20,
        help_text=_("For example visit, phone or video call"),
    )
    summary = forms.CharField(
        label=_("What happened"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


YES_NO = [("yes", _("Yes, still in work")), ("no", _("No, not in work"))]


class CheckRecordForm(forms.Form):
    in_work = forms.ChoiceField(
        label=_("Is the person still in work?"), choices=YES_NO, widget=forms.RadioSelect
    )
    evidence = forms.ChoiceField(
        label=_("Evidence"),
        choices=[("", _("Choose the evidence")), *SustainmentCheck.Evidence.choices],
        required=False,
        help_text=_("What shows the person is still in work."),
    )
    checked_on = LocalDateField(label=_("Checked on"))
    note = forms.CharField(
        label=_("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


class FollowUpDoneForm(forms.Form):
    note = forms.CharField(
        label=_("What the follow-up found"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PlacementEndForm(forms.Form):
    ended_on = LocalDateField(label=_("Last day in the job"))
    reason = forms.ChoiceField(
        label=_("Why it ended"),
        choices=[("", _("Choose a reason")), *Placement.EndReason.choices],
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    back_to_job_finding = forms.BooleanField(
        label=_("Go back to job finding"), required=False, initial=True
    )
