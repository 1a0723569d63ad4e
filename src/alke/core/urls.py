from django.urls import path

from alke.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("saavutettavuus/", views.accessibility, name="accessibility"),
    path("history/<str:app_label>/<str:model_name>/<int:pk>/", views.history, name="history"),
]
