from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.core.forms import LocalDateField, LocalDecimalField
from tandem.employment.models import Adjustment, Employer, EmployerContact
from tandem.organisations.forms import region_choices
from tandem.organisations.models import Organisation, Region


class EmployerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    sector = forms.CharField(
        label=_("Sector"),
        max_length=100,
        required=False,
        help_text=_("For example retail, health and care, hospitality, logistics"),
    )
    size = forms.ChoiceField(
        label=_("Size"), choices=[("", _("Not known")), *Employer.Size.choices], required=False
    )
    region = forms.ChoiceField(label=_("Area"))
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    latitude = LocalDecimalField(
        label=_("Latitude"),
        max_digits=8,
        decimal_places=5,
        required=False,
        help_text=_("For travel distances in matching, for example 54.97825"),
    )
    longitude = LocalDecimalField(
        label=_("Longitude"),
        max_digits=8,
        decimal_places=5,
        required=False,
        help_text=_("For example -1.61778"),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_role = forms.CharField(label=_("Their role"), max_length=200, required=False)
    contact_phone = forms.CharField(
        label=_("Contact phone"),
        max_length=32,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off", "dir": "ltr"}),
    )
    contact_email = forms.EmailField(
        label=_("Contact email"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "dir": "ltr"}),
    )
    adjustments_offered = forms.MultipleChoiceField(
        label=_("Adjustments offered"),
        choices=Adjustment.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    accessibility = forms.CharField(
        label=_("Accessibility of the workplace"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    disclosure_stance = forms.ChoiceField(
        label=_("Stance on disclosure"),
        choices=Employer.DisclosureStance.choices,
        widget=forms.RadioSelect,
        initial=Employer.DisclosureStance.UNKNOWN,
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, regions: list[Region], **kwargs):
        super().__init__(*args, **kwargs)
        self._regions = {str(region.pk): region for region in regions}
        self.fields["region"].choices = region_choices(regions)

    def service_data(self) -> dict:
        """The cleaned data in the shape `services.employer_create/update` take."""
        data = dict(self.cleaned_data)
        data.pop("organisation", None)
        data["region"] = self._regions[data["region"]]
        return data


class EmployerCreateForm(EmployerForm):
    organisation = forms.ChoiceField(label=_("Kept by"))

    field_order = ["organisation"]

    def __init__(self, *args, organisations: list[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(org.ref, org.name) for org in organisations]
        if len(organisations) == 1:
            # One organisation: nothing to choose, so nothing to show.
            self.fields["organisation"].initial = organisations[0].ref
            self.fields["organisation"].widget = forms.HiddenInput()


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class EmployerContactForm(forms.Form):
    method = forms.ChoiceField(
        label=_("How"), choices=EmployerContact.Method.choices, widget=forms.RadioSelect
    )
    contacted_on = LocalDateField(label=_("Date"))
    met_hiring_manager = forms.ChoiceField(
        label=_("Did you meet the person who hires?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text=_("IPS job development counts face-to-face contact with the hiring manager."),
    )
    summary = forms.CharField(
        label=_("What came of it"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["met_hiring_manager"] = data["met_hiring_manager"] == "yes"
        return data


class EmployerFilterForm(forms.Form):
    search = forms.CharField(label=_("Search by name"), required=False, widget=forms.SearchInput)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    area = forms.ChoiceField(label=_("Area"), required=False)

    def __init__(self, *args, sectors: list[str], areas: list[Region], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", _("Any sector"))] + [(s, s) for s in sectors]
        self.fields["area"].choices = [("", _("Any area")), *region_choices(areas)]
