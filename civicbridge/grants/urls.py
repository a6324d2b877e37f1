"""Routes of state support under /grants/: each audience's views module lists its own."""

from .views import applicant, operator, outcomes, public, review

app_name = "grants"

urlpatterns = [*public.urls, *applicant.urls, *review.urls, *operator.urls, *outcomes.urls]
