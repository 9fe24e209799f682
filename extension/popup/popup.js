// The popup: is the companion reachable, how many posts wait for it, this week's give
// ratio, and the way to the history page. Asking for the status also delivers the queue.
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const $ = (id) => document.getElementById(id);

  const percent = (ratio) => `${Math.round(ratio * 100)}%`;

  async function render() {
    const status = await api.runtime.sendMessage({ type: "getStatus" });
    const companion = $("companion");
    companion.dataset.state = status.paired ? "connected" : (status.error?.code ?? "error");
    companion.textContent = status.paired
      ? `Companion connected (port ${status.port})`
      : ["origin", "blocked"].includes(status.error?.code)
        ? status.error.message // names the origin refused, or what to allow and where
        : status.reachable
          ? "Companion running, but not paired: open the history page or the options"
          : `Companion not reachable on port ${status.port}`;
    $("queue").dataset.count = String(status.queued);
    $("queue").textContent = status.queued
      ? `${status.queued} post${status.queued === 1 ? "" : "s"} waiting to be recorded`
      : "No posts waiting";
    $("ratio").textContent = status.give_ratio === null
      ? (status.paired ? "No posts recorded this week yet" : "")
      : `This week ${percent(status.give_ratio)} of your posts lifted others up` +
        (status.goal === null ? "" : ` (goal ${percent(status.goal)})`);
    $("history").href = status.history_url;
  }

  render();
})();
