from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("newsroom/", admin.site.urls),
    path("", include("dateline.distribution.urls")),
    path("beacon/", include("dateline.analytics.urls")),
    path("", include("dateline.website.urls")),
]

handler404 = "dateline.website.views.errors.not_found"
handler500 = "dateline.website.views.errors.server_error"
handler400 = "dateline.website.views.errors.bad_request"
