"""Video lessons in Debian's Chromium. The Commons file is the WebM ffmpeg made,
uploaded to the real local MediaWiki (tests/video_hosts.py), which serves it; the
YouTube video is only ever an address (its oEmbed answer comes from the loopback
stand-in, and the browser's requests to YouTube are recorded and cut off)."""

from browser_checks import expect_the_player_focused
from browser_checks import PHONE
from playwright.sync_api import expect
from plone import api
from video_hosts import LECTURE
from video_hosts import use_hosts
from wikimooc.policy.enrollment import enroll
from wikimooc.policy.video.cache import look_up
from wikimooc.policy.video.watching import watching_of

import pytest
import transaction


YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
THIRD_PARTIES = ("youtube.com", "youtube-nocookie.com", "ytimg.com", "googlevideo.com",
                 "google.com", "gstatic.com")


@pytest.fixture
def video_lessons(site, mediawiki, lecture_on_wiki, video_hosts):
    """A French lesson with the Commons file, and an English one with the Commons
    file and the YouTube video, counted as done at 75 %; Ada learns in the public
    session."""
    use_hosts(mediawiki.api_url, youtube_oembed=video_hosts.base_url + "/oembed")
    with api.env.adopt_roles(["Manager"]):
        look_up(f"File:{LECTURE}")
        look_up(YOUTUBE)
        french = api.content.create(container=site["portal"]["fr"], type="Course", id="video",
                                    title="Vidéo", projects=("wikipedia",))
        module = api.content.create(container=french, type="Module", id="m", title="Module")
        api.content.create(container=module, type="Lesson", id="regarder", title="Regarder",
                           videos=[f"File:{LECTURE}"])
        api.content.transition(french, to_state="published")
        english = api.content.create(container=site["course"], type="Module", id="m",
                                     title="Basics")
        api.content.create(container=english, type="Lesson", id="watch", title="Watch",
                           videos=[f"File:{LECTURE}", YOUTUBE], watched_share=75)
        enroll(site["public"], api.user.get(username="ada"))
    transaction.commit()
    return {**site, "wiki_host": mediawiki.host}


def third_party_requests(page):
    """The requests the page makes to YouTube and Google, recorded and refused."""
    asked = []

    def record(request):
        if any(host in request.url for host in THIRD_PARTIES):
            asked.append(request.url)

    page.on("request", record)
    page.route("**/*", lambda route: route.abort() if any(
        host in route.request.url for host in THIRD_PARTIES) else route.continue_())
    return asked


def open_transcript(page):
    page.locator(".wikimooc-transcript summary").first.click()


def test_the_player_plays_in_french_and_the_transcript_seeks(video_lessons, new_page, accessible,
                                                               screenshot):
    page = new_page()
    page.goto("fr/video/m/regarder")
    video = page.locator("video")
    video.evaluate("v => new Promise(done => v.readyState >= 1 ? done() :"
                   " v.addEventListener('loadedmetadata', done))")
    assert video.evaluate("v => v.duration") == pytest.approx(4, abs=0.2)
    showing = video.evaluate(
        "v => [...v.textTracks].filter(t => t.mode === 'showing').map(t => t.language)")
    assert showing == ["fr"]
    open_transcript(page)
    track = page.locator(".wikimooc-transcript__track:not([hidden])")
    expect(track).to_have_attribute("lang", "fr")
    # With the keyboard: the second cue (1.5 s) seeks and plays.
    cue = track.locator(".wikimooc-transcript__cue").nth(1)
    cue.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('video').currentTime >= 1.5")
    first = video.evaluate("v => v.currentTime")
    page.wait_for_function(f"document.querySelector('video').currentTime > {first + 0.5}")
    expect(cue).to_have_attribute("aria-current", "true")
    expect(page.locator(".wikimooc-video__unreachable")).to_be_hidden()
    credit = page.locator(".wikimooc-video__credit")
    expect(credit.get_by_role("link", name="La vidéo sur Wikimedia Commons")).to_have_attribute(
        "href", f"http://{video_lessons['wiki_host']}/index.php?title=File:WikiMOOC_lecture.webm")
    accessible(page)
    screenshot(page, "video-lesson-fr")


def test_youtube_loads_only_after_the_click(video_lessons, new_page, log_in, accessible):
    page = new_page()
    asked = third_party_requests(page)
    log_in(page, "ada", "secret-pw-123")
    page.goto("en/intro/m/watch")
    page.wait_for_load_state("networkidle")
    youtube = page.locator('[data-video-kind="youtube"]')
    assert youtube.locator("iframe").count() == 0
    assert asked == []
    accessible(page)
    # With the keyboard too: the button, then the player has the focus.
    youtube.get_by_role("button", name="Play the video from YouTube").focus()
    page.keyboard.press("Enter")
    frame = youtube.locator("iframe")
    expect_the_player_focused(frame)
    expect(frame).to_have_attribute(
        "src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1")
    wait_for_requests(page, asked, 2)
    # Ada's watching counts: YouTube's IFrame Player API is asked for first (cut off
    # here, so the player comes alone).
    assert asked[0] == "https://www.youtube.com/iframe_api"
    assert asked[1].startswith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")


