// Sidebar enhancements: the calendar changes month in place, and the links
// select opens the chosen site. Without this file the calendar's links load
// the month's page and the links are a plain list.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-calendar] [data-calendar-fragment]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
      return;
    }
    var block = link.closest("[data-calendar]");
    event.preventDefault();
    fetch(link.getAttribute("data-calendar-fragment"), { headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var fresh = holder.querySelector("[data-calendar]");
        if (!fresh) {
          throw new Error("no calendar");
        }
        block.replaceWith(fresh);
        // Keyboard and screen reader users land on the new month's caption.
        fresh.querySelector("[data-calendar-table]").focus();
      })
      .catch(function () {
        window.location.assign(link.href);
      });
  });

  document.querySelectorAll("[data-links-form]").forEach(function (form) {
    var select = form.querySelector("[data-links-select]");
    var list = form.parentNode.querySelector("[data-links-list]");
    form.hidden = false;
    if (list) {
      list.hidden = true;
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var url = select.value;
      if (/^https?:\/\//i.test(url)) {
        window.open(url, "_blank", "noopener");
      }
    });
  });
})();
