// Upload progress: ask the status endpoint every second and show each file's state; when
// every file is read, reload so the page links each file's review. Text only (textContent),
// never markup: file names and errors come from the user's files.
(function () {
  "use strict";
  const box = document.getElementById("upload-progress");
  if (!box || box.dataset.state === "done") return;
  const STATE = {queued: "排队中", reading: "读取中", ready: "已读取,待核对", failed: "读取失败"};
  const INTERVAL_MS = 1000;

  function show(status) {
    status.files.forEach((file, n) => {
      const row = box.querySelector(`tr[data-file="${n}"]`);
      if (!row) return;
      row.className = "state-" + file.state;
      row.querySelector(".state").textContent = STATE[file.state] || file.state;
      if (file.state === "failed") row.querySelector(".note").textContent = file.error;
    });
    const count = box.querySelector(".done-count");
    if (count) count.textContent = String(status.done);
  }

  function poll() {
    fetch(box.dataset.status, {headers: {Accept: "application/json"}, credentials: "same-origin"})
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((status) => {
        show(status);
        if (status.state === "done") window.location.reload();
        else window.setTimeout(poll, INTERVAL_MS);
      })
      .catch(() => window.setTimeout(poll, INTERVAL_MS * 5));
  }

  window.setTimeout(poll, INTERVAL_MS / 2);
})();
