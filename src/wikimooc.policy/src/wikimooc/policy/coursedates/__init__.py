"""A session's course dates: when each module opens, when each exercise and quiz is
due, what happens to late work, learners' extensions, and what follows from them
(locked modules, a learner's agenda, late and missing work, the iCalendar feed).

Not to be confused with ``policy/tracking/schedule.py``, which says when the edit
checks poll the wiki."""
