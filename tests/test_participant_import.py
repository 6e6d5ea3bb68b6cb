"""HR imports participants from .xlsx or .csv: preview first, then all or nothing."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import AuditEvent, User
from participants.models import Participant
from tests.conftest import main_text
from tests.factories import ParticipantFactory
from tests.personas import DO, EDIT, PERSONAS

HEADER = ["Navn", "E-post", "Stilling", "Ledernivå", "Enhet", "Sektor", "Leders e-post", "Kosthold"]
OLA = ["Ola Nordmann", "ola@vefsn.no", "Enhetsleder", "Enhetsleder", "Sykehjemmet", "Helse", "", "Glutenfri"]
KARI = ["Kari Hansen", "kari@vefsn.no", "Avdelingsleder", "avdelingsleder", "Sykehjemmet", "Helse", "ola@vefsn.no", ""]


def csv_file(rows, header=HEADER, name="deltakere.csv", delimiter=";", encoding="utf-8", bom=False):
    text = "\r\n".join(delimiter.join(cells) for cells in [header, *rows]) + "\r\n"
    data = ("\ufeff" if bom else "").encode(encoding) + text.encode(encoding)
    return SimpleUploadedFile(name, data, content_type="text/csv")


def xlsx_bytes(rows, header=HEADER):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for cells in [header, *rows]:
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_file(rows, header=HEADER, name="deltakere.xlsx"):
    return SimpleUploadedFile(name, xlsx_bytes(rows, header))


def import_url(world):
    return reverse("participant_import", kwargs={"pk": world.programme.pk})


def upload(client, world, file):
    client.force_login(world.hr)
    return client.post(import_url(world), {"file": file})


def upload_and_confirm(client, world, file):
    response = upload(client, world, file)
    assert response.status_code == 302, response.context and response.context.get("errors")
    return client.post(response["Location"])


def counts():
    return User.objects.count(), Participant.objects.count()


def refused(client, world, file):
    """Upload a file that must be refused; returns its messages after checking that nothing was written."""
    before = counts()
    response = upload(client, world, file)
    assert response.status_code == 200
    assert counts() == before
    assert not client.session.get("participant_imports")
    assert "Ingenting ble importert. Rett opp filen og last den opp på nytt:" in main_text(response)
    return response.context["errors"]


# Happy paths -------------------------------------------------------------------------------------


def bergen_rows():
    """Bergen's health and care department: 58 unit leaders, 278 department leaders under them."""
    sectors = ["Sykehjemsetaten", "Hjemmetjenesten", "Helsestasjon"]
    units = [
        [f"Enhet{n} Leder", f"enhet{n}@bergen.kommune.no", "Enhetsleder", "Enhetsleder", f"Enhet {n}", sectors[n % 3]]
        + ["", "" if n % 5 else "Vegetar"]
        for n in range(58)
    ]
    departments = [
        [
            f"Avdeling{n} Leder",
            f"avdeling{n}@bergen.kommune.no",
            "Avdelingsleder",
            "AVDELINGSLEDER",
            f"Enhet {n % 58}",
            sectors[(n % 58) % 3],
            f"enhet{n % 58}@bergen.kommune.no",
            "",
        ]
        for n in range(278)
    ]
    return units + departments


