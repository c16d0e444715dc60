"""Forms of the enrolment page: pause, exit, key worker, supported-employment stage.

They share one page, so each is given a prefix by the view and no two fields share an id."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.core.forms import LocalDateField
from tandem.referrals.models import Enrolment, SupportStage


class PauseForm(forms.Form):
    note = forms.CharField(
        label=_("Why is support paused?"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ExitForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why is the person leaving?"),
        choices=Enrolment.ExitReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the reason the person is leaving.")},
    )
    ended_on = LocalDateField(label=_("Date support ended"), required=False)
    note = forms.CharField(
        label=_("Note on leaving"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class KeyWorkerForm(forms.Form):
    key_worker = forms.ChoiceField(label=_("Key worker"))

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key_worker"].choices = [("", _("Choose…"))] + [
            (str(user.pk), user.display_name) for user in candidates
        ]


class StageForm(forms.Form):
    to_stage = forms.ChoiceField(
        label=_("Move to stage"),
        choices=SupportStage.choices,
        widget=forms.RadioSelect,
        help_text=_("Moving back to an earlier stage is allowed and is kept in the history."),
        error_messages={"required": _("Choose one of the five stages.")},
    )
    note = forms.CharField(label=_("Why"), max_length=500, required=False)

    def __init__(self, *args, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_stage"].choices = [
            (
                value,
                _("%(stage)s (current stage)") % {"stage": label} if value == current else label,
            )
            for value, label in SupportStage.choices
        ]
