// Import a platform's data export from the history page (issue 6). The file goes up in
// base64 chunks that fit the API's JSON body limit, then the companion imports it while
// this script polls the progress. Uses api(), element(), showStatus() from page.js and
// load() from app.js. Texts from the server go into the DOM as textContent only.
"use strict";

(() => {
  const form = document.getElementById("import-form");
  if (!form) return;
  const input = document.getElementById("import-file");
  const button = document.getElementById("import-start");
  const bar = document.getElementById("import-progress");
  const statusLine = document.getElementById("import-status");
  const problems = document.getElementById("import-problems");
  const STAGES = { reading: "Reading", scoring: "Scoring and storing" };

  function say(text) {
    statusLine.textContent = text;
  }

  function progress(done, total) {
    bar.hidden = false;
    bar.max = Math.max(total, 1);
    bar.value = Math.min(done, bar.max);
  }

  function base64(blob) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result).split(",", 2)[1] || "");
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(blob);
    });
  }

  async function upload(file) {
    const job = await api("/imports", {
      method: "POST",
      body: { filename: file.name, size: file.size },
    });
    for (let offset = 0; offset < file.size; offset += job.chunk_bytes) {
      const data = await base64(file.slice(offset, offset + job.chunk_bytes));
      await api(`/imports/${job.id}/chunks`, { method: "POST", body: { offset, data } });
      const sent = Math.min(offset + job.chunk_bytes, file.size);
      say(`Uploading ${file.name}: ${Math.round((sent / file.size) * 100)}%`);
      progress(sent, file.size);
    }
    await api(`/imports/${job.id}/start`, { method: "POST", body: {} });
    return job.id;
  }

  async function follow(id) {
    for (;;) {
      const job = await api(`/imports/${id}`);
      if (job.state === "done" || job.state === "failed") return job;
      const unit = job.state === "reading" ? "files" : "posts";
      say(`${STAGES[job.state] || job.state}: ${job.done.toLocaleString()} of ` +
        `${job.total.toLocaleString()} ${unit}`);
      progress(job.done, job.total);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  function network(counts) {
    if (!counts.found) return "";
    return ` Network: ${counts.found.toLocaleString()} connections, ` +
      `${(counts.added || 0).toLocaleString()} new, ` +
      `${(counts.ended || 0).toLocaleString()} no longer connected.`;
  }

  function summarise(job) {
    const s = job.summary;
    const left = Object.entries(s.ignored).map(([why, n]) => `${n} ${why}`).join(", ");
    return `${job.filename} (${s.platforms.join(", ")}): ${s.added.toLocaleString()} added, ` +
      `${s.already.toLocaleString()} already in your history` +
      (s.repeated ? `, ${s.repeated.toLocaleString()} twice in this export` : "") +
      (left ? `, left out: ${left}` : "") +
      `, ${s.unreadable.toLocaleString()} unreadable.` + network(s.connections || {});
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const file = input.files[0];
    if (!file) return;
    button.disabled = true;
    problems.replaceChildren();
    try {
      const job = await follow(await upload(file));
      if (job.state === "failed") {
        say(`Could not import: ${job.error}`);
      } else {
        say(summarise(job));
        progress(1, 1);
        for (const problem of job.summary.problems.slice(0, 5)) {
          problems.append(element("li", null, problem));
        }
        await load();
      }
    } catch (error) {
      say(`Could not import: ${error.message}`);
    } finally {
      button.disabled = false;
    }
  });
})();
