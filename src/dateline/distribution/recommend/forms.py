"""What a reader may type into "Recommend news to friend".

Names end up in a message (and could end up in a header), so they are one line of
printable text: no CR/LF/NUL or other control characters, no bidi overrides that would make
"moc.elpmaxe" read as "example.com", no links, at most 100 characters. Each address field
holds exactly one bare address, checked by Django and by email-validator (no DNS lookups).
The note is plain text without links. Example::

    form = RecommendForm(request.POST, article=story)
    form.is_valid()  # False for {"sender_name": "Ann\\r\\nBcc: x@y", ...}
"""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from email_validator import EmailNotValidError, validate_email

from dateline.distribution.recommend.tokens import (
    TokenRejected,
    check_form_token,
    issue_form_token,
    page_form_token,
)
from dateline.news.models import Article

NAME_MAX = 100
NOTE_MAX = 300

# Explicit and isolate bidi controls (LRE RLE PDF LRO RLO, LRI RLI FSI PDI) and the line and
# paragraph separators, which some mail clients treat as line breaks.
_FORBIDDEN = {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029]}
# Anything that reads as a link: a scheme, "www.", or a dotted host name such as
# "example.com" or "пример.рф" (the last label must be letters, so "3.14" is fine).
_URL_LIKE = re.compile(r"(?i)(?:[a-z][a-z0-9+.-]*://|\bwww\.|[^\W_][\w-]*\.[^\W\d_]{2,}\b)")
_SEVERAL_ADDRESSES = re.compile(r"[,;<>\s]")

TOKEN_ERRORS = {
    "too-fast": gettext_lazy("That was quick. Please check the form and send it again."),
    "too-old": gettext_lazy("This form has expired. Please send it again."),
    "tampered": gettext_lazy("This form could not be verified. Please send it again."),
}


def _forbidden_character(text: str, *, allow_newlines: bool) -> bool:
    for char in text:
        if allow_newlines and char in "\r\n":
            continue
        if char in _FORBIDDEN or unicodedata.category(char) in {"Cc", "Cs"}:
            return True
    return False


def _check_no_links(text: str) -> None:
    if _URL_LIKE.search(text):
        raise ValidationError(_("Please leave out web addresses."), code="link")


class NameField(forms.CharField):
    def __init__(self, **kwargs) -> None:
        super().__init__(max_length=NAME_MAX, **kwargs)

    def to_python(self, value):
        # Checked before CharField strips it: a trailing "\n" is an attack, not a typo.
        if isinstance(value, str) and _forbidden_character(value, allow_newlines=False):
            raise ValidationError(_("Please use letters, spaces and punctuation only."), "control")
        return super().to_python(value)

    def validate(self, value) -> None:
        super().validate(value)
        _check_no_links(value)


class AddressField(forms.EmailField):
    """One bare address, e.g. ``ann@example.org``; never ``"Ann <ann@x>"`` or ``"a@x, b@y"``."""

    def __init__(self, **kwargs) -> None:
        super().__init__(max_length=254, **kwargs)  # RFC 5321's limit for a path

    def to_python(self, value):
        if isinstance(value, str) and _forbidden_character(value, allow_newlines=False):
            raise ValidationError(_("Please enter one e-mail address."), code="control")
        value = super().to_python(value)
        if value and _SEVERAL_ADDRESSES.search(value):
            raise ValidationError(_("Please enter one e-mail address."), code="several")
        return value

    def clean(self, value):
        value = super().clean(value)
        try:
            checked = validate_email(
                value, check_deliverability=False, allow_smtputf8=False, allow_quoted_local=False
            )
        except EmailNotValidError:
            raise ValidationError(
                _("Please enter a valid e-mail address."), code="invalid"
            ) from None
        return checked.ascii_email or checked.normalized


class NoteField(forms.CharField):
    def to_python(self, value):
        if isinstance(value, str) and _forbidden_character(value, allow_newlines=True):
            raise ValidationError(_("Please use plain text only."), code="control")
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")

    def validate(self, value) -> None:
        super().validate(value)
        _check_no_links(value)


class RecommendForm(forms.Form):
    sender_name = NameField(label=gettext_lazy("Your name"))
    sender_email = AddressField(label=gettext_lazy("Your e-mail"))
    friend_name = NameField(label=gettext_lazy("Friend's name"))
    friend_email = AddressField(label=gettext_lazy("Friend's e-mail"))
    note = NoteField(
        label=gettext_lazy("A short note (optional)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # The honeypot: hidden from people by CSS (class "recommend__trap"), filled by bots.
    homepage = forms.CharField(
        required=False,
        label=gettext_lazy("Leave this field empty"),
        widget=forms.TextInput(
            attrs={"tabindex": "-1", "autocomplete": "off", "aria-hidden": "true"}
        ),
    )
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, data=None, *, article: Article) -> None:
        self.article = article
        super().__init__(
            data, initial={"token": page_form_token(article.pk)}, auto_id="recommend-%s"
        )
        self.token_rejection: str | None = None
        autocomplete = {
            "sender_name": "name",
            "sender_email": "email",
            "friend_name": "off",
            "friend_email": "off",
        }
        for name, value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value

    @property
    def is_bot(self) -> bool:
        """The honeypot was filled: answer as if all went well, send nothing."""
        return bool(self.data.get("homepage"))

    def clean_token(self) -> str:
        token = self.cleaned_data.get("token") or ""
        try:
            check_form_token(token, self.article.pk)
        except TokenRejected as rejected:
            self.token_rejection = rejected.reason
            raise ValidationError(TOKEN_ERRORS[rejected.reason], code=rejected.reason) from None
        return token

    def renew_token(self) -> None:
        """A form shown again (with errors) needs a fresh token, or a "too old" rejection
        would repeat for ever on a page that sat open for two hours."""
        if self.is_bound:
            fresh = QueryDict(mutable=True)
            if isinstance(self.data, QueryDict):
                fresh = self.data.copy()
            else:
                fresh.update(self.data)
            fresh["token"] = issue_form_token(self.article.pk)
            self.data = fresh