@pytest.mark.django_db
def test_bergen_list_of_336_is_previewed_then_imported_with_managers(client, world):
    users_before, participants_before = counts()

    response = upload(client, world, csv_file(bergen_rows()))
    assert response.status_code == 302
    preview_url = response["Location"]
    assert preview_url.startswith(import_url(world))
    assert counts() == (users_before, participants_before)  # the preview writes nothing

    page = client.get(preview_url)
    text = main_text(page)
    assert page.context["summary"] == {
        "count": 336,
        "by_level": [("Enhetsleder", 58), ("Avdelingsleder", 278)],
        "by_sector": [("Sykehjemsetaten", 116), ("Helsestasjon", 110), ("Hjemmetjenesten", 110)],
        "with_manager": 278,
        "with_facilitator": 0,
    }
    assert "Filen har 336 deltakere. Ingenting lagres og ingen får e-post før du bekrefter." in text
    assert "278 deltakere har nærmeste leder i programmet." in text
    assert "De første 10 radene" in text
    assert "Importer 336 deltakere" in text

    response = client.post(preview_url)
    assert response.status_code == 302
    assert response["Location"] == reverse("programme_participants", kwargs={"pk": world.programme.pk})
    assert counts() == (users_before + 336, participants_before + 336)
    imported = Participant.objects.filter(user__email__endswith="@bergen.kommune.no").select_related(
        "user", "manager__user"
    )
    assert imported.count() == 336
    assert {p.programme_id for p in imported} == {world.programme.pk}
    assert not any(p.user.has_usable_password() for p in imported)
    unit = imported.get(user__email="enhet7@bergen.kommune.no")
    assert (unit.user.first_name, unit.user.last_name, unit.job_title, unit.leader_level) == (
        "Enhet7",
        "Leder",
        "Enhetsleder",
        "unit",
    )
    assert (unit.unit, unit.sector, unit.dietary_needs, unit.manager) == ("Enhet 7", "Hjemmetjenesten", "", None)
    assert imported.get(user__email="enhet5@bergen.kommune.no").dietary_needs == "Vegetar"
    department = imported.get(user__email="avdeling65@bergen.kommune.no")
    assert (department.leader_level, department.unit, department.manager.user.email) == (
        "department",
        "Enhet 7",
        "enhet7@bergen.kommune.no",
    )
    assert department.manager.programme_id == world.programme.pk
    assert imported.filter(leader_level="unit", manager__isnull=True).count() == 58
    assert imported.filter(leader_level="department", manager__leader_level="unit").count() == 278
    event = AuditEvent.objects.get(action="participants.imported")
    assert (event.actor, event.municipality, event.target_id, event.detail) == (
        world.hr,
        world.vefsn,
        str(world.programme.pk),
        {"count": 336},
    )
    assert client.session["participant_imports"] == {}
    follow = client.get(response["Location"])
    assert "336 deltakere ble importert. Send invitasjonene når du er klar." in main_text(follow)


@pytest.mark.django_db
def test_xlsx_is_imported(client, world):
    response = upload_and_confirm(client, world, xlsx_file([OLA, KARI]))
    assert response.status_code == 302
    kari = Participant.objects.select_related("user", "manager__user").get(user__email="kari@vefsn.no")
    assert (kari.user.get_full_name(), kari.leader_level, kari.manager.user.email) == (
        "Kari Hansen",
        "department",
        "ola@vefsn.no",
    )
    assert Participant.objects.get(user__email="ola@vefsn.no").dietary_needs == "Glutenfri"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "options",
    [
        {"bom": True, "delimiter": ";"},
        {"bom": False, "delimiter": ","},
        {"bom": True, "delimiter": ","},
        {"encoding": "cp1252", "delimiter": ";"},
        {"encoding": "latin-1", "delimiter": ","},
    ],
    ids=["utf8-bom-semicolon", "utf8-comma", "utf8-bom-comma", "cp1252-semicolon", "latin1-comma"],
)
def test_csv_encodings_and_separators(client, world, options):
    rows = [["Åse Ødegård", "ase@vefsn.no", "Enhetsleder", "Strategisk leder", "Økonomi", "Sentraladministrasjonen"]]
    header = ["Navn", "E-post", "Stilling", "Ledernivå", "Enhet", "Sektor"]
    response = upload_and_confirm(client, world, csv_file(rows, header=header, **options))
    assert response.status_code == 302
    ase = Participant.objects.select_related("user").get(user__email="ase@vefsn.no")
    assert (ase.user.first_name, ase.user.last_name, ase.leader_level, ase.unit, ase.sector) == (
        "Åse",
        "Ødegård",
        "strategic",
        "Økonomi",
        "Sentraladministrasjonen",
    )


