from django.apps import AppConfig


class WorkplansConfig(AppConfig):
    name = "plenary.workplans"
    label = "workplans"
    verbose_name = "Work plans and commitments"
