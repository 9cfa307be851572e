from pas.plugins.authomatic.interfaces import IPasPluginsAuthomaticLayer
from wikimooc.policy import _
from wikimooc.policy.certificates.fonts import DEFAULT_FONTS
from zope import schema
from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IWikimoocPolicyLayer(IDefaultBrowserLayer):
    """Marks requests on a site where wikimooc.policy is installed."""


class IWikimediaLoginLayer(IPasPluginsAuthomaticLayer):
    """Marks requests where "Log in with Wikimedia" replaces pas.plugins.authomatic's
    own handler and services (a sub-layer, so ours win over theirs)."""


class IWikimoocSettings(Interface):
    """The WikiMOOC control panel's settings, registry records ``wikimooc.*``."""

    home_wiki = schema.TextLine(
        title=_("Home wiki"),
        description=_(
            "Host name of the wiki where learners register, e.g. fr.wikipedia.org."
        ),
        default="meta.wikimedia.org",
    )
    wikis = schema.Dict(
        title=_("Wiki API addresses"),
        description=_(
            "Host name → API URL, for wikis whose API is not https://{host}/w/api.php."
        ),
        key_type=schema.TextLine(),
        value_type=schema.TextLine(),
        default={},
        required=False,
    )
    deletion_watch = schema.Dict(
        title=_("Deletion categories and templates watched, per wiki"),
        description=_(
            "Host name → the categories (Category:…) and templates (Template:…) that"
            " mark a page nominated for deletion on that wiki, in the wiki's own words,"
            " separated by | as in the wiki's API. Teachers are alerted when a page"
            " their learners worked on gets one."
        ),
        key_type=schema.TextLine(),
        value_type=schema.TextLine(),
        default={
            "fr.wikipedia.org": "Catégorie:Page proposée à la suppression"
            "|Catégorie:Page soumise à une procédure de suppression",
            "en.wikipedia.org": "Category:Articles for deletion"
            "|Category:All articles proposed for deletion"
            "|Category:Candidates for speedy deletion",
        },
        required=False,
    )
    check_interval_seconds = schema.Int(
        title=_("Seconds between two edit checks of a session"),
        description=_("The worker looks for due checks every minute."),
        default=60,
        min=60,
    )
    tracking_grace_days = schema.Int(
        title=_("Days edits are still checked after a session ends"),
        default=30,
        min=0,
    )
    live_stream_enabled = schema.Bool(
        title=_("Follow the wikis' recent changes live"),
        description=_(
            "The worker follows the stream below and checks a learner's edit within"
            " seconds; the periodic checks go on, and take over while the stream is down."
        ),
        default=True,
        required=False,
    )
    live_stream_url = schema.URI(
        title=_("Recent changes stream"),
        description=_("Server-sent events in the format of Wikimedia's EventStreams."),
        default="https://stream.wikimedia.org/v2/stream/recentchange",
    )
    registration_attempts_per_hour = schema.Int(
        title=_("Registration attempts per hour and address"),
        description=_("Our own limit, before the wiki's: failed attempts count too."),
        default=10,
        min=1,
    )
    public_url = schema.URI(
        title=_("Public address of the site"),
        description=_(
            "e.g. https://wikimooc.example.org/wikimooc: links in the mails the worker"
            " sends (daily digests) start with it. Empty: the address of each request."
        ),
        required=False,
    )
    oauth_server = schema.URI(
        title=_("OAuth 2.0 server"),
        description=_(
            "The wiki with Extension:OAuth that Wikimedia logins go through;"
            " its endpoints are under /w/rest.php/oauth2/."
        ),
        default="https://meta.wikimedia.org",
    )
    oauth_consumer_key = schema.TextLine(
        title=_("OAuth consumer key"),
        description=_("The environment variable WIKIMOOC_OAUTH_CONSUMER_KEY wins over it."),
        default="",
        required=False,
    )
    privacy_url = schema.URI(
        title=_("Privacy policy"),
        description=_(
            "The address the footer of every page links to as the privacy policy;"
            " by default the Wikimedia Foundation's."
        ),
        default="https://foundation.wikimedia.org/wiki/Special:MyLanguage/Policy:Privacy_policy",
    )
    terms_url = schema.URI(
        title=_("Terms of use"),
        description=_(
            "The address the footer of every page links to as the terms of use;"
            " by default the Wikimedia Foundation's."
        ),
        default="https://foundation.wikimedia.org/wiki/Special:MyLanguage/Policy:Terms_of_Use",
    )
    video_file_wiki = schema.TextLine(
        title=_("Wiki of video files"),
        description=_(
            "Host name of the wiki whose files lessons play, e.g. commons.wikimedia.org."
        ),
        default="commons.wikimedia.org",
    )
    video_youtube_oembed = schema.URI(
        title=_("YouTube oEmbed endpoint"),
        description=_(
            "Asked once for the title of a YouTube video an author adds to a lesson."
        ),
        default="https://www.youtube.com/oembed",
    )
    video_youtube_iframe_api = schema.URI(
        title=_("YouTube IFrame Player API"),
        description=_(
            "Loaded only after a learner asks for a YouTube video in a lesson counted"
            " as done when watched: its player reports the share watched."
        ),
        default="https://www.youtube.com/iframe_api",
    )
    olx_max_files = schema.Int(
        title=_("Open edX import: most files in an archive"),
        description=_("An archive holding more files is refused."),
        min=1,
        default=5000,
    )
    olx_max_bytes = schema.Int(
        title=_("Open edX import: most bytes an archive unpacks to"),
        description=_("An archive whose files add up to more is refused (200 MB by default)."),
        min=1,
        default=200 * 1024 * 1024,
    )
    certificate_fonts = schema.Dict(
        title=_("Certificate fonts"),
        description=_(
            "Script → TrueType font file (.ttf) certificates write it in: latin, greek,"
            " cyrillic, arabic, hebrew, devanagari, han, hiragana, katakana, hangul…"
            " A name in a script without its font says which font is missing."
        ),
        key_type=schema.TextLine(),
        value_type=schema.TextLine(),
        default=DEFAULT_FONTS,
        required=False,
    )
