// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // The menu is open by default so that it works without JavaScript; on a
  // phone it starts collapsed behind its "Danh mục" button.
  var menu = document.querySelector(".nav-toggle");
  var phone = window.matchMedia("(max-width: 800px)");
  function fitMenu() {
    menu.open = !phone.matches;
  }
  if (menu) {
    fitMenu();
    // From now on [open] alone shows the menu (site.css hides it until then on a phone).
    menu.classList.add("nav-ready");
    // Turning a tablet or widening a window shows the full menu again.
    if (phone.addEventListener) {
      phone.addEventListener("change", fitMenu);
    }
  }

  // "Khác": without this file the first four categories sit in the row and the rest
  // under "Khác". Here the row takes as many as fit its width, whatever their names,
  // and "Khác" only what is left; on a phone, where the menu is a column, it takes none.
  var nav = document.querySelector(".main-nav");
  var row = nav && nav.querySelector(".nav-list");
  var more = row && row.querySelector(":scope > .nav-more");
  if (more) {
    var moreList = more.querySelector(".nav-more-list");
    var items = Array.prototype.slice.call(row.querySelectorAll(":scope > li:not(.nav-more)"))
      .concat(Array.prototype.slice.call(moreList.children));
    var fitRow = function () {
      nav.classList.add("nav-fitted");
      items.forEach(function (item) { row.insertBefore(item, more); });
      more.hidden = true;
      if (phone.matches || row.scrollWidth <= row.clientWidth) {
        return;
      }
      more.hidden = false;
      // Never the first item (the home page): the row keeps at least it and "Khác".
      for (var last = items.length - 1; last > 0 && row.scrollWidth > row.clientWidth; last--) {
        moreList.insertBefore(items[last], moreList.firstChild);
      }
    };
    fitRow();
    if (document.fonts && document.fonts.ready) {
      document.fonts.ready.then(fitRow);
    }
    var resized;
    window.addEventListener("resize", function () {
      window.clearTimeout(resized);
      resized = window.setTimeout(fitRow, 100);
    });
    var details = more.querySelector("details");
    // A disclosure that floats over the page closes as a menu does: Escape, or a click elsewhere.
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && details.open) {
        details.open = false;
        details.querySelector("summary").focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (details.open && !details.contains(event.target)) {
        details.open = false;
      }
    });
  }

  document.addEventListener("click", function (event) {
    var back = event.target.closest("[data-history-back]");
    if (back && window.history.length > 1 && document.referrer) {
      event.preventDefault();
      window.history.back();
      return;
    }
    if (event.target.closest("[data-print]")) {
      event.preventDefault();
      window.print();
    }
  });
})();
