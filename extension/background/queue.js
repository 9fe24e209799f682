// The offline queue of published posts. A post is written to storage.local *before* the
// first attempt to send it, and removed only after the companion has stored it, so a
// stopped companion, a stopped service worker or a closed browser loses nothing. The
// companion stores each post id once, so sending a post again after an answer got lost
// cannot count it twice.
(() => {
  const Spotlight = (globalThis.Spotlight ??= {});
  const api = globalThis.browser ?? globalThis.chrome;
  const { storage, companion } = Spotlight;

  const ALARM = "deliver-queue";
  // Chrome does not fire alarms more often than every 30 seconds.
  const RETRY_MINUTES = 0.5;

  async function enqueue(post) {
    await storage.updateQueue((queue) =>
      queue.some((queued) => queued.id === post.id)
        ? queue
        : [...queue, { ...post, attempts: 0, last_error: null }],
    );
  }

  let delivering = null;
  let again = false;

  /**
   * Send every queued post, oldest first; stop at the first failure that affects them all
   * (companion offline, token wrong). One run at a time: a caller arriving during a run
   * (with a post queued after the run read the queue) gets one more run, and waits for it.
   */
  function deliver() {
    if (delivering) {
      again = true;
      return delivering;
    }
    delivering = (async () => {
      let delivered = 0;
      do {
        again = false;
        delivered += await deliverAll();
      } while (again);
      return delivered;
    })().finally(() => {
      delivering = null;
    });
    return delivering;
  }

  async function deliverAll() {
    const settings = await storage.getSettings();
    let delivered = 0;
    for (const post of await storage.getQueue()) {
      const { attempts, last_error: _, ...payload } = post;
      try {
        await companion.recordPost(settings, payload);
        await storage.updateQueue((queue) => queue.filter((queued) => queued.id !== post.id));
        delivered += 1;
      } catch (error) {
        const reason = error.toJSON?.() ?? { code: "error", message: String(error) };
        await storage.updateQueue((queue) =>
          queue.map((queued) =>
            queued.id === post.id
              ? { ...queued, attempts: attempts + 1, last_error: reason }
              : queued,
          ),
        );
        // A post the companion refuses as invalid stays queued (nothing is ever dropped
        // silently) and the popup shows why; the others can still go.
        if (error.code !== "rejected") break;
      }
    }
    await scheduleRetry();
    return delivered;
  }

  async function scheduleRetry() {
    const waiting = (await storage.getQueue()).length;
    if (waiting) {
      await api.alarms.create(ALARM, { periodInMinutes: RETRY_MINUTES });
    } else {
      await api.alarms.clear(ALARM);
    }
  }

  Spotlight.queue = { ALARM, enqueue, deliver, size: async () => (await storage.getQueue()).length };
})();
