from borg.localrole.interfaces import ILocalRoleProvider
from wikimooc.workflows.content.submission import ISubmission
from wikimooc.workflows.peerreview.relations import round_of
from wikimooc.workflows.peerreview.relations import session_of
from zope.component import adapter
from zope.interface import implementer


PEER_REVIEWER = "Peer Reviewer"


@implementer(ILocalRoleProvider)
@adapter(ISubmission)
class AllocatedReviewers:
    """Whoever reviews a submission, or has, is its Peer Reviewer and may see it.

    Read from the round's allocations, so the role cannot drift from them as
    stored local roles could. Registered under a name: the unnamed provider is
    borg.localrole's, which reads the stored local roles (the author's Owner).
    """

    def __init__(self, context):
        self.context = context

    def reviewers(self):
        # A submission being created has no session yet.
        if session_of(self.context) is None:
            return ()
        round = round_of(self.context)
        return round.reviewers_of(self.context.UID()) if round is not None else ()

    def getRoles(self, principal_id):
        return [PEER_REVIEWER] if principal_id in self.reviewers() else []

    def getAllRoles(self):
        for reviewer in self.reviewers():
            yield reviewer, [PEER_REVIEWER]
