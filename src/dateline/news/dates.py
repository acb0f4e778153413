"""Month names as they stand inside a date, for the ``E`` of Django's date format.

Editions write datelines as ``d E Y [H:i]``: ``05 March 2014 [09:30]``, ``05 mart 2014 [09:30]``,
``05 марта 2014 [09:30]``. ``E`` is the month "in the locale's alternative representation" —
Russian's genitive. Django's own catalogs have these; ours are listed here so that ours win
(LOCALE_PATHS come first) and Azerbaijani gets its lower-case month names inside a date,
which Django's catalog capitalises.
"""

from django.utils.translation import pgettext_lazy

DATE_MONTHS = (
    # Translators: a month inside a date ("05 March 2014"): Russian genitive ("марта"),
    # Azerbaijani in lower case ("mart").
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)
