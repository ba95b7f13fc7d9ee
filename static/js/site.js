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
    // Turning a tablet or widening a window shows the full menu again.
    if (phone.addEventListener) {
      phone.addEventListener("change", fitMenu);
    }
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
