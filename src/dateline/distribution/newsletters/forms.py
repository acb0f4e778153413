"""The subscribe box and the preference page. The address field is recommend's
:class:`AddressField`: one bare address, no control characters, checked by email-validator."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dateline.distribution.recommend.forms import AddressField
from dateline.news.models import Edition


class EditionChoice(forms.ModelChoiceField):
    def __init__(self, **kwargs) -> None:
        super().__init__(
            queryset=Edition.objects.all(), to_field_name="code", empty_label=None, **kwargs
        )

    def label_from_instance(self, obj) -> str:
        return obj.name


class SubscribeForm(forms.Form):
    email = AddressField(label=_("Your e-mail"))
    edition = EditionChoice(label=_("Edition"))
    daily_digest = forms.BooleanField(label=_("Daily digest"), required=False, initial=True)
    breaking_alerts = forms.BooleanField(label=_("Breaking news alerts"), required=False)
    # The honeypot: hidden by CSS (class "subscribe__trap"), filled by bots.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(
            attrs={"tabindex": "-1", "autocomplete": "off", "aria-hidden": "true"}
        ),
    )
    token = forms.CharField(required=False, widget=forms.HiddenInput)
    source = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "subscribe-%s")
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    def clean(self):
        data = super().clean()
        if data and not (data.get("daily_digest") or data.get("breaking_alerts")):
            raise forms.ValidationError(gettext("Please choose at least one list."), code="no-list")
        return data


class PreferencesForm(forms.Form):
    edition = EditionChoice(label=_("Edition"))
    daily_digest = forms.BooleanField(label=_("Daily digest"), required=False)
    breaking_alerts = forms.BooleanField(label=_("Breaking news alerts"), required=False)
