"""What a session's forum keeps beside its posts, in an annotation of the session:
who is blocked from posting, who wants which mails, and up to when each teacher's
daily digest went out."""

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from typing import NamedTuple
from wikimooc.workflows.annotations import annotation
from wikimooc.workflows.annotations import drop_annotation


FORUM_ANNOTATION = "wikimooc.forum"

# Mail kinds: answers to one's own questions; new questions, for the teaching team.
ANSWERS = "answers"
QUESTIONS = "questions"
IMMEDIATELY = "immediately"
DAILY = "daily"
NEVER = "never"
MAIL_CHOICES = {ANSWERS: (IMMEDIATELY, NEVER), QUESTIONS: (IMMEDIATELY, DAILY, NEVER)}


class Block(NamedTuple):
    by: str
    reason: str
    when: str


class Forum(Persistent):
    def __init__(self):
        self.blocked = OOBTree()  # wiki username → Block
        self.mail_choices = OOBTree()  # (user id, mail kind) → one of MAIL_CHOICES
        self.digest_sent = OOBTree()  # user id → ISO time the last digest covered


def forum_of(session, create=True):
    """The session's forum records; without ``create`` (reading), None until needed."""
    return annotation(session, FORUM_ANNOTATION, Forum, create)


def forget_forum(session):
    drop_annotation(session, FORUM_ANNOTATION)


def mail_choice(session, user_id, kind):
    forum = forum_of(session, create=False)
    return forum.mail_choices.get((user_id, kind), IMMEDIATELY) if forum else IMMEDIATELY
