// Keeps the report's state current while it is queued or being built: asks the status endpoint
// every few seconds and updates the text and the download link. Without JavaScript, a reload does the same.
(function () {
  "use strict";
  var box = document.getElementById("report-status");
  if (!box || box.dataset.pending !== "true") return;
  var label = box.querySelector("[data-report-label]");
  var download = box.querySelector("[data-report-download]");
  var link = box.querySelector("[data-report-link]");
  var finished = box.querySelector("[data-report-finished]");
  var classes = { ready: "alert-success", failed: "alert-danger", queued: "alert-info", building: "alert-info" };

  function poll() {
    fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (status) {
        label.textContent = status.label;
        box.classList.remove("alert-success", "alert-danger", "alert-info", "alert-light");
        box.classList.add(classes[status.state] || "alert-light");
        if (status.state === "ready") {
          link.href = status.download_url;
          var summary = box.querySelector("[data-report-summary-link]");
          if (summary && status.summary_url) {
            summary.href = status.summary_url;
            summary.hidden = false;
          }
          finished.textContent = status.finished || "";
          download.hidden = false;
        }
        if (status.pending) window.setTimeout(poll, 2000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
