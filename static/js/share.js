// "Sao chép liên kết": copy the article's address and say so. Without this
// file the button stays hidden; the share links need no script.
(function () {
  "use strict";
  var button = document.querySelector("[data-copy-link]");
  var status = document.querySelector("[data-copy-status]");
  if (!button || !status) {
    return;
  }

  function fallbackCopy(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.className = "visually-hidden";
    document.body.appendChild(field);
    field.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    document.body.removeChild(field);
    return copied ? Promise.resolve() : Promise.reject(new Error("copy"));
  }

  button.hidden = false;
  button.addEventListener("click", function () {
    var text = button.getAttribute("data-copy-link");
    var copy = navigator.clipboard && window.isSecureContext
      ? navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); })
      : fallbackCopy(text);
    copy.then(
      function () { status.textContent = "Đã sao chép liên kết."; },
      function () { status.textContent = "Không sao chép được. Liên kết: " + text; }
    );
  });
})();
