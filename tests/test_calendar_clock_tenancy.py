"""The calendar clock is per municipality (issue 21): a change in Bindal leaves Vefsn's cached feeds
valid, and still reaches everyone whose feed shows Bindal."""

import pytest
from django.core.cache import cache
from django.db.models import F

from core.calendar_clock import calendar_models, municipality_path
from core.models import CalendarClock
from participants.models import Facilitator
from programmes.models import Programme
from sessions.models import Gathering, Run
from tests.test_calendar import feed_url


def clocks():
    return dict(CalendarClock.objects.values_list("municipality__slug", "generation"))


def test_each_calendar_model_finds_its_municipality_by_the_shortest_path_of_foreign_keys():
    assert {model._meta.label: municipality_path(model) for model in calendar_models()} == {
        "core.MunicipalityRole": "municipality",
        "gatherings.Gathering": "programme__municipality",
        "gatherings.Run": "gathering__programme__municipality",
        "gatherings.RunAssignment": "gathering__programme__municipality",
        "networks.ThemeDay": "municipality",
        "participants.Facilitator": "programme__municipality",
        "participants.Participant": "programme__municipality",
        "peergroups.Meeting": "group__programme__municipality",
        "peergroups.PeerGroup": "programme__municipality",
        "peergroups.PeerGroupMember": "group__programme__municipality",
        "programmes.ExtensionDecision": "programme__municipality",
        "programmes.Programme": "municipality",
    }


def commit_setup(capture):
    """The test's transaction never commits: what the world's setup wrote is pending in it, and would
    move both clocks at the first commit below. This commits it (a write to every programme does)."""
    with capture(execute=True):
        Programme.objects.update(name=F("name"))


def bindal_run(world):
    return Run.objects.create(
        gathering=world.other_gathering,
        number=1,
        date=world.run.date,
        start_time=world.run.start_time,
        end_time=world.run.end_time,
        venue="Bindal rådhus",
        capacity=30,
    )


@pytest.mark.django_db
def test_a_change_in_bindal_leaves_vefsns_cached_feeds_valid(
    client, world, django_capture_on_commit_callbacks, django_assert_num_queries
):
    run = bindal_run(world)
    vefsn_urls = [feed_url(user) for user in (world.participant, world.facilitator, world.hr)]
    bindal_url = feed_url(world.other_hr)
    commit_setup(django_capture_on_commit_callbacks)
    cache.clear()
    vefsn_bodies = [client.get(url).content for url in vefsn_urls]
    bindal_body = client.get(bindal_url).content.decode()
    assert "LOCATION:Bindal rådhus" in bindal_body
    before = clocks()

    with django_capture_on_commit_callbacks(execute=True):
        Run.objects.filter(pk=run.pk).update(venue="Bindal kulturhus", sequence=F("sequence") + 1)
        Programme.objects.filter(pk=world.other_programme.pk).update(name="Lederløftet Bindal 2027")

    assert clocks() == {**before, "bindal": before["bindal"] + 1}
    for url, body in zip(vefsn_urls, vefsn_bodies, strict=True):
        with django_assert_num_queries(1):  # the token and the clocks: served from the cache
            assert client.get(url).content == body
    # Bindal's HR sees the change at the next poll.
    assert "LOCATION:Bindal kulturhus" in client.get(bindal_url).content.decode()

    # And a change in Vefsn reaches Vefsn's feeds.
    with django_capture_on_commit_callbacks(execute=True):
        Run.objects.filter(pk=world.run.pk).update(venue="Kulturhuset", sequence=F("sequence") + 1)
    assert "LOCATION:Kulturhuset" in client.get(vefsn_urls[2]).content.decode()  # HR sees every run


@pytest.mark.django_db
def test_a_facilitator_in_both_municipalities_sees_a_change_in_either(
    client, world, django_capture_on_commit_callbacks
):
    Facilitator.objects.create(programme=world.other_programme, user=world.facilitator, organisation="Lederkonsult")
    run = bindal_run(world)
    url = feed_url(world.facilitator)
    commit_setup(django_capture_on_commit_callbacks)
    assert "LOCATION:Bindal rådhus" in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        Run.objects.filter(pk=run.pk).update(venue="Bindal kulturhus", sequence=F("sequence") + 1)

    assert "LOCATION:Bindal kulturhus" in client.get(url).content.decode()


@pytest.mark.django_db
def test_leaving_a_municipality_takes_its_events_out_at_the_next_poll(
    client, world, django_capture_on_commit_callbacks
):
    bindal_facilitator = Facilitator.objects.create(
        programme=world.other_programme, user=world.facilitator, organisation="Lederkonsult"
    )
    bindal_run(world)
    url = feed_url(world.facilitator)
    commit_setup(django_capture_on_commit_callbacks)
    assert "LOCATION:Bindal rådhus" in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        bindal_facilitator.delete()

    body = client.get(url).content.decode()
    assert "Bindal rådhus" not in body and "LOCATION:Kulturverkstedet" in body


@pytest.mark.django_db
def test_a_cascade_moves_the_clock_of_its_own_municipality_once(world, django_capture_on_commit_callbacks):
    bindal_run(world)
    commit_setup(django_capture_on_commit_callbacks)
    before = clocks()
    gathering = Gathering.objects.get(pk=world.other_gathering.pk)

    with django_capture_on_commit_callbacks(execute=True):
        gathering.delete()

    assert clocks() == {**before, "bindal": before["bindal"] + 1}


@pytest.mark.django_db
def test_a_first_change_makes_the_municipalitys_clock(world, django_capture_on_commit_callbacks):
    commit_setup(django_capture_on_commit_callbacks)
    CalendarClock.objects.exclude(municipality=None).delete()
    with django_capture_on_commit_callbacks(execute=True):
        bindal_run(world)
    assert clocks() == {None: CalendarClock.objects.get(municipality=None).generation, "bindal": 1}
