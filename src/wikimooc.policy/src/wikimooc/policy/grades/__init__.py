"""The grade book: a session's grading policy (settings.py), the grade of a learner
computed from their results (computation.py, pure functions), and reading those
results from where each feature keeps them (results.py), for a learner or for the
session's whole grade book (book.py)."""
