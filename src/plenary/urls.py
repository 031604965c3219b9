from django.contrib import admin
from django.urls import include, path

from plenary.accounts.urls import auth_urlpatterns

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include(auth_urlpatterns)),
    path("accounts/", include("plenary.accounts.urls")),
    path("", include("plenary.forums.urls")),
    path("", include("plenary.meetings.urls")),
    path("", include("plenary.documents.urls")),
    path("", include("plenary.people.urls")),
    path("", include("plenary.workplans.urls")),
    path("", include("plenary.projects.urls")),
    path("", include("plenary.stats.urls")),
    path("", include("plenary.meetings.participants_urls")),
    path("", include("plenary.registration.urls")),
    path("", include("plenary.minutes.urls")),
    path("", include("plenary.files.urls")),
    path("", include("plenary.intake.urls")),
    path("", include("plenary.search.urls")),
    path("", include("plenary.calendars.urls")),
]
