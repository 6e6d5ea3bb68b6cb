# Norwegian numbers, clock and numeric dates (see lederprogram/formats/norwegian.py); English word order.
from lederprogram.formats.norwegian import *  # noqa: F403

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
MONTH_DAY_FORMAT = "j F"
