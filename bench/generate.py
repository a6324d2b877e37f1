"""Synthetic national-scale registry data, inserted in bulk (benchmark data bypasses services and the audit log)."""

from __future__ import annotations

import random
import time

from django.db import transaction

WORDS = [
    "Развитие",
    "Доверие",
    "Равные возможности",
    "Зелёный город",
    "Добрые руки",
    "Открытый мир",
    "Надежда",
    "Гражданская инициатива",
    "Свет",
    "Вместе",
    "Милосердие",
    "Экология степи",
    "Волонтёры региона",
    "Инклюзия",
    "Правовая помощь",
    "Молодёжный центр",
    "Серебряный возраст",
    "Чистая вода",
    "Наследие",
    "Партнёрство",
]
FORMS_KZ = ["Общественный фонд", "Общественное объединение", "Частное учреждение", "Объединение юридических лиц"]
FORMS_RU = ["АНО", "Общественная организация", "Фонд", "Ассоциация"]


def generate_organisations(total: int, *, seed: int = 2026, batch: int = 5000) -> float:
    """Insert `total` organisations (KZ:RU = 1:4, like the two countries' NGO sectors) with themes. Returns seconds."""
    from civicbridge.core.text import search_blob
    from civicbridge.registry.identifiers import bin_check_digit
    from civicbridge.registry.models import Organisation, Region, Theme

    rng = random.Random(seed)
    start = time.perf_counter()
    existing = Organisation.objects.count()
    regions = {c: list(Region.objects.filter(country_id=c).values_list("code", flat=True)) for c in ("KZ", "RU")}
    themes = list(Theme.objects.values_list("pk", flat=True))
    through = Organisation.themes.through
    made = existing
    serial = existing
    while made < total:
        rows = []
        for _ in range(min(batch, total - made)):
            serial += 1
            country = "KZ" if rng.random() < 0.2 else "RU"
            form = rng.choice(FORMS_KZ if country == "KZ" else FORMS_RU)
            name = f"{form} «{rng.choice(WORDS)} {serial}»"
            org = Organisation(
                name=name,
                name_ru=name,
                country_id=country,
                region_id=rng.choice(regions[country]),
                kind="ngo",
                description_ru=f"Работает с {rng.choice(WORDS).lower()} в регионе.",
            )
            if country == "KZ":
                while True:  # unique by construction: the serial picks the year block and the sequence number
                    first11 = f"{10 + serial // 100000:02d}{1 + serial % 12:02d}40{serial % 100000:05d}"
                    check = bin_check_digit(first11)
                    if check is not None:
                        break
                    serial += 1
                org.bin = first11 + str(check)
            org.search_text = search_blob([org.name_ru, org.description_ru, org.bin])
            rows.append(org)
        with transaction.atomic():
            created = Organisation.objects.bulk_create(rows, batch_size=1000)
            through.objects.bulk_create(
                [through(organisation_id=o.pk, theme_id=t) for o in created for t in rng.sample(themes, 2)],
                batch_size=5000,
            )
        made += len(rows)
    return time.perf_counter() - start
