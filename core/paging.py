"""Paging of long lists (Bergen's 336 leaders): a page of rows and the query string to keep.

The page number is `?side=`; the filters in the rest of the query string survive page links."""

from django.core.paginator import Paginator

PAGE_SIZE = 50


def page_of(request, rows, per_page=PAGE_SIZE):
    """`(page, query)`: the requested page (the last one when it is past the end) and the query
    string without the page number, for the pager's links and for forms that come back here."""
    page = Paginator(rows, per_page).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return page, query.urlencode()
