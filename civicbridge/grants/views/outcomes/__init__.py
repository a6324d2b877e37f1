"""Pages of state support: outcomes — decisions, public results and open data, the call's dashboard, agreements
and reports.

Views are thin: reads come from `selectors.results`/`selectors.dashboard`, writes go through `services.decisions`/
`services.agreements`, and the permissions are the rules the services and the API ask.
"""

from __future__ import annotations

from django.urls import path

from .agreements import (
    AgreementCloseView,
    AgreementCreateView,
    AgreementDetailView,
    InstalmentPaidView,
    MyAgreementsView,
)
from .decisions import CallDashboardView, CallPublishResultsView, DecisionRecordView
from .reports import ReportDetailView, ReportEditView
from .results import CallResultsView, ResultsExportView, ResultsView

urls = [
    path("applications/<int:pk>/decision/", DecisionRecordView.as_view(), name="decision-record"),
    path("applications/<int:pk>/agreement/", AgreementCreateView.as_view(), name="agreement-create"),
    path("results/", ResultsView.as_view(), name="results"),
    path("results/export/<str:fmt>/", ResultsExportView.as_view(), name="results-export"),
    path("calls/<slug:code>/results/", CallResultsView.as_view(), name="call-results"),
    path("calls/<slug:code>/results/publish/", CallPublishResultsView.as_view(), name="call-publish-results"),
    path("calls/<slug:code>/dashboard/", CallDashboardView.as_view(), name="call-dashboard"),
    path("agreements/", MyAgreementsView.as_view(), name="my-agreements"),
    path("agreements/<int:pk>/", AgreementDetailView.as_view(), name="agreement-detail"),
    path("agreements/<int:pk>/close/", AgreementCloseView.as_view(), name="agreement-close"),
    path("instalments/<int:pk>/paid/", InstalmentPaidView.as_view(), name="instalment-paid"),
    path("reports/<int:pk>/", ReportDetailView.as_view(), name="report-detail"),
    path("reports/<int:pk>/edit/", ReportEditView.as_view(), name="report-edit"),
]
