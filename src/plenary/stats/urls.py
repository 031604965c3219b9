from django.urls import path

from plenary.stats import views

app_name = "stats"
urlpatterns = [
    path("forums/<slug:forum>/glance/", views.glance, name="glance"),
    path("forums/<slug:forum>/glance/<slug:chart>.csv", views.glance_csv, name="glance_csv"),
    path("forums/<slug:forum>/exports/<slug:what>.<slug:fmt>", views.export, name="export"),
]
