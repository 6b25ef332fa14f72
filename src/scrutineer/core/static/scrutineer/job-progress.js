// Progressive enhancement of a job's progress page: without this file the page refreshes
// itself (a <noscript> meta refresh); with it, the progress updates in place, and the page
// reloads once the job is finished to offer the download or say what went wrong.
const root = document.querySelector("[data-job-status]");
if (root && root.dataset.jobFinished !== "true") {
  const summary = document.getElementById("job-summary");
  const bar = document.getElementById("job-bar");
  const poll = async () => {
    try {
      const response = await fetch(root.dataset.jobStatus, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (response.ok) {
        const job = await response.json();
        if (job.finished) {
          window.location.reload();
          return;
        }
        if (summary && summary.textContent !== job.summary) summary.textContent = job.summary;
        if (bar && job.total) bar.value = Math.min(100, Math.round((100 * job.done) / job.total));
      }
    } catch {
      // A network blip: try again on the next tick.
    }
    window.setTimeout(poll, 2000);
  };
  window.setTimeout(poll, 2000);
}
