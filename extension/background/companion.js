// The companion client: the only code that makes HTTP requests to the Spotlight companion
// (http://127.0.0.1:PORT/api/v1). Every call has a timeout; failures become a
// CompanionError whose `code` says what the user can do about it:
//   offline      nothing answers on that port (companion not running)
//   timeout      it did not answer in time
//   unauthorized the token is missing or wrong (pair again)
//   origin       the companion does not allow this extension's origin (pair again from the
//                history page); the message names the origin
//   blocked      no answer, and the browser denies the extension local network access
//                (Local Network Access): the message says what to allow and where
//   rejected     the companion refused the request as invalid (4xx); retrying cannot help
//   server       the companion failed (5xx)
(() => {
  const Spotlight = (globalThis.Spotlight ??= {});

  class CompanionError extends Error {
    constructor(code, message, status = 0) {
      super(message);
      this.name = "CompanionError";
      this.code = code;
      this.status = status;
    }

    /** Whether sending the same request later may succeed. */
    get retryable() {
      return this.code !== "rejected";
    }

    toJSON() {
      return { code: this.code, message: this.message, status: this.status };
    }
  }

  // Permission names browsers give to requests from an extension or page to loopback.
  const LOCAL_NETWORK_PERMISSIONS = ["loopback-network", "local-network-access", "local-network"];

  /** Where the user allows this extension to reach the companion, if the browser asks. */
  function allowHint() {
    const own = globalThis.location?.origin ?? "";
    return own.startsWith("moz-extension:")
      ? "allow Spotlight to access this device's local network: Firefox's prompt, or " +
        "Settings > Privacy & Security > Permissions"
      : `allow "Local network access" for Spotlight: chrome://settings/content/siteDetails?site=${encodeURIComponent(own)}`;
  }

  /** Whether the browser has denied this extension the loopback network (LNA). */
  async function localNetworkDenied() {
    for (const name of LOCAL_NETWORK_PERMISSIONS) {
      try {
        if ((await navigator.permissions.query({ name })).state === "denied") return true;
      } catch {
        // This browser does not know that permission name.
      }
    }
    return false;
  }

  function baseUrl(settings) {
    return `http://127.0.0.1:${settings.port}`;
  }

  async function request(settings, method, path, body, { timeoutMs = 5000, auth = true } = {}) {
    if (auth && !settings.token) {
      throw new CompanionError("unauthorized", "Not paired yet: paste the token in the options");
    }
    const headers = {};
    if (auth) headers.Authorization = `Bearer ${settings.token}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let response;
    try {
      response = await fetch(`${baseUrl(settings)}/api/v1${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
        cache: "no-store",
        credentials: "omit",
      });
    } catch (error) {
      if (error.name === "AbortError") {
        throw new CompanionError("timeout", `The companion did not answer within ${timeoutMs} ms`);
      }
      if (await localNetworkDenied()) {
        // A refused request and a stopped companion fail alike: say both.
        throw new CompanionError("blocked", `Nothing answered on port ${settings.port}, and ` +
          `the browser denies Spotlight local network access: if the companion is running, ` +
          allowHint());
      }
      throw new CompanionError("offline", `The companion is not running on port ${settings.port}`);
    } finally {
      clearTimeout(timer);
    }
    const data = await response.json().catch(() => null);
    if (response.ok) return data;
    const message = data?.error?.message ?? `HTTP ${response.status}`;
    if (data?.error?.code === "bad_origin") {
      throw new CompanionError("origin", `The companion refuses this extension's origin ` +
        `${globalThis.location?.origin}: open the history page to pair again`, response.status);
    }
    if (response.status === 401 || response.status === 403) {
      throw new CompanionError("unauthorized", message, response.status);
    }
    if (response.status >= 500 || response.status === 408 || response.status === 429) {
      throw new CompanionError("server", message, response.status);
    }
    throw new CompanionError("rejected", message, response.status);
  }

  /** Retry a request that is safe to repeat, after short pauses, unless it was refused. */
  async function withRetries(call, { attempts = 2, pauseMs = 300 } = {}) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await call();
      } catch (error) {
        const again = error instanceof CompanionError && error.retryable
          && !["unauthorized", "origin", "blocked"].includes(error.code) && attempt < attempts;
        if (!again) throw error;
        await new Promise((resolve) => setTimeout(resolve, pauseMs * attempt));
      }
    }
  }

  Spotlight.companion = {
    CompanionError,
    baseUrl,
    historyUrl: (settings) => `${baseUrl(settings)}/`,
    health: (settings) =>
      request(settings, "GET", "/health", undefined, { auth: false, timeoutMs: 2000 }),
    // A score is only useful now: no retries, the next pause in typing asks again.
    score: (settings, draft) => request(settings, "POST", "/score", draft, { timeoutMs: 4000 }),
    // Idempotent on post.id, so a retry after a lost answer cannot count a post twice.
    recordPost: (settings, post) =>
      withRetries(() => request(settings, "POST", "/posts", post, { timeoutMs: 8000 })),
    getSettings: (settings) => withRetries(() => request(settings, "GET", "/settings")),
    putSettings: (settings, patch) => request(settings, "PUT", "/settings", patch),
    trends: (settings) => withRetries(() => request(settings, "GET", "/trends?bucket=week")),
    // A POST, so that the browser sends our Origin (Firefox sends none on a GET): whether
    // the companion allows it, and with register, make it allow it (the token proves us).
    pairing: (settings, register) =>
      request(settings, "POST", "/pairing", { register }, { timeoutMs: 4000 }),
  };
})();
