/* voicecoach practice page: record (or upload) a take, follow the analysis, show the
   report card beside the previous take, and the agent's progress. Standard browser APIs
   only (MediaRecorder, Web Audio, fetch); every text from the server goes in as text. */
"use strict";

const DEFAULT_SCRIPT = [
  "Good morning, this is Dana calling from Harbor Supply.",
  "Am I speaking with Jordan Blake?",
  "I am calling about invoice number 4729.",
  "The balance due is $840. It was due on the first of March.",
  "Is now a good time to talk about the payment?",
  "How would you like to settle the balance?",
].join("\n");
const SILENT_DB = -55;        // below this the whole time: the microphone gives no sound
const SILENT_AFTER_MS = 2000;
const POLL_MS = 300;

const $ = (id) => document.getElementById(id);
const state = { stream: null, audioCtx: null, analyser: null, recorder: null, chunks: [],
  startedAt: 0, loudest: -100, meterOn: false, busy: false, takes: [] };

function store(key, value) {
  try { localStorage.setItem("voicecoach." + key, value); } catch (e) { /* private mode */ }
}
function stored(key) {
  try { return localStorage.getItem("voicecoach." + key); } catch (e) { return null; }
}
function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}
function seconds(s) { return (Math.round(s * 10) / 10).toFixed(1) + " s"; }
function clock(ms) {
  const s = Math.floor(ms / 1000);
  return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
}
function setStatus(text) { $("status").textContent = text; }
function showError(text) {
  const box = $("error");
  box.textContent = text || "";
  box.hidden = !text;
}

/* ---- microphone and level meter ---- */
async function openMic() {
  if (state.stream) return state.stream;
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    throw new Error("this browser cannot record here (open the page at http://127.0.0.1)");
  }
  state.stream = await navigator.mediaDevices.getUserMedia({ audio: {
    echoCancellation: false, noiseSuppression: false, autoGainControl: false } });
  const Ctx = window.AudioContext || window.webkitAudioContext;
  state.audioCtx = new Ctx();
  const source = state.audioCtx.createMediaStreamSource(state.stream);
  state.analyser = state.audioCtx.createAnalyser();
  state.analyser.fftSize = 2048;
  source.connect(state.analyser);
  startMeter();
  return state.stream;
}

function levelDb() {
  const buf = new Float32Array(state.analyser.fftSize);
  state.analyser.getFloatTimeDomainData(buf);
  let sum = 0;
  for (let i = 0; i < buf.length; i++) sum += buf[i] * buf[i];
  const rms = Math.sqrt(sum / buf.length);
  return rms > 0 ? Math.max(-100, 20 * Math.log10(rms)) : -100;
}

