"""Reminders that never double-send: what is reminded, to whom, when, and how it is sent.

How it runs
-----------
One scan (`services.reminders_scan`, Celery beat every REMINDER_SCAN_INTERVAL seconds; without
Redis `manage.py run_reminder_loop`, or `manage.py send_due_reminders` from cron) asks every kind
what is due *now* in Europe/Oslo wall-clock time, inserts one `core.Reminder` row per (kind,
recipient, target, slot) with INSERT ... SELECT ... ON CONFLICT DO NOTHING (so a row that exists is
left alone), then puts one `send_reminder` task per pending row on the queue. The send claims its
row (pending, or "sending" older than REMINDER_SENDING_TIMEOUT, → sending: a conditional UPDATE
that must change exactly one row), renders and sends the mail, then marks it sent. A claim that
fails sends nothing, so a task delivered twice, a retry and a re-scan never mail twice. Transient
SMTP failures go back to pending with a backoff; anything else fails the row with its reason,
which the municipality's HR sees in the reminder log.

Adding a kind (one class in <app>/reminders.py, ~20–40 lines, plus templates/emails/<template>/)
-------------------------------------------------------------------------------------
Subclass `base.Kind` and decorate it with `@register`; core imports `<app>/reminders.py` at start-up
(core/registry.py), so the kind is registered without core knowing the app:

    key        str stored in Reminder.kind; never rename one that is in use.
    order      where the preferences page and HR's log list it (invitation 10 ... case_followup 70).
    label      lazy text for the preferences page and the HR log.
    optional   True if people may turn it off on their preferences page (invitations may not).
    ready      False while the data it needs do not exist yet: it is listed nowhere and due()
               is not asked.
    template   templates/emails/<template>/subject.txt, body.txt, body.html.

    due(now) -> iterable of Due(queryset, recipient=, target=, slot=, municipality=)
        `now` is aware; `oslo(now)` gives the wall-clock date and time to compare with. Each Due
        is ONE query whose rows are what is due: `recipient`, `target` and `municipality` name
        fields (or paths, "participant__user_id") of the queryset, `slot` is a field name or an
        expression (e.g. Concat(Value("7d:"), Cast("date", CharField()))). The engine adds the
        opt-out filter for optional kinds and turns it into one INSERT ... SELECT, so a kind costs
        the scan a fixed number of statements however many people are due. Yield a fixed number of
        Dues (e.g. one per offset setting).

    message(reminder) -> Message(context, attachments=()) | None
        At send time: the template context (plus files to attach), or None when the reminder is
        no longer due (the target is gone, moved, past, or the person left it): the row is then
        marked "not sent" with the reason "no longer due".

    claim_target(reminder, now) -> bool, release_target(reminder)
        Optional: for a kind whose target keeps its own "sent" mark (the invitation's sent_at),
        claimed right before sending and released when sending fails.
"""
