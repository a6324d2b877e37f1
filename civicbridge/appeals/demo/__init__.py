"""Demo data of citizens' issues: the bodies that answer them in the five oblasts of the regional meetings
(akimat, social programmes department, internal policy department — registry services), routing rules by category,
and at every regional meeting of the events demo 9–10 issues of that oblast at every status (those dated before their
meeting were sent ahead of it), plus three sent online by the demo citizen — all through the appeals services.
Without the events demo, the issues hang on no meeting.

Per meeting: new, accepted, in progress, answered (one to a citizen without an account, with a consented e-mail: the
e-mail carries the signed "not resolved" link), declined with the reason, one overdue, one genuine duplicate merged
into it (its supporter carries over), one hidden by a moderator (a phone number or an insult in the text, with a
cleaned public text), one answered then reopened through the signed link; anonymous ones, supporters on the popular
ones. In Turkestan rights and legal aid has no rule: that issue waits in the coordinators' "to route" queue. Online:
one answered then reopened by its author. Dates are moved back after the steps, so the statistics have medians.

Idempotent: a body is found by its Russian name, a rule by its region and category, an issue by its title and meeting.
The texts are in issues.py, the bodies and rules in bodies.py.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from civicbridge.accounts.choices import Role

from .bodies import AKIMAT_OFFICIAL, OBLASTS, ensure_bodies, ensure_official, ensure_rules
from .issues import MEETINGS, ONLINE, Spec

DEPENDS_ON = ["registry", "accounts", "events"]

DEMO_DOMAIN = "demo.civicbridge.kz"


class _Loader:
    def __init__(self, stdout: Any) -> None:
        from civicbridge.accounts.models import User

        self.stdout = stdout
        self.admin = User.objects.filter(email__iexact=f"admin@{DEMO_DOMAIN}").first()
        self.citizen = User.objects.filter(email__iexact=f"citizen@{DEMO_DOMAIN}").first()
        self.moderator = User.objects.filter(email__iexact=f"moderator@{DEMO_DOMAIN}").first() or self.admin
        self.made: Counter[str] = Counter()
        self.by_key: dict[tuple[int | None, str], Any] = {}
        self._supporters: list | None = None

    def places(self) -> list[tuple[Any, Any, Any]]:
        """(meeting or None, country, region) per oblast: the regional meetings of the events demo, else the oblasts."""
        from civicbridge.registry.models import Region

        try:
            from civicbridge.events.demo.meetings import regional_meetings

            meetings = [event for event in regional_meetings() if event.region_id in OBLASTS]
        except (ImportError, AttributeError):
            meetings = []
        places = [(event, event.region.country, event.region) for event in meetings]
        if not places:
            regions = Region.objects.filter(code__in=OBLASTS).select_related("country")
            places = [
                (None, region.country, region) for region in sorted(regions, key=lambda r: list(OBLASTS).index(r.pk))
            ]
        return places

    def supporters(self) -> list:
        """Demo users (not administrators) who say "me too", always in the same order."""
        from civicbridge.accounts.models import User

        if self._supporters is None:
            users = User.objects.filter(email__iendswith=f"@{DEMO_DOMAIN}", is_superuser=False, is_active=True)
            self._supporters = list(users.order_by("pk")[:12])
        return self._supporters

    # --- issues -----------------------------------------------------------------------------------------------------

    def issue(self, spec: Spec, *, event, country, region, online: bool) -> None:
        from ..models import Appeal, Category
        from ..services.intake import IssueInput, appeal_record, appeal_submit

        extra = spec.extra
        place_key = event.pk if event else (None if online else region.pk)
        existing = Appeal.objects.filter(title=spec.title, event=event).first()
        if existing is not None:
            self.by_key[(place_key, spec.key)] = existing
            return
        anonymous = bool(extra.get("anonymous"))
        contact = bool(extra.get("contact"))
        serial = Appeal.objects.count() + 1
        data = IssueInput(
            title=spec.title,
            text=spec.text,
            category=Category.objects.get(code=spec.category),
            country=country,
            region=region,
            event=event,
            language=extra.get("language", "ru"),
            is_anonymous=anonymous,
            public_name="" if anonymous else extra.get("name", ""),
            consent=contact,
            contact_name="" if not contact or anonymous else extra.get("name", ""),
            contact_email=f"resident-{serial}@example.kz" if contact else "",
            contact_phone=f"+7 700 555 {serial // 100 % 100:02d} {serial % 100:02d}" if contact else "",
            channel=self.channel(event, spec.ago),
        )
        if online and self.citizen is not None:
            appeal = appeal_submit(actor=self.citizen, data=data)
        else:
            appeal = appeal_record(actor=self.admin, data=data)
        self.by_key[(place_key, spec.key)] = appeal
        self.support(appeal, extra.get("supporters", 0), duplicate=spec.status == "merged")
        self.advance(appeal, spec, place_key)
        self.backdate(appeal, spec.ago, spec.answer_days)
        self.made["issues"] += 1

    @staticmethod
    def channel(event, ago: int) -> str:
        """Raised in the hall, or sent ahead of the meeting (asked when registering, by mail or phone)."""
        from ..choices import Channel

        if event is None:
            return ""
        raised = timezone.now() - timedelta(days=ago)
        return Channel.MEETING if event.starts_at <= raised else Channel.OTHER

    def support(self, appeal, count: int, *, duplicate: bool) -> None:
        from ..services.support import support_add

        if not count:
            return
        users = [user for user in self.supporters() if user.pk != appeal.author_id]
        # A duplicate's supporters come from the end of the list, so the merge visibly carries someone new over.
        chosen = users[-count:] if duplicate else users[:count]
        for user in chosen:
            support_add(actor=user, appeal=appeal)
            self.made["supporters"] += 1

    def advance(self, appeal, spec: Spec, place_key) -> None:
        from ..links import make_token
        from ..models import Appeal
        from ..services import lifecycle
        from ..services.duplicates import appeal_merge
        from ..services.moderation import appeal_hide

        status, extra, actor = spec.status, spec.extra, self.admin

        def fresh():
            return Appeal.objects.get(pk=appeal.pk)  # each step re-reads the stored status

        if status == "merged":
            main = self.by_key.get((place_key, extra["main"]))
            if main is not None:
                appeal_merge(actor=actor, duplicate=fresh(), main=main)
            return
        if status == "hidden":
            reason, note, public_text = extra["hide"]
            appeal_hide(actor=self.moderator, appeal=fresh(), reason=reason, note=note, public_text=public_text)
            return
        if status == "new" or not appeal.responsible_id:
            return
        if status == "declined":
            lifecycle.appeal_decline(fresh(), actor=actor, reason=extra["reason"])
            return
        lifecycle.appeal_accept(fresh(), actor=actor)
        if status in ("in_progress", "answered", "reopened"):
            lifecycle.appeal_start(fresh(), actor=actor)
        if status in ("answered", "reopened"):
            lifecycle.appeal_answer(fresh(), actor=actor, answer=extra["answer"])
        if status == "reopened":
            current = fresh()
            if current.author_id is not None:
                lifecycle.appeal_reopen(current, actor=current.author, reason=extra["reopen"])
            else:  # a citizen without an account, through the signed link of the "answered" e-mail
                lifecycle.appeal_reopen_by_link(make_token(current), reason=extra["reopen"])

    def backdate(self, appeal, ago: int, answer_days: int) -> None:
        """Move the issue's dates back `ago` days (raised then), its answer `answer_days` after it was raised."""
        from civicbridge.core.models import TransitionHistory

        from ..models import Appeal, Supporter, Transfer

        shift = timedelta(days=ago)
        Appeal.objects.filter(pk=appeal.pk).update(
            created_at=F("created_at") - shift,
            updated_at=F("updated_at") - shift + timedelta(days=answer_days),
            due_at=F("due_at") - shift,
            accepted_at=F("accepted_at") - shift + timedelta(days=min(answer_days, 1)),
            answered_at=F("answered_at") - shift + timedelta(days=answer_days),
        )
        content_type = ContentType.objects.get_for_model(Appeal)
        history = TransitionHistory.objects.filter(content_type=content_type, object_id=appeal.pk)
        history.update(at=F("at") - shift)
        history.filter(action__in=["answer", "decline"]).update(at=F("at") + timedelta(days=answer_days))
        history.filter(action="reopen").update(at=F("at") + timedelta(days=min(answer_days + 5, ago)))
        Transfer.objects.filter(appeal=appeal).update(created_at=F("created_at") - shift)
        if hasattr(Supporter, "created_at"):
            Supporter.objects.filter(appeal=appeal).update(created_at=F("created_at") - shift + timedelta(days=1))


