"""Vefsn's peer groups for the demo: five confirmed groups of six, their meetings, and a few
fictional cases (without names, as the form asks) with follow-ups. One group has not met since the
first gathering, so HR's start page shows a stalled group while gathering 2 is near.

Every word here is data a Norwegian municipality would type, so it is in Norwegian.
"""

import datetime

from django.utils import timezone

from core.demo import BERGEN, VEFSN, working_day
from core.models import MunicipalityRole
from peergroups import services
from peergroups.models import Case, CaseTheme, PeerGroup

# (title, themes, values, 10-faktor, situation, challenge, tried, reflections, action, follow-up)
CASES = [
    (
        "Sammenslåing av soner i hjemmetjenesten møter motstand",
        ["change", "resistance"],
        ["ansvar"],
        ["autonomy"],
        "Hjemmetjenesten skal slå sammen to soner fra nyttår. Flere erfarne ansatte har sagt tydelig fra at de er "
        "imot, og stemningen på morgenmøtene er dårlig.",
        "Hvordan kan jeg involvere de ansatte i gjennomføringen uten å åpne for å omgjøre selve beslutningen?",
        "Informasjonsmøte og en e-post med begrunnelsen for endringen.",
        "Gruppa pekte på at motstand ofte handler om å miste noe kjent. Flere anbefalte å la ansatte utforme de "
        "nye rutinene selv, og å være ærlig om hva som ikke kan endres.",
        "Sette ned en arbeidsgruppe med to tillitsvalgte og tre ansatte fra hver sone.",
        "Arbeidsgruppa har hatt tre møter. Tonen er bedre, og forslaget til ny turnus kom fra de ansatte selv.",
    ),
    (
        "Budsjettkutt samtidig med krav om nye tjenester",
        ["finance", "operations", "change"],
        ["ansvar"],
        ["role_clarity"],
        "Enheten skal spare fire prosent neste år, samtidig som politikerne har vedtatt et nytt lavterskeltilbud.",
        "Hvordan prioriterer jeg åpent overfor de ansatte når alt ikke kan gjøres?",
        "Gjennomgang av alle faste oppgaver i ledergruppa.",
        "Gruppa foreslo å synliggjøre konsekvensene skriftlig for kommunalsjefen, og å la ansatte være med på å "
        "finne hva som kan slutte å gjøres.",
        "Lage en enkel oversikt over oppgaver som stoppes, og ta den opp i personalmøtet.",
        "Oversikten ble godt mottatt. To oppgaver er lagt bort, og kommunalsjefen har fått et tydelig notat.",
    ),
    (
        "Ny digital journal: noen ansatte faller av",
        ["digitalisation", "change"],
        ["nysgjerrighet"],
        ["relevant_development", "mastery_climate"],
        "Det nye journalsystemet har vært i bruk i to måneder. En del ansatte unngår det og skriver på papir.",
        "Hvordan får jeg med dem som synes det digitale er vanskelig, uten å henge dem ut?",
        "Felles opplæring over to dager.",
        "Gruppa delte erfaringer med superbrukere og korte økter i små grupper, og minnet om at mestring kommer "
        "før motivasjon.",
        "Utnevne to superbrukere og sette av en halvtime i uka til øving.",
        "",
    ),
    (
        "Langvarig sykefravær i et lite team",
        ["personnel", "stress"],
        ["ansvar"],
        ["mastery_oriented_leadership"],
        "Et team på seks har hatt to langtidssykmeldte i et halvt år. De som er igjen, sier de er slitne.",
        "Hvordan tar jeg vare på dem som står i det, og samtidig følger opp de sykmeldte godt?",
        "Innleie av vikar i perioder.",
        "Gruppa anbefalte faste, korte samtaler med hver enkelt og å snakke åpent i teamet om hva som kan vente.",
        "Ukentlige korte samtaler og en tydelig liste over hva teamet ikke skal gjøre nå.",
        "Teamet melder at det hjelper å vite hva som kan vente. Den ene sykmeldte er tilbake i gradert stilling.",
    ),
    (
        "Uklart ansvar mellom to faggrupper",
        ["conflict", "cooperation"],
        ["engasjement"],
        ["role_clarity"],
        "To faggrupper er uenige om hvem som skal ha ansvaret for oppfølgingen av brukere som skrives ut fra "
        "sykehus. Det har ført til at oppgaver blir liggende.",
        "Hvordan løser jeg dette uten at det blir en vinner og en taper?",
        "Samtaler med hver gruppe for seg.",
        "Gruppa mente at en felles beskrivelse av brukerens forløp kunne flytte fokus fra grupper til bruker.",
        "Et felles møte der begge faggruppene tegner forløpet sammen.",
        "",
    ),
    (
        "Alltid tilgjengelig: egen arbeidsbelastning",
        ["stress", "role"],
        ["humør"],
        ["intrinsic_motivation"],
        "Jeg svarer på meldinger sent på kvelden og i helgene, og merker at det går ut over søvn og humør.",
        "Hvordan setter jeg grenser uten at de ansatte opplever at jeg ikke er til stede?",
        "Skrudd av varsler på kveldstid i en uke.",
        "Gruppa snakket om hva lederen signaliserer til de ansatte, og om å avtale tydelig når man kan nås.",
        "Avtale med stedfortreder om helgene, og si det tydelig i personalmøtet.",
        "",
    ),
    (
        "Drift spiser all tid til utvikling",
        ["operations", "role", "change"],
        ["nysgjerrighet"],
        [],
        "Hver uke går med til bemanning og hastesaker. Utviklingsarbeidet vi lovet i høst, har ikke startet.",
        "Hvordan skjermer jeg tid til utvikling når driften alltid haster?",
        "",
        "Gruppa foreslo faste utviklingsøkter i kalenderen, og å gi bort en driftsoppgave til en erfaren medarbeider.",
        "Fast utviklingsmøte hver andre torsdag.",
        "",
    ),
    (
        "Nedleggelse av et dagtilbud",
        ["change", "resistance"],
        ["ansvar", "engasjement"],
        [],
        "Kommunestyret har vedtatt å legge ned et dagtilbud. Brukere og pårørende er sinte, og ansatte er usikre "
        "på hva som skjer med dem.",
        "Hva sier jeg til de ansatte når jeg ennå ikke vet alt?",
        "",
        "",
        "",
        "",
    ),
]


