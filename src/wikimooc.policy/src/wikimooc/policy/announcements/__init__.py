"""Announcements of a session's teaching team to its learners (all of them or an
audience), shown on the session and mailed by the worker in batches; and reminders,
one daily digest per learner of what their sessions have for them."""
