"""One identity: a learner's Wikimedia account is their WikiMOOC account."""
