"""Forms for case reviews and review queues."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tandem.casework.models import CaseReview
from tandem.core.forms import LocalDateField
from tandem.organisations.models import Organisation
from tandem.participants.models import BenefitSituation, Participant
from tandem.referrals.models import Enrolment, SupportStage

ACTION_ROWS = 3


class QueueForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        to_field_name="ref",
        empty_label=None,
        help_text=_("Whose people to review."),
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("What the review is for"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    benefit_situation = forms.ChoiceField(
        label=_("Benefit situation"),
        choices=[("", _("Any benefit situation")), *BenefitSituation.choices],
        required=False,
    )
    match_group = forms.TypedChoiceField(
        label=_("Match group (matchgruppe)"),
        choices=[
            ("", _("Any match group")),
            *Participant._meta.get_field("match_group").choices,
        ],
        coerce=int,
        empty_value=None,
        required=False,
    )
    stage = forms.ChoiceField(
        label=_("Supported-employment stage"),
        choices=[("", _("Any stage")), *SupportStage.choices],
        required=False,
    )

    def __init__(self, *args, organisations: QuerySet[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = organisations  # type: ignore[attr-defined]
        # Someone who works for one organisation has nothing to choose.
        if len(organisations) == 1:
            field.widget = forms.HiddenInput()
            self.initial["organisation"] = organisations[0].ref

    @property
    def criteria(self) -> dict:
        return {
            key: self.cleaned_data[key]
            for key in ("benefit_situation", "match_group", "stage")
            if self.cleaned_data.get(key) not in (None, "")
        }


class SkipForm(forms.Form):
    participant = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason for skipping"),
        max_length=300,
        error_messages={"required": _("Say why this case is skipped.")},
    )


class ReviewForm(forms.Form):
    """The record of one case-review meeting. Attendees and action owners are chosen from the
    staff the view offers (by user id), so nobody outside the person's team can be named."""

    held_on = LocalDateField(label=_("Held on"))
    enrolment = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Enrolment.objects.none(),
        to_field_name="ref",
        required=False,
        empty_label=_("Not about one programme"),
    )
    attendees = forms.TypedMultipleChoiceField(
        label=_("Who took part"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    other_attendees = forms.CharField(
        label=_("Others who took part"),
        help_text=_("People without a login, for example an interpreter or a relative."),
        max_length=500,
        required=False,
    )
    participant_present = forms.BooleanField(label=_("The person took part"), required=False)
    participant_view = forms.CharField(
        label=_("The person's own view"),
        help_text=_("Their needs, resources and wishes, in their own words."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=10000,
    )
    discussion = forms.CharField(
        label=_("Discussion"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=20000,
    )
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=CaseReview.Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the review decided.")},
    )
    decision_note = forms.CharField(
        label=_("What was decided, in more detail"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=10000,
    )

    def __init__(
        self,
        *args,
        enrolments: QuerySet[Enrolment],
        staff_choices: list[tuple[int, str]],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["enrolment"].queryset = enrolments  # type: ignore[attr-defined]
        self.fields["attendees"].choices = staff_choices  # type: ignore[attr-defined]
        owners = [("", _("Choose who")), *staff_choices]
        for number in range(1, ACTION_ROWS + 1):
            self.fields[f"action_{number}_description"] = forms.CharField(
                label=_("Action"), max_length=500, required=False
            )
            self.fields[f"action_{number}_owner"] = forms.TypedChoiceField(
                label=_("Who will do it"),
                choices=owners,
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields[f"action_{number}_due_on"] = LocalDateField(label=_("Due"), required=False)

    def main_fields(self) -> list[forms.BoundField]:
        return [field for field in self if not field.name.startswith("action_")]

    def action_rows(self) -> list[tuple[int, list[forms.BoundField]]]:
        return [
            (
                number,
                [
                    self[f"action_{number}_description"],
                    self[f"action_{number}_owner"],
                    self[f"action_{number}_due_on"],
                ],
            )
            for number in range(1, ACTION_ROWS + 1)
        ]

    def clean(self):
        cleaned = super().clean()
        for number in range(1, ACTION_ROWS + 1):
            description = cleaned.get(f"action_{number}_description")
            owner = cleaned.get(f"action_{number}_owner")
            due_on = cleaned.get(f"action_{number}_due_on")
            if description:
                if owner is None and f"action_{number}_owner" not in self.errors:
                    self.add_error(
                        f"action_{number}_owner",
                        _("Choose who will do action %(number)s.") % {"number": number},
                    )
                if due_on is None and f"action_{number}_due_on" not in self.errors:
                    self.add_error(
                        f"action_{number}_due_on",
                        _("Give action %(number)s a due date.") % {"number": number},
                    )
            elif owner is not None or due_on is not None:
                self.add_error(
                    f"action_{number}_description",
                    _("Describe action %(number)s, or clear its other boxes.") % {"number": number},
                )
        return cleaned

    def actions(self) -> list[dict]:
        """Every row, empty ones included, so a service error for row n lands on row n."""
        return [
            {
                "description": self.cleaned_data.get(f"action_{number}_description", ""),
                "owner": self.cleaned_data.get(f"action_{number}_owner"),
                "due_on": self.cleaned_data.get(f"action_{number}_due_on"),
            }
            for number in range(1, ACTION_ROWS + 1)
        ]
