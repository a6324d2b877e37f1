"""UploadField: the same policy as the service, reported as a form error before anything is stored."""

from __future__ import annotations

from django import forms

from civicbridge.files.forms import UploadField

from . import samples
from .conftest import PURPOSE


class AttachmentForm(forms.Form):
    attachment = UploadField(purpose=PURPOSE)
    optional = UploadField(purpose=PURPOSE, required=False)


def test_a_good_file_passes_unchanged():
    upload = samples.upload("plan.docx", samples.docx())
    form = AttachmentForm(data={}, files={"attachment": upload})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["attachment"] is upload
    assert form.cleaned_data["optional"] is None


def test_a_very_long_name_is_not_an_error():
    form = AttachmentForm(data={}, files={"attachment": samples.upload("Заявка " * 60 + ".pdf", samples.PDF)})
    assert form.is_valid(), form.errors


def test_a_refused_file_is_a_field_error(media):
    form = AttachmentForm(data={}, files={"attachment": samples.upload("setup.pdf", samples.EXE)})
    assert not form.is_valid()
    assert form.errors["attachment"] == ["The file name ends in “.pdf”, but its content is of another type (EXE)."]
    assert samples.blobs(media) == []


def test_the_declared_size_gives_the_error_early(settings):
    settings.UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    upload = samples.upload("big.pdf", samples.PDF)
    upload.size = 2 * 1024 * 1024  # over this purpose's own 1 MB
    form = AttachmentForm(data={}, files={"attachment": upload})
    assert not form.is_valid()
    assert form.errors["attachment"] == ["The file is 2 MB; the limit is 1 MB."]


def test_the_input_tells_the_browser_what_to_expect():
    html = str(AttachmentForm()["attachment"])
    assert 'accept=".csv,.docx,.jpeg,.jpg,.ods,.odt,.pdf,.png,.xlsx"' in html
    assert 'data-max-bytes="1048576"' in html
    assert AttachmentForm().fields["attachment"].help_text == "PDF, Word, Excel, OpenDocument, image, CSV; up to 1 MB."
