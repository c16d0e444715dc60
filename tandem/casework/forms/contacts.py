import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.casework.models import Appointment, Contact
from tandem.core.access import Sensitivity
from tandem.core.formatting import to_latin_digits
from tandem.core.forms import LocalDateField

# Minutes before the appointment at which the specialist is reminded ("" for no reminder).
REMIND_CHOICES = [
    ("", _("No reminder")),
    ("60", _("1 hour before")),
    ("1440", _("1 day before")),
    ("2880", _("2 days before")),
]


class LocalTimeField(forms.TimeField):
    """HH:MM, also typed with Persian or Arabic-Indic digits."""

    widget = forms.TimeInput(format="%H:%M", attrs={"inputmode": "numeric", "autocomplete": "off"})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("input_formats", ["%H:%M", "%H.%M"])
        kwargs.setdefault("help_text", _("24-hour clock, for example 14:30"))
        kwargs.setdefault("error_messages", {"invalid": _("Enter a time, for example 14:30.")})
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = to_latin_digits(value).strip()
        return super().to_python(value)


def combine(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """The moment a local date and time name, in the service's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, time))


class ContactForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("How"), choices=Contact.Channel.choices, widget=forms.RadioSelect
    )
    date = LocalDateField(label=_("Date"))
    time = LocalTimeField(label=_("Time"))
    summary = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
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


class AppointmentForm(forms.Form):
    staff = forms.ChoiceField(label=_("With"))
    date = LocalDateField(label=_("Date"))
    time = LocalTimeField(label=_("Time"))
    minutes = forms.IntegerField(
        label=_("Length (minutes)"), min_value=5, max_value=480, initial=45
    )
    channel = forms.ChoiceField(label=_("How"), choices=Contact.Channel.choices)
    location = forms.CharField(label=_("Where"), max_length=200, required=False)
    purpose = forms.CharField(label=_("Purpose"), max_length=300)
    remind = forms.ChoiceField(
        label=_("Remind me"),
        choices=REMIND_CHOICES,
        widget=forms.RadioSelect,
        initial="1440",
        required=False,
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].choices = [(str(user.pk), user.display_name) for user in candidates]


class AppointmentStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (Appointment.Status.ATTENDED, Appointment.Status.ATTENDED.label),
            (Appointment.Status.MISSED, Appointment.Status.MISSED.label),
            (Appointment.Status.CANCELLED, Appointment.Status.CANCELLED.label),
        ],
    )
