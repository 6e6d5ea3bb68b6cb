"""The peer-group pages, one module per part: programme-wide (programme.py), one group (groups.py),
meetings, cases, and the case round at the gathering (gathering.py)."""