@pytest.mark.django_db
def test_english_headers_with_first_and_last_name_and_existing_user(client, world):
    header = ["First name", "Last name", "E-mail", "Job title", "Leader level", "Unit", "Sector", "Manager's e-mail"]
    header += ["Dietary needs", "Employee number"]
    rows = [
        ["Per", "Olsen", "Per@Vefsn.no", "Rektor", "unit leader", "Skolen", "Oppvekst", "kollega@vefsn.no", "", "17"],
        ["Veileder", "Selv", "veileder@example.no", "", "", "", "", "per@vefsn.no", "Laktosefri", "18"],
    ]
    response = upload(client, world, csv_file(rows, header=header, delimiter=","))
    page = client.get(response["Location"])
    assert "Disse kolonnene brukes ikke: Employee number" in main_text(page)
    assert page.context["summary"]["by_level"] == [("Enhetsleder", 1), ("Ikke oppgitt", 1)]
    users_before = User.objects.count()

    client.post(response["Location"])

    assert User.objects.count() == users_before + 1  # the facilitator's account is reused
    per = Participant.objects.select_related("user", "manager__user").get(user__email="per@vefsn.no")
    assert (per.user.first_name, per.user.last_name, per.leader_level, per.manager.user.email) == (
        "Per",
        "Olsen",
        "unit",
        "kollega@vefsn.no",
    )
    facilitator = Participant.objects.get(user=world.facilitator)
    assert (facilitator.leader_level, facilitator.dietary_needs, facilitator.manager) == ("", "Laktosefri", per)
    world.facilitator.refresh_from_db()
    assert world.facilitator.has_usable_password()


@pytest.mark.django_db
def test_name_written_last_name_first(client, world):
    rows = [["Nordmann, Ola Jakob", "ola@vefsn.no", "", "", "", "", "", ""]]
    upload_and_confirm(client, world, csv_file(rows))
    user = User.objects.get(email="ola@vefsn.no")
    assert (user.first_name, user.last_name) == ("Ola Jakob", "Nordmann")


# Bad rows: the whole file is refused, with one message per row and column --------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad_row,message",
    [
        (["Ola", "", "", "", "", "", "", ""], "Rad 3, E-post: e-postadressen mangler."),
        (["Ola", "ola@", "", "", "", "", "", ""], "Rad 3, E-post: «ola@» er ikke en gyldig e-postadresse."),
        (["Ola", "KARI@vefsn.no", "", "", "", "", "", ""], "Rad 3, E-post: «KARI@vefsn.no» står også i rad 2."),
        (
            ["Ola", "deltaker@vefsn.no", "", "", "", "", "", ""],
            "Rad 3, E-post: «deltaker@vefsn.no» er allerede deltaker i dette programmet.",
        ),
        (
            ["Ola", "ola@vefsn.no", "", "Mellomleder", "", "", "", ""],
            "Rad 3, Ledernivå: «Mellomleder» er ikke et kjent ledernivå. "
            "Bruk enhetsleder, avdelingsleder eller strategisk leder.",
        ),
        (
            ["Ola", "ola@vefsn.no", "", "", "", "", "sjef@vefsn.no", ""],
            "Rad 3, Leders e-post: «sjef@vefsn.no» står verken i filen eller er deltaker i dette programmet.",
        ),
        (
            ["Ola", "ola@vefsn.no", "", "", "", "", "hr@vefsn.no", ""],
            "Rad 3, Leders e-post: «hr@vefsn.no» står verken i filen eller er deltaker i dette programmet.",
        ),
        (
            ["Ola", "ola@vefsn.no", "", "", "", "", "sjef@", ""],
            "Rad 3, Leders e-post: «sjef@» er ikke en gyldig e-postadresse.",
        ),
        (
            ["Ola", "ola@vefsn.no", "", "", "", "", "OLA@vefsn.no", ""],
            "Rad 3, Leders e-post: en person kan ikke være sin egen leder.",
        ),
        (["", "ola@vefsn.no", "", "", "", "", "", ""], "Rad 3, Navn: navnet mangler."),
        (["Ola", "ola@vefsn.no", "x" * 201, "", "", "", "", ""], "Rad 3, Stilling: teksten er lengre enn 200 tegn."),
    ],
    ids=[
        "missing-email",
        "malformed-email",
        "duplicate-email",
        "existing-participant",
        "unknown-level",
        "unknown-manager",
        "manager-not-a-participant",
        "malformed-manager",
        "own-manager",
        "missing-name",
        "too-long",
    ],
)
def test_one_bad_row_refuses_the_whole_file(client, world, bad_row, message):
    good = ["Kari Hansen", "kari@vefsn.no", "Enhetsleder", "Enhetsleder", "Skolen", "Oppvekst", "", ""]
    assert refused(client, world, csv_file([good, bad_row])) == [message]


