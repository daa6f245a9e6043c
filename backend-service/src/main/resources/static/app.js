/*
 * The Stride page: uploads with their own progress, cameras started by URL, the task list kept live by Server-Sent
 * Events (GET /tasks polled only when the stream is unavailable), the live MJPEG preview of running tasks, a
 * camera's counters and recording segments, the counts so far and latest events of a task with lines or zones, the
 * result player, downloads, lines and zones drawn on a finished task's heatmap and counted, and deletion. Plain DOM,
 * no library: everything is served from the backend's jar.
 */
"use strict";

(function () {
  const STAGES = [
    ["yolox", "YOLOX (detection)"],
    ["bytetrack", "ByteTrack (tracking)"],
    ["rtmpose", "RTMPose (poses)"],
    ["annotation", "Annotation (video)"],
  ];
  const POLL_INTERVAL_MS = 2000;
  const RECONNECT_MS = 3000;
  const PREVIEW_RETRY_MS = 2000;
  const TICK_MS = 1000;
  /** How often the page asks which services the supervisor restarted. */
  const SERVICES_POLL_MS = 10000;
  const COPIED_FEEDBACK_MS = 2000;
  /** Nothing more happens to a task in these states ("stopped": a camera a user stopped). */
  const ENDED = new Set(["completed", "failed", "cancelled", "stopped"]);
  /** A camera task that still reads its source. */
  const CAMERA_RUNNING = new Set(["connecting", "live", "reconnecting"]);
  /**
   * A camera's state and counters change without a task update on the live stream (which follows the pipeline's
   * progress), so a running camera's card is refreshed this often.
   */
  const CAMERA_POLL_MS = 2000;
  /** How often the counts so far of a running task with lines or zones are asked for. */
  const LIVE_COUNTS_MS = 2000;
  /** How often a camera's list of recording segments is asked for while it runs. */
  const SEGMENTS_POLL_MS = 5000;
  /** Analytics events kept in a task's rolling log, newest first. */
  const EVENT_LOG_SIZE = 10;
  /** Event ids remembered per task: the feed delivers at least once, so an event may come twice. */
  const SEEN_EVENT_IDS = 200;
  const BYTES_PER_MB = 1e6;
  const MICROS_PER_MS = 1000;

  const list = document.getElementById("task-list");
  const template = document.getElementById("task-template");
  const noTasks = document.getElementById("no-tasks");
  const connection = document.getElementById("connection");
  const announcer = document.getElementById("announcer");
  const fileInput = document.getElementById("file-input");
  const dropZone = document.getElementById("drop-zone");
  const uploadRow = document.getElementById("upload-progress-row");
  const uploadProgress = document.getElementById("upload-progress");
  const uploadLabel = document.getElementById("upload-progress-label");
  const uploadStatus = document.getElementById("upload-status");
  const uploadError = document.getElementById("upload-error");

  /**
   * The operator key, when the server requires one: asked for once by a form, kept in this tab's session storage
   * and sent only as the X-API-Key header, never in a URL. What the browser fetches by itself (video, downloads,
   * preview) carries the task's read token from the API instead, which opens that task only.
   */
  const KEY_STORAGE = "stride-operator-key";
  const keyForm = document.getElementById("key-form");
  const keyInput = document.getElementById("key-input");
  const keyError = document.getElementById("key-error");
  // An old bookmark with ?api_key=…: keep the key, take it out of the address bar and the history.
  const keyInAddress = new URLSearchParams(window.location.search).get("api_key");
  if (keyInAddress) {
    sessionStorage.setItem(KEY_STORAGE, keyInAddress);
    history.replaceState(null, "", window.location.pathname);
  }
  let operatorKey = sessionStorage.getItem(KEY_STORAGE);
  let afterKey = [];

  function keyHeaders(headers = {}) {
    return operatorKey ? { ...headers, "X-API-Key": operatorKey } : headers;
  }

  /** Asks for the key; runs {@code then} once one is given. */
  function askForKey(then, wrong) {
    afterKey.push(then);
    keyError.textContent = wrong ? "That key was not accepted." : "";
    keyForm.hidden = false;
    keyInput.focus();
  }

  keyForm.addEventListener("submit", (e) => {
    e.preventDefault();
    operatorKey = keyInput.value;
    sessionStorage.setItem(KEY_STORAGE, operatorKey);
    keyInput.value = "";
    keyForm.hidden = true;
    const waiting = afterKey;
    afterKey = [];
    waiting.forEach((then) => then());
  });

  async function apiFetch(url, options = {}) {
    const response = await fetch(url, { ...options, headers: keyHeaders(options.headers) });
    if (response.status === 401) {
      const hadKey = Boolean(operatorKey);
      return new Promise((resolve) => askForKey(() => resolve(apiFetch(url, options)), hadKey));
    }
    return response;
  }

  /** A URL of one task, with its read token when the server hands one out. */
  function withToken(url, task) {
    if (!task.read_token) {
      return url;
    }
    return `${url}${url.includes("?") ? "&" : "?"}token=${encodeURIComponent(task.read_token)}`;
  }

  /** A camera task (POST /streams): it has a source. */
  function isCamera(task) {
    return Boolean(task.source);
  }

  /** Whether the task was started with lines or zones, so it is counted as it runs. */
  function hasLinesOrZones(task) {
    const options = task.options || {};
    return (options.lines || []).length > 0 || (options.zones || []).length > 0;
  }

  /** "queued #3" while waiting for a slot, else the status as the server says it. */
  function statusText(task) {
    return task.status === "queued" && task.queue_position ? `queued #${task.queue_position}` : task.status;
  }

  /** task id → {task, element, receivedAt}; the element is built once and updated in place. */
  const cards = new Map();
  let config = { preview_base_url: "" };
  let pollTimer = null;

  // ---------- formatting ----------

  function duration(ms) {
    const total = Math.max(0, Math.floor(ms / 1000));
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = String(total % 60).padStart(2, "0");
    return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
  }

  function frameTotal(task) {
    if (task.frames < 0) {
      return "?";
    }
    return task.frames_exact ? String(task.frames) : `~${task.frames}`;
  }

  function announce(text) {
    announcer.textContent = text;
  }

  // ---------- task cards ----------

  function createCard(task) {
    const element = template.content.firstElementChild.cloneNode(true);
    const id = task.task_id;
    element.dataset.taskId = id;
    const name = element.querySelector(".task-name");
    name.id = `task-${id}-name`;
    element.querySelector("article").setAttribute("aria-labelledby", name.id);
    element.querySelector(".task-progress").setAttribute("aria-labelledby", name.id);
    element.querySelector(".task-id").textContent = id;

    const stageList = element.querySelector(".stage-list");
    for (const [key, label] of STAGES) {
      const item = document.createElement("li");
      item.className = `stage stage-${key}`;
      const title = document.createElement("span");
      title.className = "stage-name";
      title.id = `task-${id}-stage-${key}`;
      title.textContent = label;
      const bar = document.createElement("progress");
      bar.className = "stage-bar";
      bar.setAttribute("aria-labelledby", title.id);
      const count = document.createElement("span");
      count.className = "stage-count";
      item.append(title, bar, count);
      stageList.append(item);
    }

    for (const [cls, label] of [["stream", "stream-url"], ["vlc", "vlc-command"]]) {
      const input = element.querySelector(`.${label}`);
      input.id = `task-${id}-${cls}`;
      element.querySelector(`.${cls}-label`).htmlFor = input.id;
      element.querySelector(`.copy-${cls}`).addEventListener("click", (e) => copy(input, e.currentTarget));
    }
    element.querySelector(".copy-stream").setAttribute("aria-label", "Copy the RTSP stream URL");
    element.querySelector(".copy-vlc").setAttribute("aria-label", "Copy the VLC command");

    const preview = element.querySelector(".preview");
    preview.addEventListener("error", () => schedulePreviewRetry(id));
    preview.addEventListener("load", () => element.querySelector(".preview-frame").classList.add("playing"));

    element.querySelector(".delete").addEventListener("click", () => deleteTask(id));
    element.querySelector(".stages").open = !ENDED.has(task.status);
    setUpDrawing(element, id);
    return element;
  }

  function render(task, receivedAt) {
    let entry = cards.get(task.task_id);
    if (!entry) {
      entry = { element: createCard(task) };
      cards.set(task.task_id, entry);
      insertInOrder(entry.element, task);
    }
    const previous = entry.task;
    entry.task = task;
    entry.receivedAt = receivedAt;
    const el = entry.element;
    const camera = isCamera(task);
    const name = task.file_name || (camera ? task.source.url : "(unnamed video)");

    el.querySelector(".task-name").textContent = name;
    const status = el.querySelector(".status");
    status.textContent = statusText(task);
    status.className = `status status-${task.status}`;
    el.dataset.status = task.status;
    el.querySelector(".task-progress").value = task.progress;
    el.querySelector(".progress-value").textContent = `${task.progress}%`;
    // A camera has no end to make progress towards.
    el.querySelector(".progress-row").hidden = camera;
    const annotated = task.frames_done.annotation || 0;
    el.querySelector(".frames").textContent = camera ? String(annotated) : `${annotated} / ${frameTotal(task)}`;
    el.querySelector(".fps").textContent = `${task.fps.toFixed(1)} fps`;
    updateElapsed(entry, Date.now());

    const error = el.querySelector(".task-error");
    error.hidden = !task.error;
    error.textContent = task.error ? `${task.status === "failed" ? "Failed" : "Cancelled"}: ${task.error}` : "";
    const warning = el.querySelector(".task-warning");
    warning.hidden = !task.warning;
    warning.textContent = task.warning ? `Warning: ${task.warning}` : "";

    for (const [key, label] of STAGES) {
      const done = task.frames_done[key] || 0;
      const item = el.querySelector(`.stage-${key}`);
      const bar = item.querySelector(".stage-bar");
      bar.max = Math.max(task.frames, done, 1);
      bar.value = done;
      item.querySelector(".stage-count").textContent = `${done} / ${frameTotal(task)}`;
      item.title = `${label}: ${done} frames done`;
    }

    const running = !ENDED.has(task.status);
    renderLive(el, task, running);
    renderCamera(el, task);
    renderResult(el, task);
    renderCountsAndSegments(entry, previous);
    const del = el.querySelector(".delete");
    const action = running ? (camera ? "Stop" : "Cancel") : "Delete";
    del.textContent = action;
    del.setAttribute("aria-label", `${action} the ${camera ? "camera" : "task"} ${name}`);

    if (previous && previous.status !== task.status) {
      announce(`${name}: ${statusText(task)}`);
      if (ENDED.has(task.status)) {
        el.querySelector(".stages").open = false;
      }
    }
    noTasks.hidden = cards.size > 0;
  }

  function insertInOrder(element, task) {
    for (const sibling of list.children) {
      const other = cards.get(sibling.dataset.taskId);
      if (other && other.task && other.task.started_at < task.started_at) {
        list.insertBefore(element, sibling);
        return;
      }
    }
    list.append(element);
  }

  function renderLive(el, task, running) {
    const live = el.querySelector(".live");
    const preview = el.querySelector(".preview");
    live.hidden = !running;
    el.querySelector(".stream-url").value = task.stream_url;
    el.querySelector(".vlc-command").value = `vlc ${task.stream_url}`;
    if (running && config.preview_base_url) {
      preview.alt = `Live preview of ${task.file_name || "the video"}`;
      if (!preview.getAttribute("src") && !el.dataset.previewRetry) {
        preview.src = withToken(`${config.preview_base_url}/preview/${task.task_id}`, task);
      }
    } else if (preview.getAttribute("src")) {
      // Dropping the source closes the MJPEG connection.
      preview.removeAttribute("src");
    }
    el.querySelector(".preview-frame").hidden = !config.preview_base_url;
    el.querySelector(".preview-note").hidden = !config.preview_base_url;
  }

  /** A camera's source (credentials masked by the server) and its ingest's counters. */
  function renderCamera(el, task) {
    const section = el.querySelector(".camera");
    section.hidden = !isCamera(task);
    if (section.hidden) {
      return;
    }
    const source = task.source;
    el.querySelector(".camera-source").textContent = source.name ? `${source.name}: ${source.url}` : source.url;
    // Rates are the running ingest's; a stopped camera keeps its totals (until the backend restarts).
    const running = CAMERA_RUNNING.has(task.status);
    section.querySelectorAll(".counter.rate").forEach((counter) => (counter.hidden = !running));
    section.querySelectorAll(".counter.total").forEach((counter) => (counter.hidden = !task.camera));
    const counters = task.camera || {};
    const fps = (value) => `${(value || 0).toFixed(1)} fps`;
    el.querySelector(".input-fps").textContent = fps(counters.input_fps);
    el.querySelector(".output-fps").textContent = fps(counters.output_fps);
    el.querySelector(".frames-dropped").textContent = String(counters.frames_dropped || 0);
    el.querySelector(".reconnects").textContent = String(counters.reconnects || 0);
    const since = counters.seconds_since_last_frame;
    el.querySelector(".last-frame").textContent = since === undefined || since < 0 ? "none yet"
      : `${since.toFixed(1)} s ago`;
    el.querySelector(".lag").textContent = `${(counters.lag_seconds || 0).toFixed(1)} s`;
  }

  function schedulePreviewRetry(id) {
    const entry = cards.get(id);
    if (!entry || ENDED.has(entry.task.status) || entry.element.dataset.previewRetry) {
      return;
    }
    // The stream may not exist yet (no frame annotated) or have ended while the pipeline paused.
    const el = entry.element;
    el.querySelector(".preview").removeAttribute("src");
    el.dataset.previewRetry = "1";
    setTimeout(() => {
      delete el.dataset.previewRetry;
      const current = cards.get(id);
      if (current) {
        renderLive(el, current.task, !ENDED.has(current.task.status));
      }
    }, PREVIEW_RETRY_MS);
  }

  function renderResult(el, task) {
    const result = el.querySelector(".result");
    const completed = task.status === "completed";
    result.hidden = !completed;
    if (!completed) {
      return;
    }
    const video = el.querySelector(".result-video");
    const base = `result/${encodeURIComponent(task.task_id)}`;
    if (!video.getAttribute("src")) {
      video.src = withToken(base, task);
      video.setAttribute("aria-label", `Annotated video of ${task.file_name || "the task"}`);
    }
    el.querySelector(".download-mp4").href = withToken(base, task);
    el.querySelector(".download-mp4").setAttribute("download", `${task.task_id}.mp4`);
    el.querySelector(".download-annotations").href = withToken(`${base}/annotations`, task);
    el.querySelector(".download-tracks").href = withToken(`${base}/tracks.txt`, task);
  }

  function updateElapsed(entry, now) {
    const task = entry.task;
    let elapsed = task.elapsed_ms;
    if (!ENDED.has(task.status) && task.started_at > 0) {
      elapsed += now - entry.receivedAt;
    }
    entry.element.querySelector(".elapsed").textContent = duration(elapsed);
  }

  function remove(id) {
    const entry = cards.get(id);
    if (!entry) {
      return;
    }
    entry.element.querySelector(".preview").removeAttribute("src");
    forgetDrawing(id);
    entry.element.remove();
    cards.delete(id);
    noTasks.hidden = cards.size > 0;
  }

  /** The whole list: cards of tasks no longer listed go, the others are updated in place. */
  function renderAll(tasks) {
    const now = Date.now();
    const listed = new Set(tasks.map((t) => t.task_id));
    for (const id of [...cards.keys()]) {
      if (!listed.has(id)) {
        remove(id);
      }
    }
    for (const task of tasks) {
      render(task, now);
    }
    noTasks.hidden = cards.size > 0;
  }

  // ---------- counts so far, analytics events and recording segments ----------

  /**
   * The counts so far of a task with lines or zones (GET result/{id}/analytics: its header says "live" while the
   * task runs; 409 before the annotation service wrote the first snapshot) are asked for every LIVE_COUNTS_MS while
   * the task's work goes on (no ended_at yet), and once more when it ends. A camera's segments likewise, every
   * SEGMENTS_POLL_MS: a stopped camera's last segment closes when the pipeline has drained it.
   */
  function renderCountsAndSegments(entry, previous) {
    const task = entry.task;
    const el = entry.element;
    const counted = hasLinesOrZones(task);
    // Not before it starts, nor for a task that failed or was cancelled before any counts were seen.
    const noCountsYet = !entry.countsShown && ["queued", "failed", "cancelled"].includes(task.status);
    el.querySelector(".live-counts").hidden = !counted || noCountsYet;
    el.querySelector(".segments").hidden = !isCamera(task);
    const justEnded = Boolean(task.ended_at) && !(previous && previous.ended_at);
    if (counted && task.status !== "queued" && (!entry.countsAsked || justEnded)) {
      entry.countsAsked = true;
      refreshCounts(entry);
    }
    if (isCamera(task) && (!entry.segmentsAsked || justEnded)) {
      entry.segmentsAsked = true;
      refreshSegments(entry);
    }
  }

  async function refreshCounts(entry) {
    await fetchTaskResult(entry, "analytics", ".live-counts-status", async (response, status, task) => {
      const el = entry.element;
      if (!response.ok) {
        const body = await response.json().catch(() => null);
        if (response.status === 409 && !task.ended_at) {
          status.textContent = "Counting starts with the first annotated frames…";
        } else if (!entry.countsShown) {
          status.textContent = `No counts: ${body && body.message ? body.message : `HTTP ${response.status}`}`;
        } else {
          status.textContent = "The counts as last seen, when the task ended.";
        }
        return;
      }
      const kind = response.headers.get("X-Stride-Analytics");
      showLiveCounts(entry, await response.json());
      entry.countsShown = true;
      const section = el.querySelector(".live-counts");
      section.dataset.kind = kind || "";
      section.querySelector("h4").textContent = kind === "live" ? "Counts so far" : "Counts";
      status.textContent = kind === "live" ? `As of ${new Date().toLocaleTimeString()}` : "Final counts.";
    });
  }

  /**
   * Asks for `result/{id}/{name}` of the card's task as JSON, unless the card's last request for it is still out
   * (a slow server is not asked again on top), and hands the response, the status line under `statusSelector` and
   * the task as it was when asked to `show`; a request that cannot reach the server says so there.
   */
  async function fetchTaskResult(entry, name, statusSelector, show) {
    entry.loading = entry.loading || new Set();
    if (entry.loading.has(name)) {
      return;
    }
    entry.loading.add(name);
    const task = entry.task;
    const status = entry.element.querySelector(statusSelector);
    try {
      const response = await apiFetch(withToken(`result/${encodeURIComponent(task.task_id)}/${name}`, task),
        { headers: { Accept: "application/json" } });
      await show(response, status, task);
    } catch (e) {
      status.textContent = "Cannot reach the server; retrying…";
    } finally {
      entry.loading.delete(name);
    }
  }

  function showLiveCounts(entry, analytics) {
    const el = entry.element;
    const inside = entry.insideNow || new Map();
    // The counts are the last second's snapshot, "inside now" the newest event's: the most inside at once is
    // at least what an event showed, or the row would read 11 inside and at most 9.
    const mostInside = entry.mostInside || new Map();
    fillTable(el.querySelector(".live-line-counts"), analytics.lines || [], ["in", "out"]);
    fillTable(el.querySelector(".live-zone-counts"), (analytics.zones || []).map((zone) => ({ ...zone,
      inside_now: inside.has(zone.name) ? inside.get(zone.name) : null,
      max_occupancy: Math.max(zone.max_occupancy || 0, mostInside.get(zone.name) || 0) })),
    ["inside_now", "entries", "exits", "max_occupancy"]);
  }

  /** One analytics event of the live stream: into its task's rolling log, once (the feed may repeat one). */
  function showAnalyticsEvent(event) {
    const entry = cards.get(event.task_id);
    if (!entry) {
      return;
    }
    entry.seenEvents = entry.seenEvents || [];
    if (event.event_id) {
      if (entry.seenEvents.includes(event.event_id)) {
        return;
      }
      entry.seenEvents.push(event.event_id);
      entry.seenEvents.splice(0, entry.seenEvents.length - SEEN_EVENT_IDS);
    }
    if (event.occupancy !== undefined) {
      entry.insideNow = entry.insideNow || new Map();
      entry.insideNow.set(event.name, event.occupancy);
      entry.mostInside = entry.mostInside || new Map();
      const most = Math.max(entry.mostInside.get(event.name) || 0, event.occupancy);
      entry.mostInside.set(event.name, most);
      const row = `.live-zone-counts tr[data-name="${CSS.escape(event.name)}"]`;
      const cell = entry.element.querySelector(`${row} .inside-now`);
      if (cell) {
        cell.textContent = String(event.occupancy);
      }
      const mostCell = entry.element.querySelector(`${row} .max-occupancy`);
      if (mostCell && most > Number(mostCell.textContent)) {
        mostCell.textContent = String(most);
      }
    }
    const el = entry.element;
    const log = el.querySelector(".event-log");
    const item = document.createElement("li");
    item.className = `event event-${event.type}`;
    item.dataset.type = event.type;
    item.dataset.name = event.name;
    item.textContent = `${new Date().toLocaleTimeString()} · ${eventText(event)}`;
    item.title = `frame ${event.frame}`;
    log.prepend(item);
    while (log.children.length > EVENT_LOG_SIZE) {
      log.lastElementChild.remove();
    }
    el.querySelector(".no-events").hidden = true;
  }

  function eventText(event) {
    const who = `${event.class_name || "object"} #${event.track_id}`;
    if (event.type === "line_crossed") {
      const counts = event.counts ? ` (in ${event.counts.in}, out ${event.counts.out})` : "";
      return `${event.name}: ${who} crossed ${event.direction}${counts}`;
    }
    const inside = event.occupancy !== undefined ? ` (${event.occupancy} inside)` : "";
    const verb = event.type === "zone_entered" ? "entered" : event.type === "zone_exited" ? "left" : event.type;
    return `${event.name}: ${who} ${verb}${inside}`;
  }

  async function refreshSegments(entry) {
    await fetchTaskResult(entry, "segments", ".segments-status", async (response, status, task) => {
      const body = await response.json().catch(() => null);
      if (!response.ok || !body) {
        status.textContent = `No recording: ${body && body.message ? body.message : `HTTP ${response.status}`}`;
        return;
      }
      showSegments(entry.element, task, body.segments || []);
    });
  }

  function showSegments(el, task, segments) {
    const status = el.querySelector(".segments-status");
    status.textContent = segments.length > 0 ? `${segments.length} segment${segments.length === 1 ? "" : "s"}, `
      + "oldest first (older ones are deleted by the recording's retention)."
      : "No segment yet: each is listed once it is closed (every few minutes, and when the camera stops).";
    const list = el.querySelector(".segment-list");
    const shown = JSON.stringify(segments.map((segment) => segment.name));
    if (list.dataset.shown === shown) {
      return;
    }
    list.dataset.shown = shown;
    const base = `result/${encodeURIComponent(task.task_id)}/segments`;
    list.replaceChildren(...segments.map((segment) => {
      const item = document.createElement("li");
      item.className = "segment";
      item.dataset.name = segment.name;
      const video = document.createElement("a");
      video.className = "segment-video";
      video.href = withToken(`${base}/${encodeURIComponent(segment.name)}.mp4`, task);
      video.textContent = "MP4";
      video.setAttribute("aria-label", `Segment ${segment.name}, video`);
      const lines = document.createElement("a");
      lines.className = "segment-annotations";
      lines.href = withToken(`${base}/${encodeURIComponent(segment.name)}.jsonl`, task);
      lines.setAttribute("download", `${task.task_id}-${segment.name}.jsonl`);
      lines.textContent = "JSON Lines";
      lines.setAttribute("aria-label", `Segment ${segment.name}, annotations as JSON Lines`);
      item.append(`${segment.name}: from ${duration(segment.start_pts_us / MICROS_PER_MS)}, `
        + `${duration(segment.duration_s * 1000)} long, ${(segment.bytes / BYTES_PER_MB).toFixed(1)} MB · `, video,
      " · ", lines);
      return item;
    }));
  }

  /** Every {@code interval}, {@code refresh} for each card whose task is {@code wanted}. */
  function refreshRunning(interval, wanted, refresh) {
    setInterval(() => {
      for (const entry of cards.values()) {
        if (entry.task && wanted(entry.task)) {
          refresh(entry);
        }
      }
    }, interval);
  }

  // ---------- lines and zones on the heatmap ----------

  /**
   * A finished task's heatmap (GET result/{id}/heatmap.png, drawn by the server on first request, so fetched only
   * when the user opens the section) is the canvas: it has the video's size, so a click's position scaled from the
   * displayed size to the picture's own is a position in source pixels, those of the boxes the counts use.
   */
  const CLOSE_ZONE_PX = 12;
  const POINT_RADIUS_PX = 4;
  const STROKE_PX = 3;
  const LABEL_FONT = "bold 14px system-ui, sans-serif";
  const HEATMAP_RETRY_MS = 2000;
  const LINE_COLOUR = "#ffffff";
  const ZONE_COLOUR = "#ffd400";
  const ZONE_FILL = "rgba(255, 212, 0, 0.2)";
  const OUTLINE_COLOUR = "#000000";
  /** Stays are shown to the hundredth of a second; the events have the exact times. */
  const SECONDS_DECIMALS = 2;
  /** task id → {kind, points, shapes, heatmap: "none" | "loading" | "loaded", objectUrl, analysisId} */
  const drawings = new Map();

  function setUpDrawing(element, id) {
    const state = { kind: "line", points: [], shapes: [], heatmap: "none", objectUrl: null, analysisId: null };
    drawings.set(id, state);
    const part = (selector) => element.querySelector(selector);
    for (const radio of [part(".kind-line"), part(".kind-zone")]) {
      radio.name = `kind-${id}`;
      radio.addEventListener("change", () => {
        state.kind = radio.value;
        state.points = [];
        refreshDrawing(element, state);
      });
    }
    const details = part(".count");
    details.addEventListener("toggle", () => {
      if (details.open) {
        loadHeatmap(id);
      }
    });
    part(".heatmap").addEventListener("load", () => refreshDrawing(element, state));
    part(".draw-canvas").addEventListener("click", (e) => addPoint(id, e));
    part(".close-zone").addEventListener("click", () => finishShape(id, "zone"));
    part(".clear-shapes").addEventListener("click", () => {
      state.shapes = [];
      state.points = [];
      refreshDrawing(element, state);
    });
    part(".count-shapes").addEventListener("click", () => countShapes(id));
    if (window.ResizeObserver) {
      new ResizeObserver(() => redraw(element, state)).observe(part(".draw-frame"));
    }
  }

  function forgetDrawing(id) {
    const state = drawings.get(id);
    if (state && state.objectUrl) {
      URL.revokeObjectURL(state.objectUrl);
    }
    drawings.delete(id);
  }

  /** Fetched rather than set as the image's source, so an error's message can be shown. */
  async function loadHeatmap(id) {
    const state = drawings.get(id);
    const entry = cards.get(id);
    if (!state || !entry || state.heatmap !== "none") {
      return;
    }
    const el = entry.element;
    const status = el.querySelector(".heatmap-status");
    state.heatmap = "loading";
    status.textContent = "Drawing the heatmap…";
    try {
      const response = await apiFetch(withToken(`result/${encodeURIComponent(id)}/heatmap.png`, entry.task));
      if (response.status === 503) {
        const seconds = Number(response.headers.get("Retry-After"));
        state.heatmap = "none";
        setTimeout(() => loadHeatmap(id), seconds > 0 ? seconds * 1000 : HEATMAP_RETRY_MS);
        return;
      }
      if (!response.ok) {
        const body = await response.json().catch(() => null);
        throw new Error(body && body.message ? body.message : `HTTP ${response.status}`);
      }
      state.objectUrl = URL.createObjectURL(await response.blob());
      const image = el.querySelector(".heatmap");
      image.alt = `Heatmap of ${entry.task.file_name || "the video"}: where its tracks were, to draw on`;
      image.src = state.objectUrl;
      state.heatmap = "loaded";
      status.textContent = "";
    } catch (e) {
      state.heatmap = "none";
      status.textContent = `No heatmap: ${e.message}`;
    }
  }

  /** Where a click is in source pixels: its position in the displayed picture scaled to the picture's own size. */
  function sourcePoint(event, canvas, image) {
    const rect = canvas.getBoundingClientRect();
    const x = Math.round(((event.clientX - rect.left) * image.naturalWidth) / rect.width);
    const y = Math.round(((event.clientY - rect.top) * image.naturalHeight) / rect.height);
    return [Math.min(Math.max(x, 0), image.naturalWidth), Math.min(Math.max(y, 0), image.naturalHeight)];
  }

  function addPoint(id, event) {
    const state = drawings.get(id);
    const el = cards.get(id).element;
    const image = el.querySelector(".heatmap");
    const canvas = el.querySelector(".draw-canvas");
    if (!image.naturalWidth) {
      return;
    }
    el.querySelector(".count-error").textContent = "";
    const point = sourcePoint(event, canvas, image);
    if (state.kind === "zone" && state.points.length >= 3 && closesZone(event, canvas, image, state.points[0])) {
      finishShape(id, "zone");
      return;
    }
    state.points.push(point);
    if (state.kind === "line" && state.points.length === 2) {
      finishShape(id, "line");
      return;
    }
    refreshDrawing(el, state);
  }

  /** A click on (or near) a zone's first corner closes it. */
  function closesZone(event, canvas, image, first) {
    const rect = canvas.getBoundingClientRect();
    const dx = event.clientX - rect.left - (first[0] * rect.width) / image.naturalWidth;
    const dy = event.clientY - rect.top - (first[1] * rect.height) / image.naturalHeight;
    return Math.hypot(dx, dy) <= CLOSE_ZONE_PX;
  }

  function finishShape(id, kind) {
    const state = drawings.get(id);
    const el = cards.get(id).element;
    const nameInput = el.querySelector(".shape-name");
    const error = el.querySelector(".count-error");
    const name = nameInput.value.trim() || defaultName(state, kind);
    if (state.shapes.some((shape) => shape.name === name)) {
      error.textContent = `There is already a line or zone called "${name}": give this one another name.`;
      state.points = [];
      refreshDrawing(el, state);
      return;
    }
    state.shapes.push({ kind, name, points: state.points });
    state.points = [];
    nameInput.value = "";
    announce(`${kind === "line" ? "Line" : "Zone"} ${name} drawn`);
    refreshDrawing(el, state);
  }

  function defaultName(state, kind) {
    let n = state.shapes.filter((shape) => shape.kind === kind).length + 1;
    while (state.shapes.some((shape) => shape.name === `${kind} ${n}`)) {
      n++;
    }
    return `${kind} ${n}`;
  }

  function pointText(point) {
    return `(${point[0]}, ${point[1]})`;
  }

  /** The list of shapes, the buttons' states and the picture. */
  function refreshDrawing(el, state) {
    const list = el.querySelector(".shape-list");
    list.replaceChildren(...state.shapes.map((shape, index) => shapeItem(el, state, shape, index)));
    el.querySelector(".close-zone").disabled = !(state.kind === "zone" && state.points.length >= 3);
    el.querySelector(".count-shapes").disabled = state.shapes.length === 0;
    el.querySelector(".clear-shapes").disabled = state.shapes.length === 0 && state.points.length === 0;
    redraw(el, state);
  }

  function shapeItem(el, state, shape, index) {
    const item = document.createElement("li");
    item.className = `shape shape-${shape.kind}`;
    item.dataset.name = shape.name;
    item.dataset.points = JSON.stringify(shape.points);
    const text = document.createElement("span");
    text.textContent = shape.kind === "line"
      ? `${shape.name}: line from ${pointText(shape.points[0])} to ${pointText(shape.points[1])}`
      : `${shape.name}: zone with corners ${shape.points.map(pointText).join(", ")}`;
    const removeButton = document.createElement("button");
    removeButton.type = "button";
    removeButton.className = "remove-shape";
    removeButton.textContent = "Remove";
    removeButton.setAttribute("aria-label", `Remove ${shape.name}`);
    removeButton.addEventListener("click", () => {
      state.shapes.splice(index, 1);
      refreshDrawing(el, state);
    });
    item.append(text, " ", removeButton);
    return item;
  }

  /** The canvas covers the picture at its displayed size; shapes are kept in source pixels and scaled to it. */
  function redraw(el, state) {
    if (!state) {
      return;
    }
    const image = el.querySelector(".heatmap");
    const canvas = el.querySelector(".draw-canvas");
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(canvas.clientWidth * ratio);
    canvas.height = Math.round(canvas.clientHeight * ratio);
    const context = canvas.getContext("2d");
    context.clearRect(0, 0, canvas.width, canvas.height);
    if (!image.naturalWidth || !canvas.width) {
      return;
    }
    const scale = [canvas.width / image.naturalWidth, canvas.height / image.naturalHeight];
    const toCanvas = (point) => [point[0] * scale[0], point[1] * scale[1]];
    context.lineJoin = "round";
    context.font = LABEL_FONT;
    for (const shape of state.shapes) {
      drawShape(context, shape.points.map(toCanvas), shape.kind, ratio);
      drawLabel(context, shape.name, toCanvas(shape.points[0]), ratio);
    }
    if (state.points.length > 0) {
      drawShape(context, state.points.map(toCanvas), "pending", ratio);
    }
  }

  function drawShape(context, points, kind, ratio) {
    const colour = kind === "line" ? LINE_COLOUR : ZONE_COLOUR;
    context.beginPath();
    points.forEach(([x, y], i) => (i === 0 ? context.moveTo(x, y) : context.lineTo(x, y)));
    if (kind === "zone") {
      context.closePath();
      context.fillStyle = ZONE_FILL;
      context.fill();
    }
    context.lineWidth = (STROKE_PX + 2) * ratio;
    context.strokeStyle = OUTLINE_COLOUR;
    context.stroke();
    context.lineWidth = STROKE_PX * ratio;
    context.strokeStyle = colour;
    context.stroke();
    for (const [x, y] of points) {
      context.beginPath();
      context.arc(x, y, POINT_RADIUS_PX * ratio, 0, 2 * Math.PI);
      context.fillStyle = colour;
      context.fill();
      context.lineWidth = ratio;
      context.strokeStyle = OUTLINE_COLOUR;
      context.stroke();
    }
  }

  function drawLabel(context, name, [x, y], ratio) {
    context.save();
    context.scale(ratio, ratio);
    context.lineWidth = STROKE_PX;
    context.strokeStyle = OUTLINE_COLOUR;
    context.fillStyle = LINE_COLOUR;
    const at = [x / ratio + POINT_RADIUS_PX * 2, y / ratio - POINT_RADIUS_PX * 2];
    context.strokeText(name, ...at);
    context.fillText(name, ...at);
    context.restore();
  }

  /** POST tasks/{id}/analyses with what is drawn, then shows GET tasks/{id}/analyses/{analysis_id}. */
  async function countShapes(id) {
    const state = drawings.get(id);
    const entry = cards.get(id);
    const el = entry.element;
    const error = el.querySelector(".count-error");
    const button = el.querySelector(".count-shapes");
    error.textContent = "";
    button.disabled = true;
    button.textContent = "Counting…";
    const body = {
      lines: state.shapes.filter((s) => s.kind === "line").map((s) => ({ name: s.name, from: s.points[0],
        to: s.points[1] })),
      zones: state.shapes.filter((s) => s.kind === "zone").map((s) => ({ name: s.name, polygon: s.points })),
    };
    const base = `tasks/${encodeURIComponent(id)}/analyses`;
    try {
      const created = await apiFetch(base, {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      const answer = await created.json().catch(() => null);
      if (created.status !== 201 || !answer || !answer.analysis_id) {
        throw new Error(answer && answer.message ? answer.message : `HTTP ${created.status}`);
      }
      const counted = await apiFetch(`${base}/${answer.analysis_id}`);
      if (!counted.ok) {
        throw new Error(`HTTP ${counted.status}`);
      }
      forgetAnalysis(base, state.analysisId);
      state.analysisId = answer.analysis_id;
      showCounts(el, entry.task, `${base}/${answer.analysis_id}`, answer.analysis_id, await counted.json());
      announce("Counted");
    } catch (e) {
      error.textContent = `Cannot count: ${e.message}`;
    } finally {
      button.textContent = "Count";
      button.disabled = state.shapes.length === 0;
    }
  }

  /** The previous count of this page is replaced, so a user trying lines does not use up the task's allowance. */
  function forgetAnalysis(base, analysisId) {
    if (analysisId) {
      apiFetch(`${base}/${analysisId}`, { method: "DELETE" }).catch(() => {});
    }
  }

  function showCounts(el, task, path, analysisId, analytics) {
    const results = el.querySelector(".count-results");
    results.dataset.analysisId = analysisId;
    fillTable(el.querySelector(".line-counts"), analytics.lines, ["in", "out"]);
    fillTable(el.querySelector(".zone-counts"), analytics.zones,
      ["entries", "exits", "max_occupancy", "mean_dwell_s", "max_dwell_s"]);
    const events = el.querySelector(".count-events");
    events.href = withToken(`${path}/events`, task);
    events.setAttribute("download", `${task.task_id}-events.jsonl`);
    results.hidden = false;
  }

  function fillTable(table, rows, fields) {
    table.hidden = rows.length === 0;
    table.querySelector("tbody").replaceChildren(...rows.map((row) => {
      const tr = document.createElement("tr");
      tr.dataset.name = row.name;
      const name = document.createElement("th");
      name.scope = "row";
      name.textContent = row.name;
      tr.append(name, ...fields.map((field) => {
        const cell = document.createElement("td");
        cell.className = field.replace(/_/g, "-");
        const value = row[field];
        if (typeof value !== "number") {
          cell.textContent = "–";
        } else {
          cell.textContent = Number.isInteger(value) ? String(value) : value.toFixed(SECONDS_DECIMALS);
        }
        return cell;
      }));
      return tr;
    }));
  }

  // ---------- live updates ----------

  /**
   * Reads the live-update stream with fetch rather than EventSource, which cannot send the key's header; like
   * EventSource, it connects again after a pause when the stream ends, and the page polls meanwhile.
   */
  async function connect() {
    try {
      const response = await apiFetch("tasks/events", { headers: { Accept: "text/event-stream" } });
      if (!response.ok || !response.body) {
        throw new Error(`HTTP ${response.status}`);
      }
      stopPolling();
      connection.textContent = "Live";
      connection.dataset.state = "live";
      await readEvents(response.body.getReader());
    } catch (e) {
      // reconnected below
    }
    startPolling();
    setTimeout(connect, RECONNECT_MS);
  }

  /** Server-Sent Events: "event:" and "data:" lines, an empty line ends an event. */
  async function readEvents(reader) {
    const decoder = new TextDecoder();
    let buffered = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffered += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffered.indexOf("\n\n")) >= 0) {
        dispatch(buffered.slice(0, end));
        buffered = buffered.slice(end + 2);
      }
    }
  }

  function dispatch(block) {
    let name = "message";
    const data = [];
    for (const line of block.split("\n")) {
      if (line.startsWith("event:")) {
        name = line.slice(6).trim();
      } else if (line.startsWith("data:")) {
        data.push(line.slice(5));
      }
    }
    if (data.length === 0) {
      return; // a keep-alive comment
    }
    const text = data.join("\n");
    if (name === "tasks") {
      renderAll(JSON.parse(text));
    } else if (name === "task") {
      render(JSON.parse(text), Date.now());
    } else if (name === "removed") {
      remove(text);
    } else if (name === "analytics") {
      showAnalyticsEvent(JSON.parse(text));
    }
  }

  function startPolling() {
    if (pollTimer !== null) {
      return;
    }
    connection.textContent = `Updating every ${POLL_INTERVAL_MS / 1000} s`;
    connection.dataset.state = "polling";
    const poll = async () => {
      try {
        const response = await apiFetch("tasks", { headers: { Accept: "application/json" } });
        if (response.ok) {
          renderAll(await response.json());
        }
      } catch (e) {
        connection.textContent = "Cannot reach the server; retrying…";
      }
    };
    poll();
    pollTimer = setInterval(poll, POLL_INTERVAL_MS);
  }

  function stopPolling() {
    if (pollTimer !== null) {
      clearInterval(pollTimer);
      pollTimer = null;
    }
  }

  // ---------- upload ----------

  /** The options form as the API's `options` JSON (uploads and cameras): only what differs from no options. */
  function taskOptions() {
    const options = {};
    const classes = document.getElementById("options-classes").value.split(",")
      .map((name) => name.trim()).filter((name) => name.length > 0);
    if (classes.length > 0) {
      options.classes = classes;
    }
    const minScore = document.getElementById("options-min-score").value.trim();
    if (minScore !== "") {
      options.min_score = Number(minScore);
    }
    if (!document.getElementById("options-pose").checked) {
      options.pose = false;
    }
    return options;
  }

  function upload(file) {
    uploadError.textContent = "";
    uploadStatus.textContent = "";
    uploadRow.hidden = false;
    uploadProgress.value = 0;
    uploadLabel.textContent = `Uploading ${file.name}… 0%`;

    const form = new FormData();
    form.append("file", file, file.name);
    const options = taskOptions();
    if (Object.keys(options).length > 0) {
      form.append("options", JSON.stringify(options));
    }
    const request = new XMLHttpRequest();
    request.open("POST", "upload");
    if (operatorKey) {
      request.setRequestHeader("X-API-Key", operatorKey);
    }
    request.responseType = "text";
    request.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable) {
        const percent = Math.floor((e.loaded * 100) / e.total);
        uploadProgress.value = percent;
        uploadLabel.textContent = `Uploading ${file.name}… ${percent}%`;
      }
    });
    request.upload.addEventListener("load", () => {
      uploadProgress.value = 100;
      uploadLabel.textContent = `Checking ${file.name}…`;
    });
    request.addEventListener("load", () => {
      uploadRow.hidden = true;
      let body = null;
      try {
        body = JSON.parse(request.responseText);
      } catch (e) {
        body = null;
      }
      if (request.status === 401) {
        uploadRow.hidden = true;
        askForKey(() => upload(file), Boolean(operatorKey));
        return;
      }
      if (request.status === 200 && body && body.task_id) {
        uploadStatus.textContent = body.status === "queued"
          ? `${file.name}: task queued (#${body.queue_position}); it starts when a running task ends.`
          : `${file.name}: task started.`;
        fetchTask(body.task_id);
      } else {
        const message = body && body.message ? body.message : `the server answered HTTP ${request.status}`;
        uploadError.textContent = `${file.name} was not accepted: ${message}`;
      }
    });
    request.addEventListener("error", () => {
      uploadRow.hidden = true;
      uploadError.textContent = `${file.name}: the upload was interrupted (is the server running, and is the `
        + "file within its size limit?)";
    });
    request.send(form);
  }

  async function fetchTask(id) {
    try {
      const response = await apiFetch(`tasks/${encodeURIComponent(id)}`);
      if (response.ok) {
        render(await response.json(), Date.now());
      }
    } catch (e) {
      // the live stream brings it anyway
    }
  }

  fileInput.addEventListener("change", () => {
    const file = fileInput.files[0];
    if (file) {
      upload(file);
    }
    // Choosing the same file again must start a new upload.
    fileInput.value = "";
  });

  dropZone.addEventListener("dragover", (e) => {
    e.preventDefault();
    dropZone.classList.add("dragging");
  });
  dropZone.addEventListener("dragleave", () => dropZone.classList.remove("dragging"));
  dropZone.addEventListener("drop", (e) => {
    e.preventDefault();
    dropZone.classList.remove("dragging");
    const file = e.dataTransfer.files[0];
    if (file) {
      upload(file);
    }
  });

  // ---------- camera ----------

  const cameraForm = document.getElementById("camera-form");
  const cameraUrl = document.getElementById("camera-url");
  const cameraName = document.getElementById("camera-name");
  const cameraStart = document.getElementById("camera-start");
  const cameraStatus = document.getElementById("camera-status");
  const cameraError = document.getElementById("camera-error");

  /**
   * POST streams with {"url", "name", "options"} as JSON: the URL, credentials included, travels in the body only;
   * the answer's source has them masked, and the field is emptied once the camera is started.
   */
  async function startCamera() {
    cameraError.textContent = "";
    cameraStatus.textContent = "Starting…";
    cameraStart.disabled = true;
    const body = { url: cameraUrl.value.trim() };
    const name = cameraName.value.trim();
    if (name) {
      body.name = name;
    }
    const options = taskOptions();
    if (Object.keys(options).length > 0) {
      body.options = options;
    }
    try {
      const response = await apiFetch("streams", { method: "POST", body: JSON.stringify(body),
        headers: { "Content-Type": "application/json", Accept: "application/json" } });
      const answer = await response.json().catch(() => null);
      if (response.status === 201 && answer && answer.task_id) {
        cameraUrl.value = "";
        cameraName.value = "";
        const source = answer.source || {};
        cameraStatus.textContent = `Camera ${source.name ? `${source.name} at ` : ""}${source.url} started: `
          + `${answer.status}…`;
        fetchTask(answer.task_id);
        return;
      }
      cameraStatus.textContent = "";
      let message = answer && answer.message ? answer.message : `the server answered HTTP ${response.status}`;
      const retryAfter = Number(response.headers.get("Retry-After"));
      if (response.status === 503 && retryAfter > 0) {
        message += ` (try again in ${retryAfter} s)`;
      }
      cameraError.textContent = `The camera was not started: ${message}`;
    } catch (e) {
      cameraStatus.textContent = "";
      cameraError.textContent = "Cannot reach the server.";
    } finally {
      cameraStart.disabled = false;
    }
  }

  cameraForm.addEventListener("submit", (e) => {
    e.preventDefault();
    startCamera();
  });

  // ---------- actions ----------

  async function deleteTask(id) {
    const entry = cards.get(id);
    if (!entry) {
      return;
    }
    const name = entry.task.file_name || id;
    const running = !ENDED.has(entry.task.status);
    let question = running
      ? `Cancel ${name}? The pipeline stops working on it and its partial results are removed.`
      : `Delete ${name} and its results?`;
    if (isCamera(entry.task)) {
      question = running ? `Stop the camera ${name}? Its recording so far is kept.`
        : `Delete the camera task ${name} and its recordings?`;
    }
    if (!window.confirm(question)) {
      return;
    }
    const error = entry.element.querySelector(".task-error");
    try {
      const response = await apiFetch(`tasks/${encodeURIComponent(id)}`, { method: "DELETE" });
      const body = await response.json().catch(() => null);
      if (!response.ok) {
        error.hidden = false;
        error.textContent = body && body.message ? body.message : `HTTP ${response.status}`;
        return;
      }
      if (body.status === "deleted") {
        remove(id);
        announce(`${name} deleted`);
        document.getElementById("tasks-heading").focus();
      } else {
        fetchTask(id);
      }
    } catch (e) {
      error.hidden = false;
      error.textContent = "Cannot reach the server.";
    }
  }

  async function copy(input, button) {
    let copied = true;
    try {
      await navigator.clipboard.writeText(input.value);
    } catch (e) {
      // The clipboard API needs a secure origin (https or localhost): fall back to a selection.
      input.focus();
      input.select();
      copied = document.execCommand && document.execCommand("copy");
    }
    const text = copied ? "Copied" : "Press Ctrl+C";
    button.textContent = text;
    announce(copied ? "Copied to the clipboard" : "Selected: press Ctrl+C to copy");
    setTimeout(() => (button.textContent = "Copy"), COPIED_FEEDBACK_MS);
  }

  // ---------- services ----------

  const serviceRestarts = document.getElementById("service-restarts");

  /** Restarts by the one-command run's supervisor, e.g. "yolox 2× (last 06:32:07, exit 137)"; hidden without any. */
  function showServiceRestarts() {
    apiFetch("services")
      .then((r) => (r.ok ? r.json() : { restarts: [] }))
      .catch(() => ({ restarts: [] }))
      .then((services) => {
        const restarts = services.restarts || [];
        serviceRestarts.hidden = restarts.length === 0;
        serviceRestarts.textContent = restarts.length === 0 ? "" : "Restarted by the supervisor: " + restarts
          .map((s) => `${s.service} ${s.restarts}\u00d7 (last ${new Date(s.last_restart).toLocaleTimeString()}, `
            + `exit ${s.last_exit_status})`)
          .join(", ");
      });
  }

  // ---------- start ----------

  showServiceRestarts();
  setInterval(showServiceRestarts, SERVICES_POLL_MS);

  setInterval(() => {
    const now = Date.now();
    for (const entry of cards.values()) {
      updateElapsed(entry, now);
    }
  }, TICK_MS);

  refreshRunning(CAMERA_POLL_MS, (task) => isCamera(task) && CAMERA_RUNNING.has(task.status),
    (entry) => fetchTask(entry.task.task_id));
  refreshRunning(LIVE_COUNTS_MS, (task) => hasLinesOrZones(task) && task.status !== "queued" && !task.ended_at,
    refreshCounts);
  refreshRunning(SEGMENTS_POLL_MS, (task) => isCamera(task) && !task.ended_at, refreshSegments);

  apiFetch("config.json")
    .then((r) => (r.ok ? r.json() : config))
    .catch(() => config)
    .then((loaded) => {
      config = loaded;
      connect();
    });
})();
