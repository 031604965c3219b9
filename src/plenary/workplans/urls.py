from django.urls import path

from plenary.workplans import views

app_name = "workplans"

_forum = "forums/<slug:forum>/"
urlpatterns = [
    path(f"{_forum}work-plans/", views.plans, name="plans"),
    path(f"{_forum}work-plans/<int:year>/", views.plan, name="plan"),
    path(
        f"{_forum}work-plans/<int:year>/items/<int:pk>/report/",
        views.item_report,
        name="item_report",
    ),
    path(f"{_forum}commitments/", views.commitments, name="commitments"),
    path(
        f"{_forum}documents/<int:pk>/commitments/new/",
        views.commitment_new,
        name="commitment_new",
    ),
    path(
        f"{_forum}commitments/<int:pk>/assess/",
        views.commitment_assess,
        name="commitment_assess",
    ),
]
