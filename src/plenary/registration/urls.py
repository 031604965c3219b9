from django.urls import path

from plenary.registration import views

app_name = "registration"

_meeting = "forums/<slug:forum>/<int:number>/meetings/<int:pk>/registration/"
_state = f"{_meeting}states/<slug:code>/"
urlpatterns = [
    path("forums/<slug:forum>/registration/", views.calls, name="calls"),
    path(_meeting, views.meeting, name="meeting"),
    path(f"{_meeting}open/", views.call_open, name="open"),
    path(f"{_meeting}expert/", views.expert, name="expert"),
    path(f"{_meeting}expert/cancel/", views.expert_cancel, name="expert_cancel"),
    path(_state, views.state_registration, name="delegation"),
    path(f"{_state}letter/", views.letter, name="letter"),
    path(f"{_state}letter/file/", views.letter_file, name="letter_file"),
    path(f"{_state}submit/", views.submit, name="submit"),
    path(f"{_state}accept/", views.accept, name="accept"),
    path(f"{_state}return/", views.return_, name="return"),
]
