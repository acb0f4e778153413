"""Recommend news to friend, seen from the newsroom: the audit log and the suppression list.

Both are read-only records of what readers did. The suppression list holds hashes, not
addresses; searching it with an address hashes the search term, so an editor can answer
"has jane@example.org opted out?" without the list ever storing her address.
"""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from dateline.distribution.models import RecommendationAttempt, SuppressedRecipient
from dateline.limits.throttle import fingerprint


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(RecommendationAttempt)
class RecommendationAttemptAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "article", "outcome", "sender", "recipient", "ip_hash", "detail"]
    list_filter = ["outcome", "created_at"]
    list_select_related = ["article"]
    search_fields = ["sender", "recipient", "ip_hash", "article__headline"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in RecommendationAttempt._meta.fields]

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # rows leave by the retention purge only, so the log stays honest


@admin.register(SuppressedRecipient)
class SuppressedRecipientAdmin(ReadOnlyAdmin):
    list_display = ["address_hash", "created_at"]
    search_fields = ["address_hash"]
    search_help_text = _("Search by e-mail address: it is hashed the same way before searching.")
    readonly_fields = ["address_hash", "created_at"]

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        term = search_term.strip()
        if "@" in term:
            return queryset.filter(address_hash=fingerprint(term)), False
        return super().get_search_results(request, queryset, search_term)
