"""Kazakh date and number formats, after CLDR's `kk` patterns (long date "y 'ж'. d MMMM": 2026 ж. 26 қараша).

Django date syntax: https://docs.djangoproject.com/en/5.2/ref/templates/builtins/#date. "E" is the month name of
the "alt. month" context, lowercase in our Kazakh catalogue (`civicbridge/core/django_messages.py`); the Cyrillic
letters are not format characters and need no escaping.
"""

DATE_FORMAT = "Y ж. j E"  # 2026 ж. 26 қараша
TIME_FORMAT = "H:i"  # 17:03
DATETIME_FORMAT = "Y ж. j E, H:i"  # 2026 ж. 26 қараша, 17:03
YEAR_MONTH_FORMAT = "Y ж. E"  # 2026 ж. қараша
MONTH_DAY_FORMAT = "j E"  # 26 қараша
SHORT_DATE_FORMAT = "d.m.Y"  # 26.11.2026
SHORT_DATETIME_FORMAT = "d.m.Y H:i"  # 26.11.2026 17:03
FIRST_DAY_OF_WEEK = 1  # Monday

# Python strftime syntax; ISO dates (2026-11-26) are always accepted as well.
DATE_INPUT_FORMATS = [
    "%d.%m.%Y",  # 26.11.2026
    "%d.%m.%y",  # 26.11.26
]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M:%S",  # 26.11.2026 17:03:59
    "%d.%m.%Y %H:%M:%S.%f",  # 26.11.2026 17:03:59.000200
    "%d.%m.%Y %H:%M",  # 26.11.2026 17:03
    "%d.%m.%y %H:%M:%S",  # 26.11.26 17:03:59
    "%d.%m.%y %H:%M:%S.%f",  # 26.11.26 17:03:59.000200
    "%d.%m.%y %H:%M",  # 26.11.26 17:03
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # non-breaking space: 1 234 567,5
NUMBER_GROUPING = 3
