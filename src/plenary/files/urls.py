from django.urls import path

from plenary.files import views

app_name = "files"

_meeting = "forums/<slug:forum>/<int:number>/meetings/<int:pk>/files/"
_file = f"{_meeting}<int:file_pk>/"
urlpatterns = [
    path(_meeting, views.files, name="files"),
    path(f"{_meeting}upload/", views.upload, name="upload"),
    path(_file, views.file, name="file"),
    path(f"{_file}upload/", views.upload_version, name="upload_version"),
    path(f"{_file}access/", views.access, name="access"),
    path(f"{_file}download", views.download, name="download"),
    path(f"{_file}v/<int:version>/download", views.download_version, name="download_version"),
]
