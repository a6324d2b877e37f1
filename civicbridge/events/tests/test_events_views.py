"""Pages of events: the public list (filters, pages, query count), the event's page, creating and changing an event,
its programme and questions, and its workflow (publish, cancel with a reason, complete)."""

from __future__ import annotations

import datetime
import re
import zoneinfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from civicbridge.accounts.tests.factories import UserFactory
from civicbridge.events.choices import EventKind, EventStatus, SpeakerRole
from civicbridge.events.models import Event, Speaker
from civicbridge.events.services import events as services
from civicbridge.events.services import registration as registration_services
from civicbridge.registry.tests.factories import (
    CountryFactory,
    OrganisationFactory,
    PositionFactory,
    RegionFactory,
    RussianOrganisationFactory,
    ThemeFactory,
)

from .factories import EventFactory, PublishedEventFactory, QuestionFactory, SessionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_list_shows_published_upcoming_events_not_drafts_and_filters(client):
    theme = ThemeFactory()
    shown = PublishedEventFactory(title_ru="Форум", title_en="The forum", kind=EventKind.CONFERENCE)
    shown.themes.add(theme)
    EventFactory(title_en="A draft")
    PublishedEventFactory(
        title_en="Held long ago",
        starts_at=timezone.now() - datetime.timedelta(days=30),
        ends_at=timezone.now() - datetime.timedelta(days=30, hours=-2),
    )
    page = client.get(reverse("events:event-list")).content.decode()
    assert "The forum" in page and "A draft" not in page and "Held long ago" not in page
    past = client.get(reverse("events:event-list"), {"when": "past"}).content.decode()
    assert "Held long ago" in past and "The forum" not in past
    by_kind = client.get(reverse("events:event-list"), {"kind": "forum"}).content.decode()
    assert "The forum" not in by_kind
    by_theme = client.get(reverse("events:event-list"), {"theme": theme.code}).content.decode()
    assert "The forum" in by_theme


def test_list_query_count_does_not_grow_with_events(client, django_assert_max_num_queries):
    organisers = [OrganisationFactory(), RussianOrganisationFactory()]
    theme = ThemeFactory()
    for _ in range(25):
        event = PublishedEventFactory(organisers=organisers, region=RegionFactory())
        event.themes.add(theme)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("events:event-list"))
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.num_pages == 2


def test_detail_shows_times_in_the_events_zone_and_the_viewers_programme_and_speakers(client):
    moscow_user = UserFactory(time_zone="Europe/Moscow")
    starts = datetime.datetime(2026, 11, 26, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Almaty"))
    event = PublishedEventFactory(
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=4), online_url="https://meet.example.org/rt"
    )
    session = SessionFactory(event=event, title_en="Plenary", starts_at=starts, ends_at=starts)
    position = PositionFactory(title_en="Chair", title_ru="Председатель", title="Председатель")
    Speaker.objects.create(
        session=session,
        person=position.person,
        position=position,
        position_title="Председатель, НКО",
        role=SpeakerRole.SPEAKER,
    )
    client.force_login(moscow_user)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "26 November 2026, 10:00" in page  # Astana
    assert "26 November 2026, 08:00" in page  # the viewer's Moscow time
    assert "Plenary" in page and position.person.full_name in page and "Председатель, НКО" in page
    assert "https://meet.example.org/rt" in page


def test_draft_is_hidden_from_the_public_but_shown_to_its_organisers(client, representative, org):
    event = EventFactory(organisers=[org])
    assert client.get(event.get_absolute_url()).status_code == 404
    client.force_login(representative)
    assert client.get(event.get_absolute_url()).status_code == 200


def _post_data(org, **extra):
    return {
        "kind": "round_table",
        "organisers": str(org.pk),
        "original_language": "ru",
        "languages": ["ru", "kk"],
        "title_ru": "Круглый стол «Казахстан – Россия»",
        "country": "KZ",
        "time_zone": "Asia/Almaty",
        "starts_at": "2026-12-01T10:00",
        "ends_at": "2026-12-01T13:00",
        "registration_enabled": "on",
        "capacity": "40",
        **extra,
    }


