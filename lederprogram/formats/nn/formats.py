from lederprogram.formats.norwegian import *  # noqa: F403  (the same in bokmål and nynorsk)
