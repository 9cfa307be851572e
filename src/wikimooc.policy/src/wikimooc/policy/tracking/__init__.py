"""Edit tracking: what learners do on their session's wiki, read in the background
by the worker, turned into exercise progress and the teachers' dashboard."""