def demo_accounts() -> list[tuple[str, str, str]]:
    """The akimat official loaddemo prints beside the other demo accounts."""
    from civicbridge.accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD

    from .bodies import names

    local, _name, region_code, key = AKIMAT_OFFICIAL
    return [(f"{local}@{DEMO_DOMAIN}", DEMO_PASSWORD, f"{Role.OFFICIAL.label} — {names(region_code, key)['name_ru']}")]


def load(*, stdout: Any, rng: random.Random | None = None) -> None:
    """Load the demo bodies, rules and issues (what is missing only). The data is fixed, so `rng` is not used."""
    loader = _Loader(stdout)
    if loader.admin is None:
        stdout.write("appeals: no demo administrator (load the accounts demo first); nothing loaded.")
        return
    places = loader.places()
    with transaction.atomic():
        bodies_by_region = {}
        for _event, _country, region in places:
            bodies_by_region[region.pk] = ensure_bodies(region, loader.made)
            ensure_rules(region, bodies_by_region[region.pk], actor=loader.admin, made=loader.made)
        ensure_official(bodies_by_region)
        for event, country, region in places:
            for spec in MEETINGS.get(region.pk, ()):
                loader.issue(spec, event=event, country=country, region=region, online=False)
        regions = {region.pk: (country, region) for _event, country, region in places}
        for region_code, spec in ONLINE:
            if region_code in regions:
                country, region = regions[region_code]
                loader.issue(spec, event=None, country=country, region=region, online=True)
    made = loader.made
    stdout.write(
        f"appeals: {len(places)} places; created {made['organisations']} answering bodies, {made['rules']} routing "
        f"rules, {made['issues']} issues, {made['supporters']} supporters."
    )
