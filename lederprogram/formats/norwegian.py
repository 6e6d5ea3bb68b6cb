"""Django's number and date formats the Norwegian way, shared by the nb, nn and en format modules.

English is for facilitators working with Norwegian municipalities: its month names are English, but
numbers, clock times and numeric dates read as in the Norwegian pages, reports and PDFs beside them
(3,5 · 20:00 · 03.12.2026), so a figure reads the same whichever language shows it.
Abbreviated months and date ranges are not Django formats: core/formatting.py makes them from CLDR.
"""

DATE_FORMAT = "j. F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j. F Y \\k\\l. H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j. F"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
# ISO first: a <input type="date"> sends and shows it, whatever the language.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%y %H:%M",
]
TIME_INPUT_FORMATS = ["%H:%M:%S", "%H:%M", "%H.%M"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # a non-breaking space: 1 234
NUMBER_GROUPING = 3
