from django.urls import path

from plenary.people import views

app_name = "people"
urlpatterns = [
    path("people/", views.people, name="list"),
    path("people/<slug:slug>/", views.person, name="person"),
]
