// Counts the visit (and, on an article, the view) once the page is really
// shown, then puts the live numbers in place of those rendered in the page,
// which may come from a cache. Without this file the <noscript> image counts.
(function () {
  "use strict";
  var target = document.querySelector(".view-count[data-hit-url]") ||
    document.querySelector("[data-hit-url]");
  if (!target || !window.fetch) {
    return;
  }

  function put(name, value) {
    if (typeof value !== "number") {
      return;
    }
    var elements = document.querySelectorAll("[data-counter='" + name + "']");
    Array.prototype.forEach.call(elements, function (element) {
      if (name === "visits") {
        var digits = String(value).split("").map(function (digit) {
          var span = document.createElement("span");
          span.className = "digit";
          span.textContent = digit;
          return span;
        });
        element.replaceChildren.apply(element, digits);
        element.setAttribute("aria-label", "Số lượt truy cập: " + value);
      } else {
        element.textContent = String(value);
      }
    });
  }

  function count() {
    fetch(target.getAttribute("data-hit-url"), {
      method: "POST",
      keepalive: true,
      // The browser keeps the visitor cookie the first answer sets and sends
      // it back here: a reader known by it is counted whatever its address,
      // while new visitors from one address (people behind one carrier NAT)
      // share a small allowance per minute.
      credentials: "same-origin",
      headers: {"Content-Type": "application/json"},
      body: "{}"
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (numbers) {
      if (numbers) {
        ["visits", "today", "online", "views"].forEach(function (name) {
          put(name, numbers[name]);
        });
      }
    }).catch(function () {
      // The numbers rendered in the page stay; counting is never worth an error.
    });
  }

  // A prerendered page that is never shown was not read.
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", count, {once: true});
  } else {
    count();
  }
})();