@pytest.mark.django_db
def test_every_bad_row_is_listed_in_row_and_column_order(client, world):
    rows = [
        ["Ola Nordmann", "ola@", "", "sjef", "", "", "ukjent@vefsn.no", ""],  # row 2
        ["Kari Hansen", "kari@vefsn.no", "", "Enhetsleder", "", "", "", ""],  # row 3: fine
        ["", "", "", "", "", "", "", ""],  # row 4: blank, skipped
        ["Kari Igjen", "kari@vefsn.no", "", "", "", "", "kari@vefsn.no", ""],  # row 5
    ]
    before = AuditEvent.objects.exclude(action="auth.login").count()
    errors = refused(client, world, xlsx_file(rows))
    assert errors == [
        "Rad 2, E-post: «ola@» er ikke en gyldig e-postadresse.",
        "Rad 2, Ledernivå: «sjef» er ikke et kjent ledernivå. Bruk enhetsleder, avdelingsleder eller strategisk leder.",
        "Rad 2, Leders e-post: «ukjent@vefsn.no» står verken i filen eller er deltaker i dette programmet.",
        "Rad 5, E-post: «kari@vefsn.no» står også i rad 3.",
        "Rad 5, Leders e-post: en person kan ikke være sin egen leder.",
    ]
    assert AuditEvent.objects.exclude(action="auth.login").count() == before


@pytest.mark.django_db
def test_a_long_list_of_errors_is_cut_with_a_count(client, world):
    rows = [[f"Person {n}", f"person{n}@", "", "", "", "", "", ""] for n in range(105)]
    response = upload(client, world, csv_file(rows))
    assert len(response.context["errors"]) == 100
    assert "… og 5 feil til." in main_text(response)
    assert Participant.objects.filter(user__email__startswith="person").count() == 0


@pytest.mark.django_db
def test_manager_further_down_the_file_and_existing_participant_manager_are_accepted(client, world):
    rows = [KARI, OLA, ["Per Olsen", "per@vefsn.no", "", "", "", "", "kollega@vefsn.no", ""]]
    upload_and_confirm(client, world, csv_file(rows))
    managers = dict(
        Participant.objects.filter(manager__isnull=False).values_list("user__email", "manager__user__email")
    )
    assert managers == {"kari@vefsn.no": "ola@vefsn.no", "per@vefsn.no": "kollega@vefsn.no"}


@pytest.mark.django_db
def test_rows_are_checked_again_when_confirming(client, world):
    response = upload(client, world, csv_file([OLA, KARI]))
    preview_url = response["Location"]
    # Someone adds Kari by hand between the preview and the confirmation.
    ParticipantFactory(programme=world.programme, user__email="kari@vefsn.no")
    before = counts()

    response = client.post(preview_url)

    assert response.status_code == 200
    assert response.context["errors"] == ["Rad 3, E-post: «kari@vefsn.no» er allerede deltaker i dette programmet."]
    assert "Importer 2 deltakere" not in main_text(response)
    assert "Last opp filen på nytt" in main_text(response)
    assert counts() == before
    assert not User.objects.filter(email="ola@vefsn.no").exists()


