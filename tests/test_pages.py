import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from tests.conftest import main_text


@pytest.mark.django_db
def test_404_page_is_norwegian_and_reveals_nothing(client, world):
    client.force_login(world.other_hr)
    response = client.get(reverse("programme_detail", kwargs={"pk": world.programme.pk}))
    assert response.status_code == 404
    assert (
        main_text(response) == "Fant ikke siden Siden finnes ikke, eller du har ikke tilgang til den. Gå til forsiden"
    )


@pytest.mark.django_db
def test_403_page_is_norwegian(client, world):
    client.force_login(world.participant)
    response = client.get(reverse("programme_update", kwargs={"pk": world.programme.pk}))
    assert response.status_code == 403
    assert main_text(response).startswith("Ingen tilgang Du har ikke tilgang til å gjøre dette.")


def test_500_page_is_norwegian_without_details():
    response = server_error(RequestFactory().get("/"))
    body = response.content.decode()
    assert response.status_code == 500
    assert "Noe gikk galt" in body
    assert "Traceback" not in body


@pytest.mark.django_db
def test_participant_home_shows_next_gathering(client, world):
    import datetime

    from django.utils import timezone

    gathering = world.programme.gatherings.get(number=2)
    gathering.start_date = timezone.localdate() + datetime.timedelta(days=3)
    gathering.venue = "Kulturverkstedet"
    gathering.save()
    client.force_login(world.participant)
    text = main_text(client.get(reverse("home")))
    assert "Mitt program: Lederprogram Vefsn" in text
    assert "Neste samling 2. Samling 2" in text
    assert "Kulturverkstedet" in text


@pytest.mark.django_db
def test_executive_home_lists_only_own_municipality(client, world):
    client.force_login(world.executive)
    text = main_text(client.get(reverse("home")))
    assert "Lederprogram Vefsn" in text
    assert "Lederløftet Bindal" not in text
    assert "Nytt program" not in text


@pytest.mark.django_db
def test_gathering_page_title_and_agenda_appear_once(client, world):
    client.force_login(world.participant)
    response = client.get(reverse("gathering_detail", kwargs={"pk": world.gathering.pk}))
    body = response.content.decode()
    assert "<title>Samling 1 – Lederprogram</title>" in body
    assert main_text(response).count("Rediger programmet") == 0
    assert body.count('class="table align-middle agenda"') == 1


@pytest.mark.django_db
def test_privacy_and_accessibility_pages_are_public_and_linked_from_every_page(client, settings):
    settings.ANONYMITY_THRESHOLD = 7
    login_page = client.get(reverse("account_login")).content.decode()
    assert f'href="{reverse("privacy")}"' in login_page
    assert f'href="{reverse("accessibility")}"' in login_page
    privacy = main_text(client.get(reverse("privacy")))
    assert "grupper med minst 7 svar" in privacy
    assert "etter 30 minutter uten aktivitet" in privacy
    statement = main_text(client.get(reverse("accessibility")))
    assert "WCAG 2.1" in statement and "uu-forskriften" in statement
