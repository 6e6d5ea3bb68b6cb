from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "nb" / "LC_MESSAGES" / "django.po"


def test_every_message_has_a_norwegian_translation():
    po = polib.pofile(str(CATALOGUE))
    missing = [e.msgid for e in po if not e.translated() or "fuzzy" in e.flags]
    assert missing == []
    assert len(po) > 200


def test_settings_are_norwegian_and_oslo():
    assert (settings.LANGUAGE_CODE, settings.TIME_ZONE) == ("nb", "Europe/Oslo")
    assert [code for code, _name in settings.LANGUAGES] == ["nb", "nn", "en"]


@pytest.mark.django_db
def test_login_page_is_norwegian_and_english_is_second_language(client):
    body = client.get(reverse("account_login")).content.decode()
    assert '<html lang="nb">' in body
    assert "Logg inn med e-postadressen din." in body
    assert "Sign In" not in body

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("account_login")).content.decode()
    assert '<html lang="en">' in body
    assert "Log in with your e-mail address." in body


@pytest.mark.django_db
def test_password_rules_are_norwegian(client, world):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.utils import translation

    with translation.override("nb"), pytest.raises(ValidationError) as error:
        validate_password("12345678901", world.participant)
    assert error.value.messages == [
        "Passordet er for kort. Det må ha minst 12 tegn.",
        "Passordet er for vanlig.",
        "Passordet består bare av tall.",
    ]


@pytest.mark.django_db
def test_an_english_browser_still_gets_norwegian_until_english_is_chosen(client):
    body = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="nb">' in body
    assert "Logg inn med e-postadressen din." in body
