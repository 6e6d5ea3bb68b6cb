"""`make bench` with `--world network` (issue 19, item 5): network programmes at three sizes.

3 municipalities and 30 leaders, 20 and 336, and seed 003's 110 municipalities and 1,000 leaders, each
network with its organiser, one member municipality's HR and executive, four two-day gatherings (the
third with its agenda and runs of 150), a panel, pairs for everyone and a theme day per municipality.
Every page line is measured as its persona at each size: the query count must be the same at every
size, and at 1,000 leaders the median must be within 2 × a bare page of the same length (the floor of
core's bench). A report: it exits 0 whether or not the targets are met.
"""

import datetime
import gc
import math
import random
import time

from django.contrib.auth.hashers import make_password
from django.db import connection
from django.test import Client
from django.urls import reverse

SIZES = ((3, 30), (20, 336), (110, 1000))
RUN_SIZE = 150
TARGET_RATIO = 2.0

PAGES = (
    {"name": "network_programme", "as": "organiser", "public": False, "url": lambda w: _url("network_programme", w)},
    {"name": "network_programme_member_hr", "as": "hr", "public": False, "url": lambda w: _url("network_programme", w)},
    {"name": "network_people", "as": "organiser", "public": False, "url": lambda w: _url("network_people", w)},
    {"name": "network_people_member_hr", "as": "hr", "public": False, "url": lambda w: _url("network_people", w)},
    {"name": "network_figures", "as": "organiser", "public": False, "url": lambda w: _url("network_figures", w)},
    {
        "name": "network_figures_executive",
        "as": "executive",
        "public": False,
        "url": lambda w: _url("network_figures", w),
    },
)


def _url(name, world):
    return reverse(name, kwargs={"pk": world.programme.pk})


class NetworkWorld:
    def __init__(self, programme, users):
        self.programme = programme
        self.users = users
        self.public = False
        self._clients = {}

    def client_for(self, page):
        persona = page["as"]
        if persona not in self._clients:
            client = Client()
            client.force_login(self.users[persona])
            self._clients[persona] = client
        return self._clients[persona]


