from django.urls import path

from alke.search import views

app_name = "search"
urlpatterns = [
    path("", views.index, name="index"),
    path("avoin-data/", views.open_data, name="open_data"),
]
