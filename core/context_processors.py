from core.roles import roles_of


def navigation(request):
    user = getattr(request, "user", None)
    return {"roles": roles_of(user)} if user is not None else {}
