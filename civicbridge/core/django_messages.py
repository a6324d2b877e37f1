"""Django's own msgids that our pages show, marked so that `make messages` copies them into our catalogues.

Django's Kazakh catalogue is incomplete, so without these entries Kazakh pages fall back to Russian for form errors,
password rules and the CSRF page. Our catalogues (LOCALE_PATHS) take precedence over Django's, so translating the
same msgids there is enough: nothing imports this module, it exists for `makemessages` only.

Each msgid must match Django's byte for byte (typographic quotes included); check them against
`django/conf/locale/ru/LC_MESSAGES/django.po` and `django/contrib/auth/locale/ru/LC_MESSAGES/django.po` after a Django
upgrade. The Russian msgstrs are copied from Django's Russian catalogue.
"""

from django.utils.translation import gettext_noop, ngettext_lazy, pgettext_lazy

# django/forms/fields.py, django/forms/models.py, django/core/validators.py: form field errors.
FORM_ERRORS = (
    gettext_noop("This field is required."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Enter a valid URL."),
    gettext_noop("Enter a valid date."),
    gettext_noop("Null characters are not allowed."),
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
    gettext_noop("Enter a list of values."),
    gettext_noop("“%(pk)s” is not a valid value."),
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    ngettext_lazy(
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
)

# django/db/models: Model.full_clean() in our services, shown on the form that called the service.
MODEL_ERRORS = (
    gettext_noop("This field cannot be null."),
    gettext_noop("This field cannot be blank."),
    gettext_noop("Value %(value)r is not a valid choice."),
    gettext_noop("%(model_name)s with this %(field_label)s already exists."),
    gettext_noop("%(model)s instance with %(field)s %(value)r is not a valid choice."),
)

# django/contrib/auth: the sign-in form (its "invalid_login" is ours) and AUTH_PASSWORD_VALIDATORS on sign-up.
AUTH_ERRORS = (
    gettext_noop("This account is inactive."),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("This password is too common."),
    gettext_noop("This password is entirely numeric."),
)

# django/core/paginator.py: the gap in the page links.
PAGINATION = (gettext_noop("…"),)

# django/views/csrf.py: the 403 page when a form is sent without a valid CSRF token (DEBUG=False parts).
CSRF_PAGE = (
    gettext_noop("Forbidden"),
    gettext_noop("CSRF verification failed. Request aborted."),
    gettext_noop(
        "You are seeing this message because this HTTPS site requires a “Referer header” to be sent by your web "
        "browser, but none was sent. This header is required for security reasons, to ensure that your browser is "
        "not being hijacked by third parties."
    ),
    gettext_noop(
        "If you have configured your browser to disable “Referer” headers, please re-enable them, at least for this "
        "site, or for HTTPS connections, or for “same-origin” requests."
    ),
    gettext_noop(
        'If you are using the <meta name="referrer" content="no-referrer"> tag or including the “Referrer-Policy: '
        "no-referrer” header, please remove them. The CSRF protection requires the “Referer” header to do strict "
        'referer checking. If you’re concerned about privacy, use alternatives like <a rel="noreferrer" …> for '
        "links to third-party sites."
    ),
    gettext_noop(
        "You are seeing this message because this site requires a CSRF cookie when submitting forms. This cookie is "
        "required for security reasons, to ensure that your browser is not being hijacked by third parties."
    ),
    gettext_noop(
        "If you have configured your browser to disable cookies, please re-enable them, at least for this site, or "
        "for “same-origin” requests."
    ),
    gettext_noop("More information is available with DEBUG=True."),
)

# django/utils/dates.py MONTHS_ALT: the "E" of DATE_FORMAT. Django's Kazakh capitalises them ("26 Қараша"); a month
# inside a Kazakh date is lowercase (CLDR: "2026 ж. 26 қараша"), so our catalogue gives the lowercase names.
MONTHS_ALT = (
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)
