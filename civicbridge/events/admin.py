from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from . import models as m


class OrganiserInline(admin.TabularInline):
    model = m.EventOrganiser
    extra = 0
    raw_id_fields = ("organisation",)


class QuestionInline(TranslationTabularInline):
    model = m.RegistrationQuestion
    extra = 0


@admin.register(m.Event)
class EventAdmin(TranslationAdmin):
    list_display = ("title", "kind", "status", "starts_at", "country", "region", "capacity")
    list_filter = ("kind", "status", "country")
    search_fields = ("title", "series")
    raw_id_fields = ("country", "region", "created_by")
    readonly_fields = ("status",)  # status changes go through the workflow
    filter_horizontal = ("themes",)
    date_hierarchy = "starts_at"
    inlines = [OrganiserInline, QuestionInline]


class SpeakerInline(admin.TabularInline):
    model = m.Speaker
    extra = 0
    raw_id_fields = ("person", "position")


@admin.register(m.Session)
class SessionAdmin(TranslationAdmin):
    list_display = ("title", "event", "starts_at", "room")
    raw_id_fields = ("event",)
    inlines = [SpeakerInline]


class AnswerInline(admin.TabularInline):
    model = m.Answer
    extra = 0
    readonly_fields = ("question", "value")


@admin.register(m.Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("name", "email", "event", "status", "created_at", "checked_in_at")
    list_filter = ("status",)
    search_fields = ("name", "email", "event__title")
    raw_id_fields = ("event", "user", "organisation")
    readonly_fields = ("status", "checkin_code", "created_at", "reminded_at")
    exclude = ()
    inlines = [AnswerInline]


# --- Delegations and outcomes ---


class DelegationMemberInline(admin.TabularInline):
    model = m.DelegationMember
    extra = 0
    raw_id_fields = ("person", "organisation")


class DelegationVisitInline(TranslationTabularInline):
    model = m.DelegationVisit
    extra = 0
    raw_id_fields = ("organisation",)


@admin.register(m.Delegation)
class DelegationAdmin(TranslationAdmin):
    list_display = ("event", "created_at")
    raw_id_fields = ("event", "hosts", "visitors")
    inlines = [DelegationMemberInline, DelegationVisitInline]


@admin.register(m.Outcome)
class OutcomeAdmin(TranslationAdmin):
    list_display = ("event", "attendance", "published_at")
    raw_id_fields = ("event", "organisations_present", "created_by")


@admin.register(m.Commitment)
class CommitmentAdmin(TranslationAdmin):
    list_display = ("__str__", "event", "kind", "responsible", "due_on", "status")
    list_filter = ("kind", "status")
    raw_id_fields = ("event", "responsible", "created_by")
    readonly_fields = ("status", "done_on")  # status changes go through the workflow (services.outcomes)
