"""Importing an Open edX course in a real browser: a Course Author of the French
root uploads an archive built from the OLX reference, reads the report the worker
made (the page refreshes itself while it waits), confirms, and opens the draft
course. The worker's tasks run here, between the page's refreshes, as the worker
would run them (huey.execute, in a connection of their own)."""

from olx_archives import full_course
from olx_archives import tar_gz
from playwright.sync_api import expect
from plone import api
from wikimooc.policy.taskqueue.queue import huey

import transaction


PASSWORD = "secret-pw-123"


def run_worker():
    assert huey.pending_count() == 1
    huey.execute(huey.dequeue())


def test_upload_report_confirm(site, new_page, log_in, accessible, tmp_path):
    api.user.grant_roles(username="bob", obj=site["portal"]["fr"], roles=["Course Author"])
    transaction.commit()
    huey.flush()
    archive = tmp_path / "wikimooc.tar.gz"
    archive.write_bytes(tar_gz(full_course()))
    page = new_page()
    log_in(page, "bob", PASSWORD, language="fr")

    page.goto("fr/@@import-olx")
    expect(page.get_by_role("heading", name="Importer un cours Open edX")).to_be_visible()
    accessible(page)
    page.set_input_files("#olx-archive", str(archive))
    page.click("#olx-upload")
    expect(page.locator("#olx-status")).to_be_visible()
    run_worker()

    report = page.locator("#olx-report")
    expect(report).to_be_visible(timeout=15_000)  # the page's own refresh shows it
    expect(report.get_by_role("heading", name="Wikimooc")).to_be_visible()
    expect(page.locator("#olx-skipped")).to_contain_text("lti_consumer/tool")
    expect(page.locator("#olx-skipped")).to_contain_text("Un outil LTI")
    expect(page.locator("#olx-warnings")).to_contain_text("missing.pdf")
    expect(report).to_contain_text("Write a stub")
    accessible(page)

    page.select_option("#olx-license", "cc-by-4.0")
    page.click("#olx-confirm")
    run_worker()
    done = page.locator("#olx-done")
    expect(done).to_be_visible(timeout=15_000)
    done.get_by_role("link").click()
    expect(page.get_by_role("heading", name="Wikimooc")).to_be_visible()
    transaction.begin()
    course = site["portal"]["fr"]["wikimooc"]
    assert course.license == "cc-by-4.0" and course.Creator() == "bob"

    # The imported YouTube video plays from its id, its .srt transcripts are its
    # subtitle tracks: the transcript panel shows the French cues, and nothing is
    # asked of YouTube before a click.
    asked = []
    page.on("request", lambda request: asked.append(request.url)
            if "youtube" in request.url else None)
    page.goto("fr/wikimooc/discover/the-pillars")
    youtube = page.locator('[data-video-kind="youtube"]')
    expect(youtube.get_by_role("button", name="Lire la vidéo depuis YouTube")).to_be_visible()
    youtube.locator(".wikimooc-transcript summary").click()
    shown = youtube.locator(".wikimooc-transcript__track:not([hidden])")
    expect(shown).to_have_attribute("lang", "fr")
    expect(shown.locator(".wikimooc-transcript__cue").first).to_contain_text(
        "Bienvenue sur Wikipédia.")
    assert youtube.locator("iframe").count() == 0 and asked == []
