// One tap per person: post the status in the background and show it at once.
// Without JavaScript the same buttons submit the form and the page reloads at the person.
(function () {
  "use strict";
  var list = document.querySelector(".attendance-list");
  if (!list) return;

  var search = document.getElementById("attendance-search");
  search.addEventListener("input", function () {
    var needle = search.value.trim().toLowerCase();
    list.querySelectorAll("li[data-name]").forEach(function (item) {
      item.hidden = needle !== "" && item.dataset.name.indexOf(needle) === -1;
    });
  });

  function recount() {
    var counts = { none: 0 };
    list.querySelectorAll(".attendance-form").forEach(function (form) {
      var pressed = form.querySelector('button[aria-pressed="true"]');
      var key = pressed ? pressed.value : "none";
      counts[key] = (counts[key] || 0) + 1;
    });
    document.querySelectorAll("[data-count]").forEach(function (cell) {
      cell.textContent = counts[cell.dataset.count] || 0;
    });
  }

  list.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    if (!button) return;
    event.preventDefault();
    var data = new FormData(form);
    data.set("status", button.value);
    button.disabled = true;
    fetch(form.action, { method: "POST", body: data, headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        form.querySelectorAll("button[name=status]").forEach(function (other) {
          var on = other === button;
          other.setAttribute("aria-pressed", on ? "true" : "false");
          other.classList.toggle("btn-dark", on);
          other.classList.toggle("btn-outline-dark", !on);
        });
        recount();
      })
      .catch(function () { form.submit(); })
      .finally(function () { button.disabled = false; });
  });
})();
