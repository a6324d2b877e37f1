"""Target groups of practices (who a practice serves), seeded by migration 0002; names in ru/kk/en."""

from __future__ import annotations

from typing import Any

TARGET_GROUPS: tuple[tuple[str, str, str, str], ...] = (
    ("children", "Дети", "Балалар", "Children"),
    ("youth", "Молодёжь", "Жастар", "Young people"),
    ("older-people", "Пожилые люди", "Егде жастағы адамдар", "Older people"),
    ("disability", "Люди с инвалидностью", "Мүмкіндігі шектеулі адамдар", "People with disabilities"),
    ("families", "Семьи с детьми", "Балалы отбасылар", "Families with children"),
    ("women", "Женщины", "Әйелдер", "Women"),
    ("rural", "Жители сёл", "Ауыл тұрғындары", "Rural residents"),
    ("low-income", "Малообеспеченные", "Аз қамтылғандар", "People on low incomes"),
    ("migrants", "Мигранты и репатрианты", "Көшіп-қонушылар мен қандастар", "Migrants and returnees"),
    ("veterans", "Ветераны", "Ардагерлер", "Veterans"),
    ("volunteers", "Волонтёры", "Еріктілер", "Volunteers"),
    ("ngos", "НКО и активисты", "ҮЕҰ және белсенділер", "NGOs and activists"),
    ("local-government", "Местные органы власти", "Жергілікті билік органдары", "Local government"),
    ("general-public", "Все жители", "Барлық тұрғындар", "The general public"),
)


def seed_target_groups(apps: Any, *, using: str = "default") -> None:
    """Create or update the target groups; idempotent."""
    model = apps.get_model("exchange", "TargetGroup")
    for order, (code, ru, kk, en) in enumerate(TARGET_GROUPS, start=1):
        model._base_manager.using(using).update_or_create(
            code=code, defaults={"name": ru, "name_ru": ru, "name_kk": kk, "name_en": en, "order": order * 10}
        )
