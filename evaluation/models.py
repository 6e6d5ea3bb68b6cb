# Models arrive with this app's issue; the app exists now so the layout is fixed.
