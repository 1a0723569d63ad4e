from django.urls import path

from alke.agreements import views

app_name = "agreements"
urlpatterns = [
    path("", views.index, name="index"),
    path("julkiset/", views.public_list, name="public_list"),
    path("julkiset/<int:pk>/", views.public_document, name="public_document"),
    path("julkiset/<int:pk>/<str:fmt>/", views.public_export, name="public_export"),
    path("kierros/<int:year>/", views.round_detail, name="round"),
    path("kierros/<int:year>/<str:code>/", views.region_conclusions, name="conclusions"),
    path("kierros/<int:year>/<str:code>/uusi-asiakirja/", views.document_create, name="document_create"),
    path("kierros/<int:year>/<str:code>/muistio/", views.region_minutes, name="minutes"),
    path("johtopaatos/<int:pk>/", views.conclusion_edit, name="conclusion_edit"),
    path("johtopaatos/<int:pk>/poista/", views.conclusion_delete, name="conclusion_delete"),
    path(
        "johtopaatos/<int:pk>/indikaattori/", views.conclusion_indicator_add, name="conclusion_indicator_add"
    ),
    path(
        "indikaattorilinkki/<int:pk>/poista/",
        views.conclusion_indicator_remove,
        name="conclusion_indicator_remove",
    ),
    path("asiakirja/<int:pk>/", views.document_detail, name="document"),
    path("asiakirja/<int:pk>/muokkaa/", views.document_edit, name="document_edit"),
    path("asiakirja/<int:pk>/hyvaksy/", views.document_approve, name="document_approve"),
    path("asiakirja/<int:pk>/kommentoi/", views.document_comment, name="document_comment"),
    path("asiakirja/<int:pk>/avaa/", views.document_reopen, name="document_reopen"),
    path("asiakirja/<int:pk>/julkaise/", views.document_publish, name="document_publish"),
    path("asiakirja/<int:pk>/vertaa/", views.document_compare, name="document_compare"),
    path("asiakirja/<int:pk>/<str:fmt>/", views.document_export, name="document_export"),
    path("tyolista/", views.worklist, name="worklist"),
    path("tyolista/xlsx/", views.worklist_export, name="worklist_export"),
]
