from django.urls import path

from plenary.meetings import participants_views as views

app_name = "participants"

MEETING = "forums/<slug:forum>/<int:number>/meetings/<int:pk>/"

urlpatterns = [
    path(f"{MEETING}participants/", views.participant_list, name="list"),
    path(f"{MEETING}participants.pdf", views.participant_list_pdf, name="pdf"),
    path(f"{MEETING}participants.docx", views.participant_list_docx, name="docx"),
    path(f"{MEETING}badges.pdf", views.badges_pdf, name="badges"),
]
