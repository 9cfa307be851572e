"""WikiMOOC's permissions, as code checks them (``api.user.has_permission``,
``checkPermission``): each is the title of a permission declared in
permissions.zcml, the name rolemap.xml and the workflows give it too. ZCML, the
types' ``add_permission`` and plone.autoform's ``read_permission`` take its id
instead (``wikimooc.AddCourse``)."""

# The course model's types
ADD_COURSE = "wikimooc: Add Course"
ADD_MODULE = "wikimooc: Add Module"
ADD_LESSON = "wikimooc: Add Lesson"
ADD_EXERCISE = "wikimooc: Add Exercise"
ADD_QUIZ = "wikimooc: Add Quiz"
ADD_QUIZ_QUESTION = "wikimooc: Add QuizQuestion"
ADD_COURSE_SESSION = "wikimooc: Add CourseSession"

# Enrollment
ENROLL_IN_SESSION = "wikimooc: Enroll in session"
VIEW_ENROLLMENTS = "wikimooc: View enrollments"
VIEW_ENROLLMENTS_ID = "wikimooc.ViewEnrollments"
MANAGE_ENROLLMENTS = "wikimooc: Manage enrollments"

# Peer review
SUBMIT_WORK = "wikimooc: Submit work"
REVIEW_WORK = "wikimooc: Review work"
MANAGE_PEER_REVIEW = "wikimooc: Manage peer review"
VIEW_PEER_REVIEWS = "wikimooc: View peer reviews"

# Forum and certificates
POST_IN_FORUM = "wikimooc: Post in forum"
MODERATE_FORUM = "wikimooc: Moderate forum"
MANAGE_CERTIFICATES = "wikimooc: Manage certificates"
