"""Where the newsroom lives, asked of the URL configuration rather than spelled out."""

from django.http import HttpRequest
from django.urls import reverse


def in_newsroom(request: HttpRequest) -> bool:
    return request.path.startswith(reverse("admin:index"))
