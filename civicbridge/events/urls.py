"""Routes of events under /events/: each views module lists its own."""

from .views import checkin, delegations, events, outcomes, registration

app_name = "events"

urlpatterns = [*events.urls, *registration.urls, *checkin.urls, *delegations.urls, *outcomes.urls]
