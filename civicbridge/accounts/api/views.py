"""POST /api/v1/auth/token/: trade an e-mail and password for an API token, with django-axes rate limiting."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import authenticate, user_logged_in
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView


class TokenRequestSerializer(serializers.Serializer):
    """The credentials of the account the token is for."""

    email = serializers.EmailField(label=gettext_lazy("e-mail"))
    password = serializers.CharField(
        label=gettext_lazy("password"), style={"input_type": "password"}, trim_whitespace=False, write_only=True
    )


class TokenSerializer(serializers.Serializer):
    """An API token: send it as `Authorization: Token <key>`."""

    token = serializers.CharField(read_only=True)


_ERROR = inline_serializer(
    "AuthError",
    fields={
        "detail": serializers.CharField(),
        "errors": serializers.DictField(child=serializers.ListField(child=serializers.CharField())),
    },
)


class ObtainTokenView(APIView):
    """Give the account's API token for a correct e-mail and password; repeated failures lock the client out."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    serializer_class = TokenRequestSerializer

    @extend_schema(
        summary=gettext_lazy("Get an API token"),
        request=TokenRequestSerializer,
        responses={
            200: TokenSerializer,
            400: OpenApiResponse(_ERROR, description=gettext_lazy("Missing or wrong credentials.")),
            429: OpenApiResponse(_ERROR, description=gettext_lazy("Too many failed attempts: locked out for a while.")),
        },
    )
    def post(self, request) -> Response:
        form = TokenRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        # django-axes counts failures on the Django request, keyed by the `username` credential.
        django_request = request._request
        user = authenticate(
            request=django_request, username=form.validated_data["email"], password=form.validated_data["password"]
        )
        if getattr(django_request, "axes_locked_out", False):
            # We answer in JSON ourselves; without this AxesMiddleware would swap our answer for its HTML page.
            django_request.axes_locked_out = False
            return Response({"detail": _locked_out_message(), "errors": {}}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        if user is None or not user.is_active:
            raise serializers.ValidationError({"non_field_errors": [_("The e-mail or password is wrong.")]})
        # Getting a token is signing in: django-axes resets the failure count and last_login is recorded.
        user_logged_in.send(sender=user.__class__, request=django_request, user=user)
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


def _locked_out_message() -> str:
    hours = getattr(settings, "AXES_COOLOFF_TIME", None)
    if isinstance(hours, int | float) and hours:
        return _("Too many failed sign-in attempts. Try again in %(minutes)d minutes.") % {"minutes": round(hours * 60)}
    return _("Too many failed sign-in attempts. Try again later.")
