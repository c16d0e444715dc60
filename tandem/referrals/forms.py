from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.core.forms import LocalDateField
from tandem.core.identifiers import IdentifierKind
from tandem.participants.models import Consent
from tandem.referrals.models import Referral


class ReferralForm(forms.Form):
    receiving_organisation = forms.ChoiceField(label=_("Refer to"))
    source = forms.ChoiceField(label=_("Where the referral comes from"), required=False)
    person_name = forms.CharField(label=_("Person's full name"), max_length=200)
    person_date_of_birth = LocalDateField(label=_("Date of birth"), required=False)
    person_phone = forms.CharField(
        label=_("Phone"),
        max_length=32,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    person_email = forms.EmailField(label=_("Email"), required=False)
    person_identifier_kind = forms.ChoiceField(
        label=_("National identifier type"),
        choices=[("", _("None")), *IdentifierKind.choices],
        required=False,
    )
    person_identifier = forms.CharField(
        label=_("National identifier"), max_length=20, required=False
    )
    reason = forms.CharField(
        label=_("Reason for referral"), widget=forms.Textarea(attrs={"rows": 4})
    )
    wants_help_with = forms.CharField(
        label=_("What the person wants help with, in their words"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"),
        choices=Referral.Urgency.choices,
        widget=forms.RadioSelect,
        initial=Referral.Urgency.ROUTINE,
    )
    person_agreed = forms.BooleanField(
        label=_("The person has agreed to be referred"),
        required=False,
        help_text=_("Taking part is voluntary."),
    )

    def __init__(self, *args, receivers, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiving_organisation"].choices = [("", _("Choose…"))] + [
            (org.ref, f"{org.name} ({org.region.name})") for org in receivers
        ]
        if sources:
            self.fields["source"].choices = sources
            self.fields["source"].required = True
        else:
            del self.fields["source"]


class AcceptForm(forms.Form):
    programme = forms.ChoiceField(label=_("Enrol on programme"))
    participant = forms.ChoiceField(
        label=_("Whose record"), widget=forms.RadioSelect, required=False
    )
    consent_method = forms.ChoiceField(
        label=_("How did the person consent to take part?"),
        choices=[("", _("Choose…")), *Consent.Method.choices],
        required=False,
    )
    started_on = LocalDateField(label=_("Start date"), required=False)
    in_work_at_risk = forms.BooleanField(
        label=_("The person is in work and at risk of losing it"),
        help_text=_("People in work get the programme's shorter support period."),
        required=False,
    )

    def __init__(self, *args, programmes, duplicates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [(p.ref, p.name) for p in programmes]
        self.fields["participant"].choices = [("", _("Create a new record from this referral"))] + [
            (match.ref, _("Use the existing record: %(name)s") % {"name": match.full_name})
            for match in duplicates
        ]


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for declining"), widget=forms.Textarea(attrs={"rows": 3})
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawing"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
