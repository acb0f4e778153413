"""The interface language of an edition: its ``language`` tag, when Dateline ships a catalog for
it, else ``LANGUAGE_CODE`` (``DATELINE_LANGUAGE``)."""

from django.conf import settings
from django.utils import translation


def supported(tag: str) -> str | None:
    """The shipped language for a BCP 47 tag: ``ru`` for ``ru-RU``, None for ``de``."""
    try:
        return translation.get_supported_language_variant(tag.lower())
    except LookupError:
        return None


def interface_language(tag: str) -> str:
    """The language to speak for an edition whose ``language`` is ``tag``."""
    return supported(tag) or settings.LANGUAGE_CODE


def activate_edition_language(tag: str) -> None:
    """Speak the edition's language for the rest of this request (or task)."""
    translation.activate(interface_language(tag))
