from django.urls import path

from alke.accounts import views

app_name = "accounts"
urlpatterns = [
    path("kirjaudu/", views.LoginView.as_view(), name="login"),
    path("ulos/", views.LogoutView.as_view(), name="logout"),
    path("profiili/", views.profile, name="profile"),
]
