from django.urls import path

from alke.schedule import views

app_name = "schedule"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/", views.timetable_page, name="timetable"),
    path("<int:year>/asetukset/", views.settings_page, name="settings"),
    path("<int:year>/ratkaise/", views.solve, name="solve"),
    path("<int:year>/julkaise/", views.publish, name="publish"),
    path("<int:year>/keskustelut/uusi/", views.session_form, name="session_new"),
    path("<int:year>/keskustelut/<int:pk>/", views.session_detail, name="session"),
    path("<int:year>/keskustelut/<int:pk>/muokkaa/", views.session_form, name="session_edit"),
    path("<int:year>/keskustelut/<int:pk>/poista/", views.session_delete, name="session_delete"),
    path("<int:year>/keskustelut/<int:pk>/lukitus/", views.session_lock, name="session_lock"),
    path("<int:year>/keskustelut/<int:pk>.ics", views.session_ics, name="session_ics"),
    path("<int:year>/saatavuus/<str:party>/", views.availability, name="availability"),
    path("<int:year>/kalenteri/<str:party>.ics", views.party_feed, name="party_feed"),
]
