from django.urls import path

from plenary.documents import views

app_name = "documents"
urlpatterns = [
    path("forums/<slug:forum>/documents/", views.documents, name="list"),
    path("forums/<slug:forum>/documents/<int:pk>/", views.document, name="document"),
]
