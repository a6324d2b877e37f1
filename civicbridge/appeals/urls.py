"""Routes of citizens' issues under /appeals/: each views module lists its own."""

from .views import duplicates, intake, manage, moderation, overdue, reopen, stats, tracker

app_name = "appeals"

urlpatterns = [
    *tracker.urls,
    *stats.urls,
    *intake.urls,
    *manage.urls,
    *duplicates.urls,
    *moderation.urls,
    *overdue.urls,
    *reopen.urls,
]
