// Options: restore the form from storage on load, save it on submit (MDN's
// favourite-colour example). Rules live in the companion, so they are read from and saved
// to it through the background.
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const { storage, sites, patterns } = globalThis.Spotlight;
  const form = document.getElementById("options");
  const $ = (id) => document.getElementById(id);
  let rulesLoaded = false;

  function checkbox(name, value, checked, text, note) {
    const label = document.createElement("label");
    const input = document.createElement("input");
    input.type = "checkbox";
    input.name = name;
    input.value = value;
    input.checked = checked;
    label.append(input, text);
    if (note) {
      const small = document.createElement("small");
      small.textContent = note;
      label.append(small);
    }
    return label;
  }

  function parseOrigins(text) {
    const origins = {};
    const known = new Set(sites.all.map((site) => site.id));
    for (const [number, line] of text.split("\n").entries()) {
      if (!line.trim()) continue;
      const [address, adapter = "generic"] = line.trim().split(/\s+/);
      let origin;
      try {
        origin = new URL(address).origin;
      } catch {
        throw new Error(`line ${number + 1}: "${address}" is not an address like https://example.org`);
      }
      if (!/^https?:$/.test(new URL(origin).protocol)) {
        throw new Error(`line ${number + 1}: only http and https sites`);
      }
      if (!known.has(adapter)) throw new Error(`line ${number + 1}: no adapter "${adapter}"`);
      origins[origin] = adapter;
    }
    return origins;
  }

  async function restore() {
    const settings = await storage.getSettings();
    $("token").value = settings.token;
    $("port").value = settings.port;
    $("sites").replaceChildren(...sites.all
      .filter((site) => site.hosts.length)
      .map((site) => checkbox("site", site.id, settings.sites[site.id] !== false, site.name)));
    $("adapter-ids").textContent = sites.all.map((site) => site.id).join(", ");
    $("origins").value = Object.entries(settings.origins)
      .map(([origin, adapter]) => `${origin} ${adapter}`).join("\n");
    restoreWork(settings);
  }

  /** One checkbox per enabled origin: does what is written there count as work? */
  function restoreWork(settings) {
    const origins = Object.entries(settings.origins);
    $("work-hint").hidden = !origins.length;
    $("work").replaceChildren(...origins.map(([origin, adapter]) =>
      checkbox("work", origin, settings.work?.[origin] === true, origin, ` ${adapter}`)));
  }

  async function showStatus() {
    const status = await api.runtime.sendMessage({ type: "getStatus" });
    const line = $("status");
    line.className = "status";
    if (status.paired) {
      line.classList.add("connected");
      line.textContent = `Connected to the companion on port ${status.port}` +
        (status.queued ? ` (${status.queued} post(s) being delivered)` : ".");
      await restoreRules();
    } else {
      line.classList.add("problem");
      line.textContent = {
        offline: `The companion is not running on port ${status.port}. Start it with "spotlight serve".`,
        unauthorized: "The companion refused the token (a new one replaces it after " +
          "`spotlight token --rotate`): open the history page, " +
          `http://127.0.0.1:${status.port}/, once to pair again, or paste the output of ` +
          "`spotlight token` here.",
        timeout: "The companion did not answer in time.",
        origin: status.error?.message,
        blocked: status.error?.message,
      }[status.error?.code] ?? `Not connected: ${status.error?.message ?? "unknown problem"}`;
    }
    line.dataset.state = status.paired ? "connected" : (status.error?.code ?? "error");
  }

  async function restoreRules() {
    const answer = await api.runtime.sendMessage({ type: "getRules" });
    if (!answer.ok) return;
    const disabled = new Set(answer.disabled_rules ?? []);
    $("rules").replaceChildren(...(answer.rules ?? []).map((rule) => {
      const label = checkbox("rule", rule.id, !disabled.has(rule.id), rule.id,
        rule.summary ?? rule.principle);
      label.classList.add("rule");
      return label;
    }));
    rulesLoaded = true;
  }

  async function save(event) {
    event.preventDefault();
    const saved = $("saved");
    saved.textContent = "";
    let origins;
    try {
      origins = parseOrigins($("origins").value);
    } catch (error) {
      saved.textContent = error.message;
      return;
    }
    // Sites other than loopback need the user's permission. Asking needs this click, so it
    // is the first thing awaited; for origins already allowed it answers without a prompt.
    const wanted = [...new Set(Object.keys(origins).map(patterns.forOrigin))];
    const granted = wanted.length
      ? await api.permissions.request({ origins: wanted }).catch(() => false)
      : true;
    const on = new Set(new FormData(form).getAll("site"));
    const off = rulesLoaded
      ? [...form.querySelectorAll("input[name=rule]")]
        .filter((input) => !input.checked).map((input) => input.value)
      : null;
    await storage.saveSettings({
      token: $("token").value.trim(),
      port: Number($("port").value),
      sites: Object.fromEntries(sites.all
        .filter((site) => site.hosts.length)
        .map((site) => [site.id, on.has(site.id)])),
      origins,
      // Only origins still enabled keep their mark.
      work: Object.fromEntries(new FormData(form).getAll("work")
        .filter((origin) => origin in origins).map((origin) => [origin, true])),
    });
    restoreWork(await storage.getSettings());
    await api.runtime.sendMessage({ type: "syncOrigins" });
    // Pasting the token is pairing too: the companion learns this install's origin.
    if ($("token").value.trim()) await api.runtime.sendMessage({ type: "registerOrigin" });
    if (off) await api.runtime.sendMessage({ type: "setRules", disabled_rules: off });
    await showStatus();
    saved.textContent = granted
      ? "Saved."
      : "Saved, but without your permission Spotlight cannot run on the other sites listed.";
  }

  document.addEventListener("DOMContentLoaded", async () => {
    await restore();
    await showStatus();
  });
  form.addEventListener("submit", save);
})();
