"""A rubric the peer-reviewed exercises of several suites use: two criteria, at most
5 points."""

SOURCES_AND_NEUTRALITY = {
    "criteria": [
        {"title": "Sources",
         "levels": [{"title": "None", "points": 0}, {"title": "Reliable", "points": 2}]},
        {"title": "Neutrality",
         "levels": [{"title": "Biased", "points": 0}, {"title": "Neutral", "points": 3}]},
    ]
}