def build_network(municipalities, participants, *, tag):
    """One network world with bulk inserts; returns a NetworkWorld."""
    from core.models import Municipality, MunicipalityRole, Network, NetworkMember, NetworkRole, User
    from networks import services
    from networks.models import Composition, ThemeDay
    from participants.models import Participant
    from programmes.models import Programme
    from sessions.models import Gathering, Run, RunAssignment

    password = make_password(None)
    places = Municipality.objects.bulk_create(
        Municipality(name=f"Kommune {tag}-{i}", slug=f"kommune-{tag}-{i}") for i in range(municipalities)
    )
    network = Network.objects.create(name=f"Nettverk {tag}", slug=f"nettverk-{tag}")
    NetworkMember.objects.bulk_create(NetworkMember(network=network, municipality=m) for m in places)

    def user(local):
        return User.objects.create(email=f"{local}@{tag}.bench.example.no", first_name=local, last_name=tag)

    users = {"organiser": user("arrangor"), "hr": user("hr"), "executive": user("direktor")}
    NetworkRole.objects.create(user=users["organiser"], network=network)
    MunicipalityRole.objects.create(user=users["hr"], municipality=places[0], role=MunicipalityRole.Role.HR)
    MunicipalityRole.objects.create(
        user=users["executive"], municipality=places[0], role=MunicipalityRole.Role.EXECUTIVE
    )
    start = datetime.date(2026, 9, 1)
    programme = Programme.objects.create(
        network=network,
        municipality=None,
        name=f"Saman om ein betre kommune {tag}",
        main_goal="Kommunane lærer av kvarandre.",
        start_date=start,
        end_date=start + datetime.timedelta(days=600),
        status=Programme.Status.ACTIVE,
    )
    gatherings = Gathering.objects.bulk_create(
        Gathering(
            programme=programme,
            number=n,
            title=f"Nettverkssamling {n}",
            start_date=start + datetime.timedelta(days=90 * n),
            days=2,
        )
        for n in range(1, 5)
    )
    third = gatherings[2]
    from networks.demo import seed_agenda

    seed_agenda(third)
    people_users = User.objects.bulk_create(
        User(email=f"leder{i}@{tag}.bench.example.no", first_name=f"Leder{i}", last_name=tag, password=password)
        for i in range(participants)
    )
    people = Participant.objects.bulk_create(
        Participant(
            programme=programme,
            user=u,
            home_municipality=places[i % municipalities],
            is_project_leader=i < municipalities,
            job_title="Leder",
        )
        for i, u in enumerate(people_users)
    )
    runs = Run.objects.bulk_create(
        Run(
            gathering=third,
            number=n + 1,
            date=third.start_date,
            start_time=datetime.time(10),
            end_time=datetime.time(17, 30),
            venue="Hotellet",
            capacity=RUN_SIZE,
        )
        for n in range(math.ceil(participants / RUN_SIZE))
    )
    RunAssignment.objects.bulk_create(
        RunAssignment(run=runs[i // RUN_SIZE], gathering=third, participant=p) for i, p in enumerate(people)
    )
    for kind, title in ((Composition.Kind.PANEL, "Tverrkommunalt panel"), (Composition.Kind.PAIRS, "Walk & talk")):
        services.composition_create(
            programme=programme, kind=kind, title=title, gathering=third, created_by=users["organiser"]
        )
    ThemeDay.objects.bulk_create(
        ThemeDay(
            programme=programme,
            municipality=m,
            after_gathering=gatherings[1],
            title="Temadag",
            date=gatherings[1].start_date + datetime.timedelta(days=20),
            held=i % 2 == 0,
        )
        for i, m in enumerate(places)
    )
    # Four in five answer the third gathering's feedback and the programme evaluation, all closed: the
    # figures page's results go through the engine with a cell for every municipality.
    from evaluation.demo import bulk_answers, close_surveys

    bulk_answers(programme, rng=random.Random(tag), share=0.8)
    close_surveys(programme)
    return NetworkWorld(programme, users)


def report_network(command, *, pages, repeat, plans=None):
    """Build the three networks, then one line per page: queries at each size, and the median at the
    largest against its floor."""
    from lederprogram.bench_national import _analyze, _measure

    worlds = {}
    for municipalities, participants in SIZES:
        started = time.perf_counter()
        worlds[participants] = build_network(municipalities, participants, tag=f"n{participants}")
        command._progress(
            f"built a network of {municipalities} municipalities and {participants} leaders "
            f"in {time.perf_counter() - started:.1f} s"
        )
    _analyze()
    gc.collect()
    gc.freeze()
    largest = SIZES[-1][1]
    failing_queries, failing_ratio = [], []
    for page in PAGES:
        counts = [_measure(page, worlds[participants], 1)[0] for _m, participants in SIZES]
        queries, median, floor = _measure(page, worlds[largest], repeat)
        ratio = round(median / floor, 1)
        if len(set(counts)) != 1:
            failing_queries.append(page["name"])
        if ratio > TARGET_RATIO:
            failing_ratio.append(page["name"])
        command.stdout.write(
            f"BENCH network {page['name']} as={page['as']} queries={'/'.join(map(str, counts))} "
            f"median_ms={median:.1f} floor_ms={floor:.1f} ratio={ratio}"
        )
    met = not failing_queries and not failing_ratio
    command.stdout.write(
        f"BENCH network summary sizes={'/'.join(f'{m}x{p}' for m, p in SIZES)} database={connection.vendor} "
        f"same_queries={'yes' if not failing_queries else 'no: ' + ','.join(failing_queries)} "
        f"ratio<={TARGET_RATIO:g}={'yes' if not failing_ratio else 'no: ' + ','.join(failing_ratio)} "
        f"target={'met' if met else 'not met'}"
    )
