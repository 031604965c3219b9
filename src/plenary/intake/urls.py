from django.urls import path

from plenary.intake import views

app_name = "intake"
urlpatterns = [
    path("intake/", views.reports, name="reports"),
    path("intake/new/", views.report_new, name="report_new"),
    path("intake/<int:pk>/", views.report, name="report"),
    path(
        "intake/<int:pk>/facts/<int:fact_pk>/decide/",
        views.fact_decide,
        name="fact_decide",
    ),
    path("intake/<int:pk>/discard/", views.report_discard, name="report_discard"),
    path("intake/<int:pk>/write/", views.report_write, name="report_write"),
]
