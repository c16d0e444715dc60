"""Forms of the monitoring pages. Choices come from the selectors (the user's counties, their
programmes, their fellow officers), so a form can only name what the user may act on."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.core.forms import LocalDateField, LocalDecimalField, LocalIntegerField
from tandem.core.periods import Period, quarter_of, year_of
from tandem.monitoring.models import MonitoredProject, Visit
from tandem.programmes.models import Programme

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
ACTION_ROWS = 3


def period_choices(calendar: str, today: datetime.date, language: str | None = None) -> list:
    """This year and last, each followed by its quarters: the periods people report on."""
    current = year_of(calendar, today)
    choices = []
    for year in (current.year, current.year - 1):
        period = Period(calendar, year)
        choices.append((period.key, period.label(language)))
        for quarter in range(1, 5):
            part = Period(calendar, year, quarter=quarter)
            choices.append((part.key, part.label(language)))
    return choices


def current_quarter_key(calendar: str, today: datetime.date) -> str:
    return quarter_of(calendar, today).key


def programme_choices(programmes) -> list[tuple[str, str]]:
    return [(programme.ref, programme.name) for programme in programmes]


def county_choices(counties) -> list[tuple[str, str]]:
    return [(str(county.pk), county.name) for county in counties]


class ProjectFilterForm(forms.Form):
    search = forms.CharField(label=_("Name contains"), required=False, max_length=100)
    county = forms.ChoiceField(label=_("County"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any")), *MonitoredProject.Status.choices],
    )

    def __init__(self, *args, counties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = [("", _("All your counties")), *county_choices(counties)]


class ProjectForm(forms.Form):
    programme = forms.ChoiceField(label=_("Programme"))
    name = forms.CharField(label=_("Name of the business or project"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=MonitoredProject.Kind.choices)
    county = forms.ChoiceField(label=_("County"))
    funded_amount = LocalDecimalField(
        label=_("Funded amount"), min_value=Decimal(0), max_digits=17, decimal_places=2
    )
    jobs_planned = LocalIntegerField(label=_("Jobs planned"), min_value=0, max_value=100000)
    started_on = LocalDateField(label=_("Started on"))

    def __init__(self, *args, programmes, counties, in_toman: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.in_toman = in_toman
        self.fields["programme"].choices = programme_choices(programmes)
        if len(programmes) == 1:
            self.fields["programme"].widget = forms.HiddenInput()
            self.fields["programme"].initial = programmes[0].ref
        self.fields["county"].choices = county_choices(counties)
        if in_toman:
            self.fields["funded_amount"].label = _("Funded amount, in toman")
            self.fields["funded_amount"].help_text = _("In toman (10 rial); it is kept in rial.")

    def funded_amount_stored(self) -> Decimal:
        amount = self.cleaned_data["funded_amount"]
        return amount * 10 if self.in_toman else amount


class CloseProjectForm(forms.Form):
    closed_on = LocalDateField(label=_("Closed on"))


class VisitForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("Kind of visit"), choices=Visit.Mode.choices, widget=forms.RadioSelect
    )
    visited_on = LocalDateField(label=_("Date of the visit"))
    business_active = forms.ChoiceField(
        label=_("Is the business active?"), choices=YES_NO, widget=forms.RadioSelect
    )
    jobs_filled = LocalIntegerField(
        label=_("How many of the jobs are still filled?"), min_value=0, max_value=100000
    )
    instalments_up_to_date = forms.ChoiceField(
        label=_("Are the loan instalments up to date?"),
        required=False,
        choices=[("", _("Take it from the finance records")), *YES_NO],
        help_text=_(
            "Left to the finance records, the answer is what they show on the visit's day."
        ),
    )
    problems = forms.CharField(
        label=_("Problems found"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    findings = forms.CharField(
        label=_("Findings"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, has_loan: bool, officers, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_loan:
            del self.fields["instalments_up_to_date"]
        officer_choices = [("", _("Nobody yet"))] + [
            (user.username, user.display_name) for user in officers
        ]
        self.officers = {user.username: user for user in officers}
        for row in range(1, ACTION_ROWS + 1):
            self.fields[f"action_{row}_description"] = forms.CharField(
                label=_("Follow-up action %(number)s") % {"number": row},
                required=False,
                max_length=500,
            )
            self.fields[f"action_{row}_due_on"] = LocalDateField(
                label=_("Due on (action %(number)s)") % {"number": row}, required=False
            )
            self.fields[f"action_{row}_assignee"] = forms.ChoiceField(
                label=_("Assigned to (action %(number)s)") % {"number": row},
                required=False,
                choices=officer_choices,
            )

    def clean(self):
        cleaned = super().clean()
        for row in range(1, ACTION_ROWS + 1):
            description = (cleaned.get(f"action_{row}_description") or "").strip()
            due_on = cleaned.get(f"action_{row}_due_on")
            if description and not due_on and f"action_{row}_due_on" not in self.errors:
                self.add_error(f"action_{row}_due_on", _("Give the action a due date."))
            if due_on and not description:
                self.add_error(f"action_{row}_description", _("Say what needs doing."))
        return cleaned

    def actions(self) -> list[dict]:
        rows = []
        for row in range(1, ACTION_ROWS + 1):
            description = (self.cleaned_data.get(f"action_{row}_description") or "").strip()
            if description:
                assignee = self.cleaned_data.get(f"action_{row}_assignee") or ""
                rows.append(
                    {
                        "description": description,
                        "due_on": self.cleaned_data[f"action_{row}_due_on"],
                        "assignee": self.officers.get(assignee),
                    }
                )
        return rows

    def instalments(self) -> bool | None:
        answer = self.cleaned_data.get("instalments_up_to_date") or ""
        return {"yes": True, "no": False}.get(answer)


class ActionCompleteForm(forms.Form):
    done_on = LocalDateField(label=_("Done on"), required=False)


class PlanPickForm(forms.Form):
    programme = forms.ChoiceField(label=_("Programme"))
    county = forms.ChoiceField(label=_("County"))
    period = forms.ChoiceField(label=_("Period"))

    def __init__(self, *args, programmes, counties, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = programme_choices(programmes)
        if len(programmes) == 1:
            self.fields["programme"].widget = forms.HiddenInput()
        self.fields["county"].choices = county_choices(counties)
        self.fields["period"].choices = periods


class PlanForm(forms.Form):
    planned_in_person = LocalIntegerField(
        label=_("Planned in-person visits"), min_value=0, max_value=100000
    )
    planned_remote = LocalIntegerField(
        label=_("Planned remote visits"), min_value=0, max_value=100000
    )
    projects = forms.MultipleChoiceField(
        label=_("Projects planned for visits"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.project_map = {project.ref: project for project in projects}
        self.fields["projects"].choices = [(p.ref, p.name) for p in projects]

    def chosen_projects(self) -> list[MonitoredProject]:
        return [self.project_map[ref] for ref in self.cleaned_data.get("projects", [])]


class CoverageForm(forms.Form):
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    period = forms.ChoiceField(label=_("Period"), required=False)

    def __init__(self, *args, programmes, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = programme_choices(programmes)
        self.fields["period"].choices = periods
        if len(programmes) == 1:
            self.fields["programme"].widget = forms.HiddenInput()


def programme_by_ref(programmes: list[Programme], ref: str | None) -> Programme | None:
    for programme in programmes:
        if programme.ref == ref:
            return programme
    return programmes[0] if programmes else None
