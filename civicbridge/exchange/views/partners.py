"""Needs and offers, partner suggestions, partnership requests and partnerships.

Views are thin: reads from selectors.partners and matching, writes through services.listings and
services.partnerships, permissions by the same rules as the API.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views import View

from civicbridge.accounts.rules import is_admin, organisations_edited_by
from civicbridge.core.pagination import page_of
from civicbridge.core.permissions import require
from civicbridge.core.workflow import actions_for
from civicbridge.registry.models import Organisation

from ..choices import ListingStatus, RequestStatus
from ..forms import edited_organisations
from ..forms.partners import AnswerForm, ListingFilterForm, ListingForm, PartnershipForm, RequestForm, SuggestionForm
from ..matching import suggest_partners
from ..models import Listing, PartnershipRequest
from ..selectors import partners as selectors
from ..services import listings as listing_services
from ..services import partnerships as services

# --- needs and offers -------------------------------------------------------------------------------------------------


class ListingListView(View):
    """Open needs and offers, with filters and pages."""

    def get(self, request: HttpRequest) -> HttpResponse:
        form = ListingFilterForm(request.GET or None)
        page = page_of(request, selectors.public_listings(form.filters() if form.is_bound else {}))
        context = {"filter_form": form, "page_obj": page, "can_post": bool(organisations_edited_by(request.user))}
        return render(request, "exchange/partners/listing_list.html", context)


class ListingDetailView(View):
    """One need or offer: its text, themes, places, languages; its actions for editors; a proposal button for others."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        listing = get_object_or_404(selectors.visible_listings(request.user), pk=pk)
        user = request.user
        proposer = edited_organisations(user).exclude(pk=listing.organisation_id).first()
        context = {
            "listing": listing,
            "can_edit": user.has_perm("exchange.change_listing", listing),
            "actions": actions_for(listing, user),
            "can_propose": listing.status == ListingStatus.OPEN and proposer is not None,
            "proposer": proposer,
        }
        return render(request, "exchange/partners/listing_detail.html", context)


class ListingCreateView(LoginRequiredMixin, View):
    """Post a need or an offer for one of the user's organisations."""

    template_name = "exchange/partners/listing_form.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = ListingForm(organisations=edited_organisations(request.user))
        return render(request, self.template_name, {"form": form})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ListingForm(request.POST, organisations=edited_organisations(request.user))
        if form.is_valid():
            try:
                listing = listing_services.listing_create(actor=request.user, **form.service_kwargs())
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("Your need or offer is published."))
                return redirect(listing)
        return render(request, self.template_name, {"form": form})


class ListingEditView(LoginRequiredMixin, View):
    """Change a need or an offer (its organisation's editors)."""

    template_name = "exchange/partners/listing_form.html"

    def listing(self, request: HttpRequest, pk: int) -> Listing:
        listing = get_object_or_404(Listing.objects.prefetch_related("themes", "countries", "regions"), pk=pk)
        require(request.user, "exchange.change_listing", listing)
        return listing

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        listing = self.listing(request, pk)
        return render(request, self.template_name, {"form": ListingForm(instance=listing), "listing": listing})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        listing = self.listing(request, pk)
        form = ListingForm(request.POST, instance=listing)
        if form.is_valid():
            try:
                listing_services.listing_update(actor=request.user, listing=listing, **form.service_kwargs())
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect(listing)
        return render(request, self.template_name, {"form": form, "listing": listing})


LISTING_ACTIONS = {"close": listing_services.listing_close, "reopen": listing_services.listing_reopen}


