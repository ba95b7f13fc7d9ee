// The calendar button of the day fields (templates/includes/day_field.html). The
// fields are text typed day first, because a browser draws <input type="date"> in the
// order of its own language; this borrows the browser's picker without its display:
// a hidden date input opens under the button and its choice is written back dd/mm/yyyy.
// Without showPicker() the button stays hidden and the field is typed as before.
(function () {
  "use strict";
  var probe = document.createElement("input");
  probe.type = "date";
  if (probe.type !== "date" || typeof probe.showPicker !== "function") {
    return;
  }

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  // "18/04/2018", "18-4-2018", "18.04.2018" or "2018-04-18" as yyyy-mm-dd, else "".
  function isoDay(text) {
    var match = /^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*$/.exec(text);
    var day, month, year;
    if (match) {
      day = +match[1]; month = +match[2]; year = +match[3];
    } else {
      match = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/.exec(text);
      if (!match) {
        return "";
      }
      year = +match[1]; month = +match[2]; day = +match[3];
    }
    var date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
      return "";
    }
    return year + "-" + pad(month) + "-" + pad(day);
  }

  function dayFirst(iso) {
    var parts = iso.split("-");
    return parts[2] + "/" + parts[1] + "/" + parts[0];
  }

  document.querySelectorAll("button[data-day-picker]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-day-picker"));
    if (!field) {
      return;
    }
    // Out of the tab order and of the accessibility tree: the text field is the control.
    var native = document.createElement("input");
    native.type = "date";
    native.className = "day-picker-native";
    native.tabIndex = -1;
    native.setAttribute("aria-hidden", "true");
    if (field.getAttribute("data-max")) {
      native.max = field.getAttribute("data-max");
    }
    button.parentNode.appendChild(native);
    button.hidden = false;

    button.addEventListener("click", function () {
      native.value = isoDay(field.value);
      try {
        native.showPicker();
      } catch (error) {
        // Refused (no user gesture, or the browser will not): typing still works.
        field.focus();
      }
    });
    native.addEventListener("change", function () {
      if (native.value) {
        field.value = dayFirst(native.value);
        field.dispatchEvent(new Event("input", { bubbles: true }));
      }
      field.focus();
    });
  });
})();
