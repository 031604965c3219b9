from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("plenary.forums.urls")),
    path("", include("plenary.meetings.urls")),
    path("", include("plenary.documents.urls")),
    path("", include("plenary.people.urls")),
]