@pytest.mark.django_db
def test_unknown_or_spent_preview_sends_back_to_upload(client, world):
    response = upload(client, world, csv_file([OLA]))
    preview_url = response["Location"]
    client.post(preview_url)
    before = counts()

    for response in (client.get(preview_url), client.post(preview_url)):
        assert response.status_code == 302
        assert response["Location"] == import_url(world)
    assert counts() == before
    page = client.get(import_url(world))
    assert "Forhåndsvisningen finnes ikke lenger. Last opp filen på nytt." in main_text(page)


@pytest.mark.django_db
def test_a_new_upload_replaces_the_pending_one(client, world):
    first = upload(client, world, csv_file([OLA]))["Location"]
    second = upload(client, world, csv_file([OLA, KARI]))["Location"]
    assert len(client.session["participant_imports"]) == 1
    assert client.get(first).status_code == 302
    assert client.get(second).context["summary"]["count"] == 2


# Files refused before their rows are read ------------------------------------------------------------


@pytest.mark.django_db
def test_file_over_2_mb_is_refused(client, world):
    rows = [[f"Person {n}", f"person{n}@vefsn.no", "x" * 190, "", "", "", "", ""] for n in range(11000)]
    file = csv_file(rows)
    assert file.size > 2 * 1024 * 1024
    assert refused(client, world, file) == ["Filen er større enn 2 MB."]


@pytest.mark.django_db
def test_more_than_5000_rows_is_refused(client, world):
    rows = [[f"P {n}", f"p{n}@vefsn.no", "", "", "", "", "", ""] for n in range(5001)]
    assert refused(client, world, csv_file(rows)) == [
        "Filen har mer enn 5\xa0000 deltakerrader. Del den opp i mindre filer."
    ]


@pytest.mark.django_db
def test_exactly_5000_rows_pass(client, world):
    rows = [[f"P {n}", f"p{n}@vefsn.no", "", "", "", "", "", ""] for n in range(5000)]
    response = upload(client, world, csv_file(rows))
    assert response.status_code == 302


@pytest.mark.django_db
def test_more_than_5000_rows_in_a_workbook_is_refused(client, world):
    rows = [[f"P {n}", f"p{n}@vefsn.no", "", "", "", "", "", ""] for n in range(5001)]
    assert refused(client, world, xlsx_file(rows)) == [
        "Filen har mer enn 5\xa0000 deltakerrader. Del den opp i mindre filer."
    ]


PAST_THE_SHEET = (
    "Arket fortsetter forbi rad 10\xa0000, kanskje med tomme rader som har formatering. "
    "Kopier deltakerradene over i en ny arbeidsbok, eller lagre arket som CSV UTF-8."
)


@pytest.mark.django_db
@pytest.mark.parametrize("last_row", [10_001, 1_048_576])
def test_a_workbook_reaching_past_row_10000_is_refused_without_walking_the_sheet(client, world, last_row):
    # A few kB, with one cell far down: openpyxl would make every blank row in between.
    from openpyxl import Workbook

    workbook = Workbook()
    for cells in [HEADER, OLA]:
        workbook.active.append(cells)
    workbook.active.cell(row=last_row, column=1, value="Glemt rad")
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert len(buffer.getvalue()) < 10_000
    assert refused(client, world, SimpleUploadedFile("deltakere.xlsx", buffer.getvalue())) == [PAST_THE_SHEET]


