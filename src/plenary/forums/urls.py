from django.urls import path

from plenary.forums import views

app_name = "forums"
urlpatterns = [
    path("", views.landing, name="landing"),
    path("forums/<slug:forum>/", views.forum, name="forum"),
    path("forums/<slug:forum>/<int:number>/", views.edition, name="edition"),
    path("states/", views.states, name="states"),
    path("states/<str:code>/", views.state, name="state"),
]
