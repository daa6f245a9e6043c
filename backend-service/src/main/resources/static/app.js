/*
 * The Stride page: uploads with their own progress, the task list kept live by Server-Sent Events (GET /tasks
 * polled only when the stream is unavailable), the live MJPEG preview of running tasks, the result player,
 * downloads and deletion. Plain DOM, no library: everything is served from the backend's jar.
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
  const ENDED = new Set(["completed", "failed", "cancelled"]);

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
    const name = task.file_name || "(unnamed video)";

    el.querySelector(".task-name").textContent = name;
    const status = el.querySelector(".status");
    status.textContent = statusText(task);
    status.className = `status status-${task.status}`;
    el.dataset.status = task.status;
    el.querySelector(".task-progress").value = task.progress;
    el.querySelector(".progress-value").textContent = `${task.progress}%`;
    const annotated = task.frames_done.annotation || 0;
    el.querySelector(".frames").textContent = `${annotated} / ${frameTotal(task)}`;
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
    renderResult(el, task);
    const del = el.querySelector(".delete");
    del.textContent = running ? "Cancel" : "Delete";
    del.setAttribute("aria-label", `${running ? "Cancel" : "Delete"} the task ${name}`);

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

  function upload(file) {
    uploadError.textContent = "";
    uploadStatus.textContent = "";
    uploadRow.hidden = false;
    uploadProgress.value = 0;
    uploadLabel.textContent = `Uploading ${file.name}… 0%`;

    const form = new FormData();
    form.append("file", file, file.name);
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

  // ---------- actions ----------

  async function deleteTask(id) {
    const entry = cards.get(id);
    if (!entry) {
      return;
    }
    const name = entry.task.file_name || id;
    const running = !ENDED.has(entry.task.status);
    const question = running
      ? `Cancel ${name}? The pipeline stops working on it and its partial results are removed.`
      : `Delete ${name} and its results?`;
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

  apiFetch("config.json")
    .then((r) => (r.ok ? r.json() : config))
    .catch(() => config)
    .then((loaded) => {
      config = loaded;
      connect();
    });
})();