def test_an_editor_creates_an_event_with_a_partner_abroad_in_the_events_zone(client, representative, org):
    CountryFactory()
    partner = RussianOrganisationFactory()
    client.force_login(representative)
    response = client.post(reverse("events:event-create"), _post_data(org, organisers=f"{org.pk}, {partner.pk}"))
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get()
    assert event.status == EventStatus.DRAFT and event.title == "Круглый стол «Казахстан – Россия»"
    assert event.starts_at == datetime.datetime(2026, 12, 1, 5, 0, tzinfo=datetime.UTC)
    assert set(event.organisers.all()) == {org, partner}
    assert event.organiser_links.get(is_lead=True).organisation == org


def test_the_event_form_names_the_users_own_organisations_instead_of_listing_the_registry(client, representative, org):
    OrganisationFactory.create_batch(5)
    client.force_login(representative)
    page = client.get(reverse("events:event-create")).content.decode()
    assert f"{org.name} — {org.pk}" in page  # the hint: the numbers of the organisations the user acts for
    [element] = re.findall(r'<(\w+)[^>]*name="organisers"', page)
    assert element == "input"  # a text field of registry numbers, not a select of the whole registry
    assert f'value="{org.pk}"' in page  # prefilled with the user's organisation


def test_an_event_only_of_others_organisations_is_refused(client, representative, other_org):
    CountryFactory()
    client.force_login(representative)
    response = client.post(reverse("events:event-create"), _post_data(other_org))
    assert response.status_code == 400
    assert "organisation you act for" in response.content.decode()
    assert not Event.objects.exists()


def test_a_citizen_cannot_create_events(client, citizen):
    client.force_login(citizen)
    assert client.get(reverse("events:event-create")).status_code == 403


def test_a_forum_needs_its_number_and_a_place_or_link(client, representative, org):
    client.force_login(representative)
    response = client.post(reverse("events:event-create"), _post_data(org, kind="forum", country=""))
    assert response.status_code == 400
    page = response.content.decode()
    assert "number in the series" in page and "online link" in page


def test_programme_sessions_speakers_and_questions(client, representative, org):
    event = EventFactory(organisers=[org])
    position = PositionFactory()
    client.force_login(representative)
    url = reverse("events:programme", args=[event.pk])
    response = client.post(
        url,
        {
            "what": "session",
            "title_ru": "Пленарное заседание",
            "starts_at": "2026-12-01T10:00",
            "ends_at": "2026-12-01T11:30",
        },
    )
    assert response.status_code == 302
    session = event.sessions.get()
    response = client.post(
        url,
        {
            "what": "speaker",
            "session": session.pk,
            "person": position.person.pk,
            "position": position.pk,
            "role": "speaker",
        },
    )
    assert response.status_code == 302
    speaker = session.speakers.get()
    assert speaker.position_title.startswith(position.title)
    other = PositionFactory()
    response = client.post(
        url,
        {
            "what": "speaker",
            "session": session.pk,
            "person": position.person.pk,
            "position": other.pk,
            "role": "speaker",
        },
    )
    assert response.status_code == 400
    response = client.post(
        url,
        {"what": "question", "text_ru": "Секция", "kind": "choice", "options": "Экология\nИнклюзия", "required": "on"},
    )
    assert response.status_code == 302
    assert event.questions.get().options == ["Экология", "Инклюзия"]
    response = client.post(url, {"what": "question", "text_ru": "Секция", "kind": "choice", "options": "одна"})
    assert response.status_code == 400
    client.post(url, {"what": "remove-speaker", "id": speaker.pk})
    assert not session.speakers.exists()


def test_programme_is_for_organisers_only(client, citizen):
    event = EventFactory()
    client.force_login(citizen)
    assert client.get(reverse("events:programme", args=[event.pk])).status_code == 403


def test_publish_cancel_with_a_reason_tells_participants(
    client, representative, org, django_capture_on_commit_callbacks
):
    event = EventFactory(organisers=[org])
    client.force_login(representative)
    client.post(reverse("events:event-action", args=[event.pk, "publish"]))
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED
    participant = UserFactory()
    registration_services.register(actor=participant, event=event)
    response = client.post(reverse("events:event-action", args=[event.pk, "cancel"]), {"reason": ""})
    assert response.status_code == 400
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:event-action", args=[event.pk, "cancel"]), {"reason": "Зал закрыт на ремонт."})
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    assert [m.to for m in mail.outbox] == [[participant.email]]
    assert "Зал закрыт на ремонт." in mail.outbox[0].body


