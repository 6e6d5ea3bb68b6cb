"""No dead links: every link on every page, as each persona of the demo, answers that persona
neither 403 nor 404 (tests/crawler.py follows them from the start page)."""

import pytest

from core.demo import load_demo
from core.models import User
from tests.crawler import crawl

PERSONAS = {
    "hr": "hr@vefsn.example.no",
    "other_hr": "hr@bindal.example.no",
    "executive": "kommunedirektor@vefsn.example.no",
    "facilitator_of_two": "kari@lederkonsult.example.no",
    "facilitator": "ola@lederkonsult.example.no",
    "participant": "ingrid.halvorsen@vefsn.example.no",
}


@pytest.fixture
def demo(db):
    load_demo()
    User.objects.create_user(email="ingen.rolle@example.no", password="et-godt-passord-2026")
    return {**PERSONAS, "outsider": "ingen.rolle@example.no"}


@pytest.mark.django_db
def test_no_link_answers_its_persona_403_or_404(client, demo):
    dead, reached = [], {}
    for persona, email in demo.items():
        client.force_login(User.objects.get(email=email))
        answers = crawl(client)
        reached[persona] = len(answers)
        dead += [(persona, url, status, on) for url, (status, on) in answers.items() if status in (403, 404)]
        client.logout()

    assert dead == []
    # The crawl went somewhere: HR and the facilitators reach far more than the outsider.
    assert reached["hr"] > 50 and reached["facilitator_of_two"] > 50 and reached["participant"] > 20, reached
