"""Certificates of completion: a session says what completing it means; a learner
who meets that gets a certificate (a PDF, and a page anyone can open to verify it)."""