def test_a_registration_with_a_required_question(client, citizen):
    event = PublishedEventFactory(capacity=1)
    question = QuestionFactory(event=event, required=True)
    client.force_login(citizen)
    url = reverse("events:register", args=[event.pk])
    assert client.post(url, {}).status_code == 400
    response = client.post(url, {f"question_{question.pk}": "yes"})
    registration = event.registrations.get()
    assert response.status_code == 302 and response.url == reverse("events:registration", args=[registration.pk])
    page = client.get(response.url).content.decode()
    assert registration.checkin_code in page and "<svg" in page


def test_my_registrations_and_the_participants_list_with_answers_and_csv(client, citizen, representative, org):
    event = PublishedEventFactory(organisers=[org])
    question = QuestionFactory(event=event, required=False, kind="text", text_en="Diet", text_ru="Питание")
    registration_services.register(actor=citizen, event=event, answers={question.pk: "=HYPERLINK(1)"})
    client.force_login(citizen)
    assert event.title in client.get(reverse("events:my-registrations")).content.decode()
    assert client.get(reverse("events:participants", args=[event.pk])).status_code == 403
    client.force_login(representative)
    page = client.get(reverse("events:participants", args=[event.pk])).content.decode()
    assert citizen.email in page and "=HYPERLINK(1)" in page
    csv_text = client.get(reverse("events:participants", args=[event.pk]), {"format": "csv"}).content.decode()
    assert "'=HYPERLINK(1)" in csv_text and citizen.email in csv_text


def test_participants_list_query_count(client, representative, org, django_assert_max_num_queries):
    event = PublishedEventFactory(organisers=[org])
    questions = [QuestionFactory(event=event, required=False, kind="text") for _ in range(3)]
    for _ in range(30):
        registration_services.register(actor=UserFactory(), event=event, answers={q.pk: "x" for q in questions})
    client.force_login(representative)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("events:participants", args=[event.pk]))
    assert response.status_code == 200 and len(response.context["rows"]) == 30


def test_service_update_refuses_a_region_outside_the_country(representative, org):
    event = EventFactory(organisers=[org])
    region = RegionFactory(code="RU-MOW", country=CountryFactory(code="RU", name_ru="Россия", name="Россия"))
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        services.event_update(actor=representative, event=event, region=region, country=CountryFactory())
    assert "region" in exc.value.message_dict


def test_detail_query_count_does_not_grow_with_the_programme(client, citizen, django_assert_max_num_queries):
    event = PublishedEventFactory(organisers=[OrganisationFactory(), RussianOrganisationFactory()])
    for _ in range(8):
        session = SessionFactory(event=event)
        for _ in range(3):
            position = PositionFactory()
            Speaker.objects.create(session=session, person=position.person, position=position, position_title="x")
    QuestionFactory(event=event)
    client.force_login(citizen)
    with django_assert_max_num_queries(22):
        response = client.get(event.get_absolute_url())
    assert response.status_code == 200 and len(response.context["sessions"]) == 8


def test_pages_render_in_russian(client, representative, org):
    from django.utils import translation

    event = PublishedEventFactory(organisers=[org])
    client.force_login(representative)
    with translation.override("ru"):
        for url in (
            reverse("events:event-list"),
            event.get_absolute_url(),
            reverse("events:programme", args=[event.pk]),
            reverse("events:participants", args=[event.pk]),
            reverse("events:checkin", args=[event.pk]),
            reverse("events:event-edit", args=[event.pk]),
            reverse("events:event-create"),
            reverse("events:my-events"),
            reverse("events:my-registrations"),
            reverse("events:event-action", args=[event.pk, "cancel"]),
        ):
            assert client.get(url, HTTP_ACCEPT_LANGUAGE="ru").status_code == 200, url


def test_a_moderator_manages_any_event_and_its_history_shows_the_steps(client, moderator):
    event = EventFactory()
    client.force_login(moderator)
    client.post(reverse("events:event-action", args=[event.pk, "publish"]))
    client.post(reverse("events:event-action", args=[event.pk, "complete"]))
    event.refresh_from_db()
    assert event.status == EventStatus.COMPLETED
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Publish" in page and "Mark as held" in page
    assert client.get(reverse("events:event-edit", args=[event.pk])).status_code == 200


