"""Mounted under the cooperation documents' prefix (/asiakirjat/), where the funding pages have always been."""

from django.urls import path

from alke.funding import views

app_name = "funding"
urlpatterns = [
    path("rahoitus/<int:year>/", views.funding_round, name="round"),
    path("rahoitus/<int:year>/xlsx/", views.funding_export, name="export"),
    path("rahoitus/<int:year>/<str:code>/", views.funding_region, name="region"),
    path("kokonaisuus/<int:pk>/", views.entity_detail, name="entity"),
]
