/* WikiMOOC video lessons (wikimooc.theme.video): the transcript follows the player
   and seeks it; YouTube's and PeerTube's players are made only when the learner asks;
   a player that cannot load says so; and the share played is reported to the platform
   (by the Commons player, by YouTube's through its IFrame Player API, by PeerTube's
   through its Embed API). */
(function () {
  "use strict";

  function playedSeconds(video) {
    let total = 0;
    for (let index = 0; index < video.played.length; index += 1) {
      total += video.played.end(index) - video.played.start(index);
    }
    return total;
  }

  /* The seconds played of a player whose position is looked at often: a move forward
     of at most two seconds since the last look was played, a longer one or one back
     is a seek. */
  function playedClock() {
    let played = 0;
    let seen = null;
    return {
      look: function (now) {
        if (seen !== null && now >= seen && now - seen <= 2) { played += now - seen; }
        seen = now;
      },
      played: function () { return played; }
    };
  }

  /* ``measure()`` gives {seconds played, duration} of a player. */
  function reporter(container, measure) {
    const url = container.dataset.progressUrl;
    if (!url) { return function () {}; }
    const sessions = (container.dataset.sessions || "").split(" ").filter(Boolean);
    let last = 0;
    return function (force) {
      const played = measure();
      if (!played.duration || !isFinite(played.duration)) { return; }
      // Every 5 % of the video (at least 5 s) played, and at each pause and end.
      if (!force && played.seconds - last < Math.max(5, played.duration / 20)) { return; }
      last = played.seconds;
      sessions.forEach(function (session) {
        fetch(url, {
          method: "POST", credentials: "same-origin",
          headers: {"Content-Type": "application/json", "Accept": "application/json"},
          body: JSON.stringify({session: session, seconds: played.seconds,
                                duration: played.duration})
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
    /* The media may have failed before this script ran (a host refusing at once), its
       error events gone: then the element still has no source a second later. */
    if (video.error) { failed(); }
    window.setTimeout(function () {
      if (video.networkState === HTMLMediaElement.NETWORK_NO_SOURCE &&
          video.readyState === HTMLMediaElement.HAVE_NOTHING) { failed(); }
    }, 1000);
    const report = reporter(container, function () {
      return {seconds: playedSeconds(video), duration: video.duration};
    });
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

  /* YouTube's IFrame Player API (its address: the wikimooc.video_youtube_iframe_api
     record), loaded once, and only when a learner whose watching counts asks for a
     YouTube video. */
  let youTubeApi = null;

  function loadYouTubeApi(address) {
    if (!youTubeApi) {
      youTubeApi = new Promise(function (resolve, reject) {
        const before = window.onYouTubeIframeAPIReady;
        window.onYouTubeIframeAPIReady = function () {
          if (before) { before(); }
          resolve(window.YT);
        };
        const script = document.createElement("script");
        script.src = address;
        script.async = true;
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return youTubeApi;
  }

  /* The share watched, as with the Commons player: only time played counts (a jump
     of more than two seconds between two looks is a seek). When the API cannot be
     loaded, the player alone. */
  function watchOnYouTube(container, holder, button) {
    loadYouTubeApi(container.dataset.youtubeApi).then(function (YT) {
      const place = document.createElement("div");
      holder.replaceChildren(place);
      holder.classList.remove("wikimooc-video__consent");
      const clock = playedClock();
      let timer = null;
      let player = null;
      const report = reporter(container, function () {
        return {seconds: clock.played(), duration: player.getDuration()};
      });
      function look() {
        clock.look(player.getCurrentTime());
        report(false);
      }
      player = new YT.Player(place, {
        host: "https://www.youtube-nocookie.com",
        videoId: button.dataset.videoId,
        playerVars: {autoplay: 1, rel: 0},
        events: {
          onReady: function () {
            const frame = player.getIframe();
            frame.title = button.dataset.title;
            frame.className = "wikimooc-video__embed";
            frame.focus();
          },
          onStateChange: function (event) {
            look();
            window.clearInterval(timer);
            if (event.data === YT.PlayerState.PLAYING) {
              timer = window.setInterval(look, 1000);
            } else {
              report(true);
            }
          }
        }
      });
    }).catch(function () { embed(holder, button); });
  }

  /* The host's player alone, in place of the button's box (for YouTube, its watching
     is then not counted). */
  function embed(holder, button) {
    const frame = document.createElement("iframe");
    if (button.dataset.sandbox) { frame.setAttribute("sandbox", button.dataset.sandbox); }
    frame.src = button.dataset.embedUrl;
    frame.title = button.dataset.title;
    frame.className = "wikimooc-video__embed";
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.referrerPolicy = "strict-origin";
    frame.setAttribute("allowfullscreen", "");
    holder.replaceChildren(frame);
    holder.classList.remove("wikimooc-video__consent");
    frame.focus();
    return frame;
  }

  /* How long PeerTube's embed may take to say a first word before the page says that
     the instance may be unreachable (said again when it speaks, the notice goes). */
  const PEERTUBE_PATIENCE = 10000;

  /* PeerTube's embed, with its Embed API (``api=1`` in its address): the embed and
     the page are the two ends of a jschannel channel of scope "peertube" (JSON text
     messages through postMessage: each end says {"method": "peertube::__ready",
     "params": "ping"} once listening and answers a ping with "pong"; the embed keeps
     its messages until then). Every half second it notifies "playbackStatusUpdate"
     {position, duration (a number or its text), playbackState, volume}: the seconds
     played are counted from those positions, as YouTube's, and reported as the state
     changes (paused, ended). */
  function watchOnPeerTube(container, section, holder, button) {
    const frame = embed(holder, button);
    const origin = new URL(frame.src).origin;
    const unreachable = section.querySelector(".wikimooc-video__unreachable");
    const clock = playedClock();
    let duration = 0;
    let state = "unstarted";
    const report = reporter(container, function () {
      return {seconds: clock.played(), duration: duration};
    });
    function send(method, params) {
      frame.contentWindow.postMessage(
        JSON.stringify({method: "peertube::" + method, params: params}), origin);
    }
    const patience = window.setTimeout(function () { unreachable.hidden = false; },
                                       PEERTUBE_PATIENCE);
    window.addEventListener("message", function (event) {
      if (event.source !== frame.contentWindow || event.origin !== origin) { return; }
      let message = null;
      try { message = JSON.parse(event.data); } catch (error) { return; }
      if (!message || typeof message.method !== "string") { return; }
      window.clearTimeout(patience);
      unreachable.hidden = true;
      if (message.method === "peertube::__ready" && message.params === "ping") {
        send("__ready", "pong");
      } else if (message.method === "peertube::playbackStatusUpdate" && message.params) {
        const status = message.params;
        const position = Number(status.position);
        if (isFinite(position)) { clock.look(position); }
        if (Number(status.duration) > 0) { duration = Number(status.duration); }
        report(status.playbackState !== state && status.playbackState !== "playing");
        state = status.playbackState;
      }
    });
    frame.addEventListener("load", function () { send("__ready", "ping"); });
  }

  function setUpConsent(container, section) {
    const button = section.querySelector(".wikimooc-video__load");
    if (!button) { return; }
    button.addEventListener("click", function () {
      const holder = button.closest(".wikimooc-video__consent");
      if (section.dataset.videoKind === "peertube") {
        watchOnPeerTube(container, section, holder, button);
      } else if (container.dataset.youtubeApi && container.dataset.progressUrl) {
        watchOnYouTube(container, holder, button);
      } else {
        embed(holder, button);
      }
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
      setUpConsent(container, section);
    });
  });
})();
