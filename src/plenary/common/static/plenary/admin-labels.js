// The back office's search-as-you-type choices (select2) show their text in a box that screen
// readers read as a text field; it is given the name of the choice it stands for. Select2 builds
// its boxes when jQuery is ready (and for each inline row added), so the boxes are named as soon
// as they appear in the page.
(function () {
  "use strict";
  function nameBoxes() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var name = select.getAttribute("aria-label") || select.getAttribute("data-placeholder") || "";
      var container = select.parentElement;
      if (!name || !container) {
        return;
      }
      container.querySelectorAll(".select2-selection__rendered").forEach(function (box) {
        if (box.getAttribute("aria-label") !== name) {
          box.setAttribute("aria-label", name);
        }
      });
    });
  }
  new MutationObserver(function (changes) {
    for (var i = 0; i < changes.length; i++) {
      if (changes[i].addedNodes.length) {
        nameBoxes();
        return;
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
