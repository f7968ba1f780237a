// Live campaign page: listens to the campaign's feed (GET /v1/campaigns/{id}/events, the session cookie
// authorises it) and refreshes the counts, KPI cards, progress and status from /campaigns/{id}/live, which the
// server formats (no figure is computed here). Without JavaScript the page is still complete, only not live.
const page = document.querySelector("[data-campaign-page]");
if (page && "EventSource" in window) {
  const id = page.dataset.campaignPage;
  const state = document.querySelector("[data-live-state]");
  let pending = null;

  const show = (selector, value) => {
    for (const element of document.querySelectorAll(selector)) {
      if (element.textContent !== String(value)) element.textContent = value;
    }
  };

  const refresh = async () => {
    pending = null;
    try {
      const response = await fetch(`/campaigns/${id}/live`, { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const live = await response.json();
      for (const [name, value] of Object.entries(live.kpis)) show(`[data-kpi="${name}"]`, value);
      for (const [name, value] of Object.entries(live.counts)) show(`[data-count="${name}"]`, value);
      show("[data-finished]", live.finished);
      for (const badge of document.querySelectorAll("[data-status]")) {
        badge.textContent = live.status;
        badge.className = `badge ${live.status}`;
      }
      const bar = document.querySelector("[data-progress]");
      if (bar) {
        bar.setAttribute("aria-valuenow", live.percent);
        bar.firstElementChild.style.width = `${live.percent}%`;
      }
    } catch {
      // The next event retries.
    }
  };

  const schedule = () => {
    if (!pending) pending = setTimeout(refresh, 500);
  };

  const feed = new EventSource(`/v1/campaigns/${id}/events`);
  feed.addEventListener("open", () => { if (state) state.textContent = "Live: updating as calls happen."; });
  feed.addEventListener("error", () => { if (state) state.textContent = "Live updates paused; reconnecting…"; });
  feed.addEventListener("counts", (event) => {
    const counts = JSON.parse(event.data);
    for (const [name, value] of Object.entries(counts)) show(`[data-count="${name}"]`, value);
    schedule();
  });
  feed.onmessage = schedule;
  for (const type of ["call.started", "call.ended", "campaign.status.changed", "campaign.lead.updated"]) {
    feed.addEventListener(type, schedule);
  }
  // Leaving the page (a lead search, a filter) ends the stream at once rather than when the socket is reaped.
  window.addEventListener("pagehide", () => feed.close());
}
