"""The results' aggregates as an Excel workbook: only what the anonymity engine released."""

import io

from django.utils.translation import gettext as _

from evaluation.models import Kirkpatrick
from participants.exports import safe_cell


def _hidden(k):
    return _("Hidden (fewer than %(k)s)") % {"k": k}


def _stat_cells(stat, k, width):
    if not stat.shown:
        return [_hidden(k)] + [""] * (width + 1)
    return [stat.n, stat.mean] + [count for _value, count in stat.distribution]


def results_workbook(programme, results):
    # Imported here: only an export needs openpyxl.
    from openpyxl import Workbook

    from evaluation.anonymity import threshold

    k = threshold()
    workbook = Workbook(write_only=True)

    sheet = workbook.create_sheet(title=_("Gatherings")[:31])
    sheet.append([_("Gathering"), _("Run"), _("Answers"), _("Mean"), *[str(v) for v in range(1, 7)]])
    for gathering in results.gatherings:
        rows = [[str(gathering.gathering), _("All runs"), *_stat_cells(gathering.die, k, 6)]]
        rows += [[str(gathering.gathering), str(run.run.number), *_stat_cells(run.die, k, 6)] for run in gathering.runs]
        for row in rows:
            sheet.append([safe_cell(value) for value in row])

    sheet = workbook.create_sheet(title=_("Topics")[:31])
    sheet.append([_("Gathering"), _("Topic"), _("Answers"), _("Mean"), *[str(v) for v in range(1, 6)]])
    for gathering in results.gatherings:
        for topic in gathering.topics:
            sheet.append(
                [safe_cell(v) for v in [str(gathering.gathering), topic.topic, *_stat_cells(topic.stat, k, 5)]]
            )

    evaluation = results.evaluation
    if evaluation is not None:
        sheet = workbook.create_sheet(title=_("Programme evaluation")[:31])
        sheet.append([_("Question"), _("Kirkpatrick level"), _("Answers"), _("Mean"), *[str(v) for v in range(1, 7)]])
        level = dict(Kirkpatrick.choices)
        sheet.append(
            [
                safe_cell(v)
                for v in [
                    _("Main goal"),
                    str(level[evaluation.levels.get("main_goal", 4)]),
                    *_stat_cells(evaluation.main_goal, k, 6),
                ]
            ]
        )
        for goal in evaluation.goals:
            sheet.append(
                [
                    safe_cell(v)
                    for v in [goal.text, str(level[evaluation.levels.get("goal", 3)]), *_stat_cells(goal.stat, k, 6)]
                ]
            )
        for row in evaluation.self_assessment:
            for label, stat, _baseline in row.dimensions:
                sheet.append(
                    [
                        safe_cell(v)
                        for v in [
                            f"{row.goal}: {label}",
                            str(level[evaluation.levels.get("self", 2)]),
                            *_stat_cells(stat, k, 5),
                        ]
                    ]
                )
        sheet.append(
            [
                safe_cell(v)
                for v in [
                    _("Run the extension (share yes)"),
                    str(level[evaluation.levels.get("extension", 1)]),
                    *_stat_cells(evaluation.extension, k, 2),
                ]
            ]
        )

        sheet = workbook.create_sheet(title=_("Development needs")[:31])
        sheet.append([_("Development need"), _("Points"), _("Mean place")])
        if evaluation.needs.shown:
            for option, points, mean_rank in evaluation.needs.items:
                sheet.append([safe_cell(option), points, mean_rank])
        else:
            sheet.append([_hidden(k)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
