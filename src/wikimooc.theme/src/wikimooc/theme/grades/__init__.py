"""Classic UI of the grade book: the teachers' grade book (its CSV, a learner's
detail, the grading policy form) and a learner's own progress page."""