@pytest.mark.django_db
def test_blank_rows_up_to_row_10000_are_read_past(client, world):
    from openpyxl import Workbook

    workbook = Workbook()
    for cells in [HEADER, OLA]:
        workbook.active.append(cells)
    for column, value in enumerate(KARI, 1):
        workbook.active.cell(row=10_000, column=column, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = upload_and_confirm(client, world, SimpleUploadedFile("deltakere.xlsx", buffer.getvalue()))
    assert response.status_code == 302
    assert sorted(
        Participant.objects.filter(
            programme=world.programme, user__email__in=["ola@vefsn.no", "kari@vefsn.no"]
        ).values_list("user__email", flat=True)
    ) == ["kari@vefsn.no", "ola@vefsn.no"]


MACRO = "Arbeidsbøker med makroer tas ikke imot. Lagre filen som .xlsx uten makroer, eller som .csv."
NOT_A_WORKBOOK = "Filen er ikke en gyldig Excel-arbeidsbok (.xlsx)."
TOO_BIG = "Arbeidsboken er for stor eller sammensatt til å leses trygt."


@pytest.mark.django_db
def test_xlsm_is_refused(client, world):
    assert refused(client, world, xlsx_file([OLA], name="deltakere.xlsm")) == [MACRO]


@pytest.mark.django_db
def test_xlsx_with_vba_project_is_refused(client, world):
    buffer = io.BytesIO(xlsx_bytes([OLA]))
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
    assert refused(client, world, SimpleUploadedFile("deltakere.xlsx", buffer.getvalue())) == [MACRO]


@pytest.mark.django_db
def test_zip_bomb_is_refused_before_openpyxl_opens_it(client, world):
    # 60 MB of zeros deflate to about 60 kB. The archive is no workbook at all (no
    # [Content_Types].xml), so had openpyxl opened it the message would be NOT_A_WORKBOOK.
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w") as entry,
    ):
        chunk = bytes(1024 * 1024)
        for _ in range(60):
            entry.write(chunk)
    assert len(buffer.getvalue()) < 200_000
    assert refused(client, world, SimpleUploadedFile("deltakere.xlsx", buffer.getvalue())) == [TOO_BIG]


@pytest.mark.django_db
def test_zip_with_too_many_entries_is_refused(client, world):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(1001):
            archive.writestr(f"xl/part{n}.xml", b"")
    assert refused(client, world, SimpleUploadedFile("deltakere.xlsx", buffer.getvalue())) == [TOO_BIG]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data", [b"Navn;E-post\r\nOla;ola@vefsn.no\r\n", b"PK\x03\x04 broken"], ids=["csv-named-xlsx", "broken-zip"]
)
def test_not_a_workbook_is_refused(client, world, data):
    assert refused(client, world, SimpleUploadedFile("deltakere.xlsx", data)) == [NOT_A_WORKBOOK]


@pytest.mark.django_db
def test_valid_zip_that_is_not_a_workbook_is_refused(client, world):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", b"hei")
    assert refused(client, world, SimpleUploadedFile("deltakere.xlsx", buffer.getvalue())) == [NOT_A_WORKBOOK]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "file,message",
    [
        (
            SimpleUploadedFile("deltakere.xls", b"\xd0\xcf\x11\xe0"),
            "Last opp en Excel-arbeidsbok (.xlsx) eller en CSV-fil (.csv).",
        ),
        (
            SimpleUploadedFile("deltakere.csv", b"Navn;E-post\x00\x01\x02"),
            "Filen kunne ikke leses som tekst. Lagre den som CSV UTF-8.",
        ),
        (SimpleUploadedFile("deltakere.csv", b"\r\n  \r\n"), "Filen er tom."),
        (SimpleUploadedFile("deltakere.csv", b"Navn;E-post\r\n;;\r\n"), "Filen inneholder ingen deltakere."),
        (
            SimpleUploadedFile("deltakere.csv", b"Navn;Stilling\r\nOla;Rektor\r\n"),
            "Filen mangler kolonnen for e-postadresse (E-post).",
        ),
        (
            SimpleUploadedFile("deltakere.csv", b"E-post;Stilling\r\nola@vefsn.no;Rektor\r\n"),
            "Filen mangler kolonnen for navn (Navn, eller Fornavn og Etternavn).",
        ),
        (
            SimpleUploadedFile(
                "deltakere.csv", b"Navn;E-post;Kosthold;Allergier og kosthold\r\nOla;ola@vefsn.no;;\r\n"
            ),
            "Kolonnen «Allergier og kosthold» finnes flere ganger.",
        ),
    ],
    ids=["xls", "binary", "empty", "no-rows", "no-email-column", "no-name-column", "same-column-twice"],
)
def test_unreadable_files_are_refused(client, world, file, message):
    assert refused(client, world, file) == [message]


