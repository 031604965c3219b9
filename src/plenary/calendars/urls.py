"""Each feed's address is its page's address with ``calendar.ics`` after it."""

from django.urls import path

from plenary.calendars import views

app_name = "calendars"
urlpatterns = [
    path("forums/<slug:forum>/calendar.ics", views.forum, name="forum"),
    path("forums/<slug:forum>/<int:number>/calendar.ics", views.edition, name="edition"),
    path(
        "forums/<slug:forum>/<int:number>/meetings/<int:pk>/calendar.ics",
        views.meeting,
        name="meeting",
    ),
    path("people/<slug:slug>/calendar.ics", views.person, name="person"),
]
