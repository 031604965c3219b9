from django.urls import path

from plenary.meetings import views

app_name = "meetings"
urlpatterns = [
    path("forums/<slug:forum>/<int:number>/meetings/<int:pk>/", views.meeting, name="meeting"),
    path("forums/<slug:forum>/<int:number>/programme/", views.programme, name="programme"),
]
