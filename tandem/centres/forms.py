"""Forms for licences, cohorts, trainees, exits and follow-ups. They read input; the services
decide what is allowed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.centres.models import Trainee
from tandem.core.forms import LocalDateField, LocalIntegerField


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class LicenceApplyForm(forms.Form):
    applicant_name = forms.CharField(label=_("Applicant"), max_length=200)
    premises = forms.CharField(
        label=_("Premises"),
        help_text=_("Address, floor space, workshops and accessibility."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    staff_count = LocalIntegerField(label=_("Number of staff"), min_value=1, max_value=1000)
    staff_details = forms.CharField(
        label=_("Staff names and qualifications"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    trades = forms.CharField(
        label=_("Trades taught"),
        help_text=_("One a line, for example tailoring, carpet weaving, computer skills."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Note on the review (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InspectForm(forms.Form):
    inspected_on = LocalDateField(label=_("Inspection date"))
    inspector = forms.CharField(label=_("Inspector"), max_length=200)
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 4}))


class GrantForm(forms.Form):
    number = forms.CharField(label=_("Licence number"), max_length=40)
    valid_from = LocalDateField(label=_("Valid from"))
    valid_to = LocalDateField(label=_("Valid to"))


class RenewForm(forms.Form):
    valid_to = LocalDateField(label=_("New end date"))


class EmptyForm(forms.Form):
    pass


class CentreForm(forms.Form):
    capacity = LocalIntegerField(
        label=_("Capacity (people in training at the same time)"), min_value=1, max_value=10000
    )
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    trades = forms.CharField(
        label=_("Trades taught"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RegisterForm(forms.Form):
    county = forms.ChoiceField(label=_("County"))
    address = forms.CharField(label=_("Address"), max_length=300)
    trades = forms.CharField(label=_("Trades taught"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, counties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = [("", "—")] + [
            (str(county.pk), county.name) for county in counties
        ]


class CohortForm(forms.Form):
    trade = forms.CharField(label=_("Trade"), max_length=200)
    starts_on = LocalDateField(label=_("Start"))
    planned_end_on = LocalDateField(label=_("Planned end"))


class EnrolForm(forms.Form):
    participant = forms.ChoiceField(
        label=_("Person"),
        required=False,
        help_text=_("Someone your centre already works with. Leave empty to add a new person."),
    )
    full_name = forms.CharField(
        label=_("Or the full name of a new person"), max_length=200, required=False
    )
    enrolled_on = LocalDateField(label=_("Enrolment date"))

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].choices = [("", _("— a new person —"))] + [
            (person.ref, person.full_name) for person in people
        ]

    def clean(self):
        data = super().clean()
        if not data.get("participant") and not (data.get("full_name") or "").strip():
            self.add_error("full_name", _("Choose a person or enter a new one."))
        return data


class ExitForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("How did the trainee leave?"),
        choices=[c for c in Trainee.Status.choices if c[0] != Trainee.Status.IN_TRAINING],
        widget=forms.RadioSelect,
    )
    exited_on = LocalDateField(label=_("Exit date"))
    job = forms.CharField(
        label=_("Job and employer, or the business (for a successful exit)"),
        max_length=300,
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason for dropping out"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FollowUpForm(forms.Form):
    still_working = forms.TypedChoiceField(
        label=_("Is the person still working?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    done_on = LocalDateField(label=_("Date of the follow-up"))
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class YearForm(forms.Form):
    year = forms.ChoiceField(label=_("Year"))

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(period.key, period.label()) for period in years]
