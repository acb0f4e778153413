from django.urls import path

from dateline.analytics import views

app_name = "analytics"
urlpatterns = [
    path("view/<int:article_id>/", views.view_beacon, name="view-beacon"),
]
