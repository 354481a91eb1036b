// The student page: join with the session code, then follow the projected card live over a WebSocket and vote.
// Every text from the server goes in with textContent (never as HTML). The token stays on this device only.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  let S = { en: {}, es: {} }, lang = "es", token = localStorage.getItem("plaza.token") || "";
  let state = null, socket = null, retry = 0, pendingVote = null;

  const t = (key, values) => {
    let text = (S[lang] && S[lang][key]) || (S.en && S.en[key]) || key;
    for (const [k, v] of Object.entries(values || {})) text = text.split("{" + k + "}").join(String(v));
    return text;
  };
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };

  function paintStatic() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-s]").forEach((e) => { e.textContent = t(e.dataset.s); });
  }
  function network(ok) {
    $("net").hidden = ok;
    $("net").textContent = ok ? "" : t("students.page.offline");
  }

  async function call(path, body) {
    const r = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    let data = {};
    try { data = await r.json(); } catch (e) { data = { error: "bad_request" }; }
    return { ok: r.ok, data };
  }

  function showJoin() {
    $("join").hidden = false; $("live").hidden = true; document.body.dataset.phase = "join";
    $("code").focus();
  }
  function showLive() { $("join").hidden = true; $("live").hidden = false; }

  async function join(ev) {
    ev.preventDefault();
    $("join_error").textContent = "";
    lang = $("lang").value;
    paintStatic();
    try {
      const r = await call("/join", { code: $("code").value.trim(), group: $("group").value, lang, token });
      if (!r.ok) { $("join_error").textContent = t("students.page.error." + (r.data.error || "bad_request")); return; }
      token = r.data.token; localStorage.setItem("plaza.token", token); localStorage.setItem("plaza.lang", lang);
      showLive(); render(r.data.state); connect();
    } catch (e) { $("join_error").textContent = t("students.page.offline"); }
  }

  function connect() {
    if (socket) { socket.onclose = null; socket.close(); }
    const proto = location.protocol === "https:" ? "wss://" : "ws://";
    const ws = new WebSocket(proto + location.host + "/live?token=" + encodeURIComponent(token));
    socket = ws;
    ws.onopen = () => { retry = 0; network(true); if (pendingVote) vote(pendingVote); };
    ws.onerror = () => network(false);
    ws.onmessage = (m) => { try { render(JSON.parse(m.data)); } catch (e) { /* a broken message: wait for the next */ } };
    ws.onclose = (ev) => {
      if (socket !== ws) return;
      socket = null;
      if (ev.code === 4401) { token = ""; localStorage.removeItem("plaza.token"); showJoin(); return; }
      network(false);
      retry = Math.min(retry + 1, 5);
      setTimeout(connect, 600 * retry);  // back again as soon as the network is
    };
  }

  async function vote(option) {
    if (!state) return;
    pendingVote = option;
    try {
      const r = await call("/vote", { token, round: state.round, option });
      pendingVote = null;
      if (r.ok) { render(r.data.state); return; }
      $("status").textContent = t("students.page.error." + (r.data.error || "bad_request"));
    } catch (e) { network(false); }  // sent again when the WebSocket is back
  }

  function render(s) {
    if (!s) return;
    state = s;
    if (s.lang && s.lang !== lang) { lang = s.lang; paintStatic(); }
    document.body.dataset.phase = s.phase;
    $("who").textContent = t("students.page.who", { group: s.group });
    const card = s.card, open = s.phase === "voting" && !s.voted;
    $("card").hidden = !card || s.phase === "waiting";
    if (card) {
      $("meta").textContent = t("students.page.meta", { place: card.place, turn: card.turn, turns: card.turns });
      $("title").textContent = card.title;
      $("text").textContent = card.text;
      const list = $("options"); list.replaceChildren();
      for (const o of card.options) {
        const b = el("button", undefined);
        b.type = "button"; b.dataset.option = o.id;
        if (s.shares) b.append(el("span", Math.round(100 * (s.shares[o.id] || 0)) + "%", "share"));
        b.append(el("strong", o.letter + ". "), document.createTextNode(o.label));
        if (o.stakes) b.append(el("span", t("students.page.stakes", { stakes: o.stakes }), "stakes"));
        if (!o.open) b.append(el("span", t("students.page.closed_option"), "stakes"));
        b.disabled = !open || !o.open;
        if (s.voted === o.id || s.adopted === o.id) b.classList.add("mine");
        b.addEventListener("click", () => vote(o.id));
        const li = el("li"); li.append(b); list.append(li);
      }
    }
    const letterOf = (id) => { const o = card && card.options.find((x) => x.id === id); return o ? o.letter + ". " + o.label : ""; };
    $("status").textContent =
      s.phase === "waiting" ? t("students.page.waiting")
      : s.phase === "closed" ? (s.adopted ? t("students.page.adopted", { option: letterOf(s.adopted) }) : t("students.page.no_vote"))
      : s.voted ? t("students.page.voted", { option: letterOf(s.voted) })
      : s.phase === "locked" ? t("students.page.locked") : t("students.page.vote_now");
    const rep = s.report, between = s.phase === "waiting" || s.phase === "closed";
    $("report").hidden = !(rep && between);
    if (rep) {
      $("report_title").textContent = t("students.page.report_title", { turn: rep.turn, turns: rep.turns });
      $("decisions").replaceChildren(...rep.decisions.map((d) => el("li", d)));
      $("lines").replaceChildren(...rep.lines.map((x) => {
        const tr = el("tr"); tr.append(el("td", x.label), el("td", x.value), el("td", x.change, x.verdict)); return tr;
      }));
    }
  }

  async function start() {
    try {
      const r = await fetch("/strings"); const d = await r.json();
      S = d.strings;
      lang = localStorage.getItem("plaza.lang") || ((navigator.language || "").startsWith("en") ? "en" : d.lang);
      if (!d.langs.includes(lang)) lang = d.lang;
      for (const g of d.groups) { const o = el("option", g); o.value = g; $("group").append(o); }
      $("group").parentElement.hidden = d.groups.length < 2;  // one group (a whole class): nothing to choose
      for (const l of d.langs) { const o = el("option", d.strings[l]["students.page.lang_name"]); o.value = l; $("lang").append(o); }
      $("lang").value = lang;
      $("code").value = new URLSearchParams(location.hash.slice(1)).get("code") || "";
    } catch (e) { /* the strings could not be read: the keys show, the page still works */ }
    paintStatic();
    $("lang").addEventListener("change", () => { lang = $("lang").value; paintStatic(); });
    $("join").addEventListener("submit", join);
    $("change").addEventListener("click", () => { if (state) $("group").value = state.group; showJoin(); });
    // back on the network: a fresh WebSocket at once (the old one may be dead without knowing), the vote resent
    window.addEventListener("online", () => { if (token && !$("live").hidden) connect(); });
    window.addEventListener("offline", () => network(false));
    if (token) {
      try {
        const r = await fetch("/state?token=" + encodeURIComponent(token));
        if (r.ok) { showLive(); render((await r.json()).state); connect(); return; }
      } catch (e) { /* fall through to joining again */ }
    }
    showJoin();
  }
  start();
})();
