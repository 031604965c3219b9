from django.urls import path

from plenary.projects import views

app_name = "projects"
urlpatterns = [
    path("forums/<slug:forum>/projects/", views.projects, name="projects"),
    path("forums/<slug:forum>/projects/new/", views.project_new, name="project_new"),
    path("forums/<slug:forum>/projects/<int:pk>/", views.project, name="project"),
    path(
        "forums/<slug:forum>/projects/<int:pk>/decide/",
        views.project_decide,
        name="project_decide",
    ),
    path(
        "forums/<slug:forum>/projects/<int:pk>/report/",
        views.project_report,
        name="project_report",
    ),
]
