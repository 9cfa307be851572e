/* WikiMOOC video lessons (wikimooc.theme.video): the transcript follows the player
   and seeks it; YouTube's player is made only when the learner asks; a player that
   cannot load says so; and the share played is reported to the platform. */
(function () {
  "use strict";

  function playedSeconds(video) {
    let total = 0;
    for (let index = 0; index < video.played.length; index += 1) {
      total += video.played.end(index) - video.played.start(index);
    }
    return total;
  }

  function reporter(container, video) {
    const url = container.dataset.progressUrl;
    if (!url) { return function () {}; }
    const sessions = (container.dataset.sessions || "").split(" ").filter(Boolean);
    let last = 0;
    return function (force) {
      const seconds = playedSeconds(video);
      if (!video.duration || !isFinite(video.duration)) { return; }
      // Every 5 % of the video (at least 5 s) played, and at each pause and end.
      if (!force && seconds - last < Math.max(5, video.duration / 20)) { return; }
      last = seconds;
      sessions.forEach(function (session) {
        fetch(url, {
          method: "POST", credentials: "same-origin",
          headers: {"Content-Type": "application/json", "Accept": "application/json"},
          body: JSON.stringify({session: session, seconds: seconds, duration: video.duration})
        }).catch(function () { /* counted at the next report */ });
      });
    };
  }

  function showTrack(section, lang) {
    section.querySelectorAll(".wikimooc-transcript__track").forEach(function (track) {
      track.hidden = track.dataset.lang !== lang;
    });
    const select = section.querySelector(".wikimooc-transcript__language");
    if (select) { select.value = lang; }
  }

  function followCues(section, video) {
    let current = null;
    video.addEventListener("timeupdate", function () {
      const time = video.currentTime;
      let found = null;
      section.querySelectorAll(".wikimooc-transcript__track:not([hidden]) .wikimooc-transcript__cue")
        .forEach(function (cue) {
          if (parseFloat(cue.dataset.start) <= time + 0.05) { found = cue; }
        });
      if (found !== current) {
        if (current) { current.removeAttribute("aria-current"); }
        if (found) { found.setAttribute("aria-current", "true"); }
        current = found;
      }
    });
  }

  function setUpPlayer(container, section) {
    const video = section.querySelector("video");
    if (!video) { return; }
    const unreachable = section.querySelector(".wikimooc-video__unreachable");
    const sources = video.querySelectorAll("source");
    const failed = function () { unreachable.hidden = false; };
    video.addEventListener("error", failed);
    if (sources.length) { sources[sources.length - 1].addEventListener("error", failed); }
    const report = reporter(container, video);
    video.addEventListener("timeupdate", function () { report(false); });
    video.addEventListener("pause", function () { report(true); });
    video.addEventListener("ended", function () { report(true); });
    followCues(section, video);
    section.addEventListener("click", function (event) {
      const cue = event.target.closest(".wikimooc-transcript__cue");
      if (!cue) { return; }
      video.currentTime = parseFloat(cue.dataset.start);
      video.play().catch(function () { /* the learner presses play */ });
    });
    const select = section.querySelector(".wikimooc-transcript__language");
    if (select) {
      select.addEventListener("change", function () {
        showTrack(section, select.value);
        Array.prototype.forEach.call(video.textTracks, function (track) {
          track.mode = track.language === select.value ? "showing" : "disabled";
        });
      });
    }
  }

  function setUpConsent(section) {
    const button = section.querySelector(".wikimooc-video__load");
    if (!button) { return; }
    button.addEventListener("click", function () {
      const frame = document.createElement("iframe");
      frame.src = button.dataset.embedUrl;
      frame.title = button.dataset.title;
      frame.className = "wikimooc-video__embed";
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.referrerPolicy = "strict-origin";
      frame.setAttribute("allowfullscreen", "");
      const holder = button.closest(".wikimooc-video__consent");
      holder.replaceChildren(frame);
      holder.classList.remove("wikimooc-video__consent");
      frame.focus();
    });
  }

  /* The lesson's add and edit forms: what the hosts say of the videos typed, under
     the field (the server's translated, escaped list; nothing is kept until saved). */
  function setUpLookup() {
    const field = document.querySelector('textarea[name="form.widgets.videos"]');
    const base = document.body.dataset.baseUrl;
    if (!field || !base) { return; }
    const found = document.createElement("div");
    found.className = "wikimooc-video-lookup";
    found.setAttribute("aria-live", "polite");
    field.after(found);
    const url = base.replace(/\/(edit|\+\+add\+\+Lesson)\/?$/, "") + "/@@video-lookup-summary";
    let asked = null;
    function lookUp() {
      const lines = field.value.split("\n").map(function (line) { return line.trim(); })
        .filter(Boolean);
      const query = new URLSearchParams();
      lines.forEach(function (line) { query.append("source:list", line); });
      if (query.toString() === asked) { return; }
      asked = query.toString();
      if (!lines.length) { found.replaceChildren(); return; }
      found.setAttribute("aria-busy", "true");
      fetch(url + "?" + asked, {credentials: "same-origin", headers: {"Accept": "text/html"}})
        .then(function (response) { return response.ok ? response.text() : ""; })
        .then(function (html) {
          if (query.toString() !== asked) { return; }
          const page = new DOMParser().parseFromString(html, "text/html");
          const list = page.querySelector(".wikimooc-video-authoring");
          found.replaceChildren(...(list ? [document.adoptNode(list)] : []));
        })
        .catch(function () { found.replaceChildren(); })
        .finally(function () { found.removeAttribute("aria-busy"); });
    }
    field.addEventListener("change", lookUp);
  }

  setUpLookup();

  document.querySelectorAll(".wikimooc-videos").forEach(function (container) {
    container.querySelectorAll(".wikimooc-video").forEach(function (section) {
      setUpPlayer(container, section);
      setUpConsent(section);
    });
  });
})();
