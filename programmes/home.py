"""The start page's dashboard: the user's programmes per role (core/home.py runs it first)."""

from core.home import START_PAGE
from programmes.selectors import home_dashboard


@START_PAGE.register(order=10)
def dashboard(user, page):
    return {"dashboard": home_dashboard(user)}
