// The print view: shows its "In bài viết" button, and keeps "In lúc ..." at the
// moment of printing, in the portal's time zone (the server writes the moment
// the page was made, and a page served from a cache is older).
(function () {
  "use strict";
  // The button needs JavaScript (site.js handles its click); without it, it stays hidden.
  document.querySelectorAll("[data-print][hidden]").forEach(function (button) {
    button.hidden = false;
  });
  var stamp = document.querySelector("[data-printed-at]");
  if (!stamp || !window.Intl || !Intl.DateTimeFormat.prototype.formatToParts) {
    return;
  }
  var format = new Intl.DateTimeFormat("en-GB", {
    timeZone: stamp.getAttribute("data-time-zone") || undefined,
    year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23"
  });

  function update() {
    var now = new Date();
    var parts = {};
    format.formatToParts(now).forEach(function (part) { parts[part.type] = part.value; });
    stamp.textContent = parts.day + "/" + parts.month + "/" + parts.year + " " + parts.hour + ":" + parts.minute;
    stamp.setAttribute("datetime", now.toISOString());
  }

  update();
  window.addEventListener("beforeprint", update);
})();
