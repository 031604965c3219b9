from django.apps import AppConfig


class RegistrationConfig(AppConfig):
    name = "plenary.registration"
    label = "registration"
    verbose_name = "Registration and accreditation"
