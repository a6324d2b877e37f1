"""The categories of citizens' issues, with response times and links to the registry's themes (when present)."""

from django.db import migrations

# code, ru, kk, en, response days, theme code (skipped if the registry has no such theme)
CATEGORIES = [
    ("housing", "ЖКХ и жильё", "Тұрғын үй және коммуналдық шаруашылық", "Housing and utilities", 15, "local-development"),
    ("roads", "Дороги и транспорт", "Жолдар және көлік", "Roads and transport", 30, "local-development"),
    ("social", "Социальная поддержка", "Әлеуметтік қолдау", "Social support", 15, "social-support"),
    ("health", "Здравоохранение", "Денсаулық сақтау", "Health", 15, "health"),
    ("education", "Образование", "Білім беру", "Education", 30, "education"),
    ("ecology", "Экология", "Экология", "Ecology", 30, "ecology"),
    ("ngo-support", "Поддержка НКО", "ҮЕҰ-ны қолдау", "Support for NGOs", 30, "civic-participation"),
    ("culture-youth", "Культура и молодёжь", "Мәдениет және жастар", "Culture and youth", 30, "culture"),
    ("legal", "Права и правовая помощь", "Құқықтар және құқықтық көмек", "Rights and legal aid", 15, "legal-aid"),
    ("other", "Другое", "Басқа", "Other", 30, None),
]


def add_categories(apps, schema_editor):
    Category = apps.get_model("appeals", "Category")
    Theme = apps.get_model("registry", "Theme")
    themes = dict(Theme.objects.values_list("code", "pk"))
    for order, (code, ru, kk, en, days, theme) in enumerate(CATEGORIES, start=1):
        Category.objects.update_or_create(
            code=code,
            defaults={
                "name": ru,
                "name_ru": ru,
                "name_kk": kk,
                "name_en": en,
                "response_days": days,
                "theme_id": themes.get(theme),
                "order": order * 10,
            },
        )


def remove_categories(apps, schema_editor):
    apps.get_model("appeals", "Category").objects.filter(code__in=[row[0] for row in CATEGORIES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("appeals", "0001_initial"),
        ("registry", "0002_reference_data"),
    ]

    operations = [migrations.RunPython(add_categories, remove_categories)]
