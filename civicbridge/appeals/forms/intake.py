"""The intake form: a citizen online, or an organiser at a meeting (same questions, the event preset)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from civicbridge.registry.forms import ServiceErrorsMixin
from civicbridge.registry.models import Country, Region

from ..models import Appeal, Category
from ..services.intake import IssueInput


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, region) -> str:
        return region.name


def recent_events():
    """Events a citizen may say their issue was raised at: published or completed, the latest first."""
    from civicbridge.events.choices import EventStatus
    from civicbridge.events.models import Event

    since = timezone.now() - timezone.timedelta(days=365)
    return Event.objects.filter(
        status__in=[EventStatus.PUBLISHED, EventStatus.COMPLETED], starts_at__gte=since
    ).order_by("-starts_at", "-id")


def countries():
    """Kazakhstan and Russia first, then the rest by name in the reader's language."""
    language = get_language() if get_language() in ("ru", "kk", "en") else "ru"
    home = Case(When(code__in=["KZ", "RU"], then=Value(0)), default=Value(1), output_field=IntegerField())
    return Country.objects.annotate(home=home).order_by("home", f"name_{language}", "code")


class IntakeForm(ServiceErrorsMixin, forms.Form):
    service_model = Appeal

    text = forms.CharField(
        label=_("Your issue"),
        widget=forms.Textarea(
            attrs={
                "rows": 6,
                "hx-get": reverse_lazy("appeals:similar"),
                "hx-trigger": "keyup changed delay:600ms",
                "hx-target": "#similar-issues",
                "hx-include": "[name=region], [name=category]",
                "hx-swap": "innerHTML",
            }
        ),
        help_text=_("What is the problem, where, since when. Do not write other people's personal data."),
        max_length=10000,
    )
    title = forms.CharField(label=_("Short title"), max_length=200)
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.filter(is_active=True))
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.none(),
        widget=forms.Select(
            attrs={
                "hx-get": reverse_lazy("appeals:regions"),
                "hx-target": "#region-field",
                "hx-swap": "innerHTML",
                "hx-trigger": "change",
            }
        ),
    )
    region = RegionChoiceField(label=_("Region"), queryset=Region.objects.none(), required=False)
    event = forms.ModelChoiceField(
        label=_("Raised at an event"), queryset=Region.objects.none(), required=False, help_text=_("If any.")
    )
    language = forms.ChoiceField(label=_("Language of the text"), choices=settings.LANGUAGES, initial="ru")
    is_anonymous = forms.BooleanField(
        label=_("Do not show my name publicly"), required=False, help_text=_("The issue is published without a name.")
    )
    public_name = forms.CharField(
        label=_("Name shown publicly"),
        max_length=100,
        required=False,
        help_text=_("A first name or initials. Leave empty to be shown without a name."),
    )
    consent = forms.BooleanField(
        label=_("You may contact me about this issue"),
        required=False,
        help_text=_(
            "Your contacts are seen only by the organisation that answers and the coordinators, never publicly."
        ),
        widget=forms.CheckboxInput(attrs={"data-aria-controls": "contact-fields"}),
    )
    contact_name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("E-mail"), required=False)
    contact_phone = forms.CharField(label=_("Phone"), max_length=40, required=False)

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = countries()
        self.preset_event = event
        if event is not None:
            del self.fields["event"]
            self.fields["country"].initial = event.country_id
            self.fields["region"].initial = event.region_id
        else:
            self.fields["event"].queryset = recent_events()
        country = (
            self.data.get("country")
            if self.is_bound
            else self.initial.get("country") or (event.country_id if event is not None else None)
        )
        if country:
            self.fields["region"].queryset = Region.objects.filter(country_id=country).order_by("name")

    def issue_input(self) -> IssueInput:
        data = self.cleaned_data
        return IssueInput(
            title=data["title"],
            text=data["text"],
            category=data["category"],
            country=data["country"],
            region=data.get("region"),
            event=self.preset_event if self.preset_event is not None else data.get("event"),
            language=data["language"],
            is_anonymous=data["is_anonymous"],
            public_name=data["public_name"],
            consent=data["consent"],
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
            contact_phone=data["contact_phone"],
        )
