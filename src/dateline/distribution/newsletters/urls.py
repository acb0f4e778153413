"""Newsletter endpoints, included from ``distribution/urls.py`` (namespace ``distribution``)."""

from django.urls import path

from dateline.distribution.newsletters import views

urlpatterns = [
    path("newsletters/subscribe/", views.subscribe, name="newsletter-subscribe"),
    path("newsletters/confirm/<str:token>/", views.confirm, name="newsletter-confirm"),
    path("newsletters/preferences/<str:token>/", views.preferences,
         name="newsletter-preferences"),
    path("newsletters/unsubscribe/<str:token>/", views.unsubscribe,
         name="newsletter-unsubscribe"),
]  # fmt: skip
