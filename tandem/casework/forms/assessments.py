"""The assessment form, built from the questions in `casework.assessments` so that the page,
the API and the comparison of versions ask the same things."""

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from tandem.casework.assessments import SEVERITIES, Question, questions_for
from tandem.core.formatting import to_latin_digits
from tandem.core.forms import LocalDateField

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
HEALTH_NOTE = _(
    "Health information: only clinicians on the person's case team, and you as the author, "
    "can read this answer."
)


class LocalDecimalField(forms.DecimalField):
    """A number box that also takes Persian and Arabic-Indic digits.

    A text box rather than <input type=number>: browsers refuse Persian digits in those.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            # The Persian decimal separator (U+066B) is what a Persian keyboard types.
            value = to_latin_digits(value).replace("\u066b", ".").strip()
        return super().to_python(value)


def _field_for(question: Question) -> forms.Field:
    label: Any = question.label
    help_text: Any = question.help_text
    if question.health:
        label = format_lazy("{label} ({note})", label=question.label, note=_("health information"))
        help_text = (
            format_lazy("{hint} {note}", hint=question.help_text, note=HEALTH_NOTE)
            if question.help_text
            else HEALTH_NOTE
        )
    common = {"label": label, "help_text": help_text, "required": False}
    if question.kind == "number":
        return LocalDecimalField(
            min_value=0, max_value=1000, max_digits=7, decimal_places=2, **common
        )
    if question.kind == "yesno":
        return forms.TypedChoiceField(
            choices=YES_NO,
            widget=forms.RadioSelect,
            coerce=lambda value: value == "yes",
            empty_value=None,
            **common,
        )
    if question.kind == "severity":
        return forms.ChoiceField(
            choices=[("", _("Not assessed")), *SEVERITIES], widget=forms.RadioSelect, **common
        )
    return forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, strip=True, **common
    )


def initial_value(question: Question, value: Any) -> Any:
    """An earlier answer as the form shows it, so a new version starts from the last one."""
    if value is None:
        return None
    if question.kind == "yesno":
        return "yes" if value else "no"
    return value


class AssessmentForm(forms.Form):
    assessed_on = LocalDateField(label=_("Date of the assessment"), required=False)

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions_for(kind)
        for question in self.questions:
            self.fields[question.key] = _field_for(question)

    def answers(self) -> dict[str, Any]:
        """The answers for `services.assessment_record`; unanswered questions are left out."""
        answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(question.key)
            if value not in (None, ""):
                answers[question.key] = value
        return answers