def _on(day):
    """The end of a meeting day, as the moment something was written then."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(15, 30)))


def _hr_of(programme):
    role = (
        MunicipalityRole.objects.filter(municipality=programme.municipality, role=MunicipalityRole.Role.HR)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return role.user if role else None


def load_vefsn(programme):
    """Idempotent: a programme that already has groups is left alone."""
    if PeerGroup.objects.filter(programme=programme).exists() or programme.participants.count() < 5:
        return
    hr = _hr_of(programme)
    groups = services.groups_compose(programme=programme, composed_by=hr, min_size=5, max_size=7, seed=1)
    services.groups_confirm(programme=programme, confirmed_by=hr)
    services.theme_add(programme=programme, added_by=hr, name="Rekruttering")

    today = timezone.localdate()
    gatherings = [g for g in programme.gatherings.order_by("number") if g.start_date is not None]
    past = [g for g in gatherings if g.end_date < today]
    last = past[-1].end_date if past else today - datetime.timedelta(days=30)
    themes = {t.code: t for t in CaseTheme.objects.filter(programme=programme).exclude(code="")}
    values = {v.name: v for v in programme.values.all()}
    places = ["Kulturverkstedet, møterom 2", "Rådhuset, formannskapssalen", "Fru Haugans, lille sal"]

    # Cases with a follow-up go to a group's first meeting (the follow-up came at the next one).
    order = [0, 2, 1, 4, 3, 5, 6, 7]
    case_rows = iter(CASES[i] for i in order)
    for index, group in enumerate(groups):
        members = [m.participant for m in group.members.select_related("participant__user")]
        facilitator_user = group.facilitator.user if group.facilitator else hr
        # The last group has not met since the first gathering: HR's start page flags it.
        stalled = index == len(groups) - 1
        # Working days only: a past date moves back to the working day before it, so it stays past.
        held_dates = (
            [] if stalled else [working_day(last + datetime.timedelta(days=d), back=True) for d in (18 + index, 45)]
        )
        meetings = []
        for n, date in enumerate(d for d in held_dates if d < today):
            meetings.append(
                services.meeting_save(
                    group=group,
                    saved_by=facilitator_user,
                    date=date,
                    start_time=datetime.time(13, 30),
                    end_time=datetime.time(15, 0),
                    place=places[(index + n) % len(places)],
                    video_link="",
                    summary="Vi tok en runde på hvordan det går siden sist, og drøftet en lederutfordring.",
                    # One or two members missed each meeting.
                    attendees=[p for i, p in enumerate(members) if (i + n + index) % 5 != 0],
                )
            )
        # The next meeting, after the coming gathering, in everyone's calendar.
        services.meeting_save(
            group=group,
            saved_by=facilitator_user,
            date=working_day(today + datetime.timedelta(days=19 + index)),
            start_time=datetime.time(14, 0),
            end_time=datetime.time(15, 30),
            place="" if index % 2 else places[index % len(places)],
            video_link="https://teams.example.no/kollegagruppe" if index % 2 else "",
            summary="",
        )
        for n, meeting in enumerate(meetings):
            row = next(case_rows, None)
            if row is None:
                break
            title, theme_codes, value_names, factors, situation, challenge, tried, reflections, action, follow = row
            case = services.case_save(
                group=group,
                saved_by=facilitator_user,
                title=title,
                situation=situation,
                challenge=challenge,
                tried=tried,
                reflections=reflections,
                action=action,
                discussed_on=meeting.date,
                meeting=meeting,
                brought_by=members[(index + n) % len(members)],
                ten_factors=factors,
                themes=[themes[c] for c in theme_codes],
                values=[values[v] for v in value_names if v in values],
            )
            # Logged on the day it was discussed, followed up on the day it says (the demo is built
            # today, but tells a programme that has run since the autumn).
            Case.objects.filter(pk=case.pk).update(created_at=_on(meeting.date))
            if follow and meeting is not meetings[-1]:
                services.case_follow_up(
                    case=case, saved_by=facilitator_user, follow_up=follow, follow_up_on=meetings[-1].date
                )
                Case.objects.filter(pk=case.pk).update(follow_up_written_at=_on(meetings[-1].date))


def load_bergen(programme):
    """Bergen's 336 leaders in confirmed groups of 5–7 (one click of the composer), each group having
    met once since the first gathering, except every sixth: those show as stalled on HR's start page
    when the next gathering is near. Idempotent like load_vefsn."""
    if PeerGroup.objects.filter(programme=programme).exists() or programme.participants.count() < 5:
        return
    hr = _hr_of(programme)
    groups = services.groups_compose(programme=programme, composed_by=hr, min_size=5, max_size=7, seed=4)
    services.groups_confirm(programme=programme, confirmed_by=hr)
    first = programme.gatherings.order_by("number").first()
    today = timezone.localdate()
    if first is None or first.start_date is None or first.end_date >= today:
        return
    for index, group in enumerate(groups):
        if index % 6 == 5:
            continue
        members = [m.participant for m in group.members.select_related("participant")]
        date = working_day(
            min(first.end_date + datetime.timedelta(days=10 + index % 12), today - datetime.timedelta(days=1)),
            back=True,
        )
        services.meeting_save(
            group=group,
            saved_by=group.facilitator.user if group.facilitator else hr,
            date=date,
            start_time=datetime.time(14),
            end_time=datetime.time(15, 30),
            place="Rådhuset i Bergen, møterom " + str(1 + index % 4),
            video_link="",
            summary="Runde på hvordan det har gått siden samlingen.",
            attendees=[p for i, p in enumerate(members) if (i + index) % 6 != 0],
        )


@VEFSN.register(order=50)
def vefsn_peer_groups(demo):
    load_vefsn(demo.programme)


@BERGEN.register(order=50)
def bergen_peer_groups(demo):
    load_bergen(demo.programme)
