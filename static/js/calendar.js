// The calendar page's "Copy" button: shown only where the browser can write to the clipboard.
(function () {
  "use strict";
  var button = document.getElementById("copy-feed-url");
  if (!button || !navigator.clipboard) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(document.getElementById("feed-url").value).then(function () {
      document.getElementById("copy-status").textContent = button.dataset.copied;
    });
  });
})();
