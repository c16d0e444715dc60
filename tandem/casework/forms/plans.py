"""Forms for the individual plan: the plan itself, goals, milestones, states, agreement."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tandem.casework.models import Milestone, Plan, Track
from tandem.core.formatting import format_date
from tandem.core.forms import LocalDateField
from tandem.interventions.models import InterventionReferral


class PlanForm(forms.Form):
    summary = forms.CharField(
        label=_("What the person wants to achieve, in their own words"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )
    review_on = LocalDateField(label=_("Review the plan by"), required=False)


class GoalForm(forms.Form):
    track = forms.ChoiceField(
        label=_("Track"),
        choices=Track.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Goals on the health track are health information: only clinicians on the case team "
            "and you can see them. Social-track goals are seen by social workers on the team "
            "and you."
        ),
    )
    description = forms.CharField(label=_("Goal"), max_length=500)


class InterventionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: InterventionReferral) -> str:
        return gettext("%(name)s (%(status)s, requested %(date)s)") % {
            "name": obj.intervention.name,
            "status": obj.get_status_display(),
            "date": format_date(obj.requested_on),
        }


class MilestoneForm(forms.Form):
    description = forms.CharField(label=_("Milestone"), max_length=500)
    target_on = LocalDateField(label=_("Target date"))
    interventions = InterventionChoiceField(
        label=_("Interventions that serve it"),
        queryset=InterventionReferral.objects.none(),
        to_field_name="ref",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, referrals: QuerySet[InterventionReferral], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interventions"].queryset = referrals  # type: ignore[attr-defined]


class MilestoneStateForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), choices=Milestone.State.choices)


class AgreementForm(forms.Form):
    method = forms.ChoiceField(
        label=_("How did the person agree?"),
        choices=Plan.AgreementMethod.choices,
        widget=forms.RadioSelect,
    )
    agreed_on = LocalDateField(label=_("Date they agreed"), required=False)
