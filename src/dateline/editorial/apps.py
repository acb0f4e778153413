from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """How a story gets made: desks, revisions, internal notes, shared drafts and the audit log.

    The records of the editorial process live here; the story itself and the only code that
    changes its publication state stay in :mod:`dateline.news`.
    """

    name = "dateline.editorial"
    label = "editorial"
    verbose_name = _("Editorial process")
