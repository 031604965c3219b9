from django.urls import path

from plenary.minutes import views

app_name = "minutes"

# Every address under minutes answers 404 to whoever may not see them.
_meeting = "forums/<slug:forum>/<int:number>/meetings/<int:pk>/minutes/"
_minutes = f"{_meeting}<int:minutes_pk>/"
urlpatterns = [
    path(_meeting, views.minutes_list, name="list"),
    path(f"{_meeting}new/", views.minutes_new, name="new"),
    path(_minutes, views.minutes_detail, name="minutes"),
    path(f"{_minutes}revisions/", views.revisions, name="revisions"),
    path(f"{_minutes}compare/", views.compare, name="compare"),
    path(f"{_minutes}revise/", views.minutes_revise, name="revise"),
    path(f"{_minutes}circulate/", views.minutes_circulate, name="circulate"),
    path(f"{_minutes}comments/", views.minutes_comment, name="comment"),
    path(f"{_minutes}approve/", views.minutes_approve, name="approve"),
]
