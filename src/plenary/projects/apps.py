from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "plenary.projects"
    label = "projects"
    verbose_name = "Cooperation projects"