def wait_for_requests(page, asked, count, seconds=10):
    """Playwright records requests only while it waits: wait in short steps."""
    for _step in range(seconds * 10):
        if len(asked) >= count:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{count} requests expected, {asked} made")


def test_watching_to_the_end_makes_the_lesson_done(video_lessons, new_page, log_in):
    page = new_page()
    third_party_requests(page)
    log_in(page, "ada", "secret-pw-123")
    page.goto("en/intro/m/watch")
    open_transcript(page)
    with page.expect_response(lambda response: "@video-progress" in response.url
                              and response.json().get("done") is True, timeout=20_000):
        page.locator(".wikimooc-transcript__cue").first.click()
        page.wait_for_function("document.querySelector('video').ended", timeout=15_000)
    transaction.begin()
    lesson = video_lessons["course"]["m"]["watch"]
    assert watching_of(video_lessons["public"]).of(lesson.UID(), "Ada").done
    page.goto("en/intro")
    part = page.locator(".wikimooc-syllabus__part--Lesson", has_text="Watch")
    expect(part.locator(".wikimooc-done")).to_be_visible()


def test_an_unreachable_host_leaves_the_transcript(video_lessons, new_page, mediawiki):
    page = new_page()
    page.route(f"http://{mediawiki.host}/**", lambda route: route.abort())
    page.goto("fr/video/m/regarder")
    # The browser gives up on the media at its own pace: slower on a loaded machine.
    expect(page.locator(".wikimooc-video__unreachable")).to_be_visible(timeout=30_000)
    open_transcript(page)
    shown = page.locator(".wikimooc-transcript__track:not([hidden]) .wikimooc-transcript__cue")
    expect(shown.first).to_contain_text("Bonjour")


def test_the_player_fits_a_phone(video_lessons, new_page):
    page = new_page(PHONE)
    third_party_requests(page)
    page.goto("en/intro/m/watch")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for selector in ("video", ".wikimooc-video__load", ".wikimooc-transcript"):
        box = page.locator(selector).first.bounding_box()
        assert 0 < box["width"] <= PHONE["width"]


@pytest.mark.parametrize("form", ["en/intro/m/watch/edit", "en/intro/m/++add++Lesson"])
def test_the_form_says_what_the_hosts_say_while_typing(video_lessons, new_page, log_in, form):
    with api.env.adopt_roles(["Manager"]):
        api.user.grant_roles(username="teacher", roles=["Manager"])
    transaction.commit()
    page = new_page()
    third_party_requests(page)
    log_in(page, "teacher", "secret-pw-123")
    page.goto(form)
    field = page.locator('textarea[name="form.widgets.videos"]')
    field.fill(f"File:{LECTURE}\nFile:WikiMOOC picture.png\nhttps://vimeo.com/1")
    field.press("Tab")  # leaving the field: "change"
    said = page.locator(".wikimooc-video-lookup")
    expect(said).to_contain_text("WikiMOOC lecture")
    expect(said).to_contain_text("en, fr")  # the TimedText pages found, none missing in English
    expect(said).to_contain_text("File:WikiMOOC picture.png is not a video (it is image/png).")
    expect(said).to_contain_text("vimeo.com is none of them.")
    assert said.locator(".wikimooc-video-authoring__warning").count() == 2


def test_the_youtube_player_reports_the_share_watched(video_lessons, video_hosts, new_page,
                                                      log_in):
    """YouTube's IFrame Player API is the loopback stand-in (tests/video_hosts.py,
    written from the API's reference): it is loaded only after the click, and the
    share it reports played makes the lesson done."""
    api.portal.set_registry_record("wikimooc.video_youtube_iframe_api",
                                   video_hosts.base_url + "/iframe_api")
    transaction.commit()
    video_hosts.log.clear()
    page = new_page()
    asked = third_party_requests(page)
    # The player's page is an empty one: a refused frame's error page could take the
    # focus from it while the stand-in plays.
    page.route("https://www.youtube-nocookie.com/embed/**",
               lambda route: route.fulfill(content_type="text/html", body="<!doctype html>"))
    log_in(page, "ada", "secret-pw-123")
    page.goto("en/intro/m/watch")
    page.wait_for_load_state("networkidle")
    assert video_hosts.requests_to("/iframe_api") == [] and asked == []
    youtube = page.locator('[data-video-kind="youtube"]')
    with page.expect_response(lambda response: "@video-progress" in response.url
                              and response.json().get("done") is True, timeout=20_000):
        youtube.get_by_role("button", name="Play the video from YouTube").click()
    assert video_hosts.requests_to("/iframe_api") == ["/iframe_api"]
    frame = youtube.locator("iframe")
    expect(frame).to_have_attribute(
        "src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?enablejsapi=1")
    expect_the_player_focused(frame)
    transaction.begin()
    lesson = video_lessons["course"]["m"]["watch"]
    assert watching_of(video_lessons["public"]).of(lesson.UID(), "Ada").done
