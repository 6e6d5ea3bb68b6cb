"""HR's pages about the people of a municipality: roles, invitations, erasure (views.py, forms.py)."""
