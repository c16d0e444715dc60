from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.core.formatting import format_money
from tandem.core.forms import LocalDateField
from tandem.interventions.models import Intervention, InterventionKind
from tandem.referrals.models import Enrolment


def offer_label(intervention: Intervention) -> str:
    cost = format_money(intervention.unit_cost, intervention.currency)
    if intervention.unit:
        cost = _("%(cost)s per %(unit)s") % {"cost": cost, "unit": intervention.unit}
    return _("%(name)s — %(provider)s (%(cost)s)") % {
        "name": intervention.name,
        "provider": intervention.provider.name,
        "cost": cost,
    }


class CatalogueFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[("", gettext_lazy("All kinds")), *InterventionKind.choices],
        required=False,
    )


class ReferForm(forms.Form):
    intervention = forms.ChoiceField(label=gettext_lazy("Intervention"))
    enrolment = forms.ChoiceField(label=gettext_lazy("As part of"), required=False)
    requested_on = LocalDateField(label=gettext_lazy("Requested on"), required=False)
    note = forms.CharField(
        label=gettext_lazy("Note for the provider or the team"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, offers: list[Intervention], enrolments: list[Enrolment], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intervention"].choices = [("", gettext_lazy("Choose…"))] + [
            (offer.ref, offer_label(offer)) for offer in offers
        ]
        self.fields["enrolment"].choices = [
            (enrolment.ref, enrolment.programme.name) for enrolment in enrolments
        ] + [("", gettext_lazy("Not part of a programme"))]
        if enrolments:
            self.fields["enrolment"].initial = enrolments[0].ref


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("New status"))

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = choices


class AttendanceForm(forms.Form):
    session_on = LocalDateField(label=gettext_lazy("Date of the session"))
    attended = forms.TypedChoiceField(
        label=gettext_lazy("Did the person attend?"),
        choices=[("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Say whether the person attended.")},
    )
    note = forms.CharField(label=gettext_lazy("Note"), max_length=300, required=False)
