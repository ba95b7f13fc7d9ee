// Text size and contrast without a reload. The controls are plain links that
// work without this file: the server sets the cookie and sends the reader back.
(function () {
  "use strict";
  var controls = document.querySelector("[data-display-url]");
  if (!controls || !window.fetch || !window.URL) {
    return;
  }
  var root = document.documentElement;

  function apply(state) {
    state.all_classes.forEach(function (name) { root.classList.remove(name); });
    state.classes.forEach(function (name) { root.classList.add(name); });
    document.querySelectorAll("a[data-display-option]").forEach(function (control) {
      var option = control.getAttribute("data-display-option");
      var value = control.getAttribute("data-display-value");
      var off = control.getAttribute("data-display-off");
      var pressed = state[option] === value;
      control.setAttribute("aria-pressed", pressed ? "true" : "false");
      if (off) {
        // A switch: its link now asks for the other state.
        var url = new URL(control.href);
        url.searchParams.set(option, pressed ? off : value);
        control.href = url.pathname + url.search;
      }
    });
  }

  function request(url) {
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.statusText);
        }
        return response.json();
      })
      .then(apply);
  }

  document.addEventListener("click", function (event) {
    var control = event.target.closest("a[data-display-option]");
    if (!control || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    request(control.href).catch(function () {
      window.location.href = control.href;
    });
  });

  // The controls are links dressed as buttons: Space presses them, as it does a button.
  document.addEventListener("keydown", function (event) {
    var control = event.key === " " && event.target.closest && event.target.closest("a[role='button']");
    if (control) {
      event.preventDefault();
      control.click();
    }
  });

  // A page restored from the back-forward cache may predate a change made on another page.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      request(controls.getAttribute("data-display-url")).catch(function () {});
    }
  });
})();
