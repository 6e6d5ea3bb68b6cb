"""Mail from templates: templates/emails/<name>/subject.txt, body.txt and body.html."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def render_templated_mail(*, name, to, context, language=None, attachments=(), headers=None):
    """The message, rendered in `language`; `attachments` are (filename, content, mimetype)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/{name}/subject.txt", context).strip()
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
        text = render_to_string(f"emails/{name}/body.txt", context)
        html = render_to_string(f"emails/{name}/body.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to], headers=headers)
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message


def send_templated_mail(*, name, to, context, language=None, attachments=(), headers=None):
    message = render_templated_mail(
        name=name, to=to, context=context, language=language, attachments=attachments, headers=headers
    )
    message.send()
    return message
