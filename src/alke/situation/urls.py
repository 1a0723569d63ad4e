from django.urls import path

from alke.situation import views

app_name = "situation"
urlpatterns = [
    path("", views.index, name="index"),
    path("indikaattorit/<slug:code>/", views.indicator, name="indicator"),
    path("indikaattorit/<slug:code>/data.<str:fmt_name>", views.indicator_export, name="indicator_export"),
    path("maakunnat/<str:code>/tilannekuva.<str:fmt_name>", views.region_export, name="region_export"),
    path("maakunnat/<str:code>/analyysi/", views.analysis_edit, name="analysis_edit"),
    path("aineistot/", views.datasets, name="datasets"),
    path("aineistot/tuo/", views.dataset_import, name="import"),
    path("aineistot/tuo/<uuid:token>/", views.dataset_import_confirm, name="import_confirm"),
    path("aineistot/<slug:code>/", views.dataset, name="dataset"),
    path("kartta/maakunnat.geojson", views.geojson, name="geojson"),
    path("js/vega-interpreter.js", views.interpreter, name="interpreter"),
]
