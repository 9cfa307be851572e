"""What the archived old site (data/old-site.tar.xz) holds beyond the demo content:
the values make_fixture.py wrote through the REST API, and test_older_site.py
expects after the upgrade. Plain data only: this module imports no WikiMOOC code,
so that it describes the archive, not what today's code would create.

Change a value here only together with regenerating the archive."""

# The demo content of commit 05162a7 (the archive's), copied from that commit's
# wikimooc/policy/demo.py: language, course id, course title, its one module,
# lesson and exercise, and its sessions (all from 2027-03-01 to 2027-04-30).
DEMO_COURSES = (
    ("en", "how-to-contribute-to-wikipedia",
     "How to contribute to Wikipedia: rules, community and technical aspects",
     "getting-started", "the-five-pillars", "create-your-sandbox",
     {"public-session-2027": ("Public session, spring 2027", "public"),
      "university-session-2027": ("University session, spring 2027", "private")}),
    ("de", "wikidata-und-das-semantic-web", "Wikidata und das Semantic Web",
     "grundlagen", "datenobjekte-und-aussagen", "eine-aussage-hinzufuegen",
     {"offene-sitzung-2027": ("Offene Sitzung, Frühjahr 2027", "public")}),
    ("nl", "wikimedia-commons-vrije-licenties",
     "Wikimedia Commons: wat zijn vrije licenties en hoe upload je afbeeldingen?",
     "vrije-licenties", "wat-is-een-vrije-licentie", "upload-een-eigen-foto",
     {"open-sessie-2027": ("Open sessie, voorjaar 2027", "public")}),
    ("fr", "organiser-un-editathon", "Comment organiser un édit-a-thon",
     "preparer-l-atelier", "choisir-un-theme-et-des-sources", "creer-la-page-de-l-atelier",
     {"session-publique-2027": ("Session publique, printemps 2027", "public")}),
    ("es", "wikipedia-en-el-aula", "Wikipedia en el aula",
     "wikipedia-como-recurso-educativo", "como-funciona-wikipedia",
     "mejora-un-articulo-con-una-referencia",
     {"sesion-publica-2027": ("Sesión pública, primavera de 2027", "public")}),
)
SESSION_DATES = ("2027-03-01", "2027-04-30")
DEMO_LESSON_TEXT = "Wikipedia is an encyclopedia, written from a neutral point of view"
DEMO_EXERCISE_TITLE = "Create your sandbox"
DEMO_LEARNERS = tuple(f"WikiMOOC demo learner {number}" for number in range(1, 6))

# Site members: login (= user id) → (full name, password).
MEMBERS = {
    "tina": ("Tina Teacher", "tina-pw-12345"),
    "ada": ("Ada Lovelace", "ada-pw-12345"),
    "bob": ("Bob Builder", "bob-pw-12345"),
}

COURSE = "/en/how-to-contribute-to-wikipedia"
MODULE = COURSE + "/getting-started"
LESSON = MODULE + "/the-five-pillars"
WIKI_EXERCISE = MODULE + "/create-your-sandbox"
SESSION = COURSE + "/university-session-2027"

# Registry records set through @registry (none is a default value).
REGISTRY = {
    "wikimooc.public_url": "https://wikimooc.example.org/wikimooc",
    "wikimooc.check_interval_seconds": 120,
    "wikimooc.tracking_grace_days": 14,
    "wikimooc.registration_attempts_per_hour": 5,
}
# Every demo wiki's API at the end of make_fixture.py: the discard port of the
# loopback address, where nothing answers, so that a worker started on the archive
# never reaches a real wiki (the demo sessions are active from March 2027).
DEMO_WIKIS = (
    "en.wikipedia.org", "www.wikidata.org", "commons.wikimedia.org",
    "fr.wikipedia.org", "es.wikipedia.org", "meta.wikimedia.org",
)
NOWHERE_API = "http://127.0.0.1:9/w/api.php"

# The course's cover (an image) and two more items (a page, a file), all blobs
# but the page.
COVER = COURSE  # its `image` field
COVER_FILENAME = "cover.png"
READING_LIST = COURSE + "/reading-list"
READING_LIST_TITLE = "Reading list"
READING_LIST_TEXT = "<p>Start with <em>The Wikipedia Revolution</em>.</p>"
SYLLABUS = COURSE + "/syllabus.txt"
SYLLABUS_TEXT = "Week 1: the five pillars.\nWeek 2: your sandbox.\nWeek 3: a neutral paragraph.\n"

# The lesson's practice settings ("Practice on the wiki" tab).
LESSON_PRACTICE = {
    "edit_mode": "source",
    "preload_template": "Template:WikiMOOC draft",
    "tour": "firstedit",
    "tour_step": "edit",
}

# A peer-reviewed exercise added to the demo module.
PEER_EXERCISE = MODULE + "/write-a-neutral-paragraph"
PEER_EXERCISE_TITLE = "Write a neutral paragraph"
PEER_INSTRUCTIONS = "<p>Write one neutral, sourced paragraph in your sandbox.</p>"
RUBRIC = {
    "criteria": [
        {
            "title": "Sources",
            "description": "Are the claims sourced?",
            "levels": [
                {"title": "None", "points": 0},
                {"title": "Some", "points": 1},
                {"title": "Reliable", "points": 2},
            ],
        },
        {
            "title": "Neutrality",
            "levels": [{"title": "Biased", "points": 0}, {"title": "Neutral", "points": 3}],
        },
    ]
}
PEER_SETTINGS = {"reviews_required": 1, "reviews_to_give": 1}