def test_openpyxl_parses_with_defusedxml():
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True


# Who may import ----------------------------------------------------------------------------------

GET_UPLOAD = EDIT
POST_UPLOAD = DO


def _login_as(client, world, persona):
    if persona != "anonymous":
        client.force_login(getattr(world, persona))


@pytest.mark.django_db
@pytest.mark.parametrize("persona,status", list(zip(PERSONAS, GET_UPLOAD, strict=True)))
def test_upload_page_per_persona(client, world, persona, status):
    _login_as(client, world, persona)
    url = import_url(world)
    response = client.get(url)
    assert response.status_code == status
    if status == 302:
        assert response["Location"] == f"{reverse('account_login')}?next={url}"
    elif status == 200:
        assert "Importer deltakere" in main_text(response)
    else:
        assert "Importer deltakere" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("persona,status", list(zip(PERSONAS, POST_UPLOAD, strict=True)))
def test_upload_per_persona_and_confirm_by_others_writes_nothing(client, world, persona, status):
    # HR prepares a preview; the persona then uploads a file and tries to confirm HR's preview.
    client.force_login(world.hr)
    preview_url = client.post(import_url(world), {"file": csv_file([OLA])})["Location"]
    client.logout()
    _login_as(client, world, persona)
    before = counts()

    response = client.post(import_url(world), {"file": csv_file([KARI, OLA])})
    assert response.status_code == status
    if persona == "anonymous":
        assert response["Location"] == f"{reverse('account_login')}?next={import_url(world)}"
    if persona != "hr":
        assert not client.session.get("participant_imports")
    for attempt in (client.get(preview_url), client.post(preview_url)):
        assert attempt.status_code == {"hr": 302}.get(persona, status)
    assert counts() == before


@pytest.mark.django_db
def test_hr_of_another_municipality_cannot_import_into_it(client, world):
    client.force_login(world.other_hr)
    before = counts()
    url = reverse("participant_import", kwargs={"pk": world.programme.pk})
    assert client.post(url, {"file": csv_file([OLA])}).status_code == 404
    assert counts() == before


# Queries -----------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [3, 300])
def test_preview_query_count(client, world, django_assert_num_queries, rows):
    data = [[f"Person {n} Leder", f"p{n}@vefsn.no", "", "Avdelingsleder", "", "", "", ""] for n in range(rows)]
    preview_url = upload(client, world, csv_file(data))["Location"]
    # session, user, roles, programme, the programme's participants' addresses
    with django_assert_num_queries(5):
        response = client.get(preview_url)
    assert response.context["summary"]["count"] == rows


@pytest.mark.django_db
def test_the_import_assigns_facilitators_from_their_column_and_refuses_strangers(world):
    from participants.importers import sheet_from_table, validate
    from participants.services import participants_import

    rows = [
        (1, ["Navn", "E-post", "Prosessveileder"]),
        (2, ["Ny Leder", "ny.leder@vefsn.no", "VEILEDER@example.no"]),
        (3, ["Uten Veileder", "uten@vefsn.no", ""]),
    ]
    imported = participants_import(programme=world.programme, imported_by=world.hr, sheet=sheet_from_table(rows))

    assert [(p.user.email, p.facilitator) for p in imported] == [
        ("ny.leder@vefsn.no", world.facilitator),
        ("uten@vefsn.no", None),
    ]
    wrong = [
        (1, ["Navn", "E-post", "Prosessveileder"]),
        (2, ["Tredje", "tredje@vefsn.no", "annen.veileder@example.no"]),
    ]
    with pytest.raises(ValidationError) as error:
        validate(sheet=sheet_from_table(wrong), programme=world.programme)
    assert error.value.messages == [
        "Rad 2, Prosessveileder: «annen.veileder@example.no» er ikke prosessveileder i dette programmet. "
        "Inviter vedkommende som prosessveileder først."
    ]
