from django.urls import path

from alke.agenda import views

app_name = "agenda"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/ehdotukset/", views.proposal_list, name="proposals"),
    path("<int:year>/ehdotukset/uusi/", views.proposal_create, name="proposal_create"),
    path("ehdotukset/<int:pk>/", views.proposal_detail, name="proposal"),
    path("ehdotukset/<int:pk>/muokkaa/", views.proposal_edit, name="proposal_edit"),
    path("ehdotukset/<int:pk>/jata/", views.proposal_submit, name="proposal_submit"),
    path("ehdotukset/<int:pk>/paatos/", views.proposal_decide, name="proposal_decide"),
    path("ehdotukset/<int:pk>/kommentti/", views.proposal_comment, name="proposal_comment"),
    path("<int:year>/nostot/", views.issue_list, name="issues"),
    path("<int:year>/nostot/uusi/", views.issue_create, name="issue_create"),
    path("nostot/<int:pk>/", views.issue_detail, name="issue"),
    path("nostot/<int:pk>/muokkaa/", views.issue_edit, name="issue_edit"),
    path("<int:year>/synergia/", views.synergy, name="synergy"),
    path("<int:year>/synergia/analysoi/", views.synergy_analyse, name="synergy_analyse"),
    path("synergia/<int:pk>/paatos/", views.synergy_decide, name="synergy_decide"),
    path("<int:year>/agendat/", views.agenda_list, name="agendas"),
    path("<int:year>/agendat/valmistele/", views.agendas_prepare, name="agendas_prepare"),
    path("<int:year>/maakunta/<str:code>/", views.region_agenda, name="region_agenda"),
    path("agendat/<int:pk>/", views.agenda_detail, name="agenda"),
    path("agendat/<int:pk>/kohta/", views.item_add, name="item_add"),
    path("agendat/<int:pk>/lisaa/", views.item_add_from, name="item_add_from"),
    path("agendat/<int:pk>/tila/", views.agenda_status, name="agenda_status"),
    path("agendat/<int:pk>/kesto/", views.agenda_minutes, name="agenda_minutes"),
    path("agendat/<int:pk>/kommentti/", views.agenda_comment, name="agenda_comment"),
    path("agendat/<int:pk>/<str:lang>.<str:fmt>", views.agenda_export, name="agenda_export"),
    path("kohdat/<int:pk>/muokkaa/", views.item_edit, name="item_edit"),
    path("kohdat/<int:pk>/siirra/", views.item_move, name="item_move"),
    path("kohdat/<int:pk>/poista/", views.item_remove, name="item_remove"),
    path("ehdokkaat/<int:pk>/paatos/", views.candidate_decide, name="candidate_decide"),
]
