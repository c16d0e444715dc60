from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.core.access import Discipline, Sensitivity
from tandem.core.forms import LocalDateField
from tandem.core.identifiers import IdentifierKind
from tandem.participants.models import Barrier, BenefitSituation, Consent, ConsentPurpose


class ParticipantForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    given_name = forms.CharField(label=_("Given name"), max_length=100, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=100, required=False)
    date_of_birth = LocalDateField(label=_("Date of birth"), required=False)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=32,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    email = forms.EmailField(label=_("Email"), required=False)
    preferred_language = forms.CharField(
        label=_("Preferred language"), max_length=40, required=False
    )
    interpreter_needed = forms.BooleanField(label=_("Needs an interpreter"), required=False)
    identifier_kind = forms.ChoiceField(
        label=_("National identifier type"),
        choices=[("", _("None")), *IdentifierKind.choices],
        required=False,
    )
    identifier = forms.CharField(
        label=_("National identifier"),
        max_length=20,
        required=False,
        help_text=_("NHS number, CPR number or Iranian national code; it is checked as you save."),
    )
    benefit_situation = forms.ChoiceField(
        label=_("Benefit situation"), choices=BenefitSituation.choices
    )
    match_group = forms.TypedChoiceField(
        label=_("Match group (Denmark)"),
        choices=[("", _("Not applicable")), ("1", "1"), ("2", "2"), ("3", "3")],
        coerce=int,
        empty_value=None,
        required=False,
    )
    barriers = forms.MultipleChoiceField(
        label=_("Barriers to work"),
        choices=Barrier.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    barriers_note = forms.CharField(
        label=_("Barriers in the person's own words"), widget=forms.Textarea, required=False
    )
    dependent_children = forms.IntegerField(
        label=_("Dependent children"), min_value=0, max_value=30, initial=0
    )
    childcare_needed = forms.BooleanField(label=_("Needs help with childcare"), required=False)


class ParticipantCreateForm(ParticipantForm):
    organisation = forms.ChoiceField(label=_("Organisation"))
    confirm_new = forms.BooleanField(
        label=_("This is a different person: create a new record"), required=False
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(org.ref, org.name) for org in organisations]
        if len(organisations) == 1:
            self.fields["organisation"].widget = forms.HiddenInput()
            self.fields["organisation"].initial = organisations[0].ref


class ParticipantEditForm(ParticipantForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(
        label=_("Purpose"), choices=ConsentPurpose.choices, widget=forms.RadioSelect
    )
    status = forms.ChoiceField(
        label=_("Decision"), choices=Consent.Status.choices, widget=forms.RadioSelect
    )
    method = forms.ChoiceField(
        label=_("How was it given or withdrawn?"),
        choices=Consent.Method.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class NoteForm(forms.Form):
    sensitivity = forms.ChoiceField(
        label=_("Who may read it"),
        choices=[
            (Sensitivity.GENERAL, _("General: everyone working with this person")),
            (Sensitivity.SOCIAL, _("Social: social workers on the case team")),
            (Sensitivity.HEALTH, _("Health: clinicians on the case team")),
        ],
        widget=forms.RadioSelect,
        initial=Sensitivity.GENERAL,
    )
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 4}))


class CaseTeamMemberForm(forms.Form):
    user = forms.ChoiceField(label=_("Member of staff"))
    discipline = forms.ChoiceField(label=_("Discipline"), choices=Discipline.choices)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [("", _("Choose…"))] + [
            (user.username, f"{user.display_name} — {organisation}")
            for user, organisation in candidates
        ]


class HealthConditionForm(forms.Form):
    description = forms.CharField(label=_("Condition or disability"), max_length=300)
    is_disability = forms.BooleanField(label=_("This is a disability"), required=False)