class ListingActionView(LoginRequiredMixin, View):
    """Close or reopen a need or an offer (POST)."""

    def post(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        listing = get_object_or_404(Listing, pk=pk)
        if action not in LISTING_ACTIONS:
            raise Http404
        try:
            LISTING_ACTIONS[action](actor=request.user, listing=listing)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Done."))
        return redirect(listing)


# --- partner suggestions ----------------------------------------------------------------------------------------------


class PartnersView(LoginRequiredMixin, View):
    """ "Find partners": the organisation's best partner suggestions, each with its reasons (its editors)."""

    def get(self, request: HttpRequest, org_pk: int) -> HttpResponse:
        organisation = get_object_or_404(Organisation, pk=org_pk)
        require(request.user, "exchange.view_suggestions", organisation)
        listings = Listing.objects.filter(selectors.open_q(), organisation=organisation).order_by("-id")
        form = SuggestionForm(request.GET or None, listings=listings)
        listing = form.cleaned_data["listing"] if form.is_bound and form.is_valid() else None
        context = {
            "organisation": organisation,
            "form": form,
            "suggestions": suggest_partners(organisation=organisation, listing=listing, limit=20),
            "listing": listing,
            "has_listings": listings.exists(),
        }
        return render(request, "exchange/partners/partners.html", context)


# --- partnership requests ---------------------------------------------------------------------------------------------


class RequestCreateView(LoginRequiredMixin, View):
    """Propose to an organisation to work together. htmx loads the form in place under a suggestion."""

    def setup_form(self, request: HttpRequest, org_pk: int, data=None) -> tuple[Organisation, RequestForm]:
        target = get_object_or_404(Organisation, pk=org_pk)
        mine = edited_organisations(request.user).exclude(pk=target.pk)
        listings = Listing.objects.filter(organisation_id__in=[target.pk, *mine.values_list("pk", flat=True)])
        initial = {"from_organisation": request.GET.get("from"), "listing": request.GET.get("listing")}
        form = RequestForm(data, organisations=mine, listings=listings, initial=initial)
        return target, form

    def render_form(self, request: HttpRequest, target: Organisation, form: RequestForm, status: int = 200):
        template = "exchange/partners/_request_form.html" if request.htmx else "exchange/partners/request_form.html"
        return render(request, template, {"target": target, "form": form}, status=status)

    def get(self, request: HttpRequest, org_pk: int) -> HttpResponse:
        target, form = self.setup_form(request, org_pk)
        return self.render_form(request, target, form)

    def post(self, request: HttpRequest, org_pk: int) -> HttpResponse:
        target, form = self.setup_form(request, org_pk, request.POST)
        if form.is_valid():
            try:
                services.request_send(
                    actor=request.user,
                    from_organisation=form.cleaned_data["from_organisation"],
                    to_organisation=target,
                    message=form.cleaned_data["message"],
                    listing=form.cleaned_data["listing"],
                )
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                if request.htmx:
                    return render(request, "exchange/partners/_request_sent.html", {"target": target})
                messages.success(request, _("Your request was sent to %(name)s.") % {"name": target})
                return redirect("exchange:requests")
        return self.render_form(request, target, form, status=200 if request.htmx else 400)


class RequestsView(LoginRequiredMixin, View):
    """Requests received and sent by the organisations the user acts for."""

    def get(self, request: HttpRequest) -> HttpResponse:
        box = "sent" if request.GET.get("box") == "sent" else "received"
        queryset = selectors.requests_sent(request.user) if box == "sent" else selectors.requests_received(request.user)
        context = {
            "box": box,
            "page_obj": page_of(request, queryset),
            "answer_form": AnswerForm(),
            "editor": bool(organisations_edited_by(request.user)),
        }
        return render(request, "exchange/partners/requests.html", context)


REQUEST_ACTIONS = {
    "accept": services.request_accept,
    "decline": services.request_decline,
    "withdraw": services.request_withdraw,
}


class RequestActionView(LoginRequiredMixin, View):
    """Accept, decline (with an optional reply) or withdraw a request (POST)."""

    def post(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        if action not in REQUEST_ACTIONS:
            raise Http404
        partnership_request = get_object_or_404(selectors.visible_requests(request.user), pk=pk)
        form = AnswerForm(request.POST)
        reply = form.cleaned_data["reply"] if form.is_valid() else ""
        kwargs = {} if action == "withdraw" else {"reply": reply}
        try:
            REQUEST_ACTIONS[action](actor=request.user, request=partnership_request, **kwargs)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Done."))
            if action == "accept":
                messages.info(request, _("Record the partnership when you sign a memorandum."))
        return redirect(reverse("exchange:requests") + ("?box=sent" if action == "withdraw" else ""))


# --- partnerships -----------------------------------------------------------------------------------------------------


class PartnershipCreateView(LoginRequiredMixin, View):
    """Record a memorandum: from an accepted request (?request=<id>) or directly."""

    template_name = "exchange/partners/partnership_form.html"

    def source_request(self, request: HttpRequest) -> PartnershipRequest | None:
        pk = request.GET.get("request") or request.POST.get("request")
        if not pk or not str(pk).isdigit():
            return None
        return get_object_or_404(selectors.visible_requests(request.user).filter(status=RequestStatus.ACCEPTED), pk=pk)

    def form(self, request: HttpRequest, source: PartnershipRequest | None, data=None, files=None) -> PartnershipForm:
        initial = {}
        mine = edited_organisations(request.user)
        if source is not None:
            own = source.to_organisation if source.to_organisation_id in organisations_edited_by(request.user) else None
            own = own or source.from_organisation
            other = source.from_organisation if own.pk == source.to_organisation_id else source.to_organisation
            initial = {"organisation": own.pk, "partners": str(other.pk)}
        elif request.GET.get("with", "").isdigit():
            initial = {"partners": request.GET["with"]}
        return PartnershipForm(data, files, organisations=mine, initial=initial)

    def get(self, request: HttpRequest) -> HttpResponse:
        source = self.source_request(request)
        return render(request, self.template_name, {"form": self.form(request, source), "source": source})

    def post(self, request: HttpRequest) -> HttpResponse:
        source = self.source_request(request)
        form = self.form(request, source, request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                partnership = services.partnership_record(
                    actor=request.user,
                    parties=[data["organisation"], *data["partners"]],
                    title=data["title"],
                    signed_on=data["signed_on"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    themes=list(data["themes"]),
                    description=data["description"],
                    document=data["document"],
                    request=source,
                )
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("The partnership is recorded."))
                return redirect(partnership)
        return render(request, self.template_name, {"form": form, "source": source})


class PartnershipDetailView(View):
    """A partnership: its parties, dates, themes, what was agreed and the memorandum (public)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        partnership = get_object_or_404(selectors.partnerships(), pk=pk)
        can_download = partnership.document_id is not None and request.user.has_perm(
            "exchange.view_partnership", partnership
        )
        context = {"partnership": partnership, "can_download": can_download, "is_admin": is_admin(request.user)}
        return render(request, "exchange/partners/partnership_detail.html", context)


class OrganisationPartnershipsView(View):
    """The partnerships one organisation is a party to (public)."""

    def get(self, request: HttpRequest, org_pk: int) -> HttpResponse:
        organisation = get_object_or_404(Organisation, pk=org_pk)
        page = page_of(request, selectors.organisation_partnerships(organisation))
        can_record = request.user.has_perm("exchange.add_partnership", organisation)
        context = {"organisation": organisation, "page_obj": page, "can_record": can_record}
        return render(request, "exchange/partners/organisation_partnerships.html", context)


urls = [
    path("listings/", ListingListView.as_view(), name="listing-list"),
    path("listings/new/", ListingCreateView.as_view(), name="listing-create"),
    path("listings/<int:pk>/", ListingDetailView.as_view(), name="listing"),
    path("listings/<int:pk>/edit/", ListingEditView.as_view(), name="listing-edit"),
    path("listings/<int:pk>/<slug:action>/", ListingActionView.as_view(), name="listing-action"),
    path("organisations/<int:org_pk>/partners/", PartnersView.as_view(), name="partners"),
    path("organisations/<int:org_pk>/propose/", RequestCreateView.as_view(), name="request-create"),
    path(
        "organisations/<int:org_pk>/partnerships/",
        OrganisationPartnershipsView.as_view(),
        name="organisation-partnerships",
    ),
    path("requests/", RequestsView.as_view(), name="requests"),
    path("requests/<int:pk>/<slug:action>/", RequestActionView.as_view(), name="request-action"),
    path("partnerships/new/", PartnershipCreateView.as_view(), name="partnership-create"),
    path("partnerships/<int:pk>/", PartnershipDetailView.as_view(), name="partnership"),
]
