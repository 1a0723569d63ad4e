from django.urls import path

from alke.rounds import views

app_name = "rounds"

urlpatterns = [
    path("", views.round_list, name="index"),
    path("uusi/", views.round_create, name="create"),
    path("ilmoitukset/", views.notifications, name="notifications"),
    path("<int:year>/", views.round_detail, name="detail"),
    path("<int:year>/vaihe/", views.round_move, name="move"),
    path("<int:year>/aikataulu/", views.round_plan, name="plan"),
]
