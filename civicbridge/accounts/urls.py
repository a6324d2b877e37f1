from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("data/", views.personal_data, name="personal-data"),
    path("data/download/", views.personal_data_download, name="personal-data-download"),
    path("data/erase/", views.personal_data_erase, name="personal-data-erase"),
]

# Login and logout keep Django's global names ("login", "logout") so LOGIN_URL and templates stay standard.
auth_urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
