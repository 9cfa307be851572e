"""A PeerTube video in Debian's Chromium. No PeerTube instance can run here: the
instance is the loopback stand-in (tests/video_hosts.py, reached as ``localhost``),
whose embed page implements the PeerTube Embed API exactly as PeerTube documents it
(docs.joinpeertube.org/api/embed-player: ``api=1``, a jschannel channel of scope
``peertube``, ``playbackStatusUpdate`` every half second) around a real <video> of
the tests' 4-second WebM. Nothing is asked of the instance before the learner asks
for the video; the share played then makes the lesson done, seeking does not count."""

from browser_checks import expect_the_player_focused
from playwright.sync_api import expect
from plone import api
from wikimooc.policy.enrollment import enroll
from wikimooc.policy.video.cache import look_up
from wikimooc.policy.video.watching import watching_of

import pytest
import transaction


UUID = "9c9de5e8-0a1e-484a-b099-e80766180a6d"


@pytest.fixture
def peertube_lesson(site, video_hosts):
    """A lesson of the English course with the stand-in's PeerTube video, done when
    75 % is watched; Ada learns in the public session."""
    instance = f"localhost:{video_hosts.server_port}"
    address = f"http://{instance}/w/kkGMgK9ZtnKfYAgnEtQxbv"
    with api.env.adopt_roles(["Manager"]):
        look_up(address)
        module = api.content.create(container=site["course"], type="Module", id="m",
                                    title="Basics")
        lesson = api.content.create(container=module, type="Lesson", id="federated",
                                    title="Federated lecture", videos=[address],
                                    watched_share=75)
        enroll(site["public"], api.user.get(username="ada"))
    transaction.commit()
    video_hosts.log.clear()
    return {**site, "instance": instance, "lesson": lesson}


def requests_to(page, host):
    """What the page asks of ``host``, recorded from now on."""
    asked = []
    page.on("request", lambda request: asked.append(request.url)
            if f"//{host}/" in request.url else None)
    return asked


def progress_reports(page):
    """The bodies the page posts to @video-progress, and their answers."""
    reports = []
    page.on("requestfinished", lambda request: reports.append(
        (request.post_data_json, request.response().json()))
        if "@video-progress" in request.url else None)
    return reports


def open_lesson(page, log_in):
    log_in(page, "ada", "secret-pw-123")
    page.goto("en/intro/m/federated")
    page.wait_for_load_state("networkidle")
    return page.locator('[data-video-kind="peertube"]')


def test_peertube_loads_on_enter_and_playing_it_makes_the_lesson_done(
        peertube_lesson, video_hosts, new_page, log_in, accessible):
    page = new_page()
    asked = requests_to(page, peertube_lesson["instance"])
    section = open_lesson(page, log_in)
    assert section.locator("iframe").count() == 0
    assert asked == [] and video_hosts.log == []
    expect(section.get_by_role("link", name=f"Watch it on {peertube_lesson['instance']}")) \
        .to_have_attribute("href", f"http://{peertube_lesson['instance']}/w/kkGMgK9ZtnKfYAgnEtQxbv")
    accessible(page)
    with page.expect_response(lambda response: "@video-progress" in response.url
                              and response.json().get("done") is True, timeout=20_000):
        section.get_by_role("button", name="Play the video from").focus()
        page.keyboard.press("Enter")
        frame = section.locator("iframe")
        expect_the_player_focused(frame)
        expect(frame).to_have_attribute(
            "src", f"http://{peertube_lesson['instance']}/videos/embed/{UUID}?api=1&autoplay=1")
    assert video_hosts.requests_to("/videos/embed/") == [
        f"/videos/embed/{UUID}?api=1&autoplay=1"]
    expect(section.locator(".wikimooc-video__unreachable")).to_be_hidden()
    transaction.begin()
    watched = watching_of(peertube_lesson["public"]).of(peertube_lesson["lesson"].UID(), "Ada")
    assert watched.done and watched.share >= 75
    page.goto("en/intro")
    part = page.locator(".wikimooc-syllabus__part--Lesson", has_text="Federated lecture")
    expect(part.locator(".wikimooc-done")).to_be_visible()


def test_seeking_in_the_peertube_player_does_not_count(peertube_lesson, new_page, log_in):
    page = new_page()
    reports = progress_reports(page)
    section = open_lesson(page, log_in)
    section.get_by_role("button", name="Play the video from").click()
    embedded = page.frame_locator('[data-video-kind="peertube"] iframe')
    video = embedded.locator("video")
    video.evaluate("v => new Promise(done => v.currentTime >= 1 ? done() :"
                   " v.addEventListener('timeupdate', function at() {"
                   " if (v.currentTime >= 1) { v.removeEventListener('timeupdate', at);"
                   " done(); } }))")
    video.evaluate("v => { v.currentTime = 3.5; }")  # the learner jumps near the end
    with page.expect_response(lambda response: "@video-progress" in response.url,
                              timeout=20_000):
        video.evaluate("v => new Promise(done => v.ended ? done() :"
                       " v.addEventListener('ended', done))")
    page.wait_for_timeout(300)
    assert reports, "the player reported nothing"
    sent, answer = reports[-1]
    # About a second before the jump and half a second after it, of 4 s: not 75 %.
    assert sent["duration"] == pytest.approx(4, abs=0.2)
    assert 0.4 <= sent["seconds"] < 2
    assert answer["done"] is False and answer["share"] < 50
    transaction.begin()
    watched = watching_of(peertube_lesson["public"]).of(peertube_lesson["lesson"].UID(), "Ada")
    assert not watched.done


def test_an_unreachable_peertube_instance_leaves_the_page_working(peertube_lesson, new_page,
                                                                  log_in):
    page = new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.clock.install()
    page.route(f"http://{peertube_lesson['instance']}/**", lambda route: route.abort())
    section = open_lesson(page, log_in)
    unreachable = section.locator(".wikimooc-video__unreachable")
    section.get_by_role("button", name="Play the video from").click()
    expect(section.locator("iframe")).to_be_attached()
    expect(unreachable).to_be_hidden()
    page.clock.run_for(11_000)  # the embed's patience: ten seconds without a word
    expect(unreachable).to_be_visible()
    section.locator(".wikimooc-transcript summary").click()
    expect(section.locator(".wikimooc-transcript__cue").first).to_contain_text("Bonjour")
    assert errors == []
