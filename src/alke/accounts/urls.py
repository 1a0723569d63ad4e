from django.urls import path

from alke.accounts import membership_views, views

app_name = "accounts"
urlpatterns = [
    path("kirjaudu/", views.LoginView.as_view(), name="login"),
    path("ulos/", views.LogoutView.as_view(), name="logout"),
    path("profiili/", views.profile, name="profile"),
    path("jasenyys/", membership_views.request_membership, name="membership_request"),
    path("jasenyyspyynnot/", membership_views.membership_requests, name="membership_requests"),
    path("jasenyyspyynnot/<int:pk>/", membership_views.decide, name="membership_decide"),
]
