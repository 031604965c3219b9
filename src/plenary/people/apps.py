from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "plenary.people"
    label = "people"
    verbose_name = "People, posts and organizations"
