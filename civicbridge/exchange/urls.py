"""Routes of the exchange under /exchange/: each views module lists its own."""

from .views import partners, practices

app_name = "exchange"

urlpatterns = [*practices.urls, *partners.urls]
