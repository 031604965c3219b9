from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "plenary.accounts"
    label = "accounts"
    verbose_name = "Accounts and roles"
