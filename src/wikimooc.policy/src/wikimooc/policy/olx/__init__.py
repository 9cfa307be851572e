"""Open edX course archives (OLX): read safely, planned, created, exported."""
