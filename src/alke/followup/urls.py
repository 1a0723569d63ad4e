from django.urls import path

from alke.followup import views

app_name = "followup"
urlpatterns = [
    path("", views.index, name="index"),
    path("julkinen/<int:year>/", views.public_round, name="public_round"),
    path("kierros/<int:year>/", views.round_followup, name="round"),
    path("kierros/<int:year>/siirto/", views.carry_over, name="carry_over"),
    path("johtopaatos/<int:pk>/", views.conclusion, name="conclusion"),
    path("johtopaatos/<int:pk>/tiedot/", views.conclusion_details, name="conclusion_details"),
    path("paivita/", views.table, name="table"),
    path("tuonti/", views.import_updates, name="import"),
    path("tuonti/pohja.<str:fmt>", views.import_template, name="import_template"),
    path("raportti/", views.report, name="report"),
    path("raportti/aune.<str:fmt>", views.report_export, name="report_export"),
    path("palaute/", views.surveys, name="surveys"),
    path("palaute/<int:year>/", views.survey_results, name="survey_results"),
    path("palaute/<int:year>/vastaa/", views.survey_answer, name="survey_answer"),
    path("palaute/<int:year>/avaa/", views.survey_open, name="survey_open"),
    path("palaute/<int:year>/sulje/", views.survey_close, name="survey_close"),
    path("kehittaminen/", views.improvements, name="improvements"),
    path("kehittaminen/<int:pk>/", views.improvement_edit, name="improvement_edit"),
]
