"""What a programme template carries of the evaluation: the development needs the programme
evaluation asked to rank, and whether the programme follows 10-faktor scores. Registered with
sessions.programme_templates (the lower app learns it from the higher one)."""


def capture(programme):
    from evaluation.models import Question, Survey, TenFactorScore

    found = {}
    ranking = (
        Question.objects.filter(
            survey__programme=programme, survey__kind=Survey.Kind.PROGRAMME, kind=Question.Kind.RANKING
        )
        .values_list("options", flat=True)
        .first()
    )
    if ranking:
        found["needs"] = list(ranking)
    if TenFactorScore.objects.filter(programme=programme).exists():
        found["ten_factor"] = True
    return found


def register():
    from sessions.programme_templates import EVALUATION_CAPTURE

    if capture not in EVALUATION_CAPTURE:
        EVALUATION_CAPTURE.append(capture)