def test_speaker_positions_are_the_chosen_persons_and_default_to_the_current_one(client, representative, org):
    event = EventFactory(organisers=[org])
    session = SessionFactory(event=event)
    current = PositionFactory(title_ru="президент", title="президент")
    PositionFactory(person=current.person, title_ru="директор", title="директор", end_date=datetime.date(2020, 1, 1))
    stranger = PositionFactory(title_ru="депутат", title="депутат")
    client.force_login(representative)
    url = reverse("events:programme", args=[event.pk])
    page = client.get(url).content.decode()
    assert f'hx-get="{url}"' in page and "депутат" not in page  # no position is listed before a person is chosen
    options = client.get(url, {"person": current.person.pk}, HTTP_HX_REQUEST="true").content.decode()
    assert "президент" in options and "директор" in options and "депутат" not in options and "<html" not in options
    client.post(url, {"what": "speaker", "session": session.pk, "person": current.person.pk, "role": "speaker"})
    speaker = session.speakers.get()
    assert speaker.position == current and speaker.position_title.startswith("президент")
    assert stranger.person != speaker.person


@pytest.mark.parametrize("size", [1, 6])
def test_detail_with_delegation_and_outcomes_has_a_fixed_query_count(
    client, org, representative, size, django_assert_max_num_queries
):
    """The page shows the delegation and the outcomes panels; their rows don't add queries."""
    from civicbridge.events.services import outcomes as outcome_services

    from .test_delegations import full_delegation
    from .test_outcomes_services import commit

    event = full_delegation(org, representative, members=size, visits=size)
    for _ in range(size):
        SessionFactory(event=event)
    outcome_services.outcome_save(actor=representative, event=event, fields={"summary_ru": "Итоги визита"})
    for _ in range(size):
        commit(representative, event, OrganisationFactory())
    client.force_login(representative)  # an organiser: sees the draft report and the edit links too
    with django_assert_max_num_queries(24):  # 21 measured, the same for 1 and 6 rows
        response = client.get(event.get_absolute_url())
    text = response.content.decode()
    assert response.status_code == 200
    assert "Обмен опытом" in text and f"Визит {size - 1}" in text and "Итоги визита" in text
    assert text.count("Подготовить доклад") >= size


def test_list_shows_themes_as_a_quiet_inline_list(client):
    event = PublishedEventFactory()
    event.themes.add(ThemeFactory(name_en="Water"), ThemeFactory(name_en="Roads"))
    text = client.get(reverse("events:event-list")).content.decode()
    assert "govuk-tag--grey" not in text
    assert "Themes: Roads, Water" in text or "Themes: Water, Roads" in text


def test_a_meeting_with_citizens_links_to_its_issues_and_its_organisers_to_recording_them(client, org, representative):
    meeting = PublishedEventFactory(kind=EventKind.REGIONAL_MEETING, organisers=[org])
    issues = f"{reverse('appeals:tracker')}?event={meeting.pk}"
    record = reverse("appeals:record", args=[meeting.pk])

    public = client.get(meeting.get_absolute_url()).content.decode()
    assert issues in public and record not in public

    client.force_login(representative)
    organisers = client.get(meeting.get_absolute_url()).content.decode()
    assert issues in organisers and record in organisers


def test_the_list_narrows_to_one_organisers_events_as_the_registry_page_links_it(client, org):
    ours = PublishedEventFactory(title_en="Ours", organisers=[org])
    PublishedEventFactory(title_en="Someone else's", organisers=[OrganisationFactory()])

    registry_page = client.get(org.get_absolute_url()).content.decode()
    link = f"{reverse('events:event-list')}?organisation={org.pk}&amp;when=all"
    assert link in registry_page

    page = client.get(reverse("events:event-list"), {"organisation": org.pk, "when": "all"}).content.decode()
    assert ours.title_en in page and "Someone else's" not in page
    assert f'name="organisation" value="{org.pk}"' in page  # kept when other filters are applied


def test_a_speaker_is_given_by_registry_number_not_chosen_from_a_list_of_everyone(client, representative, org):
    event = EventFactory(organisers=[org])
    session = SessionFactory(event=event)
    someone = PositionFactory(title_ru="председатель", title="председатель").person
    client.force_login(representative)
    url = reverse("events:programme", args=[event.pk])
    page = client.get(url).content.decode()
    [element] = re.findall(r'<(\w+)[^>]*name="person"', page)
    assert element == "input" and someone.full_name not in page  # nobody's name is listed in advance

    unknown = client.post(url, {"what": "speaker", "session": session.pk, "person": "999999", "role": "speaker"})
    assert "Nothing in the registry has these numbers: 999999." in unknown.content.decode()
    assert not session.speakers.exists()