function startMeter() {
  if (state.meterOn) return;
  state.meterOn = true;
  const meter = document.querySelector(".meter");
  const warnAt = performance.now() + SILENT_AFTER_MS;
  state.loudest = -100;
  const tick = () => {
    if (!state.analyser) { state.meterOn = false; return; }
    const db = levelDb();
    state.loudest = Math.max(state.loudest, db);
    const pct = Math.max(0, Math.min(100, (db + 60) / 60 * 100));
    $("meter-fill").style.width = pct.toFixed(0) + "%";
    meter.setAttribute("aria-valuenow", db.toFixed(0));
    if (state.recorder) $("clock").textContent = clock(Date.now() - state.startedAt);
    if (performance.now() > warnAt) {
      const silent = state.loudest < SILENT_DB;
      $("mic-warning").hidden = !silent;
      if (silent) {
        $("mic-warning").textContent = "No sound from the microphone: check it is not muted " +
          "and that the browser uses the right one.";
      }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

function pickType() {
  const types = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/webm", "audio/ogg"];
  return types.find((t) => window.MediaRecorder && MediaRecorder.isTypeSupported(t)) || "";
}

async function startRecording() {
  if (state.recorder || state.busy) return;
  showError("");
  if (!agentName()) return;
  try {
    await openMic();
    if (state.audioCtx.state === "suspended") await state.audioCtx.resume();
  } catch (e) {
    showError("The microphone could not be opened: " + (e.message || e.name));
    return;
  }
  const type = pickType();
  state.chunks = [];
  state.recorder = new MediaRecorder(state.stream, type ? { mimeType: type } : undefined);
  state.recorder.ondataavailable = (ev) => { if (ev.data && ev.data.size) state.chunks.push(ev.data); };
  state.recorder.onstop = () => finishRecording(type);
  state.recorder.start(1000);
  state.startedAt = Date.now();
  state.meterOn = false;
  startMeter();
  document.body.classList.add("recording");
  $("record").disabled = true;
  $("stop").disabled = false;
  $("stop").focus();
  setStatus("Recording… read the script, and wait after each question. Press Stop when done.");
}

function stopRecording() {
  if (!state.recorder) return;
  state.stoppedAt = performance.now();
  state.recorder.stop();
}

function finishRecording(type) {
  const rec = state.recorder;
  state.recorder = null;
  document.body.classList.remove("recording");
  $("stop").disabled = true;
  const mime = (type || rec.mimeType || "audio/webm").split(";")[0];
  const blob = new Blob(state.chunks, { type: mime });
  const ext = mime.includes("ogg") ? "ogg" : "webm";
  const stamp = new Date().toTimeString().slice(0, 8).replace(/:/g, "");
  submit(blob, "recording-" + stamp + "." + ext);
}

/* ---- sending a take and following the job ---- */
function agentName() {
  const name = $("agent").value.trim();
  if (!name) {
    showError("Type your name first: the takes are kept under it.");
    $("agent").focus();
    return "";
  }
  return name;
}

async function submit(blob, filename) {
  const agent = agentName();
  if (!agent) { setButtons(); return; }
  state.busy = true;
  setButtons();
  showError("");
  const form = new FormData();
  form.append("agent", agent);
  const customer = $("customer").value.trim();
  if (customer) form.append("customer_name", customer);
  const ref = $("reference").files[0];
  if (ref) form.append("reference", ref, ref.name);
  form.append("audio", blob, filename);
  state.submittedAt = state.stoppedAt || performance.now();
  state.stoppedAt = 0;
  showBusy("uploading", 0);
  setStatus("Sending the take…");
  try {
    const res = await fetch("/api/takes", { method: "POST", body: form,
      headers: { "x-voicecoach": "1" } });
    const data = await res.json().catch(() => ({ error: "the server answered " + res.status }));
    if (!res.ok) throw new Error(data.error || "the server answered " + res.status);
    await follow(data.job_id);
  } catch (e) {
    showError(e.message || String(e));
    setStatus("That take was not analyzed. Fix the problem above and try again.");
  } finally {
    state.busy = false;
    $("busy").hidden = true;
    setButtons();
  }
}

function showBusy(stage, fraction) {
  $("busy").hidden = false;
  $("stage").textContent = stage.charAt(0).toUpperCase() + stage.slice(1) + "…";
  $("busy-pct").textContent = Math.round(fraction * 100) + " %";
  $("job-progress").value = fraction;
}

async function follow(jobId) {
  for (;;) {
    const res = await fetch("/api/jobs/" + encodeURIComponent(jobId));
    const job = await res.json();
    if (!res.ok) throw new Error(job.error || "the server answered " + res.status);
    if (job.status === "error") throw new Error(job.error);
    if (job.status === "done") {
      const secs = (performance.now() - state.submittedAt) / 1000;
      job.result.seconds_to_report = Math.round(secs * 10) / 10;
      showResult(job.result);
      return;
    }
    showBusy(job.status === "queued" ? "waiting for the previous take" : job.stage, job.fraction);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/* ---- the report cards ---- */
function verdictClass(v) {
  return { "on target": "on", "close": "close", "needs work": "needs" }[v] || "none";
}
function scoreClass(score) {
  if (score === null || score === undefined) return "none";
  return score >= 80 ? "on" : score >= 55 ? "close" : "needs";
}

function findingRow(f, withTarget) {
  const tr = el("tr");
  const chip = el("span", "chip " + verdictClass(f.verdict), f.verdict_text);
  const c1 = el("td"); c1.append(chip); tr.append(c1);
  const c2 = el("td"); c2.append(el("span", "", f.guideline));
  if (f.verdict !== "on target" && f.verdict !== "not judged" && f.tip) c2.append(el("span", "tip", f.tip));
  if (f.detail) c2.append(el("span", "detail", f.detail));
  tr.append(c2);
  tr.append(el("td", "num", f.measured || "–"));
  if (withTarget) tr.append(el("td", "", f.target));
  return tr;
}

function eventButton(ev, audio) {
  const b = el("button", ev.kind, seconds(ev.start_s) + " · " + ev.label);
  b.type = "button";
  b.title = "Play from " + seconds(Math.max(0, ev.start_s - 0.5));
  b.addEventListener("click", () => {
    audio.currentTime = Math.max(0, ev.start_s - 0.5);
    audio.play().catch(() => {});
  });
  return b;
}

function renderCard(result, n, latest) {
  const c = result.card;
  const node = $("card-template").content.firstElementChild.cloneNode(true);
  if (latest) node.classList.add("latest");
  node.dataset.takeId = result.take_id;
  const score = node.querySelector(".score");
  score.classList.add(scoreClass(c.score));
  node.querySelector(".score-n").textContent = c.score === null ? "–" : c.score;
  node.querySelector("h3").textContent = "Take " + n + (latest ? " (latest)" : "") + ": " + result.file;
  node.querySelector(".when").textContent = seconds(c.duration_s) + " recorded · take " +
    result.take_id + " of " + result.agent +
    (result.seconds_to_report ? " · report in " + seconds(result.seconds_to_report) : "");
  const msg = node.querySelector(".message");
  const line = [c.message, c.retake].filter(Boolean).join(" ");
  msg.hidden = !line; msg.textContent = line;
  const tips = node.querySelector(".tips");
  if (!c.next_steps.length) tips.append(el("li", "", "Keep it as it is: every judged measure is on target."));
  c.next_steps.forEach((t) => tips.append(el("li", "", t)));
  const img = node.querySelector("img.timeline");
  if (c.timeline_png) { img.src = c.timeline_png; img.alt = "Timeline of take " + n + ": loudness, pauses, waits after questions, pitch"; }
  else img.remove();
  const audio = node.querySelector("audio");
  audio.src = "/api/takes/" + result.take_id + "/audio";
  const events = node.querySelector(".events");
  c.events.forEach((ev) => events.append(eventButton(ev, audio)));
  if (!c.events.length) events.append(el("span", "hint", "No pauses, questions or clipped words to jump to."));
  const body = node.querySelector(".findings tbody");
  c.findings.forEach((f) => body.append(findingRow(f, true)));
  const said = node.querySelector(".said tbody");
  c.said.forEach((f) => said.append(findingRow(f, false)));
  node.querySelector(".transcript").textContent = c.transcript ? "“" + c.transcript + "”" : "";
  c.warnings.forEach((w) => node.querySelector(".card-title").append(el("p", "when", "Note: " + w)));
  return node;
}

function showResult(result) {
  state.takes.push(result);
  const shown = state.takes.slice(-2);
  const cards = $("cards");
  cards.replaceChildren();
  cards.classList.toggle("two", shown.length === 2);
  shown.forEach((r, i) => cards.append(renderCard(r, state.takes.length - shown.length + i + 1,
    i === shown.length - 1)));
  renderComparison(result.comparison);
  $("results").hidden = false;
  const s = result.card.score;
  setStatus((s === null ? "Take analyzed (not scored)." : "Score " + s + "/100.") +
    " Press Record to try again.");
  const first = cards.lastElementChild;
  if (first) first.scrollIntoView({ behavior: "smooth", block: "start" });
}

function renderComparison(cmp) {
  const box = $("comparison");
  const list = $("moved");
  list.replaceChildren();
  box.hidden = !cmp;
  if (!cmp) return;
  if (cmp.error) { list.append(el("li", "", cmp.error)); $("cmp-html").replaceChildren(); return; }
  const data = cmp.json;
  if (data.next) list.append(el("li", "next", "Work on next: " + data.next.tip));
  const flips = new Map(data.flipped.map((f) => [f.key, f]));
  let n = 0;
  data.measures.forEach((m) => {
    const flip = flips.get(m.key);
    flips.delete(m.key);
    if (m.direction !== "toward" && m.direction !== "away" && !flip) return;
    const better = flip ? flip.better : m.direction === "toward";
    const vals = values(m.values.slice(-2), m.unit);
    const verdicts = flip ? ", " + flip.before + " → " + flip.after : "";
    list.append(el("li", better ? "toward" : "away", (better ? "Better · " : "Worse · ") + m.guideline +
      ": " + vals + verdicts));
    n++;
  });
  flips.forEach((f) => {  // the opening's steps, said or not
    list.append(el("li", f.better ? "toward" : "away", (f.better ? "Better · " : "Worse · ") +
      f.guideline + ": " + f.before + " → " + f.after));
    n++;
  });
  if (!n && data.measures.length) list.append(el("li", "", "Nothing moved much since the previous take."));
  // The comparison table comes rendered (and escaped) by the server's report renderer.
  const tpl = document.createElement("template");
  tpl.innerHTML = cmp.html;
  $("cmp-html").replaceChildren(tpl.content);
}

function fmt(v, unit, digits) {
  if (unit === "share") return (v * 100).toFixed(Math.max(0, (digits || 0) - 1)) + " %";
  if (digits === undefined) digits = Math.abs(v) >= 20 || Number.isInteger(v) ? 0 : 1;
  const counted = ["uses", "words", "times", "phrases"].includes(unit) && v === 1;
  return v.toFixed(digits) + (unit ? " " + (counted ? unit.slice(0, -1) : unit) : "");
}

function values(pair, unit) {
  // Shown with as many digits as it takes to see the change (at most three).
  const [a, b] = pair;
  if (a === null || b === null) return pair.map((v) => v === null ? "–" : fmt(v, unit)).join(" → ");
  let digits = Math.abs(a) >= 20 || (Number.isInteger(a) && Number.isInteger(b)) ? 0 : 1;
  while (digits < 3 && a !== b && fmt(a, unit, digits) === fmt(b, unit, digits)) digits++;
  return fmt(a, unit, digits) + " → " + fmt(b, unit, digits);
}

/* ---- uploading a file ---- */
function uploadFile() {
  const file = $("file").files[0];
  $("file").value = "";
  if (!file) return;
  state.stoppedAt = performance.now();
  submit(file, file.name);
}

/* ---- progress tab ---- */
async function loadProgress() {
  const agent = $("agent").value.trim();
  $("progress-agent").textContent = agent || "…";
  const img = $("progress-img");
  const msg = $("progress-msg");
  if (!agent) { msg.textContent = "Type your name on the Practice tab first."; img.hidden = true; return; }
  msg.textContent = "Loading…";
  const res = await fetch("/api/agents/" + encodeURIComponent(agent) + "/progress");
  const data = await res.json().catch(() => ({ error: "the server answered " + res.status }));
  if (!res.ok) { msg.textContent = data.error; img.hidden = true; $("progress-text").textContent = ""; return; }
  msg.textContent = data.n_takes + " take" + (data.n_takes === 1 ? "" : "s") + " stored.";
  $("progress-text").textContent = data.text;
  img.alt = "Progress of " + agent + ": each measure over the takes, target band shaded";
  img.src = "/api/agents/" + encodeURIComponent(agent) + "/progress.png?n=" + data.n_takes + "&t=" + Date.now();
  img.hidden = false;
}

function selectTab(which) {
  ["practice", "progress"].forEach((name) => {
    const on = name === which;
    const tab = $("tab-" + name);
    tab.setAttribute("aria-selected", String(on));
    tab.tabIndex = on ? 0 : -1;
    $("view-" + name).hidden = !on;
  });
  if (which === "progress") loadProgress();
}

/* ---- wiring ---- */
function setButtons() {
  $("record").disabled = state.busy || !!state.recorder;
  $("upload").disabled = state.busy || !!state.recorder;
  $("stop").disabled = !state.recorder;
}

function typing(target) {
  return target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

function init() {
  const script = $("script");
  script.value = stored("script") || DEFAULT_SCRIPT;
  script.addEventListener("input", () => store("script", script.value));
  $("script-reset").addEventListener("click", () => { script.value = DEFAULT_SCRIPT; store("script", script.value); });
  ["agent", "customer"].forEach((id) => {
    $(id).value = stored(id) || "";
    $(id).addEventListener("input", () => store(id, $(id).value));
  });
  $("record").addEventListener("click", startRecording);
  $("stop").addEventListener("click", stopRecording);
  $("upload").addEventListener("click", () => $("file").click());
  $("file").addEventListener("change", uploadFile);
  $("mic-test").addEventListener("click", async () => {
    try {
      await openMic();
      if (state.audioCtx.state === "suspended") await state.audioCtx.resume();
      setStatus("Speak: the bar should move. Then press Record.");
    } catch (e) { showError("The microphone could not be opened: " + (e.message || e.name)); }
  });
  $("tab-practice").addEventListener("click", () => selectTab("practice"));
  $("tab-progress").addEventListener("click", () => selectTab("progress"));
  $("progress-refresh").addEventListener("click", loadProgress);
  document.querySelector(".tabs").addEventListener("keydown", (ev) => {
    if (ev.key !== "ArrowRight" && ev.key !== "ArrowLeft") return;
    const next = $("tab-practice").getAttribute("aria-selected") === "true" ? "progress" : "practice";
    selectTab(next);
    $("tab-" + next).focus();
  });
  document.addEventListener("keydown", (ev) => {
    if (typing(ev.target) || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === "r" || ev.key === "R") { ev.preventDefault(); startRecording(); }
    if (ev.key === "s" || ev.key === "S") { ev.preventDefault(); stopRecording(); }
  });
  if (!window.MediaRecorder) {
    $("record").disabled = true;
    setStatus("This browser cannot record: upload a recording instead.");
  }
}

document.addEventListener("DOMContentLoaded", init);
