/* Ask for the text alternative of every image put into the article's body.
 *
 * CKEditor offers the "change text alternative" button on a selected image;
 * editors rarely find it, so its form opens by itself when an image arrives
 * without one. The body editor is made by django-ckeditor-5 on DOMContentLoaded:
 * this listener, added earlier, registers before the editor exists.
 */
"use strict";

// A press outside the open alt-text form closes it, and CKEditor then moves
// the focus into the form's own button, scrolling the page up under the
// pointer: a press on a button of the article form would then miss it.
// Those presses are kept from CKEditor, and the page leaves anyway.
window.addEventListener(
  "mousedown",
  (event) => {
    if (event.target instanceof Element && event.target.closest(".submit-row")) {
      event.stopPropagation();
    }
  },
  true,
);

document.addEventListener("DOMContentLoaded", () => {
  if (typeof window.ckeditorRegisterCallback !== "function") {
    return;
  }
  window.ckeditorRegisterCallback("id_body", (editor) => {
    if (!editor.plugins.has("ImageTextAlternativeUI")) {
      return;
    }
    const altUI = editor.plugins.get("ImageTextAlternativeUI");
    const isImage = (node) => node && (node.is("element", "imageBlock") || node.is("element", "imageInline"));
    editor.model.document.on("change:data", () => {
      const inserted = editor.model.document.differ
        .getChanges()
        .filter((change) => change.type === "insert" && isImage(change.position.nodeAfter))
        .map((change) => change.position.nodeAfter)
        .filter((image) => !image.getAttribute("alt"));
      if (!inserted.length) {
        return;
      }
      const image = inserted[inserted.length - 1];
      // After the insertion has been rendered, so that the balloon finds the image.
      window.setTimeout(() => {
        if (!image.root || image.root.rootName === "$graveyard") {
          return;
        }
        editor.model.change((writer) => writer.setSelection(image, "on"));
        altUI._showForm();
      }, 0);
    });
  });
});