# The private session's settings (teachers, invitations, peer review, certificate).
SESSION_SETTINGS = {
    "teachers": ["tina"],
    "invited": [*DEMO_LEARNERS, "Ada"],
    "show_reviewer_names": True,
    "flexible_grading_days": 10,
    "certificate_minimum_grade": 60,
}
# certificate_exercises: the UIDs of these two.
CERTIFICATE_EXERCISES = (WIKI_EXERCISE, PEER_EXERCISE)

# Enrollments of the private session: wiki username → (user id, added by).
ENROLLMENTS = {
    **dict.fromkeys(DEMO_LEARNERS, (None, None)),  # the demo's
    "Ada": ("ada", "ada"),  # enrolled herself (she is invited)
    "Bob": ("bob", "tina"),  # added by the teacher
    "Grace Hopper": (None, "tina"),  # added by the teacher; no account on the site
}

# A guided tour draft in the course, with its steps in order.
TOUR = COURSE + "/first-edit-tour"
TOUR_TITLE = "Your first edit"
TOUR_DESCRIPTION = "From the sandbox to the Publish button."
TOUR_NAME = "firstedit"
TOUR_STEPS = (
    {"id": "step-welcome", "title": "Welcome", "description": "This is your sandbox.",
     "step_name": "welcome", "attach_to": None, "position": "bottom", "buttons": ["next"]},
    {"id": "step-edit", "title": "Edit", "description": "Click Edit to start writing.",
     "step_name": "edit", "attach_to": "#ca-edit", "position": "bottomRight",
     "buttons": ["back", "next"]},
    {"id": "step-publish", "title": "Publish",
     "description": "Save your paragraph, then come back.",
     "step_name": "publish", "attach_to": "#wpSave", "position": "top",
     "buttons": ["back", "course"]},
)

# The forum of the private session.
QUESTION = SESSION + "/how-do-i-cite-a-book"
QUESTION_TITLE = "How do I cite a book?"
QUESTION_TEXT = "<p>Which template do I use for a book?</p>"
QUESTION_WIKI_LINK = "https://en.wikipedia.org/wiki/User:Ada/sandbox"
TEACHER_ANSWER = QUESTION + "/answer-1"
TEACHER_ANSWER_TEXT = (
    '<p>Use <a href="https://en.wikipedia.org/wiki/Template:Cite_book"'
    ' rel="nofollow ugc">{{Cite book}}</a>.</p>'
)
LEARNER_ANSWER = QUESTION + "/answer-2"
LEARNER_ANSWER_TEXT = "<p>I asked the same thing last week!</p>"
HIDE_REASON = "Not an answer to the question"
BLOCKED = ("Grace Hopper", "Posted advertising in another session")
TEACHER_MAIL_CHOICE = {"questions": "daily", "answers": "immediately"}

# Peer review: each learner's submission, the review the other gave it (one level
# index per criterion), and the teacher's grade override of Bob's.
SUBMISSIONS = {
    "ada": {"text": "I wrote a neutral paragraph on Lyon with two reliable sources.",
            "links": ["https://en.wikipedia.org/w/index.php?title=User:Ada/sandbox&diff=1234567"],
            "reviewer": "bob", "levels": (2, 1), "review_comment": "Clear and neutral.",
            "points": 5},
    "bob": {"text": "I wrote a paragraph on Paris.",
            "links": ["https://en.wikipedia.org/w/index.php?title=User:Bob/sandbox&diff=7654321"],
            "reviewer": "ada", "levels": (1, 0),
            "review_comment": "One source; the tone is promotional.",
            "points": 1},
}
OVERRIDE = ("bob", 4, "The promotional tone was a quotation: it is fine.")

# Edit tracking: the contribution make_fixture.py's stand-in wiki reports for Ada
# (which completes the sandbox exercise), and the teacher's decisions.
ADA_REVISION = {
    "revid": 1234567, "title": "User:Ada/sandbox", "timestamp": "2026-12-02T10:15:00Z",
    "size": 640, "comment": "My first paragraph",
}
DECISIONS = {
    "Bob": (True, "Checked by hand: his sandbox was created under another title."),
    "Grace Hopper": (False, "The page was copied from another article."),
}

# Certificates: Ada's stands; Bob's was revoked.
CERTIFICATES = {
    "Ada": {"name": "Ada Lovelace", "valid": True, "pages": ["User:Ada/sandbox"]},
    "Bob": {"name": "Bob Builder", "valid": False, "pages": []},
}
REVOKE_REASON = "Bob's paragraph was copied from another learner."

# The English course adapted for France by its reuse action (@adapt).
ADAPTED = "/fr/how-to-contribute-to-wikipedia"
ADAPTED_TITLE = "Contribuer à Wikipédia : règles, communauté et technique"
ADAPTED_ORGANISATION = "Wikimédia France"
